// webviewHtml.ts - the HTML of the extension's webviews. Every page has a
// strict Content-Security-Policy: nothing loads from anywhere (default-src
// 'none'), styles and scripts run only with the page's nonce, and images only
// from data: URIs. No model text is ever put into HTML here: the diagram is
// an <img> of the SVG (so nothing inside the SVG can run), and the page's
// script fills its controls with textContent only.
// No `vscode` import: the unit tests run this on plain node.
import { randomBytes } from 'node:crypto';

export const VIEWS = ['org', 'decisions', 'escalation', 'handoffs', 'objectives', 'modes'] as const;
export type View = (typeof VIEWS)[number];

export function isView(v: unknown): v is View {
  return typeof v === 'string' && (VIEWS as readonly string[]).includes(v);
}

export function makeNonce(): string {
  return randomBytes(18).toString('hex');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The CSP of the diagram page: data: images, nonce'd styles and script. */
export function diagramCsp(nonce: string): string {
  return `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; form-action 'none'; base-uri 'none'`;
}

/** The CSP of the RACI page: no scripts at all, nonce'd styles only. */
export function raciCsp(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'none'; base-uri 'none'`;
}

const THEME_STYLE = `
body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background);
       font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); }
`;

/** Checks that a string is plain base64, so it can only ever be a data: URI's payload. */
export function isBase64(s: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0;
}

/**
 * The diagram page. It holds no data: the script asks the extension for the
 * state (`ready`), builds the view picker from it with textContent, and shows
 * each diagram it is sent as <img src="data:image/svg+xml;base64,...">.
 */
export function diagramPage(nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${diagramCsp(nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Remit diagram</title>
<style nonce="${nonce}">
${THEME_STYLE}
body { margin: 0; padding: 0; }
.toolbar { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: center;
           padding: 0.5em 1em; background: var(--vscode-editorWidget-background, var(--vscode-editor-background));
           border-bottom: 1px solid var(--vscode-panel-border, transparent); }
label { display: inline-flex; gap: 0.4em; align-items: center; }
select, input, button { font: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background);
                        border: 1px solid var(--vscode-input-border, var(--vscode-panel-border, #888)); padding: 2px 4px; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 3px 10px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
input { width: 11em; }
input:disabled { opacity: 0.5; }
#status { color: var(--vscode-descriptionForeground); }
#error { margin: 1em; padding: 0.6em 1em; white-space: pre-wrap; color: var(--vscode-errorForeground);
         border-left: 4px solid var(--vscode-inputValidation-errorBorder, #d55e00); background: var(--vscode-inputValidation-errorBackground, transparent); }
.canvas { padding: 1em; overflow: auto; }
#diagram { display: block; max-width: 100%; height: auto; background: #fff; cursor: zoom-in; }
#diagram.actual { max-width: none; cursor: zoom-out; }
[hidden] { display: none !important; }
</style>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Diagram options">
  <label>View <select id="view" aria-label="View"></select></label>
  <label>Focus <input id="focus" type="text" placeholder="a name (optional)" spellcheck="false"></label>
  <label>Mode <input id="mode" type="text" placeholder="first mode" spellcheck="false"></label>
  <button id="export" type="button">Export…</button>
  <span id="status" role="status"></span>
</div>
<div id="error" role="alert" hidden></div>
<div class="canvas"><img id="diagram" alt="Remit diagram" hidden></div>
<script nonce="${nonce}">
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const view = document.getElementById('view');
  const focus = document.getElementById('focus');
  const mode = document.getElementById('mode');
  const img = document.getElementById('diagram');
  const status = document.getElementById('status');
  const error = document.getElementById('error');
  const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

  function options() {
    return { type: 'options', view: view.value, focus: focus.value.trim(), mode: mode.value.trim() };
  }
  function syncMode() { mode.disabled = view.value !== 'modes'; }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'state') {
      while (view.firstChild) view.removeChild(view.firstChild);
      for (const v of m.views) {
        const o = document.createElement('option');
        o.value = String(v);
        o.textContent = String(v);
        view.appendChild(o);
      }
      view.value = String(m.view);
      focus.value = String(m.focus || '');
      mode.value = String(m.mode || '');
      syncMode();
    } else if (m.type === 'busy') {
      status.textContent = 'Updating…';
    } else if (m.type === 'diagram' && typeof m.svg === 'string' && BASE64.test(m.svg)) {
      img.src = 'data:image/svg+xml;base64,' + m.svg;
      img.hidden = false;
      error.hidden = true;
      error.textContent = '';
      status.textContent = String(m.status || '');
    } else if (m.type === 'error') {
      error.textContent = String(m.message);
      error.hidden = false;
      status.textContent = '';
    }
  });
  view.addEventListener('change', () => { syncMode(); vscode.postMessage(options()); });
  for (const input of [focus, mode]) {
    input.addEventListener('change', () => vscode.postMessage(options()));
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') vscode.postMessage(options()); });
  }
  document.getElementById('export').addEventListener('click', () => vscode.postMessage({ type: 'export' }));
  img.addEventListener('click', () => img.classList.toggle('actual'));
  vscode.postMessage({ type: 'ready' });
}());
</script>
</body>
</html>
`;
}

/** A page with one message (an error or a hint), escaped. */
export function messagePage(nonce: string, title: string, message: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${raciCsp(nonce)}">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${THEME_STYLE} p { white-space: pre-wrap; }</style>
</head>
<body><h2>${escapeHtml(title)}</h2><p>${escapeHtml(message)}</p></body>
</html>
`;
}

/**
 * The RACI page: the HTML `remit/raci` returns (remitc's report, whose model
 * text is escaped by the compiler), put under this page's CSP. The report's
 * own <style> blocks get the nonce so they still apply, a theme style follows
 * them, and the webview runs with scripts disabled, so even a script in the
 * report would not run.
 */
export function raciPage(reportHtml: string, nonce: string): string {
  const head =
    `<meta http-equiv="Content-Security-Policy" content="${raciCsp(nonce)}">`;
  const theme = `<style nonce="${nonce}">${THEME_STYLE}
thead th { background: var(--vscode-editorWidget-background, #f3f3f3); }
th, td { border-color: var(--vscode-panel-border, #bbb); }
.t { color: var(--vscode-descriptionForeground, #555); }
</style>`;
  // Only the report's own style tags (written by remitc, never model text:
  // model text arrives escaped, `&lt;style&gt;`) receive the nonce.
  let html = reportHtml.replace(/<style>/gi, `<style nonce="${nonce}">`);
  if (/<head(\s[^>]*)?>/i.test(html)) {
    html = html.replace(/<head(\s[^>]*)?>/i, (m) => `${m}\n${head}`);
  } else {
    html = `<!DOCTYPE html><html><head>${head}</head><body>${html}</body></html>`;
  }
  if (/<\/head>/i.test(html)) html = html.replace(/<\/head>/i, `${theme}\n</head>`);
  return html;
}
