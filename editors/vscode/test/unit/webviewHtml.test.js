// Unit tests of the webview pages (out/webviewHtml.js): strict CSP, no model
// text turned into markup.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { diagramPage, raciPage, messagePage, makeNonce, isBase64, isView, VIEWS, escapeHtml } = require('../../out/webviewHtml.js');

function csp(html) {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)].map((m) => m[1]);
  return metas;
}

test('nonces are fresh and CSP-safe', () => {
  const a = makeNonce();
  assert.match(a, /^[0-9a-f]{36}$/);
  assert.notEqual(a, makeNonce());
});

test('the diagram page: nothing but data: images and its own nonce', () => {
  const html = diagramPage('abc123');
  const [policy] = csp(html);
  assert.equal(csp(html).length, 1);
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /img-src data:;/);
  assert.match(policy, /script-src 'nonce-abc123'/);
  assert.match(policy, /style-src 'nonce-abc123'/);
  assert.doesNotMatch(policy, /unsafe/);
  // Every script and style carries the nonce.
  for (const tag of html.match(/<(script|style)[^>]*>/g)) assert.match(tag, /nonce="abc123"/);
  // The picker is built with textContent, never innerHTML; the SVG is an <img>.
  assert.doesNotMatch(html, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  assert.match(html, /'data:image\/svg\+xml;base64,' \+ m\.svg/);
  assert.match(html, /textContent/);
});

test('the view list', () => {
  assert.deepEqual([...VIEWS], ['org', 'decisions', 'escalation', 'handoffs', 'objectives', 'modes']);
  assert.ok(isView('modes'));
  assert.ok(!isView('Org'));
  assert.ok(!isView(undefined));
});

test('base64 check', () => {
  assert.ok(isBase64(Buffer.from('<svg/>').toString('base64')));
  assert.ok(!isBase64('abc"><script>'));
  assert.ok(!isBase64('abc'));
});

const REPORT = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Decision rights: A &amp; B</title>
<style>
body{color:#111}
</style>
</head>
<body><h1>Decision rights: &lt;script&gt;alert(1)&lt;/script&gt;</h1><table></table></body>
</html>`;

test('the RACI page keeps the report, adds a no-script CSP and nonces its styles', () => {
  const html = raciPage(REPORT, 'n0nce');
  const policies = csp(html);
  assert.equal(policies.length, 2, 'ours and the report\'s own; both apply');
  assert.equal(policies[0], "default-src 'none'; style-src 'nonce-n0nce'; form-action 'none'; base-uri 'none'");
  assert.doesNotMatch(policies[0], /script-src|unsafe/);
  const styles = html.match(/<style[^>]*>/g);
  assert.equal(styles.length, 2);
  for (const s of styles) assert.equal(s, '<style nonce="n0nce">');
  // Our CSP comes first in <head>, the theme style last.
  assert.ok(html.indexOf('nonce-n0nce') < html.indexOf('<title>'));
  assert.ok(html.indexOf('var(--vscode-editor-background)') < html.indexOf('</head>'));
  // Escaped model text stays escaped.
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(html, /<script/);
});

test('a RACI result without a document is wrapped in one', () => {
  const html = raciPage('<table><tr><td>x</td></tr></table>', 'n');
  assert.match(html, /^<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy"/);
  assert.match(html, /<body><table>/);
});

test('message pages escape their text', () => {
  const html = messagePage('n', 'Title <b>', 'unknown view `x"><img src=x onerror=alert(1)>`');
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
  assert.equal(escapeHtml(`<&>"'`), '&#60;&#38;&#62;&#34;&#39;');
});
