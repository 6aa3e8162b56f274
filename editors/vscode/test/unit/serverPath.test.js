// Unit tests of the server path resolution (out/serverPath.js): the setting,
// then the bundled server/remit-lsp, then remit-lsp on PATH.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { resolveServerPath, missingServerMessage, searchPath, defaultIsExecutable } = require('../../out/serverPath.js');

/** A fake file system: the set of executable paths. */
function fake(files) {
  const set = new Set(files);
  return (f) => set.has(f);
}
const base = { extensionPath: '/ext', envPath: '/usr/local/bin:/usr/bin', platform: 'linux', home: '/home/d' };

test('the setting wins when it names an executable', () => {
  const r = resolveServerPath({ ...base, configured: '/opt/remit/bin/remit-lsp', isExecutable: fake(['/opt/remit/bin/remit-lsp', '/ext/server/remit-lsp']) });
  assert.deepEqual(r, { found: true, path: '/opt/remit/bin/remit-lsp', source: 'setting' });
});

test('a relative setting is taken from the workspace folder; ~ is the home directory', () => {
  const exec = fake(['/work/model/build/bin/remit-lsp', '/home/d/bin/remit-lsp']);
  assert.equal(resolveServerPath({ ...base, workspaceFolder: '/work/model', configured: 'build/bin/remit-lsp', isExecutable: exec }).path, '/work/model/build/bin/remit-lsp');
  assert.equal(resolveServerPath({ ...base, workspaceFolder: '/work/model', configured: '${workspaceFolder}/build/bin/remit-lsp', isExecutable: exec }).path, '/work/model/build/bin/remit-lsp');
  assert.equal(resolveServerPath({ ...base, configured: '~/bin/remit-lsp', isExecutable: exec }).path, '/home/d/bin/remit-lsp');
});

test('a bare command name in the setting is looked up on PATH', () => {
  const r = resolveServerPath({ ...base, configured: 'remit-lsp-dev', isExecutable: fake(['/usr/bin/remit-lsp-dev']) });
  assert.deepEqual(r, { found: true, path: '/usr/bin/remit-lsp-dev', source: 'setting' });
});

test('a setting that names nothing is an error, not a silent fallback', () => {
  const r = resolveServerPath({ ...base, configured: '/nope/remit-lsp', isExecutable: fake(['/ext/server/remit-lsp', '/usr/bin/remit-lsp']) });
  assert.equal(r.found, false);
  assert.equal(r.source, 'setting');
  assert.deepEqual(r.tried, ['/nope/remit-lsp']);
  const msg = missingServerMessage(r);
  assert.match(msg, /remit\.server\.path/);
  assert.match(msg, /\/nope\/remit-lsp/);
  assert.match(msg, /ninja -C build remit-lsp/);
});

test('without a setting the bundled binary comes before PATH', () => {
  const r = resolveServerPath({ ...base, configured: '', isExecutable: fake(['/ext/server/remit-lsp', '/usr/bin/remit-lsp']) });
  assert.deepEqual(r, { found: true, path: '/ext/server/remit-lsp', source: 'bundled' });
});

test('then PATH, in order', () => {
  const r = resolveServerPath({ ...base, configured: '  ', isExecutable: fake(['/usr/bin/remit-lsp', '/usr/local/bin/remit-lsp']) });
  assert.deepEqual(r, { found: true, path: '/usr/local/bin/remit-lsp', source: 'path' });
});

test('nothing found: the message lists what to do, tried lists where it looked', () => {
  const r = resolveServerPath({ ...base, configured: '', isExecutable: fake([]) });
  assert.equal(r.found, false);
  assert.equal(r.source, 'default');
  assert.deepEqual(r.tried, ['/ext/server/remit-lsp', '/usr/local/bin/remit-lsp', '/usr/bin/remit-lsp']);
  const msg = missingServerMessage(r);
  assert.match(msg, /neither bundled with the extension nor on PATH/);
  assert.match(msg, /remit\.server\.path/);
  assert.match(msg, /Restart Language Server/);
});

test('Windows: .exe for the bundled binary, PATHEXT on PATH', () => {
  const win = { extensionPath: 'C:\\ext', envPath: 'C:\\tools;C:\\bin', platform: 'win32', pathExt: '.COM;.EXE' };
  assert.equal(resolveServerPath({ ...win, configured: '', isExecutable: fake(['C:\\ext\\server\\remit-lsp.exe']) }).path, 'C:\\ext\\server\\remit-lsp.exe');
  assert.equal(resolveServerPath({ ...win, configured: '', isExecutable: fake(['C:\\bin\\remit-lsp.exe']) }).path, 'C:\\bin\\remit-lsp.exe');
  assert.deepEqual(searchPath('remit-lsp', { ...win, isExecutable: fake([]) }).tried.length, 6);
});

test('the real executable check: files with the x bit only', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remit-path-'));
  try {
    const exe = path.join(dir, 'remit-lsp');
    fs.writeFileSync(exe, '#!/bin/sh\n');
    fs.chmodSync(exe, 0o644);
    assert.equal(defaultIsExecutable(exe), process.platform === 'win32');
    fs.chmodSync(exe, 0o755);
    assert.equal(defaultIsExecutable(exe), true);
    assert.equal(defaultIsExecutable(dir), false);
    assert.equal(defaultIsExecutable(path.join(dir, 'missing')), false);
    const r = resolveServerPath({ configured: '', extensionPath: '/nonexistent', envPath: dir, home: dir });
    assert.deepEqual(r, { found: true, path: exe, source: 'path' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
