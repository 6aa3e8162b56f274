// lsp.test.js - drives remit-lsp with vscode-languageserver-protocol (the
// protocol library VS Code's client is built on) over the bundled examples:
// diagnostics, hover, definition, references, rename, completion, code
// actions, edits with non-ASCII text, the diagram request, formatting,
// symbols, semantic tokens, folding and the shutdown/exit protocol.
//
// Environment: REMIT_LSP (the server; default build/bin/remit-lsp), REMITC
// (the compiler, to compare the server's findings with `remitc check`;
// default build/bin/remitc), REMIT_SOURCE_DIR (the repository; default three
// levels up).
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { RemitClient, uriOf, pathOf, find, positionAt, offsetAt, applyEdits } = require('../lib/client');

const repo = process.env.REMIT_SOURCE_DIR || path.resolve(__dirname, '../../../..');
const serverPath = process.env.REMIT_LSP || path.join(repo, 'build/bin/remit-lsp');
const remitcPath = process.env.REMITC || path.join(repo, 'build/bin/remitc');
// Pinned so that date-dependent findings (lapsed trade-offs) never drift.
const AS_OF = '2026-11-01';
const TIMEOUT = 60000;

// JSON-RPC / LSP error codes.
const INVALID_PARAMS = -32602;
const REQUEST_FAILED = -32803;

/** A fresh copy of an example in a temporary directory. */
function copyExample(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `remit-e2e-${name}-`));
  fs.cpSync(path.join(repo, 'examples', name), dir, { recursive: true });
  // The server resolves symlinks (/tmp may be one): compare real paths.
  return fs.realpathSync(dir);
}

/** The text a range covers. */
function textAt(text, range) {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

function codes(publication) {
  return publication.diagnostics.map((d) => d.code).sort();
}

/** `remitc check --format json` findings as `file:line:check` (1-based lines). */
function cliFindings(dir) {
  let out;
  try {
    out = execFileSync(remitcPath, ['check', dir, '--format', 'json', '--as-of', AS_OF, '--color', 'never'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = e.stdout; // exit 1: the examples have errors on purpose
  }
  const result = JSON.parse(out);
  return result.diagnostics.map((d) => {
    const file = path.basename(d.file);
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    // byteRange is in bytes; the examples are ASCII, so bytes are UTF-16 units.
    const line = positionAt(text, d.byteRange.begin).line;
    return `${file}:${line}:${d.check}`;
  }).sort();
}

function lspFindings(client, dir) {
  const out = [];
  for (const [uri, p] of client.diagnostics) {
    if (!pathOf(uri).startsWith(dir + path.sep)) continue;
    for (const d of p.diagnostics) out.push(`${path.basename(pathOf(uri))}:${d.range.start.line}:${d.code}`);
  }
  return out.sort();
}

/**
 * Words outside comments and strings, counted: an independent count of the
 * places a name occurs in the examples.
 */
function countName(dir, name) {
  let n = 0;
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.remit'))) {
    const code = fs.readFileSync(path.join(dir, f), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, ' ')
      .replace(/\/\/.*$/gm, ' ')
      .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
    n += (code.match(new RegExp(`(?<![\\w.])${name}(?![\\w])`, 'g')) || []).length;
  }
  return n;
}

/** Applies a WorkspaceEdit through the client (opening files it touches), as VS Code does. */
async function applyWorkspaceEdit(client, edit) {
  const versions = {};
  for (const [uri, edits] of Object.entries(edit.changes || {})) {
    if (!client.documents.has(uri)) await client.open(pathOf(uri));
    versions[uri] = await client.edit(uri, edits);
  }
  return versions;
}

/** Waits until every open document's diagnostics for its current version have arrived. */
function settle(client) {
  return Promise.all([...client.documents.keys()].map((uri) => client.waitForVersion(uri, client.version(uri), TIMEOUT)));
}

async function expectError(promise, code, pattern) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.code, code, `error code of: ${e.message}`);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

function labels(completion) {
  const items = Array.isArray(completion) ? completion : completion.items;
  return items.map((i) => i.label);
}

describe('insurer-product', { timeout: 5 * TIMEOUT }, () => {
  let dir;
  let client;
  let tech; // technology.remit's URI
  let model; // model.remit's URI
  let initResult;

  before(async () => {
    dir = copyExample('insurer-product');
    client = new RemitClient(serverPath);
    initResult = await client.initialize(dir, { asOf: AS_OF });
    tech = await client.open(path.join(dir, 'technology.remit'));
  });

  after(async () => {
    if (client) client.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('initialize advertises the features under test', () => {
    const caps = initResult.capabilities;
    assert.equal(initResult.serverInfo.name, 'remit-lsp');
    assert.equal(caps.positionEncoding, 'utf-16');
    assert.equal(caps.textDocumentSync.change, 2); // incremental
    for (const p of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider',
      'workspaceSymbolProvider', 'documentFormattingProvider', 'foldingRangeProvider'])
      assert.equal(caps[p], true, p);
    assert.equal(caps.renameProvider.prepareProvider, true);
    assert.ok(caps.completionProvider.triggerCharacters.includes('.'));
    assert.ok(caps.semanticTokensProvider.full);
    assert.ok(caps.semanticTokensProvider.legend.tokenTypes.length > 0);
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix']);
    assert.equal(caps.experimental.remitDiagramProvider, true);
  });

  it('publishes the planted findings for every file of the workspace', async () => {
    const files = ['customer_success', 'finance_actuarial', 'model', 'product', 'technology'];
    const pubs = {};
    for (const f of files) pubs[f] = await client.waitForDiagnostics(uriOf(path.join(dir, `${f}.remit`)), () => true, TIMEOUT);
    await client.waitForVersion(tech, 1, TIMEOUT);
    assert.equal(client.diagnostics.get(tech).version, 1, 'the open document carries its version');
    // The README's deliberate conflicts, file by file.
    const planted = {
      customer_success: ['glossary.divergent-term', 'handoff.cross-purpose'],
      finance_actuarial: ['glossary.divergent-term', 'key-person.single-point', 'ownership.orphaned'],
      model: ['bottleneck.escalation-fan-in', 'bottleneck.owner-load', 'tradeoff.expired'],
      product: ['decision.consensus-stall'],
      technology: ['objective.local-optimisation', 'objective.local-optimisation', 'ownership.double'],
    };
    for (const f of files) {
      const got = codes(client.diagnostics.get(uriOf(path.join(dir, `${f}.remit`))));
      for (const c of planted[f]) assert.ok(got.includes(c), `${f}.remit: ${c} missing from ${got}`);
    }
    // The same findings, on the same lines, as `remitc check`.
    assert.deepEqual(lspFindings(client, dir), cliFindings(dir));
  });

  it('diagnostics carry their check name, a docs link and notes', async () => {
    const techText = client.text(tech);
    const double = client.diagnostics.get(tech).diagnostics.find((d) => d.code === 'ownership.double');
    assert.ok(double);
    assert.equal(double.severity, 1); // error
    assert.match(double.message, /`target_architecture` has 2 owners \(`cio` and `chief_architect`\)/);
    assert.match(double.codeDescription.href, /^https:\/\/.*ownership\.double\.md$/);
    assert.equal(textAt(techText, double.range), 'chief_architect');
    assert.ok(double.relatedInformation.length >= 1);
    const also = double.relatedInformation[0];
    assert.equal(also.location.uri, tech);
    assert.equal(textAt(techText, also.location.range), 'cio');
    assert.match(also.message, /`cio` is also an owner/);

    const finUri = uriOf(path.join(dir, 'finance_actuarial.remit'));
    const fin = client.diagnostics.get(finUri).diagnostics;
    const priority = fin.find((d) => d.code === 'glossary.divergent-term');
    assert.match(priority.message, /^3 versions of `priority`/);
    assert.equal(priority.severity, 2); // warning
    const relatedFiles = priority.relatedInformation.map((r) => path.basename(pathOf(r.location.uri))).sort();
    assert.deepEqual(relatedFiles, ['product.remit', 'technology.remit']);
    for (const r of priority.relatedInformation) {
      const t = fs.readFileSync(pathOf(r.location.uri), 'utf8');
      assert.equal(textAt(t, r.location.range), 'priority');
    }
    // A note in the stdlib has no file to point at: it joins the message.
    const orphaned = fin.find((d) => d.code === 'ownership.orphaned');
    assert.match(orphaned.message, /`claims_platform_renewal` has no `accountable`/);
    assert.match(orphaned.message, /\nnote: `accountable` is the owner right of framework `raci`/);
  });

  it('hover on a role shows its unit, reporting line and escalation', async () => {
    const text = client.text(tech);
    const pos = find(text, 'escalates_to cio after 2d', { delta: 'escalates_to '.length });
    const hover = await client.request('textDocument/hover', { textDocument: { uri: tech }, position: pos });
    assert.equal(hover.contents.kind, 'markdown');
    const md = hover.contents.value;
    assert.match(md, /\*\*role\*\* `cio`/);
    assert.match(md, /Chief Information Officer/);
    assert.match(md, /unit `executive_team`/);
    assert.match(md, /reports to `ceo`/);
    assert.match(md, /escalation: `cio` → `ceo` \(final\)/);
    assert.equal(textAt(text, hover.range), 'cio');
    // Nothing to say on a keyword-free blank.
    const blank = await client.request('textDocument/hover', { textDocument: { uri: tech }, position: { line: 7, character: 0 } });
    assert.equal(blank, null);
  });

  it('definition of a reference jumps to the declaration in another file', async () => {
    const text = client.text(tech);
    const pos = find(text, 'reports_to cio', { delta: 'reports_to '.length + 1 });
    const def = await client.request('textDocument/definition', { textDocument: { uri: tech }, position: pos });
    const loc = Array.isArray(def) ? def[0] : def;
    const modelText = fs.readFileSync(path.join(dir, 'model.remit'), 'utf8');
    assert.equal(loc.uri, uriOf(path.join(dir, 'model.remit')));
    assert.deepEqual(loc.range.start, find(modelText, 'role cio "', { delta: 5 }));
    assert.equal(textAt(modelText, loc.range), 'cio');
  });

  it('references find every occurrence across files', async () => {
    const text = client.text(tech);
    const pos = find(text, 'accountable cio', { delta: 'accountable '.length });
    const expected = countName(dir, 'cio');
    const withDecl = await client.request('textDocument/references',
      { textDocument: { uri: tech }, position: pos, context: { includeDeclaration: true } });
    assert.equal(withDecl.length, expected);
    const files = new Set(withDecl.map((l) => path.basename(pathOf(l.uri))));
    assert.deepEqual([...files].sort(), ['customer_success.remit', 'finance_actuarial.remit', 'model.remit', 'product.remit', 'technology.remit']);
    for (const l of withDecl) assert.equal(textAt(fs.readFileSync(pathOf(l.uri), 'utf8'), l.range), 'cio');
    const withoutDecl = await client.request('textDocument/references',
      { textDocument: { uri: tech }, position: pos, context: { includeDeclaration: false } });
    assert.equal(withoutDecl.length, expected - 1);
  });

  it('rename edits every occurrence across files, and the model stays the same', async () => {
    const text = client.text(tech);
    const pos = find(text, 'accountable cio', { delta: 'accountable '.length + 2 });
    const prep = await client.request('textDocument/prepareRename', { textDocument: { uri: tech }, position: pos });
    assert.equal(textAt(text, prep.range || prep), 'cio');
    const edit = await client.request('textDocument/rename', { textDocument: { uri: tech }, position: pos, newName: 'chief_info_officer' });
    const all = Object.entries(edit.changes);
    assert.equal(all.length, 5, 'every file of the example mentions cio');
    assert.equal(all.reduce((n, [, es]) => n + es.length, 0), countName(dir, 'cio'));
    for (const [uri, es] of all) {
      const t = fs.readFileSync(pathOf(uri), 'utf8');
      for (const e of es) {
        assert.equal(textAt(t, e.range), 'cio');
        assert.equal(e.newText, 'chief_info_officer');
      }
    }
    const before = lspFindings(client, dir);
    await applyWorkspaceEdit(client, edit);
    await settle(client);
    // Same findings on the same lines, now naming the new role.
    assert.deepEqual(lspFindings(client, dir), before);
    const double = client.diagnostics.get(tech).diagnostics.find((d) => d.code === 'ownership.double');
    assert.match(double.message, /`chief_info_officer` and `chief_architect`/);
    // And back.
    const back = await client.request('textDocument/rename', {
      textDocument: { uri: tech },
      position: find(client.text(tech), 'accountable chief_info_officer', { delta: 'accountable '.length }),
      newName: 'cio',
    });
    await applyWorkspaceEdit(client, back);
    await settle(client);
    for (const uri of client.documents.keys())
      assert.equal(client.text(uri), fs.readFileSync(pathOf(uri), 'utf8'), `${uri} is back to the disk text`);
    assert.deepEqual(lspFindings(client, dir), before);
    model = uriOf(path.join(dir, 'model.remit'));
    assert.ok(client.documents.has(model), 'the rename opened model.remit');
  });

  it('rename to an existing name, or of a standard-library name, fails', async () => {
    const text = client.text(tech);
    const cio = find(text, 'accountable cio', { delta: 'accountable '.length });
    await expectError(client.request('textDocument/rename', { textDocument: { uri: tech }, position: cio, newName: 'ceo' }),
      REQUEST_FAILED, /cannot rename `cio` to `ceo`: a role `ceo` is already declared/);
    const right = find(text, 'accountable cio');
    await expectError(client.request('textDocument/rename', { textDocument: { uri: tech }, position: right, newName: 'owner' }),
      REQUEST_FAILED, /`accountable` is declared in the standard library/);
    await expectError(client.request('textDocument/prepareRename', { textDocument: { uri: tech }, position: right }),
      REQUEST_FAILED, /standard library/);
    const modelText = client.text(model);
    const framework = find(modelText, '{ framework raci }', { delta: '{ framework '.length });
    await expectError(client.request('textDocument/rename', { textDocument: { uri: model }, position: framework, newName: 'ours' }),
      REQUEST_FAILED, /`raci` is declared in the standard library/);
    await expectError(client.request('textDocument/rename', { textDocument: { uri: tech }, position: cio, newName: 'not a name' }),
      REQUEST_FAILED);
  });

  it('completion offers the framework rights inside a decision', async () => {
    const text = client.text(tech);
    const at = find(text, '  informed product\n}', { delta: '  informed product'.length });
    const v = await client.edit(tech, [{ range: { start: at, end: at }, newText: '\n  ' }]);
    const pos = { line: at.line + 1, character: 2 };
    const items = labels(await client.request('textDocument/completion', { textDocument: { uri: tech }, position: pos }));
    for (const r of ['accountable', 'responsible', 'consulted', 'informed']) assert.ok(items.includes(r), `${r} in ${items}`);
    assert.ok(!items.includes('cio'), 'no role names where a property goes');
    await client.edit(tech, [{ range: { start: at, end: pos }, newText: '' }]);
    assert.equal(client.text(tech), text);
    await client.waitForVersion(tech, v + 1, TIMEOUT);
  });

  it('completion offers role names after reports_to and modules after import std.', async () => {
    const text = client.text(tech);
    // `    reports_to cio` -> `    reports_to ` with the cursor at the end.
    const start = find(text, 'reports_to cio', { delta: 'reports_to '.length });
    const end = { line: start.line, character: start.character + 3 };
    await client.edit(tech, [{ range: { start, end }, newText: '' }]);
    const roles = await client.request('textDocument/completion', { textDocument: { uri: tech }, position: start });
    const names = labels(roles);
    for (const r of ['ceo', 'cio', 'cpo', 'chief_architect', 'head_of_engineering']) assert.ok(names.includes(r), `${r} in completion`);
    assert.ok(!names.includes('accountable'), 'no rights where a role goes');
    const cioItem = roles.items.find((i) => i.label === 'cio');
    assert.deepEqual(cioItem.textEdit.range.start, start);
    await client.edit(tech, [{ range: { start, end: start }, newText: 'cio' }]);
    assert.equal(client.text(tech), text);

    const top = { line: 0, character: 0 };
    await client.edit(tech, [{ range: { start: top, end: top }, newText: 'import std.\n' }]);
    const modules = labels(await client.request('textDocument/completion',
      { textDocument: { uri: tech }, position: { line: 0, character: 'import std.'.length } }));
    for (const m of ['raci', 'daci', 'rapid', 'topologies']) assert.ok(modules.some((l) => l === m || l === `std.${m}`), `${m} in ${modules}`);
    const v = await client.edit(tech, [{ range: { start: top, end: { line: 1, character: 0 } }, newText: '' }]);
    assert.equal(client.text(tech), text);
    await client.waitForVersion(tech, v, TIMEOUT);
  });

  it('a quickfix applied through didChange removes its finding', async () => {
    const text = client.text(tech);
    const current = client.diagnostics.get(tech);
    const target = current.diagnostics.find((d) => d.code === 'objective.local-optimisation' && textAt(text, d.range) === 'debt_reduction');
    assert.ok(target, 'the finding on debt_reduction');
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: tech },
      range: target.range,
      context: { diagnostics: [target], only: ['quickfix'] },
    });
    assert.ok(actions.length >= 1);
    const fix = actions[0];
    assert.equal(fix.kind, 'quickfix');
    assert.ok(fix.title.length > 0);
    assert.equal(fix.diagnostics[0].code, 'objective.local-optimisation');
    // Only refactor kinds asked for: no quickfixes.
    const none = await client.request('textDocument/codeAction', {
      textDocument: { uri: tech }, range: target.range, context: { diagnostics: [target], only: ['refactor'] },
    });
    assert.deepEqual(none, []);
    // No finding with a fix there: nothing.
    const nothing = await client.request('textDocument/codeAction', {
      textDocument: { uri: tech }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] },
    });
    assert.deepEqual(nothing, []);

    const countBefore = codes(current).filter((c) => c === 'objective.local-optimisation').length;
    const versions = await applyWorkspaceEdit(client, fix.edit);
    const after = await client.waitForVersion(tech, versions[tech], TIMEOUT);
    const newText = client.text(tech);
    assert.ok(!after.diagnostics.some((d) => d.code === 'objective.local-optimisation' && textAt(newText, d.range) === 'debt_reduction'),
      'the fixed finding is gone');
    assert.equal(codes(after).filter((c) => c === 'objective.local-optimisation').length, countBefore - 1);
    assert.ok(!after.diagnostics.some((d) => d.severity === 1 && d.code !== 'ownership.double'), 'the fix adds no error');
    // Undo.
    const v = await client.edit(tech, [{ range: { start: { line: 0, character: 0 }, end: positionAt(newText, newText.length) }, newText: text }]);
    const undone = await client.waitForVersion(tech, v, TIMEOUT);
    assert.deepEqual(codes(undone), codes(current));
  });

  it('an edit that introduces errors publishes them, and undoing clears them', async () => {
    const text = client.text(tech);
    const baseline = codes(client.diagnostics.get(tech));
    // An unknown name.
    const at = find(text, 'reports_to cio', { delta: 'reports_to '.length });
    const end = { line: at.line, character: at.character + 3 };
    let v = await client.replace(tech, 'reports_to cio', 'reports_to cioo');
    let p = await client.waitForVersion(tech, v, TIMEOUT);
    const undefinedName = p.diagnostics.find((d) => d.code === 'name.undefined');
    assert.ok(undefinedName, `name.undefined in ${codes(p)}`);
    assert.equal(undefinedName.severity, 1);
    assert.deepEqual(undefinedName.range, { start: at, end: { line: end.line, character: end.character + 1 } });
    assert.match(undefinedName.message, /cioo/);
    v = await client.replace(tech, 'reports_to cioo', 'reports_to cio');
    p = await client.waitForVersion(tech, v, TIMEOUT);
    assert.deepEqual(codes(p), baseline);

    // A duplicate role: reported in this file, the first declaration noted in model.remit.
    const insertAt = find(text, '  unit engineering "Engineering" {');
    v = await client.edit(tech, [{ range: { start: insertAt, end: insertAt }, newText: '  role cio "Second CIO" { reports_to ceo }\n' }]);
    p = await client.waitForVersion(tech, v, TIMEOUT);
    const dup = p.diagnostics.find((d) => d.code === 'name.duplicate');
    assert.ok(dup, `name.duplicate in ${codes(p)}`);
    assert.equal(dup.severity, 1);
    assert.equal(textAt(client.text(tech), dup.range), 'cio');
    assert.equal(dup.range.start.line, insertAt.line);
    assert.ok(dup.relatedInformation.some((r) => r.location.uri === model), 'points at the first declaration');
    v = await client.edit(tech, [{ range: { start: insertAt, end: { line: insertAt.line + 1, character: 0 } }, newText: '' }]);
    p = await client.waitForVersion(tech, v, TIMEOUT);
    assert.equal(client.text(tech), text);
    assert.deepEqual(codes(p), baseline);
    // Every file's list is cleared (a file's next publication, whatever its order).
    for (const uri of client.diagnostics.keys())
      await client.waitForDiagnostics(uri, (pub) => !pub.diagnostics.some((d) => d.code === 'name.duplicate'), TIMEOUT);

    // A syntax error, then the fix.
    v = await client.replace(tech, 'decision api_standards "Integration and API standards" {', 'decision api_standards "Integration and API standards" {{');
    p = await client.waitForVersion(tech, v, TIMEOUT);
    assert.ok(p.diagnostics.some((d) => d.code === 'syntax' && d.severity === 1), `syntax in ${codes(p)}`);
    v = await client.replace(tech, 'API standards" {{', 'API standards" {');
    p = await client.waitForVersion(tech, v, TIMEOUT);
    assert.deepEqual(codes(p), baseline);
  });

  it('incremental edits after non-ASCII and astral characters keep positions right', async () => {
    const text = client.text(model);
    // `role head_of_transformation "Head of Transformation" {` gets a title with
    // é (1 UTF-16 unit, 2 bytes) and 😀 (2 units, 4 bytes), then its
    // `reports_to ceo` is joined onto the same line, after the title.
    const title = find(text, '"Head of Transformation"');
    await client.edit(model, [{
      range: { start: title, end: { line: title.line, character: title.character + '"Head of Transformation"'.length } },
      newText: '"Héad of Transformation 😀"',
    }]);
    let t = client.text(model);
    const brace = find(t, '😀" {', { delta: '😀" {'.length });
    const reportsLine = brace.line + 1;
    assert.match(t.split('\n')[reportsLine], /^ +reports_to ceo$/);
    const indent = t.split('\n')[reportsLine].indexOf('reports_to');
    let v = await client.edit(model, [{ range: { start: brace, end: { line: reportsLine, character: indent } }, newText: ' ' }]);
    t = client.text(model);
    const line = t.split('\n')[brace.line];
    assert.equal(line, '  role head_of_transformation "Héad of Transformation 😀" { reports_to ceo');
    let p = await client.waitForVersion(model, v, TIMEOUT);
    assert.ok(!p.diagnostics.some((d) => d.severity === 1), `no errors: ${codes(p)}`);
    // JS strings are UTF-16: the index is the LSP character.
    const ceoAt = { line: brace.line, character: line.lastIndexOf('ceo') };
    const ceoRange = { start: ceoAt, end: { line: ceoAt.line, character: ceoAt.character + 3 } };
    const hover = await client.request('textDocument/hover', { textDocument: { uri: model }, position: { line: ceoAt.line, character: ceoAt.character + 1 } });
    assert.match(hover.contents.value, /\*\*role\*\* `ceo`/);
    assert.deepEqual(hover.range, ceoRange);
    const def = await client.request('textDocument/definition', { textDocument: { uri: model }, position: ceoAt });
    const loc = Array.isArray(def) ? def[0] : def;
    assert.deepEqual(loc.range.start, find(t, 'role ceo "', { delta: 5 }));
    // The title's own hover: the role itself.
    const selfHover = await client.request('textDocument/hover', { textDocument: { uri: model }, position: find(t, 'head_of_transformation "Héad') });
    assert.match(selfHover.contents.value, /Héad of Transformation 😀/);

    // An edit after the emoji: `ceo` -> `nobody_here`; the error is reported at its UTF-16 columns.
    v = await client.edit(model, [{ range: ceoRange, newText: 'nobody_here' }]);
    p = await client.waitForVersion(model, v, TIMEOUT);
    const undef = p.diagnostics.find((d) => d.code === 'name.undefined');
    assert.ok(undef, `name.undefined in ${codes(p)}`);
    assert.deepEqual(undef.range, { start: ceoAt, end: { line: ceoAt.line, character: ceoAt.character + 'nobody_here'.length } });
    // Semantic tokens on that line sit at the same columns.
    const data = (await client.request('textDocument/semanticTokens/full', { textDocument: { uri: model } })).data;
    const onLine = [];
    for (let i = 0, l = 0, c = 0; i < data.length; i += 5) {
      l += data[i];
      c = data[i] ? data[i + 1] : c + data[i + 1];
      if (l === ceoAt.line) onLine.push(client.text(model).split('\n')[l].slice(c, c + data[i + 2]));
    }
    for (const want of ['head_of_transformation', '"Héad of Transformation 😀"', 'nobody_here'])
      assert.ok(onLine.includes(want), `${want} in ${onLine.join(',')}`);
    for (const tok of onLine) assert.match(tok, /^("Héad of Transformation 😀"|[A-Za-z_]+)$/);
    // Back to the original text, in one full-text change.
    v = await client.edit(model, [{ range: { start: { line: 0, character: 0 }, end: positionAt(client.text(model), client.text(model).length) }, newText: text }]);
    p = await client.waitForVersion(model, v, TIMEOUT);
    assert.ok(!p.diagnostics.some((d) => d.code === 'name.undefined'));
  });

  it('remit/diagram returns SVG for the org view and rejects an unknown view', async () => {
    const svg = await client.request('remit/diagram', { uri: tech, view: 'org' });
    assert.equal(typeof svg, 'string');
    assert.ok(svg.startsWith('<?xml') || svg.includes('<svg'), svg.slice(0, 100));
    assert.ok(svg.includes('</svg>'));
    assert.ok(svg.includes('cio') || svg.includes('Chief Information Officer'));
    const decisions = await client.request('remit/diagram', { uri: tech, view: 'decisions', focus: 'appointed_actuary' });
    assert.ok(decisions.includes('<svg'));
    const dot = await client.request('remit/diagram', { uri: tech, view: 'escalation', format: 'dot' });
    assert.match(dot, /digraph/);
    await expectError(client.request('remit/diagram', { uri: tech, view: 'nonsense' }), INVALID_PARAMS, /unknown view `nonsense`/);
    await expectError(client.request('remit/diagram', { uri: tech, view: 'org', format: 'gif' }), INVALID_PARAMS, /unknown format/);
  });

  it('formatting returns edits that restore the canonical layout', async () => {
    const text = client.text(tech);
    assert.deepEqual(await client.request('textDocument/formatting',
      { textDocument: { uri: tech }, options: { tabSize: 2, insertSpaces: true } }), []);
    const v = await client.replace(tech, '  accountable cio, chief_architect\n', 'accountable     cio,chief_architect\n');
    await client.waitForVersion(tech, v, TIMEOUT);
    const edits = await client.request('textDocument/formatting', { textDocument: { uri: tech }, options: { tabSize: 2, insertSpaces: true } });
    assert.ok(edits.length >= 1);
    assert.equal(applyEdits(client.text(tech), edits), text);
    await client.edit(tech, edits);
    assert.equal(client.text(tech), text);
  });

  it('documentSymbol is hierarchical', async () => {
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: tech } });
    const unit = symbols.find((s) => s.name === 'technology');
    assert.ok(unit, symbols.map((s) => s.name).join(','));
    assert.ok(unit.range && unit.selectionRange, 'DocumentSymbol, not SymbolInformation');
    assert.equal(textAt(client.text(tech), unit.selectionRange), 'technology');
    const engineering = unit.children.find((s) => s.name === 'engineering');
    assert.ok(engineering);
    assert.ok(engineering.children.some((s) => s.name === 'head_of_engineering'));
    const squad = engineering.children.find((s) => s.name === 'motor_squad');
    assert.ok(squad.children.some((s) => s.name === 'tech_lead_motor'));
    assert.ok(symbols.some((s) => s.name === 'target_architecture'));
    // Children lie inside their parent.
    const inside = (a, b) => offsetAt(client.text(tech), a.range.start) >= offsetAt(client.text(tech), b.range.start)
      && offsetAt(client.text(tech), a.range.end) <= offsetAt(client.text(tech), b.range.end);
    for (const c of unit.children) assert.ok(inside(c, unit), c.name);
  });

  it('workspace/symbol finds declarations in every file', async () => {
    const found = await client.request('workspace/symbol', { query: 'cio' });
    const cio = found.find((s) => s.name === 'cio');
    assert.ok(cio);
    assert.equal(cio.location.uri, uriOf(path.join(dir, 'model.remit')));
    const actuary = await client.request('workspace/symbol', { query: 'appointed_actuary' });
    assert.ok(actuary.some((s) => s.name === 'appointed_actuary' && s.location.uri.endsWith('finance_actuarial.remit')));
  });

  it('semanticTokens/full returns well-formed tokens', async () => {
    const result = await client.request('textDocument/semanticTokens/full', { textDocument: { uri: tech } });
    const data = result.data;
    assert.ok(data.length > 0);
    assert.equal(data.length % 5, 0);
    const types = initResult.capabilities.semanticTokensProvider.legend.tokenTypes;
    const lines = client.text(tech).split('\n');
    let line = 0;
    let ch = 0;
    const tokens = [];
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      ch = data[i] ? data[i + 1] : ch + data[i + 1];
      assert.ok(line < lines.length);
      assert.ok(ch + data[i + 2] <= lines[line].length, `token ${i / 5} within line ${line}`);
      assert.ok(data[i + 3] < types.length);
      tokens.push({ text: lines[line].slice(ch, ch + data[i + 2]), type: types[data[i + 3]] });
    }
    assert.ok(tokens.some((t) => t.text === 'cio'), 'role references are tokens');
  });

  it('foldingRange covers blocks and comments', async () => {
    const folds = await client.request('textDocument/foldingRange', { textDocument: { uri: tech } });
    assert.ok(folds.length > 5);
    for (const f of folds) assert.ok(f.startLine < f.endLine, JSON.stringify(f));
    const unitLine = find(client.text(tech), 'unit technology "Technology" {').line;
    assert.ok(folds.some((f) => f.startLine === unitLine && f.kind === 'region'));
    assert.ok(folds.some((f) => f.startLine === 0 && f.kind === 'comment'));
  });

  it('shutdown then exit ends the server with status 0', async () => {
    const status = await client.shutdown();
    assert.deepEqual(status, { code: 0, signal: null });
  });
});

describe('retail-incident', { timeout: 3 * TIMEOUT }, () => {
  let dir;
  let client;
  let handoffs;

  before(async () => {
    dir = copyExample('retail-incident');
    client = new RemitClient(serverPath);
    await client.initialize(dir, { asOf: AS_OF });
    handoffs = await client.open(path.join(dir, 'handoffs.remit'));
    await client.waitForVersion(handoffs, 1, TIMEOUT);
  });

  after(() => {
    if (client) client.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the planted findings, as remitc does', async () => {
    for (const f of ['digital_technology', 'handoffs', 'model', 'modes', 'store_operations', 'supply_chain'])
      await client.waitForDiagnostics(uriOf(path.join(dir, `${f}.remit`)), () => true, TIMEOUT);
    const modes = codes(client.diagnostics.get(uriOf(path.join(dir, 'modes.remit'))));
    assert.ok(modes.includes('mode.stress-regression'));
    assert.ok(codes(client.diagnostics.get(uriOf(path.join(dir, 'supply_chain.remit')))).includes('escalation.cycle'));
    assert.ok(codes(client.diagnostics.get(handoffs)).includes('handoff.unacknowledged'));
    assert.deepEqual(lspFindings(client, dir), cliFindings(dir));
  });

  it('the handoff.unacknowledged quickfix removes its finding', async () => {
    const text = client.text(handoffs);
    const target = client.diagnostics.get(handoffs).diagnostics.find((d) => d.code === 'handoff.unacknowledged' && textAt(text, d.range) === 'promo_calendar');
    assert.ok(target);
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: handoffs }, range: target.range, context: { diagnostics: [target] },
    });
    assert.ok(actions.length >= 1);
    const versions = await applyWorkspaceEdit(client, actions[0].edit);
    const p = await client.waitForVersion(handoffs, versions[handoffs], TIMEOUT);
    const t = client.text(handoffs);
    assert.ok(!p.diagnostics.some((d) => d.code === 'handoff.unacknowledged' && textAt(t, d.range) === 'promo_calendar'));
    assert.ok(!p.diagnostics.some((d) => d.severity === 1), `no errors: ${codes(p)}`);
    assert.ok(p.diagnostics.some((d) => d.code === 'handoff.unacknowledged'), 'the other unacknowledged handoff stays');
  });

  it('remit/diagram draws the modes view', async () => {
    const svg = await client.request('remit/diagram', { uri: handoffs, view: 'modes' });
    assert.ok(svg.includes('<svg'));
    const peak = await client.request('remit/diagram', { uri: handoffs, view: 'modes', mode: 'peak_trading' });
    assert.ok(peak.includes('<svg'));
    const png = await client.request('remit/diagram', { uri: handoffs, view: 'escalation', format: 'png' });
    assert.ok(Buffer.from(png, 'base64').subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])));
  });

  it('exit without shutdown ends the server with status 1', async () => {
    await client.connection.sendNotification('exit');
    const status = await client.exited;
    assert.deepEqual(status, { code: 1, signal: null });
  });
});

describe('distributor-ai', { timeout: 2 * TIMEOUT }, () => {
  let dir;
  let client;

  before(async () => {
    dir = copyExample('distributor-ai');
    client = new RemitClient(serverPath);
    await client.initialize(dir, { asOf: AS_OF });
  });

  after(() => {
    if (client) client.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the planted findings, as remitc does', async () => {
    for (const f of ['commercial_finance', 'handoffs', 'initiatives', 'model', 'operations', 'technology_ai'])
      await client.waitForDiagnostics(uriOf(path.join(dir, `${f}.remit`)), () => true, TIMEOUT);
    const ai = codes(client.diagnostics.get(uriOf(path.join(dir, 'technology_ai.remit'))));
    assert.ok(ai.includes('ai.unsupervised') && ai.includes('ai.output-without-decision'), ai.join(','));
    assert.ok(codes(client.diagnostics.get(uriOf(path.join(dir, 'commercial_finance.remit')))).includes('sod.violation'));
    assert.deepEqual(lspFindings(client, dir), cliFindings(dir));
  });

  it('hover on an agent and completion of import modules work without opening files first', async () => {
    const uri = await client.open(path.join(dir, 'technology_ai.remit'));
    await client.waitForVersion(uri, 1, TIMEOUT);
    const d = client.diagnostics.get(uri).diagnostics.find((x) => x.code === 'ai.unsupervised');
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: d.range.start });
    assert.ok(hover && hover.contents.value.length > 0);
    assert.equal(textAt(client.text(uri), hover.range), textAt(client.text(uri), d.range));
  });

  it('shutdown, a request after it is refused, and exit gives 0', async () => {
    await client.connection.sendRequest('shutdown');
    await expectError(client.request('textDocument/hover', {
      textDocument: { uri: uriOf(path.join(dir, 'model.remit')) }, position: { line: 0, character: 0 },
    }), -32600, /shutting down/);
    await client.connection.sendNotification('exit');
    assert.deepEqual(await client.exited, { code: 0, signal: null });
  });
});

// One-line blocks with several properties: the key of a value is the nearest
// key back on the line, not the first word.
describe('one-line blocks', { timeout: TIMEOUT }, () => {
  let dir;
  let client;
  let uri;

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'remit-e2e-oneline-')));
    fs.writeFileSync(path.join(dir, 'm.remit'), [
      'import std.raci',
      'model m "M" { framework raci }',
      'unit u "U" {',
      '  role boss "Boss" { final }',
      '  role a "A" { reports_to boss  escalates_to boss }',
      '}',
      '',
    ].join('\n'));
    client = new RemitClient(serverPath);
    await client.initialize(dir, { asOf: AS_OF });
    uri = await client.open(path.join(dir, 'm.remit'));
    await client.waitForVersion(uri, 1, TIMEOUT);
  });

  after(() => {
    if (client) client.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the first property of a one-line block completes', async () => {
    const pos = find(client.text(uri), '{ reports_to boss', { delta: '{ reports_to '.length });
    assert.ok(labels(await client.request('textDocument/completion', { textDocument: { uri }, position: pos })).includes('boss'));
  });

  it('the second property of a one-line block completes', async () => {
    const text = client.text(uri);
    const value = find(text, 'escalates_to boss', { delta: 'escalates_to '.length });
    assert.ok(labels(await client.request('textDocument/completion', { textDocument: { uri }, position: value })).includes('boss'));
    const key = find(text, 'boss  escalates_to', { delta: 'boss  '.length });
    assert.ok(labels(await client.request('textDocument/completion', { textDocument: { uri }, position: key })).includes('deputy'));
  });
});
