// Checks the packaged extension (VSIX, default: the newest remit-*.vsix here):
// it is a zip holding the manifest, the bundled client, the grammar, the
// language configuration, snippets, icons and README, and nothing from
// development (sources, tests, node_modules, source maps).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { builtinModules } = require('node:module');

const root = path.resolve(__dirname, '..');

function findVsix() {
  if (process.env.VSIX) return process.env.VSIX;
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, `${pkg.name}-${pkg.version}.vsix`);
}

/** The entries of a zip: name -> { method, offset, compressedSize }. */
function readZip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.notEqual(eocd, -1, 'not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const offset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    entries.set(name, { method, offset, compressedSize });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function readEntry(buf, e) {
  assert.equal(buf.readUInt32LE(e.offset), 0x04034b50, 'local header');
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return data;
  assert.equal(e.method, 8, 'deflate');
  return zlib.inflateRawSync(data);
}

test('the .vsix holds the extension and nothing from development', () => {
  const file = findVsix();
  assert.ok(fs.existsSync(file), `${file} is missing: run npm run package`);
  const buf = fs.readFileSync(file);
  const entries = readZip(buf);
  const names = [...entries.keys()];
  const required = [
    'extension.vsixmanifest',
    '[Content_Types].xml',
    'extension/package.json',
    'extension/README.md',
    'extension/CHANGELOG.md',
    'extension/dist/extension.js',
    'extension/syntaxes/remit.tmLanguage.json',
    'extension/language-configuration.json',
    'extension/snippets/remit.json',
    'extension/images/icon.png',
    'extension/images/icon.svg',
  ];
  for (const r of required) assert.ok(entries.has(r), `${r} is in the vsix (it has: ${names.join(', ')})`);
  for (const n of names) {
    assert.doesNotMatch(n, /node_modules|\/src\/|\/test\/|\.map$|\.ts$|tsconfig|package-lock/, `${n} should not be packaged`);
  }

  const read = (name) => readEntry(buf, entries.get(name));
  const pkg = JSON.parse(read('extension/package.json').toString('utf8'));
  assert.equal(pkg.main, './dist/extension.js');
  assert.equal(pkg.contributes.languages[0].id, 'remit');
  assert.equal(pkg.contributes.grammars[0].path, './syntaxes/remit.tmLanguage.json');
  for (const p of [pkg.icon, pkg.contributes.languages[0].configuration, pkg.contributes.grammars[0].path, pkg.contributes.snippets[0].path]) {
    assert.ok(entries.has(`extension/${p.replace(/^\.\//, '')}`), `${p}, named in package.json, is packaged`);
  }
  // The grammar and configuration are the committed ones.
  assert.deepEqual(read('extension/syntaxes/remit.tmLanguage.json'), fs.readFileSync(path.join(root, 'syntaxes/remit.tmLanguage.json')));
  assert.deepEqual(read('extension/language-configuration.json'), fs.readFileSync(path.join(root, 'language-configuration.json')));
  assert.match(read('extension/README.md').toString('utf8'), /code --install-extension/);

  // The icon is a 128x128 PNG.
  const png = read('extension/images/icon.png');
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);

  // The client is bundled: it needs nothing at run time but vscode and node.
  const js = read('extension/dist/extension.js').toString('utf8');
  const required_ = new Set([...js.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  for (const r of required_) assert.ok(r === 'vscode' || builtins.has(r), `dist/extension.js requires \`${r}\`, which is not bundled`);
  assert.ok(required_.has('vscode'));
  assert.match(js, /remit\/diagram/);
});
