// client.js - a small LSP client over vscode-languageserver-protocol for the
// end-to-end tests and the latency benchmark: spawns remit-lsp, keeps the
// text of the open documents, tracks published diagnostics and lets callers
// wait for the diagnostics of a given document version.
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
} = require('vscode-languageserver-protocol/node');

/** `file:` URI of a path, as VS Code writes it. */
function uriOf(p) {
  return pathToFileURL(path.resolve(p)).href;
}

function pathOf(uri) {
  return fileURLToPath(uri);
}

/** The LSP position (UTF-16 code units; JS strings are UTF-16) of a text offset. */
function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** The text offset of an LSP position (clamped to the line, as the spec says). */
function offsetAt(text, pos) {
  let start = 0;
  for (let l = 0; l < pos.line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return text.length;
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  return Math.min(start + pos.character, end);
}

/**
 * The position of `needle` in `text` (the `nth` occurrence, 0-based), plus
 * `delta` UTF-16 units. Throws when absent, so a stale fixture fails loudly.
 */
function find(text, needle, { nth = 0, delta = 0 } = {}) {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`\`${needle}\` (occurrence ${nth}) is not in the text`);
  }
  return positionAt(text, at + delta);
}

/** Applies LSP TextEdits (non-overlapping, any order) to a text. */
function applyEdits(text, edits) {
  const withOffsets = edits.map((e) => ({
    begin: offsetAt(text, e.range.start),
    end: offsetAt(text, e.range.end),
    newText: e.newText,
  }));
  withOffsets.sort((a, b) => b.begin - a.begin || b.end - a.end);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.begin) + e.newText + out.slice(e.end);
  return out;
}

function comparePositions(a, b) {
  return a.line - b.line || a.character - b.character;
}

class RemitClient {
  /**
   * @param {string} serverPath remit-lsp
   * @param {string[]} args its arguments
   */
  constructor(serverPath, args = []) {
    // Fail loudly, not by a timeout, when the server was not built.
    require('node:fs').accessSync(serverPath, require('node:fs').constants.X_OK);
    this.proc = spawn(serverPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (d) => {
      this.stderr += d;
      if (this.onStderr) this.onStderr(d);
    });
    this.exited = new Promise((resolve) => {
      this.proc.on('exit', (code, signal) => resolve({ code, signal }));
      this.proc.on('error', (error) => resolve({ code: null, signal: null, error }));
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.proc.stdout),
      new StreamMessageWriter(this.proc.stdin),
    );
    // Writes after the server is gone must not crash the test runner.
    this.proc.stdin.on('error', () => {});
    this.connection.onError(() => {});
    /** uri -> latest PublishDiagnosticsParams */
    this.diagnostics = new Map();
    /** every publishDiagnostics in arrival order */
    this.publications = [];
    this.waiters = [];
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      p.receivedAt = process.hrtime.bigint();
      this.diagnostics.set(p.uri, p);
      this.publications.push(p);
      this.waiters = this.waiters.filter((w) => !w.check(p));
    });
    /** uri -> { text, version } of the documents opened through this client */
    this.documents = new Map();
    this.connection.listen();
  }

  async initialize(rootDir, initializationOptions) {
    const rootUri = uriOf(rootDir);
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'remit-e2e' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(rootDir) }],
      initializationOptions,
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          rename: { prepareSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
        workspace: { workspaceFolders: true },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /**
   * Resolves with the first publishDiagnostics (already received or future)
   * for which `pred` holds; rejects after `timeoutMs`.
   */
  waitForDiagnostics(uri, pred = () => true, timeoutMs = 10000, { includePast = true } = {}) {
    const last = this.diagnostics.get(uri);
    if (includePast && last && pred(last)) return Promise.resolve(last);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const got = this.diagnostics.get(uri);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics of ${uri}; ` +
          `last: ${got ? JSON.stringify({ version: got.version, codes: got.diagnostics.map((d) => d.code) }) : 'none'}`));
      }, timeoutMs);
      const waiter = {
        check: (p) => {
          if (p.uri !== uri || !pred(p)) return false;
          clearTimeout(timer);
          resolve(p);
          return true;
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits for the diagnostics the server publishes for `version` of an open document. */
  waitForVersion(uri, version, timeoutMs = 10000) {
    return this.waitForDiagnostics(uri, (p) => p.version === version, timeoutMs);
  }

  async open(filePath, text) {
    const uri = uriOf(filePath);
    if (text === undefined) text = require('node:fs').readFileSync(filePath, 'utf8');
    this.documents.set(uri, { text, version: 1 });
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'remit', version: 1, text },
    });
    return uri;
  }

  text(uri) {
    return this.documents.get(uri).text;
  }

  version(uri) {
    return this.documents.get(uri).version;
  }

  /**
   * Sends an incremental didChange of `edits` (LSP TextEdits against the
   * current text, applied in one change event each, last first so earlier
   * ranges stay valid) and returns the new version.
   */
  async edit(uri, edits) {
    const doc = this.documents.get(uri);
    const ordered = [...edits].sort((a, b) => comparePositions(b.range.start, a.range.start));
    const contentChanges = [];
    let text = doc.text;
    for (const e of ordered) {
      contentChanges.push({ range: e.range, text: e.newText });
      text = applyEdits(text, [e]);
    }
    doc.text = text;
    doc.version++;
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: doc.version },
      contentChanges,
    });
    return doc.version;
  }

  /** Replaces the `nth` occurrence of `needle` with `replacement`. */
  replace(uri, needle, replacement, nth = 0) {
    const text = this.text(uri);
    const start = find(text, needle, { nth });
    const end = positionAt(text, offsetAt(text, start) + needle.length);
    return this.edit(uri, [{ range: { start, end }, newText: replacement }]);
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  /** Asks the server to shut down and exit; resolves with its exit status. */
  async shutdown() {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    return this.exited;
  }

  /** Kills the server if still running (test teardown). */
  dispose() {
    try {
      this.connection.dispose();
    } catch (_) {
      // already gone
    }
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }
}

module.exports = {
  RemitClient,
  uriOf,
  pathOf,
  positionAt,
  offsetAt,
  find,
  applyEdits,
};
