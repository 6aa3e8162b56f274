#!/usr/bin/env node
// run.js - the Remit extension in a real VS Code. Starts code-server (VS Code
// 1.100 for the browser, from npm, with its Node extension host) with the
// packaged extension installed, opens it in Debian's Chromium driven headless
// by playwright-core, and has the workbench run suite/index.js in its
// extension host (the `payload` of extensionDevelopmentPath and
// extensionTestsPath, as VS Code's own web integration tests do). The suite
// asserts through the `vscode` API; what only the page shows (the webviews'
// content, quick inputs, the token inspector, a screenshot) it asks this
// runner for through request files in a bridge folder.
//
// Usage: node run.js --vsix FILE --server REMIT_LSP --remitc REMITC
//                    --model DIR --tmp DIR [--screenshot FILE.png]
// Prints one line per test and "N passed, N failed"; exits 1 on any failure,
// and when VS Code, Chromium or the suite cannot run at all.
'use strict';

const cp = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const TOTAL_TIMEOUT_MS = 240_000;
const here = __dirname;

function fail(message) {
  console.error(`run.js: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 2; i < argv.length; i++) {
    const m = /^--(vsix|server|remitc|model|tmp|screenshot)$/.exec(argv[i]);
    if (!m || i + 1 >= argv.length) fail(`unexpected argument ${argv[i]}`);
    opts[m[1]] = path.resolve(argv[++i]);
  }
  for (const k of ['vsix', 'server', 'remitc', 'model', 'tmp']) if (!opts[k]) fail(`--${k} is missing`);
  return opts;
}

const opts = parseArgs(process.argv);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (m) => console.log(`[${elapsed()}] ${m}`);

const codeServer = path.join(here, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
if (!fs.existsSync(codeServer)) fail(`${codeServer} is missing; run test.sh real-install`);
const { chromium } = require('playwright-core');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) fail(`${chromiumPath} is missing; run .ci/install-deps.sh (Debian package chromium)`);

// ---- The machine the extension runs on ------------------------------------------

const tmp = opts.tmp;
const dirs = {
  bin: path.join(tmp, 'bin'),
  ws: path.join(tmp, 'workspace'),
  userData: path.join(tmp, 'user-data'),
  extensions: path.join(tmp, 'extensions'),
  bridge: path.join(tmp, 'bridge'),
};
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });

// A copy of the server, so a rebuild of the build tree during the run cannot
// pull it from under the extension.
const serverCopy = path.join(dirs.bin, 'remit-lsp');
fs.copyFileSync(opts.server, serverCopy);
fs.chmodSync(serverCopy, 0o755);

// The model, copied: the suite edits it and exports a diagram into it.
for (const f of fs.readdirSync(opts.model)) {
  if (f.endsWith('.remit')) fs.copyFileSync(path.join(opts.model, f), path.join(dirs.ws, f));
}

// What the compiler finds: the suite compares the editor's diagnostics with it.
const check = cp.spawnSync(opts.remitc, ['check', '.', '--format', 'json', '--color', 'never'], {
  cwd: dirs.ws,
  encoding: 'utf8',
});
if (check.error || check.status === 2 || !check.stdout) fail(`remitc check failed: ${check.error ?? check.stderr}`);
const expected = JSON.parse(check.stdout).diagnostics.map((d) => ({
  file: path.resolve(dirs.ws, d.file),
  line: d.range.start.line - 1,
  character: d.range.start.column - 1,
  code: d.check,
  severity: d.severity,
  fixes: d.fixes.map((f) => f.title),
}));
fs.writeFileSync(path.join(tmp, 'expected.json'), JSON.stringify(expected, null, 1));

// remit.server.path is machine-overridable: in a window on a remote machine (and
// code-server's is one) VS Code takes it from that machine's settings, not from
// the user's, as for an SSH or container window.
fs.mkdirSync(path.join(dirs.userData, 'Machine'), { recursive: true });
fs.writeFileSync(path.join(dirs.userData, 'Machine', 'settings.json'), JSON.stringify({ 'remit.server.path': serverCopy }, null, 2));
const settings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  // VS Code for the browser saves after a delay by default; the desktop does not,
  // and the suite's edits must stay unsaved (File: Revert drops them).
  'files.autoSave': 'off',
  'files.simpleDialog.enable': true,
  'editor.minimap.enabled': false,
  'window.autoDetectColorScheme': false,
  'workbench.colorTheme': 'Default Light Modern',
};
if (process.env.REMIT_REAL_TRACE) settings['remit.trace.server'] = 'verbose';
fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
fs.writeFileSync(path.join(tmp, 'code-server.yaml'), 'auth: none\n');

const csArgs = [
  codeServer,
  '--config', path.join(tmp, 'code-server.yaml'),
  '--user-data-dir', dirs.userData,
  '--extensions-dir', dirs.extensions,
];

// ---- Processes ---------------------------------------------------------------------

let server;
let browser;
let finished = false;

async function cleanUp() {
  if (browser) await browser.close().catch(() => undefined);
  if (server && server.exitCode === null) {
    // code-server and the extension host it forked, which starts remit-lsp.
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      server.kill('SIGTERM');
    }
    await new Promise((r) => setTimeout(r, 1000));
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // Gone.
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

// ---- The bridge: what the suite asks of the page ---------------------------------------

/** Every frame but the workbench: the webviews (each an iframe in an iframe). */
async function frames(page) {
  const out = [];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    try {
      const info = await frame.evaluate(() => ({
        text: document.body ? document.body.innerText.slice(0, 20000) : '',
        images: Array.from(document.images, (i) => i.getAttribute('src') || ''),
        tables: document.querySelectorAll('table').length,
      }));
      out.push({ url: frame.url(), ...info });
    } catch {
      // A frame that went away between the listing and the call.
    }
  }
  return out;
}

async function quickInput(page, req) {
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'visible', timeout: req.timeoutMs ?? 15000 });
  const deadline = Date.now() + (req.timeoutMs ?? 15000);
  let seen = '';
  for (;;) {
    const text = await widget.innerText().catch(() => '');
    const value = await page.locator('.quick-input-widget input').first().inputValue().catch(() => '');
    seen = `${value}\n${text}`;
    if (!req.expect || seen.includes(req.expect)) break;
    if (Date.now() > deadline) throw new Error(`the quick input never showed "${req.expect}"; it shows: ${seen}`);
    await page.waitForTimeout(100);
  }
  for (const key of req.keys ?? []) {
    await page.keyboard.press(key);
    await page.waitForTimeout(100);
  }
  return { seen };
}

async function handle(page, req) {
  switch (req.cmd) {
    case 'frames':
      return frames(page);
    case 'quickInput':
      return quickInput(page, req);
    case 'text': {
      const el = page.locator(req.selector).first();
      try {
        await el.waitFor({ state: 'visible', timeout: req.timeoutMs ?? 10000 });
      } catch (e) {
        await page.screenshot({ path: path.join(tmp, 'text-timeout.png') });
        const html = await el.evaluate((n) => n.outerHTML.slice(0, 3000)).catch(() => '');
        throw new Error(`${e.message}\n${html}`);
      }
      // Until it shows every string of `until` (the token inspector says "Loading..." first).
      const deadline = Date.now() + (req.timeoutMs ?? 10000);
      let text = await el.innerText();
      while (!(req.until ?? []).every((u) => text.includes(u)) && Date.now() < deadline) {
        await page.waitForTimeout(100);
        text = await el.innerText();
      }
      return text;
    }
    case 'diagramControls': {
      // The diagram webview's own controls, as a person uses them.
      const withView = [];
      for (const f of page.frames()) {
        if (f === page.mainFrame()) continue;
        if (await f.locator('select#view').count().catch(() => 0)) withView.push(f);
      }
      if (withView.length !== 1) throw new Error(`${withView.length} frames have the diagram's view picker`);
      const f = withView[0];
      if (req.focus !== undefined) await f.locator('#focus').fill(req.focus);
      if (req.view) await f.locator('select#view').selectOption(req.view);
      if (req.focus !== undefined) await f.locator('#focus').press('Enter');
      return true;
    }
    case 'key':
      await page.keyboard.press(req.key);
      return true;
    case 'screenshot':
      if (!opts.screenshot) return false;
      if (req.scrollDiagram) {
        // Past the legend, which Graphviz puts first, to the diagram itself.
        for (const f of page.frames()) {
          if (f !== page.mainFrame() && (await f.locator('img#diagram').count().catch(() => 0))) {
            await f.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
          }
        }
      }
      await page.waitForTimeout(req.settleMs ?? 500);
      await page.screenshot({ path: opts.screenshot });
      log(`wrote ${opts.screenshot}`);
      return true;
    default:
      throw new Error(`unknown bridge request ${req.cmd}`);
  }
}

function serveBridge(page) {
  const done = new Set();
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (const f of fs.readdirSync(dirs.bridge).sort()) {
        const m = /^req-(\d+)\.json$/.exec(f);
        if (!m || done.has(f)) continue;
        done.add(f);
        const req = JSON.parse(fs.readFileSync(path.join(dirs.bridge, f), 'utf8'));
        let res;
        try {
          res = { ok: true, value: await handle(page, req) };
        } catch (e) {
          res = { ok: false, error: String(e && e.message ? e.message : e) };
        }
        const out = path.join(dirs.bridge, `res-${m[1]}.json`);
        fs.writeFileSync(`${out}.part`, JSON.stringify(res));
        fs.renameSync(`${out}.part`, out);
      }
    } finally {
      busy = false;
    }
  }, 100);
  return () => clearInterval(timer);
}

// ---- Run --------------------------------------------------------------------------

async function main() {
  log(`installing ${path.basename(opts.vsix)} into a fresh extensions folder`);
  const inst = cp.spawnSync(process.execPath, [...csArgs, '--install-extension', opts.vsix], { encoding: 'utf8' });
  if (inst.status !== 0 || !/successfully installed/i.test(inst.stdout)) {
    throw new Error(`code-server --install-extension failed (${inst.status}):\n${inst.stdout}\n${inst.stderr}`);
  }

  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  log(`starting code-server on ${authority}`);
  const serverLog = fs.openSync(path.join(tmp, 'code-server.log'), 'w');
  server = cp.spawn(
    process.execPath,
    [...csArgs, '--bind-addr', authority, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', dirs.ws],
    {
      detached: true, // its own process group, ended as one
      stdio: ['ignore', serverLog, serverLog],
      env: { ...process.env, REMIT_REAL_DIR: tmp, EXTENSIONS_GALLERY: '{}' },
    },
  );
  server.on('exit', (code, signal) => {
    if (!finished) log(`code-server exited early (${code ?? signal}); its log is ${path.join(tmp, 'code-server.log')}`);
  });
  for (let i = 0; ; i++) {
    if ((await get(`http://${authority}/healthz`)) === 200) break;
    if (server.exitCode !== null || i > 300) throw new Error('code-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  let exit;
  const exited = new Promise((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = (Array.isArray(args) ? args : [args]).map(String).join(' ');
    // CodeExpectedError is VS Code's own "expected" failure (a cancelled
    // editor operation), logged on every run; it only hides real errors.
    if (type === 'error' && /^CodeExpectedError\b/.test(text)) return;
    if (/^SUITE /.test(text) || type === 'error') console.log(type === 'error' ? `  [vscode error] ${text.slice(0, 500)}` : text.slice(6));
  });
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));
  const stopBridge = serveBridge(page);

  const suite = path.join(here, 'suite');
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${suite}`],
    ['extensionTestsPath', `vscode-remote://${authority}${path.join(suite, 'index.js')}`],
  ];
  const url = `http://${authority}/?folder=${encodeURIComponent(dirs.ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log('opening the workbench in Chromium');
  await page.goto(url);
  let timer;
  const code = await Promise.race([
    exited,
    new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TOTAL_TIMEOUT_MS - (Date.now() - started)))),
  ]);
  clearTimeout(timer);
  stopBridge();
  finished = true;
  if (code === 'timeout') {
    await page.screenshot({ path: path.join(tmp, 'timeout.png') }).catch(() => undefined);
    throw new Error(`the suite did not finish within ${TOTAL_TIMEOUT_MS / 1000}s`);
  }
  const resultsFile = path.join(tmp, 'results.json');
  if (!fs.existsSync(resultsFile)) throw new Error(`the extension host exited (${code}) without running the suite`);
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  const passed = results.tests.filter((r) => r.ok).length;
  const failed = results.tests.length - passed;
  log(`VS Code ${results.vscode}: the extension host exited with ${code}`);
  const retried = results.tests.filter((r) => r.ok && r.firstError);
  console.log(`${passed} passed (${retried.length} on a second try), ${failed} failed`);
  // Last, so a truncated log still ends with what went wrong.
  for (const r of results.tests.filter((t) => !t.ok)) console.log(`FAILED ${r.name}\n${r.error}`);
  for (const r of retried) console.log(`PASSED ON A SECOND TRY ${r.name}; the first try:\n${r.firstError}`);
  return failed === 0 && code === 0 && results.tests.length > 0;
}

/** The end of the extension's output channel, "Remit Language Server", for a failed run. */
function printServerLog() {
  const walk = (d) =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  const logs = path.join(dirs.userData, 'logs');
  const file = fs.existsSync(logs) ? walk(logs).find((f) => f.endsWith('Remit Language Server.log')) : undefined;
  if (!file) return console.error('run.js: the extension wrote no "Remit Language Server" output');
  console.error(`---- the end of ${file}`);
  console.error(fs.readFileSync(file, 'utf8').split('\n').slice(-40).join('\n'));
}

main()
  .then(async (ok) => {
    await cleanUp();
    if (!ok) {
      printServerLog();
      fail('failed');
    }
    process.exit(0);
  })
  .catch(async (e) => {
    finished = true;
    await cleanUp();
    if (fs.existsSync(path.join(tmp, 'code-server.log'))) {
      console.error(fs.readFileSync(path.join(tmp, 'code-server.log'), 'utf8').split('\n').slice(-40).join('\n'));
    }
    fail(e && e.stack ? e.stack : String(e));
  });
