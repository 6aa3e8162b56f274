#!/usr/bin/env node
// latency.js - measures remit-lsp's latency as an editor sees it, with the
// protocol library VS Code's client uses (vscode-languageserver-protocol,
// installed by tests/lsp/e2e/install.sh): edit -> publishDiagnostics of that
// version, and hover / definition / completion round trips, on one open file
// of a generated workspace.
//
// Usage: node bench/lsp/latency.js --server REMIT_LSP --workspace DIR
//          [--file NAME] [--edits N] [--requests N] [--runs R] [--json FILE]
//
//   --file      the file to open (default: the .remit file whose line count
//               is closest to 2,000)
//   --edits     edits per run (default 200), in revert pairs of four kinds:
//               a title string, a comment, a reference made undefined and
//               restored, a headcount changed and restored
//   --requests  hover, definition and completion requests each per run
//               (default 200), at positions spread over the file, after 5
//               unmeasured warm-up requests of each
//   --runs      runs, each with a fresh server (default 1); the table shows
//               the median over runs of each statistic
//   --json      writes every statistic of every run to FILE
//   --verbose-log  runs the server with --verbose and appends its log
//               (per-message times) to FILE
//
// Percentiles are nearest-rank over one run's samples. Times are client-side
// wall times: from just before the didChange (or request) is written to the
// server's pipe to the arrival of the publishDiagnostics for that document
// version (or the response). Exit status 1 when anything is wrong (a missing
// publication, an empty answer, diagnostics that do not follow an edit), so
// the smoke run in CTest checks the server as well as timing it.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const clientLib = path.resolve(__dirname, '../../tests/lsp/e2e/lib/client.js');
let RemitClient, positionAt;
try {
  ({ RemitClient, positionAt } = require(clientLib));
} catch (e) {
  console.error(`latency.js: cannot load the LSP client (${e.message}); run tests/lsp/e2e/install.sh first`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { edits: 200, requests: 200, runs: 1, warmup: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--server') opts.server = value();
    else if (a === '--workspace') opts.workspace = value();
    else if (a === '--file') opts.file = value();
    else if (a === '--edits') opts.edits = Number(value());
    else if (a === '--requests') opts.requests = Number(value());
    else if (a === '--runs') opts.runs = Number(value());
    else if (a === '--json') opts.json = value();
    else if (a === '--verbose-log') opts.verboseLog = value();
    else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.server || !opts.workspace) throw new Error('--server and --workspace are required');
  return opts;
}

const ms = (t0, t1) => Number(t1 - t0) / 1e6;

/** CPU time (user + system) a process has used, in ms; null where /proc is missing. */
function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch (_) {
    return null;
  }
}
const now = () => process.hrtime.bigint();

function stats(samples) {
  if (samples.length === 0) return { n: 0, p50: NaN, p95: NaN, max: NaN, mean: NaN };
  const s = [...samples].sort((a, b) => a - b);
  const rank = (p) => s[Math.max(0, Math.ceil(p * s.length) - 1)];
  return {
    n: s.length,
    p50: rank(0.5),
    p95: rank(0.95),
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Picks `n` items spread evenly over `list` (wrapping when n > length). */
function spread(list, n, phase = 0) {
  if (list.length === 0) throw new Error('no candidate positions in the file');
  const out = [];
  for (let i = 0; i < n; i++) out.push(list[Math.floor(((i + phase) * list.length) / n) % list.length]);
  return out;
}

/** The .remit file with the line count closest to 2,000. */
function pickFile(dir) {
  let best = null;
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.remit')).sort()) {
    const lines = fs.readFileSync(path.join(dir, f), 'utf8').split('\n').length - 1;
    if (!best || Math.abs(lines - 2000) < Math.abs(best.lines - 2000)) best = { file: f, lines };
  }
  return best.file;
}

/** Positions of interest in the text, by kind. */
function landmarks(text) {
  const lines = text.split('\n');
  const out = { titles: [], comments: [], references: [], headcounts: [], propertyStarts: [], afterReportsTo: [] };
  lines.forEach((l, line) => {
    let m;
    if ((m = /^(\s*role \w+ ")([^"]+)"/.exec(l))) out.titles.push({ line, character: m[1].length + m[2].length });
    if ((m = /^(\s*\/\/ )\S/.exec(l))) out.comments.push({ line, character: m[1].length });
    if ((m = /^(\s*reports_to )(\w+)/.exec(l))) {
      out.references.push({ line, character: m[1].length, name: m[2] });
      out.afterReportsTo.push({ line, character: m[1].length });
    }
    if ((m = /^(\s*headcount )(\d+)/.exec(l))) out.headcounts.push({ line, character: m[1].length, value: m[2] });
    if ((m = /^(\s*)(responsible|consulted|informed) \w/.exec(l))) out.propertyStarts.push({ line, character: m[1].length });
  });
  // Names in references and declarations, cursor inside the name.
  out.names = [];
  out.referenceNames = [];
  const re = /\b(reports_to|escalates_to|deputy|accountable|responsible|consulted|informed|chair|role|unit|decision|forum) (\w+)/g;
  // Strings and comments blanked (same length, so offsets hold): no names there.
  const code = text.replace(/\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"/g, (x) => ' '.repeat(x.length));
  let m;
  while ((m = re.exec(code))) {
    const begin = m.index + m[0].length - m[2].length;
    const pos = positionAt(text, begin + Math.floor(m[2].length / 2));
    out.names.push(pos);
    // References whose key starts its line: remit-lsp offers nothing for the
    // second property of a one-line block (`{ reports_to a  escalates_to a }`).
    const lineStart = code.lastIndexOf('\n', m.index) + 1;
    if (!['role', 'unit', 'decision', 'forum'].includes(m[1]) && code.slice(lineStart, m.index).trim() === '')
      out.referenceNames.push(pos);
  }
  return out;
}

/** The edits of one run: `count` edits in (apply, revert) pairs, kinds interleaved. */
function planEdits(marks, count) {
  const kinds = ['title', 'comment', 'reference', 'headcount'];
  const pairs = Math.ceil(count / 2);
  const perKind = Math.ceil(pairs / kinds.length);
  const pick = {
    title: spread(marks.titles, perKind),
    comment: spread(marks.comments, perKind),
    reference: spread(marks.references, perKind),
    headcount: spread(marks.headcounts, perKind),
  };
  const plan = [];
  for (let p = 0; p < pairs; p++) {
    const kind = kinds[p % kinds.length];
    const at = pick[kind][Math.floor(p / kinds.length)];
    const pos = { line: at.line, character: at.character };
    const end = (len) => ({ line: at.line, character: at.character + len });
    if (kind === 'title' || kind === 'comment') {
      // Type a character, then delete it.
      plan.push({ kind, edit: { range: { start: pos, end: pos }, newText: 'é' } });
      plan.push({ kind, edit: { range: { start: pos, end: end(1) }, newText: '' } });
    } else if (kind === 'reference') {
      // Break a reference (an error appears), then restore it.
      plan.push({ kind, edit: { range: { start: end(at.name.length), end: end(at.name.length) }, newText: 'x' }, expectError: true });
      plan.push({ kind, edit: { range: { start: end(at.name.length), end: end(at.name.length + 1) }, newText: '' }, expectError: false });
    } else {
      const other = String(Number(at.value) + 1);
      plan.push({ kind, edit: { range: { start: pos, end: end(at.value.length) }, newText: other } });
      plan.push({ kind, edit: { range: { start: pos, end: end(other.length) }, newText: at.value } });
    }
  }
  return plan.slice(0, count);
}

async function oneRun(opts, file) {
  const args = opts.verboseLog ? ['--verbose'] : [];
  const client = new RemitClient(opts.server, args);
  const problems = [];
  const t0 = now();
  await client.initialize(opts.workspace, { asOf: '2026-11-01' });
  const filePath = path.join(opts.workspace, file);
  const uri = await client.open(filePath);
  const first = await client.waitForVersion(uri, 1, 120000);
  const openMs = ms(t0, first.receivedAt);
  const baseline = first.diagnostics.length;
  if (baseline) problems.push(`the workspace is not clean: ${baseline} findings in ${file}`);
  const text = client.text(uri);
  const marks = landmarks(text);

  // Edits, each waiting for the diagnostics of its version.
  const editSamples = { all: [], title: [], comment: [], reference: [], headcount: [] };
  const cpu = {};
  let cpuStart = cpuMs(client.proc.pid);
  for (const step of planEdits(marks, opts.edits)) {
    const start = now();
    const version = await client.edit(uri, [step.edit]);
    const pub = await client.waitForVersion(uri, version, 60000);
    const t = ms(start, pub.receivedAt);
    editSamples.all.push(t);
    (editSamples[step.kind] = editSamples[step.kind] || []).push(t);
    const hasError = pub.diagnostics.some((d) => d.code === 'name.undefined');
    if (step.expectError !== undefined && hasError !== step.expectError)
      problems.push(`version ${version}: expected ${step.expectError ? 'a' : 'no'} name.undefined, got ${pub.diagnostics.map((d) => d.code)}`);
  }
  if (client.text(uri) !== text) problems.push('the edits did not revert to the original text');
  cpu.edit = (cpuMs(client.proc.pid) - cpuStart) / editSamples.all.length;

  // Requests on the settled document.
  const requestSamples = {};
  const kinds = {
    hover: {
      positions: spread(marks.names, opts.requests),
      send: (pos) => client.request('textDocument/hover', { textDocument: { uri }, position: pos }),
      ok: (r) => r && r.contents && r.contents.value.length > 0,
    },
    definition: {
      positions: spread(marks.names, opts.requests, 0.5),
      send: (pos) => client.request('textDocument/definition', { textDocument: { uri }, position: pos }),
      ok: (r) => r && (Array.isArray(r) ? r.length > 0 : r.uri),
    },
    completion: {
      // A third each: a role after `reports_to `, a property at a line start in
      // a decision, and inside a name.
      positions: spread(marks.afterReportsTo, Math.ceil(opts.requests / 3))
        .flatMap((p, i) => [{ ...p, sub: 'role' },
          { ...spread(marks.propertyStarts, Math.ceil(opts.requests / 3))[i], sub: 'property' },
          { ...spread(marks.referenceNames, Math.ceil(opts.requests / 3), 0.25)[i], sub: 'name' }])
        .slice(0, opts.requests),
      send: (pos) => client.request('textDocument/completion',
        { textDocument: { uri }, position: { line: pos.line, character: pos.character } }),
      ok: (r) => r && (Array.isArray(r) ? r : r.items).length > 0,
    },
  };
  const completionBySub = { role: [], property: [], name: [] };
  const completionSizes = [];
  for (const [name, k] of Object.entries(kinds)) {
    for (const pos of k.positions.slice(0, opts.warmup)) await k.send(pos);
    requestSamples[name] = [];
    cpuStart = cpuMs(client.proc.pid);
    for (const pos of k.positions) {
      const start = now();
      const r = await k.send(pos);
      requestSamples[name].push(ms(start, now()));
      if (pos.sub) completionBySub[pos.sub].push(requestSamples[name][requestSamples[name].length - 1]);
      if (!k.ok(r)) problems.push(`${name} at ${pos.line + 1}:${pos.character + 1} returned nothing`);
      if (name === 'completion') completionSizes.push((Array.isArray(r) ? r : r.items).length);
    }
    cpu[name] = (cpuMs(client.proc.pid) - cpuStart) / k.positions.length;
  }

  // Typing then asking: a completion right after an edit, before the
  // diagnostics of that edit were awaited (the server analyses first).
  const typed = [];
  const typePairs = Math.min(50, Math.max(5, Math.floor(opts.requests / 4)));
  for (const at of spread(marks.afterReportsTo, typePairs)) {
    const name = marks.references.find((r) => r.line === at.line).name;
    const pos = { line: at.line, character: at.character + name.length };
    const start = now();
    await client.edit(uri, [{ range: { start: pos, end: pos }, newText: '_' }]);
    const r = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: pos.line, character: pos.character + 1 } });
    typed.push(ms(start, now()));
    if (!r) problems.push('completion after an edit returned nothing');
    const v = await client.edit(uri, [{ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, newText: '' }]);
    await client.waitForVersion(uri, v, 60000);
  }

  let peakRssMiB = null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${client.proc.pid}/status`, 'utf8'));
    if (m) peakRssMiB = Number(m[1]) / 1024;
  } catch (_) {
    // not Linux
  }
  const status = await client.shutdown();
  if (status.code !== 0) problems.push(`the server exited with ${JSON.stringify(status)}`);
  if (opts.verboseLog) fs.appendFileSync(opts.verboseLog, client.stderr);
  return {
    openMs,
    edits: Object.fromEntries(Object.entries(editSamples).map(([k, v]) => [k, stats(v)])),
    requests: Object.fromEntries(Object.entries(requestSamples).map(([k, v]) => [k, stats(v)])),
    completionKinds: Object.fromEntries(Object.entries(completionBySub).map(([k, v]) => [k, stats(v)])),
    typedCompletion: stats(typed),
    serverCpuMs: cpu,
    peakRssMiB,
    completionItems: stats(completionSizes),
    problems,
  };
}

function fmt(x) {
  return x >= 100 ? x.toFixed(0) : x.toFixed(1);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const file = opts.file || pickFile(opts.workspace);
  const text = fs.readFileSync(path.join(opts.workspace, file), 'utf8');
  const files = fs.readdirSync(opts.workspace).filter((f) => f.endsWith('.remit'));
  let totalLines = 0;
  let totalBytes = 0;
  for (const f of files) {
    const t = fs.readFileSync(path.join(opts.workspace, f));
    totalBytes += t.length;
    totalLines += t.toString('utf8').split('\n').length - 1;
  }
  const runs = [];
  for (let r = 0; r < opts.runs; r++) {
    const res = await oneRun(opts, file);
    runs.push(res);
    for (const p of res.problems) console.error(`latency.js: run ${r + 1}: ${p}`);
  }
  const rows = [
    ['edit → publishDiagnostics (all edits)', (r) => r.edits.all, (r) => r.serverCpuMs.edit],
    ['  typing in a title string', (r) => r.edits.title],
    ['  typing in a comment', (r) => r.edits.comment],
    ['  breaking / restoring a reference', (r) => r.edits.reference],
    ['  changing / restoring a headcount', (r) => r.edits.headcount],
    ['hover', (r) => r.requests.hover, (r) => r.serverCpuMs.hover],
    ['definition', (r) => r.requests.definition, (r) => r.serverCpuMs.definition],
    ['completion', (r) => r.requests.completion, (r) => r.serverCpuMs.completion],
    ['  a role after `reports_to `', (r) => r.completionKinds.role],
    ['  a property at a line start in a decision', (r) => r.completionKinds.property],
    ['  inside a reference', (r) => r.completionKinds.name],
    ['edit + completion at once (not a bar)', (r) => r.typedCompletion],
  ];
  console.log(`workspace: ${files.length} files, ${totalLines} lines, ${(totalBytes / 1048576).toFixed(2)} MiB; ` +
    `open file: ${file}, ${text.split('\n').length - 1} lines, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`);
  console.log(`runs:      ${opts.runs} (a fresh server each); per run ${opts.edits} edits and ${opts.requests} each of hover, definition, completion`);
  console.log(`startup:   initialize → first diagnostics of the open file ${runs.map((r) => fmt(r.openMs)).join(', ')} ms`);
  console.log(`answers:   completion items median ${median(runs.map((r) => r.completionItems.p50))}, max ${Math.max(...runs.map((r) => r.completionItems.max))}` +
    (runs.every((r) => r.peakRssMiB) ? `; server peak RSS ${runs.map((r) => r.peakRssMiB.toFixed(0)).join(', ')} MiB` : ''));
  console.log('');
  console.log(`| operation | n per run | p50 ms | p95 ms | max ms | server CPU ms per op (mean) | p95 of each run (ms) |`);
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const [label, get, getCpu] of rows) {
    const s = runs.map(get);
    const med = (k) => fmt(median(s.map((x) => x[k])));
    const cpu = getCpu && runs.every((r) => getCpu(r) !== null && !Number.isNaN(getCpu(r))) ? fmt(median(runs.map(getCpu))) : '';
    console.log(`| ${label} | ${s[0].n} | ${med('p50')} | ${med('p95')} | ${med('max')} | ${cpu} | ${s.map((x) => fmt(x.p95)).join(', ')} |`);
  }
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ file, files: files.length, totalLines, totalBytes, runs }, null, 2));
  const failed = runs.some((r) => r.problems.length);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`latency.js: ${e.stack || e}`);
  process.exit(1);
});
