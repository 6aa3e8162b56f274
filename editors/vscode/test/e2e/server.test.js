// End-to-end test of what the extension relies on, against a real remit-lsp
// (REMIT_LSP), driven by vscode-languageserver-protocol (the library under
// vscode-languageclient): the initialize capabilities the client uses, the
// settings shape the extension sends (out/settings.js), file watching,
// remit/diagram (SVG and PNG), remit/raci, remit/explain and code actions.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  CodeActionRequest,
  ShutdownRequest,
  ExitNotification,
  RequestType,
  ResponseError,
} = require('vscode-languageserver-protocol/node');
const { toServerSettings } = require('../../out/settings.js');
const { raciPage, VIEWS } = require('../../out/webviewHtml.js');

const SERVER = process.env.REMIT_LSP;
const EXAMPLE = path.resolve(__dirname, '../../../../examples/retail-incident');
const DiagramRequest = new RequestType('remit/diagram');
const RaciRequest = new RequestType('remit/raci');
const ExplainRequest = new RequestType('remit/explain');
const TIMEOUT = 30000;

const uriOf = (p) => pathToFileURL(p).href;

function startServer(t) {
  assert.ok(SERVER, 'REMIT_LSP must name the remit-lsp binary (test.sh passes it)');
  assert.ok(fs.existsSync(SERVER), `${SERVER} does not exist; build it with ninja -C build remit-lsp`);
  const proc = spawn(SERVER, [], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const connection = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  proc.stdin.on('error', () => {});
  connection.onError(() => {});
  const diagnostics = new Map();
  let waiters = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    waiters = waiters.filter((w) => !w(p));
  });
  connection.listen();
  t.after(() => {
    connection.dispose();
    if (proc.exitCode === null) proc.kill();
  });
  /** Resolves with the first publication for which pred(params) holds (also checks the latest ones). */
  function waitFor(what, pred) {
    for (const [uri, diags] of diagnostics) if (pred({ uri, diagnostics: diags })) return Promise.resolve({ uri, diagnostics: diags });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; server log:\n${stderr.slice(-2000)}`)), TIMEOUT);
      waiters.push((p) => {
        if (!pred(p)) return false;
        clearTimeout(timer);
        resolve(p);
        return true;
      });
    });
  }
  return { proc, connection, diagnostics, waitFor, exited, stderr: () => stderr };
}

function copyExample() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remit-vscode-e2e-'));
  for (const f of fs.readdirSync(EXAMPLE)) if (f.endsWith('.remit')) fs.copyFileSync(path.join(EXAMPLE, f), path.join(dir, f));
  return fs.realpathSync(dir);
}

/** The capabilities VS Code's client announces, trimmed to what the server looks at. */
const CLIENT_CAPABILITIES = {
  general: { positionEncodings: ['utf-16'] },
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
  },
};

test('remit-lsp serves what the VS Code extension relies on', { timeout: 180000 }, async (t) => {
  const dir = copyExample();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const probe = path.join(dir, 'probe.remit');
  const probeText = 'role e2e_probe "Probe" { reports_to ce }\n';
  fs.writeFileSync(probe, probeText);
  const probeUri = uriOf(probe);
  const modelUri = uriOf(path.join(dir, 'model.remit'));
  const handoffsUri = uriOf(path.join(dir, 'handoffs.remit'));

  const s = startServer(t);
  // What the extension sends as initializationOptions: the mapping of the
  // VS Code settings (here: as of a date at which the peak trade-off holds).
  const initial = toServerSettings({ checks: { profile: 'default', severities: {}, thresholds: {} }, stdlib: { path: '' }, asOf: '2025-12-31' });
  assert.deepEqual(initial.warnings, []);
  const init = await s.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    clientInfo: { name: 'Visual Studio Code', version: '1.82.0' },
    rootUri: uriOf(dir),
    workspaceFolders: [{ uri: uriOf(dir), name: 'retail-incident' }],
    capabilities: CLIENT_CAPABILITIES,
    initializationOptions: initial.settings,
  });

  await t.test('initialize: the capabilities the client and commands depend on', () => {
    const c = init.capabilities;
    assert.equal(init.serverInfo.name, 'remit-lsp');
    assert.equal(c.positionEncoding ?? 'utf-16', 'utf-16');
    assert.equal(c.textDocumentSync.openClose, true);
    assert.equal(c.textDocumentSync.change, 2, 'incremental sync');
    for (const k of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider',
      'workspaceSymbolProvider', 'documentFormattingProvider', 'foldingRangeProvider']) {
      assert.ok(c[k], `${k}`);
    }
    assert.equal(c.renameProvider.prepareProvider, true);
    assert.ok(c.completionProvider.triggerCharacters.includes('.'));
    assert.ok(c.codeActionProvider.codeActionKinds.includes('quickfix'));
    assert.ok(c.semanticTokensProvider.legend.tokenTypes.length > 0);
    assert.equal(c.semanticTokensProvider.full, true);
    assert.equal(c.experimental.remitDiagramProvider, true);
    assert.equal(c.experimental.remitRaciProvider, true);
    assert.equal(c.experimental.remitExplainProvider, true);
  });

  await s.connection.sendNotification(InitializedNotification.type, {});
  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: probeUri, languageId: 'remit', version: 1, text: probeText },
  });

  await t.test('initializationOptions apply: asOf before the trade-off lapses', async () => {
    const { diagnostics } = await s.waitFor('handoffs.remit findings', (p) => p.uri === handoffsUri && p.diagnostics.length > 0);
    assert.ok(diagnostics.some((d) => d.code === 'handoff.no-sla' && d.severity === 2));
    assert.equal(diagnostics[0].source, 'remit');
    // Nothing in model.remit says the trade-off expired as of 2025-12-31.
    assert.ok(!(s.diagnostics.get(modelUri) ?? []).some((d) => d.code === 'tradeoff.expired'));
  });

  await t.test('workspace/didChangeConfiguration in the extension\'s shape', async () => {
    const strict = toServerSettings({ checks: { profile: 'strict', severities: { 'handoff.unacknowledged': 'off' }, thresholds: {} }, asOf: '2026-06-30' });
    await s.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { remit: strict.settings } });
    const { diagnostics } = await s.waitFor('strict findings', (p) => p.uri === handoffsUri && p.diagnostics.some((d) => d.code === 'handoff.no-sla' && d.severity === 1));
    assert.ok(!diagnostics.some((d) => d.code === 'handoff.unacknowledged'), 'severity off disables the check');
    await s.waitFor('tradeoff.expired as of 2026-06-30', (p) => p.uri === modelUri && p.diagnostics.some((d) => d.code === 'tradeoff.expired'));
    // Back to the defaults: the server replaces its settings as a whole.
    const defaults = toServerSettings({});
    await s.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { remit: defaults.settings } });
    await s.waitFor('default findings again', (p) => p.uri === handoffsUri &&
      p.diagnostics.some((d) => d.code === 'handoff.unacknowledged') && p.diagnostics.every((d) => d.code !== 'handoff.no-sla' || d.severity === 2));
  });

  await t.test('code actions: the "did you mean" quick fix of a diagnostic', async () => {
    const { diagnostics } = await s.waitFor('probe findings', (p) => p.uri === probeUri && p.diagnostics.some((d) => d.code === 'name.undefined'));
    const diag = diagnostics.find((d) => d.code === 'name.undefined');
    const actions = await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: probeUri },
      range: diag.range,
      context: { diagnostics: [diag], only: ['quickfix'] },
    });
    assert.ok(Array.isArray(actions) && actions.length > 0, 'at least one quick fix');
    const fix = actions.find((a) => a.kind === 'quickfix' && a.edit);
    assert.ok(fix, JSON.stringify(actions));
    const edits = fix.edit.changes?.[probeUri] ?? fix.edit.documentChanges?.[0]?.edits;
    assert.ok(edits.some((e) => e.newText === 'ceo'), JSON.stringify(fix));
    assert.ok(typeof diag.codeDescription?.href === 'string', 'codeDescription for the Explain action');
  });

  await t.test('didChange then remit/diagram sees the new text (live refresh)', async () => {
    const text = 'role e2e_probe "Probe" { reports_to ceo }\nrole e2e_second "Second probe" { reports_to e2e_probe }\n';
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: probeUri, version: 2 },
      contentChanges: [{ text }],
    });
    const svg = await s.connection.sendRequest(DiagramRequest, { uri: probeUri, view: 'org', format: 'svg' });
    assert.match(svg, /e2e_second/);
  });

  await t.test('remit/diagram: every view of the picker as SVG', async () => {
    for (const view of VIEWS) {
      const svg = await s.connection.sendRequest(DiagramRequest, { uri: modelUri, view, format: 'svg' });
      assert.equal(typeof svg, 'string');
      assert.match(svg, /<svg[\s>]/, view);
      assert.match(svg, /<\/svg>\s*$/, view);
      // The extension embeds it as a base64 data: URI.
      assert.equal(Buffer.from(Buffer.from(svg).toString('base64'), 'base64').toString(), svg);
    }
  });

  await t.test('remit/diagram: focus, mode, and PNG for the export', async () => {
    const focused = await s.connection.sendRequest(DiagramRequest, { uri: modelUri, view: 'decisions', focus: 'payments_failover', format: 'svg' });
    assert.match(focused, /<svg/);
    const mode = await s.connection.sendRequest(DiagramRequest, { uri: modelUri, view: 'modes', mode: 'peak_trading', format: 'svg' });
    assert.match(mode, /<svg/);
    const png = await s.connection.sendRequest(DiagramRequest, { uri: modelUri, view: 'escalation', format: 'png' });
    assert.match(png, /^[A-Za-z0-9+/]+={0,2}$/, 'base64');
    const bytes = Buffer.from(png, 'base64');
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(bytes.readUInt32BE(16) > 0 && bytes.readUInt32BE(20) > 0, 'width and height');
  });

  await t.test('remit/diagram: errors the panel shows as text', async () => {
    await assert.rejects(
      s.connection.sendRequest(DiagramRequest, { uri: modelUri, view: 'modes', mode: 'incidnet', format: 'svg' }),
      (e) => e instanceof ResponseError && /incident/.test(e.message),
    );
    await assert.rejects(
      s.connection.sendRequest(DiagramRequest, { uri: modelUri, view: 'org', focus: 'nobody_at_all', format: 'svg' }),
      (e) => e instanceof ResponseError && e.message.length > 0,
    );
  });

  await t.test('remit/raci: HTML for the webview, Markdown too', async () => {
    const html = await s.connection.sendRequest(RaciRequest, { uri: modelUri, format: 'html' });
    assert.match(html, /<table/);
    assert.doesNotMatch(html, /<script/i);
    const page = raciPage(html, 'n0nce');
    for (const tag of page.match(/<style[^>]*>/g)) assert.equal(tag, '<style nonce="n0nce">');
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-n0nce'/);
    const md = await s.connection.sendRequest(RaciRequest, { uri: modelUri, format: 'md' });
    assert.match(md, /\|/);
  });

  await t.test('remit/explain: a check\'s Markdown; an unknown name suggests one', async () => {
    const md = await s.connection.sendRequest(ExplainRequest, { check: 'ownership.double' });
    assert.match(md, /ownership\.double/);
    await assert.rejects(
      s.connection.sendRequest(ExplainRequest, { check: 'ownership.dubble' }),
      (e) => e instanceof ResponseError && /ownership\.double/.test(e.message),
    );
  });

  await t.test('workspace/didChangeWatchedFiles: a file created on disk joins the model', async () => {
    const created = path.join(dir, 'created_on_disk.remit');
    fs.writeFileSync(created, 'role watched_probe "Watched" { reports_to nobody_here }\n');
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(created), type: 1 }] });
    await s.waitFor('created file findings', (p) => p.uri === uriOf(created) && p.diagnostics.some((d) => d.code === 'name.undefined'));
  });

  await t.test('shutdown and exit', async () => {
    await s.connection.sendRequest(ShutdownRequest.type);
    await s.connection.sendNotification(ExitNotification.type);
    const { code } = await s.exited;
    assert.equal(code, 0);
  });
});
