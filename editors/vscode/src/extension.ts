// extension.ts - the Remit extension: starts remit-lsp with
// vscode-languageclient and adds the diagram, RACI and explain commands on top
// of the server's custom requests (docs/lsp.md).
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  DidChangeConfigurationNotification,
  ErrorAction,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  RequestType,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { missingServerMessage, resolveServerPath, Resolution } from './serverPath';
import { toServerSettings, MappedSettings } from './settings';
import { diagramPage, isBase64, isView, makeNonce, messagePage, raciPage, View, VIEWS } from './webviewHtml';

// ---- The server's custom requests -------------------------------------------

interface DiagramParams {
  uri: string;
  view: View;
  focus?: string;
  mode?: string;
  depth?: number;
  format: 'svg' | 'png' | 'dot';
}
interface RaciParams {
  uri: string;
  format?: 'html' | 'md' | 'csv';
  unit?: string;
}
interface ExplainParams {
  check: string;
}
const DiagramRequest = new RequestType<DiagramParams, string, void>('remit/diagram');
const RaciRequest = new RequestType<RaciParams, string, void>('remit/raci');
const ExplainRequest = new RequestType<ExplainParams, string, void>('remit/explain');

const LANGUAGE = 'remit';
const REFRESH_DELAY_MS = 300;
/** More unexpected exits than this within CRASH_WINDOW_MS stop the automatic restarts. */
const MAX_RESTARTS = 4;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

function isRemitDocument(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return doc !== undefined && doc.languageId === LANGUAGE && doc.uri.scheme === 'file';
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The check name of a remit-lsp diagnostic (its `code`), if it is one. */
export function checkNameOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== undefined && d.source !== 'remit') return undefined;
  const code = d.code;
  if (typeof code === 'string') return code;
  if (typeof code === 'object' && code !== null && typeof code.value === 'string') return code.value;
  return undefined;
}

// ---- The language client ------------------------------------------------------

class RemitClient {
  client: LanguageClient | undefined;
  readonly output = vscode.window.createOutputChannel('Remit Language Server');
  private resolution: Resolution | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private crashes: number[] = [];
  private stopping = false;
  private busy: Promise<void> = Promise.resolve();
  private readonly onReadyEmitter = new vscode.EventEmitter<void>();
  /** Fires whenever a (re)started server is ready. */
  readonly onReady = this.onReadyEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  private workspaceFolder(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  /** The VS Code settings, as a plain object, mapped to the server's shape. */
  settings(): MappedSettings {
    const cfg = vscode.workspace.getConfiguration('remit');
    const section = {
      checks: {
        profile: cfg.get<unknown>('checks.profile'),
        severities: cfg.get<unknown>('checks.severities'),
        thresholds: cfg.get<unknown>('checks.thresholds'),
      },
      stdlib: { path: cfg.get<unknown>('stdlib.path') },
      asOf: cfg.get<unknown>('asOf'),
    };
    const mapped = toServerSettings(section, { workspaceFolder: this.workspaceFolder() });
    for (const w of mapped.warnings) this.output.appendLine(`[settings] ${w}`);
    return mapped;
  }

  /** Serialises start, stop and restart. */
  private serial(work: () => Promise<void>): Promise<void> {
    this.busy = this.busy.then(work, work);
    return this.busy;
  }

  start(): Promise<void> {
    return this.serial(() => this.doStart());
  }

  restart(): Promise<void> {
    return this.serial(async () => {
      await this.doStop();
      this.crashes = [];
      await this.doStart();
    });
  }

  stop(): Promise<void> {
    return this.serial(() => this.doStop());
  }

  private async doStart(): Promise<void> {
    const cfg = vscode.workspace.getConfiguration('remit');
    const resolution = resolveServerPath({
      configured: cfg.get<string>('server.path', ''),
      extensionPath: this.context.extensionPath,
      workspaceFolder: this.workspaceFolder(),
      envPath: process.env.PATH,
      pathExt: process.env.PATHEXT,
    });
    this.resolution = resolution;
    if (!resolution.found) {
      this.output.appendLine(`remit-lsp not found: ${resolution.reason}; tried:`);
      for (const t of resolution.tried) this.output.appendLine(`  ${t}`);
      void this.showMissing(resolution);
      return;
    }
    this.output.appendLine(`starting ${resolution.path} (from ${describeSource(resolution.source)})`);

    const serverOptions: ServerOptions = {
      command: resolution.path,
      args: [],
      options: { cwd: this.workspaceFolder() },
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.remit');
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: LANGUAGE }],
      synchronize: { fileEvents: watcher },
      initializationOptions: this.settings().settings,
      outputChannel: this.output,
      diagnosticCollectionName: LANGUAGE,
      errorHandler: {
        error: (_error, _message, count): ErrorHandlerResult =>
          count !== undefined && count <= 3
            ? { action: ErrorAction.Continue }
            : { action: ErrorAction.Shutdown },
        closed: (): CloseHandlerResult => this.onClosed(),
      },
      initializationFailedHandler: (error) => {
        this.output.appendLine(`initialize failed: ${errorText(error)}`);
        void this.showStartFailure(errorText(error));
        return false;
      },
    };
    const client = new LanguageClient(LANGUAGE, 'Remit Language Server', serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.onReadyEmitter.fire();
    });
    this.watcher = watcher;
    this.client = client;
    this.stopping = false;
    try {
      await client.start();
    } catch (e) {
      this.output.appendLine(`cannot start ${resolution.path}: ${errorText(e)}`);
      this.client = undefined;
      this.watcher = undefined;
      watcher.dispose();
      void this.showStartFailure(errorText(e));
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.watcher?.dispose();
    this.watcher = undefined;
    if (!client) return;
    this.stopping = true;
    try {
      if (client.state === State.Running || client.state === State.Starting) await client.stop(2000);
    } catch (e) {
      this.output.appendLine(`stopping the server: ${errorText(e)}`);
    }
    try {
      await client.dispose();
    } catch {
      // Already gone.
    }
  }

  private onClosed(): CloseHandlerResult {
    if (this.stopping) return { action: CloseAction.DoNotRestart, handled: true };
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < CRASH_WINDOW_MS);
    this.crashes.push(now);
    if (this.crashes.length <= MAX_RESTARTS) {
      this.output.appendLine(`remit-lsp exited unexpectedly; restarting (${this.crashes.length} of ${MAX_RESTARTS})`);
      return { action: CloseAction.Restart, handled: true };
    }
    void this.showCrash();
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private async showMissing(r: Extract<Resolution, { found: false }>): Promise<void> {
    const choice = await vscode.window.showErrorMessage(missingServerMessage(r), 'Open Settings', 'Show Log');
    if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'remit.server.path');
    else if (choice === 'Show Log') this.output.show(true);
  }

  private async showStartFailure(reason: string): Promise<void> {
    const where = this.resolution?.found ? ` (${this.resolution.path})` : '';
    const choice = await vscode.window.showErrorMessage(
      `Remit: the language server${where} failed to start: ${reason}. ` +
        'Check that `remit.server.path` names a working `remit-lsp` (run it with `--help` in a terminal), then restart it.',
      'Open Settings',
      'Show Log',
      'Restart',
    );
    await this.handleChoice(choice);
  }

  private async showCrash(): Promise<void> {
    const where = this.resolution?.found ? ` (${this.resolution.path})` : '';
    const choice = await vscode.window.showErrorMessage(
      `Remit: the language server${where} stopped unexpectedly ${this.crashes.length} times in 3 minutes and ` +
        'will not be restarted automatically. Its log is in the "Remit Language Server" output; ' +
        'please report the crash with the file you were editing.',
      'Restart',
      'Show Log',
    );
    await this.handleChoice(choice);
  }

  private async handleChoice(choice: string | undefined): Promise<void> {
    if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'remit.server.path');
    else if (choice === 'Show Log') this.output.show(true);
    else if (choice === 'Restart') await this.restart();
  }

  /** Sends the current settings to a running server. */
  async pushSettings(): Promise<void> {
    const client = this.client;
    if (!client || client.state !== State.Running) return;
    await client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { remit: this.settings().settings },
    });
  }

  /** A request to the server; fails with a message in words when it is not running. */
  async request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R> {
    await this.busy.catch(() => undefined);
    const client = this.client;
    if (!client || client.state === State.Stopped) {
      if (this.resolution && !this.resolution.found) throw new Error(missingServerMessage(this.resolution));
      throw new Error('the Remit language server is not running; run "Remit: Restart Language Server"');
    }
    if (client.state === State.Starting) {
      await new Promise<void>((resolve) => {
        const sub = client.onDidChangeState((e) => {
          if (e.newState !== State.Starting) {
            sub.dispose();
            resolve();
          }
        });
      });
    }
    return client.sendRequest(type, params);
  }

  dispose(): void {
    void this.stop();
    this.onReadyEmitter.dispose();
    this.output.dispose();
  }
}

function describeSource(source: 'setting' | 'bundled' | 'path'): string {
  switch (source) {
    case 'setting':
      return 'remit.server.path';
    case 'bundled':
      return 'the extension';
    case 'path':
      return 'PATH';
  }
}

/** A `.remit` document to ask about: the active editor's, else a visible one, else the given fallback. */
function currentRemitUri(fallback?: vscode.Uri): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (isRemitDocument(active)) return active.uri;
  if (fallback) return fallback;
  const visible = vscode.window.visibleTextEditors.map((e) => e.document).find(isRemitDocument);
  return visible?.uri;
}

const NO_DOCUMENT = 'Remit: open a .remit file first (the diagram and matrix are of the model that file belongs to).';

// ---- Diagram panel ----------------------------------------------------------------

interface DiagramOptions {
  view: View;
  focus: string;
  mode: string;
}

class DiagramPanel {
  static current: DiagramPanel | undefined;
  static readonly viewType = 'remit.diagram';

  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  readonly options: DiagramOptions = { view: 'org', focus: '', mode: '' };

  static show(server: RemitClient, uri: vscode.Uri): void {
    if (DiagramPanel.current) {
      DiagramPanel.current.uri = uri;
      DiagramPanel.current.panel.reveal(undefined, true);
      void DiagramPanel.current.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      DiagramPanel.viewType,
      'Remit Diagram',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableForms: false, localResourceRoots: [], retainContextWhenHidden: false },
    );
    DiagramPanel.current = new DiagramPanel(panel, server, uri);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly server: RemitClient,
    public uri: vscode.Uri,
  ) {
    if (iconUri) panel.iconPath = iconUri;
    panel.webview.html = diagramPage(makeNonce());
    this.updateTitle();
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), null, this.disposables);
  }

  private onMessage(m: unknown): void {
    if (typeof m !== 'object' || m === null) return;
    const msg = m as Record<string, unknown>;
    switch (msg.type) {
      case 'ready':
        void this.panel.webview.postMessage({ type: 'state', views: VIEWS, ...this.options });
        void this.refresh();
        break;
      case 'options':
        if (isView(msg.view)) this.options.view = msg.view;
        if (typeof msg.focus === 'string') this.options.focus = msg.focus.trim();
        if (typeof msg.mode === 'string') this.options.mode = msg.mode.trim();
        this.updateTitle();
        void this.refresh();
        break;
      case 'export':
        void vscode.commands.executeCommand('remit.exportDiagram', {
          uri: this.uri.toString(),
          ...this.options,
        });
        break;
    }
  }

  private updateTitle(): void {
    const focus = this.options.focus ? `: ${this.options.focus}` : '';
    this.panel.title = `Remit: ${this.options.view}${focus}`;
  }

  /** Refreshes after REFRESH_DELAY_MS without further calls. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  async refresh(): Promise<void> {
    const mine = ++this.seq;
    void this.panel.webview.postMessage({ type: 'busy' });
    try {
      const svg = await this.server.request(DiagramRequest, diagramParams(this.uri, this.options, 'svg'));
      if (mine !== this.seq) return;
      const data = Buffer.from(svg, 'utf8').toString('base64');
      if (!isBase64(data)) throw new Error('the server sent a diagram that is not text');
      const at = new Date().toLocaleTimeString();
      void this.panel.webview.postMessage({
        type: 'diagram',
        svg: data,
        status: `${vscode.workspace.asRelativePath(this.uri)} · ${at}`,
      });
    } catch (e) {
      if (mine !== this.seq) return;
      void this.panel.webview.postMessage({ type: 'error', message: errorText(e) });
    }
  }

  dispose(): void {
    DiagramPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

function diagramParams(uri: vscode.Uri, o: DiagramOptions, format: DiagramParams['format']): DiagramParams {
  const p: DiagramParams = { uri: uri.toString(), view: o.view, format };
  if (o.focus) p.focus = o.focus;
  if (o.mode && o.view === 'modes') p.mode = o.mode;
  return p;
}

// ---- RACI panel ---------------------------------------------------------------------

class RaciPanel {
  static current: RaciPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  static show(server: RemitClient, uri: vscode.Uri): void {
    if (RaciPanel.current) {
      RaciPanel.current.uri = uri;
      RaciPanel.current.panel.reveal(undefined, true);
      void RaciPanel.current.refresh();
      return;
    }
    // Scripts off: the page is the report's HTML under a CSP that allows
    // nothing but its own nonce'd styles.
    const panel = vscode.window.createWebviewPanel(
      'remit.raci',
      'Remit: RACI matrix',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, enableForms: false, localResourceRoots: [] },
    );
    RaciPanel.current = new RaciPanel(panel, server, uri);
    void RaciPanel.current.refresh();
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly server: RemitClient,
    public uri: vscode.Uri,
  ) {
    if (iconUri) panel.iconPath = iconUri;
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  async refresh(): Promise<void> {
    const mine = ++this.seq;
    try {
      const html = await this.server.request(RaciRequest, { uri: this.uri.toString(), format: 'html' });
      if (mine !== this.seq) return;
      this.panel.webview.html = raciPage(html, makeNonce());
    } catch (e) {
      if (mine !== this.seq) return;
      this.panel.webview.html = messagePage(makeNonce(), 'The RACI matrix is not available', errorText(e));
    }
  }

  dispose(): void {
    RaciPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

// ---- Explain ----------------------------------------------------------------------------

const EXPLAIN_SCHEME = 'remit-explain';

/** Serves the Markdown of `remit/explain` as read-only documents for the Markdown preview. */
class ExplainDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  set(uri: vscode.Uri, markdown: string): void {
    this.texts.set(uri.toString(), markdown);
    this.emitter.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

class ExplainActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    _doc: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const seen = new Set<string>();
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const check = checkNameOf(d);
      if (!check || seen.has(check)) continue;
      seen.add(check);
      const action = new vscode.CodeAction(`Explain check \`${check}\``, vscode.CodeActionKind.QuickFix);
      action.command = { command: 'remit.explainCheck', title: 'Explain check', arguments: [check] };
      action.diagnostics = [d];
      actions.push(action);
    }
    return actions;
  }
}

/** The check of the remit diagnostic under the cursor, for the input box's default. */
function checkUnderCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isRemitDocument(editor.document)) return undefined;
  const pos = editor.selection.active;
  const diags = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.range.contains(pos));
  for (const d of diags) {
    const name = checkNameOf(d);
    if (name) return name;
  }
  return undefined;
}

// ---- Commands -----------------------------------------------------------------------------

interface ExportArgs {
  uri?: string;
  view?: string;
  focus?: string;
  mode?: string;
}

async function exportDiagram(server: RemitClient, args: ExportArgs | undefined): Promise<void> {
  const uri = args?.uri ? vscode.Uri.parse(args.uri) : currentRemitUri(DiagramPanel.current?.uri);
  if (!uri) {
    void vscode.window.showErrorMessage(NO_DOCUMENT);
    return;
  }
  let view: View | undefined = isView(args?.view) ? args?.view : undefined;
  if (!view) {
    const current = DiagramPanel.current?.options.view ?? 'org';
    const picked = await vscode.window.showQuickPick(
      [current, ...VIEWS.filter((v) => v !== current)].map((v) => ({ label: v })),
      { title: 'Remit: Export Diagram', placeHolder: 'Which view?' },
    );
    if (!picked || !isView(picked.label)) return;
    view = picked.label;
  }
  const format = await vscode.window.showQuickPick(
    [
      { label: 'SVG', description: 'scalable, keeps the findings in tooltips', format: 'svg' as const },
      { label: 'PNG', description: 'an image for slides and documents', format: 'png' as const },
    ],
    { title: 'Remit: Export Diagram', placeHolder: 'Which format?' },
  );
  if (!format) return;
  const options: DiagramOptions = {
    view,
    focus: args?.focus ?? (args ? '' : (DiagramPanel.current?.options.focus ?? '')),
    mode: args?.mode ?? (args ? '' : (DiagramPanel.current?.options.mode ?? '')),
  };
  const base = [view, options.focus].filter(Boolean).join('-').replace(/[^A-Za-z0-9_.-]/g, '_');
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri ?? vscode.Uri.joinPath(uri, '..');
  const target = await vscode.window.showSaveDialog({
    title: 'Remit: Export Diagram',
    defaultUri: vscode.Uri.joinPath(folder, `${base}.${format.format}`),
    filters: format.format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
  });
  if (!target) return;
  try {
    const result = await server.request(DiagramRequest, diagramParams(uri, options, format.format));
    const bytes = format.format === 'png' ? Buffer.from(result, 'base64') : Buffer.from(result, 'utf8');
    await vscode.workspace.fs.writeFile(target, bytes);
    const open = await vscode.window.showInformationMessage(
      `Remit: wrote the ${view} diagram to ${vscode.workspace.asRelativePath(target)}.`,
      'Reveal',
    );
    if (open === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', target);
  } catch (e) {
    void vscode.window.showErrorMessage(`Remit: cannot export the diagram: ${errorText(e)}`);
  }
}

async function explainCheck(server: RemitClient, docs: ExplainDocuments, arg: unknown): Promise<void> {
  let check = typeof arg === 'string' ? arg : undefined;
  if (!check) {
    check = await vscode.window.showInputBox({
      title: 'Remit: Explain Check',
      prompt: 'The check name, as in a diagnostic: ownership.double, bottleneck.owner-load, ...',
      value: checkUnderCursor() ?? '',
      validateInput: (v) => (v.trim() ? undefined : 'Enter a check name'),
    });
    if (!check) return;
  }
  check = check.trim();
  try {
    const markdown = await server.request(ExplainRequest, { check });
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${check}.md` });
    docs.set(uri, markdown);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch (e) {
    void vscode.window.showErrorMessage(`Remit: ${errorText(e)}`);
  }
}

// ---- Activation -------------------------------------------------------------------------------

let server: RemitClient | undefined;
/** The icon of the extension's panels. */
let iconUri: vscode.Uri | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  iconUri = vscode.Uri.joinPath(context.extensionUri, 'images', 'icon.svg');
  const s = new RemitClient(context);
  server = s;
  const docs = new ExplainDocuments();
  context.subscriptions.push(
    s,
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, docs),
    vscode.languages.registerCodeActionsProvider({ language: LANGUAGE }, new ExplainActions(), {
      providedCodeActionKinds: ExplainActions.kinds,
    }),
    vscode.commands.registerCommand('remit.restartServer', () => s.restart()),
    vscode.commands.registerCommand('remit.showDiagram', () => {
      const uri = currentRemitUri(DiagramPanel.current?.uri);
      if (!uri) return void vscode.window.showErrorMessage(NO_DOCUMENT);
      DiagramPanel.show(s, uri);
    }),
    vscode.commands.registerCommand('remit.exportDiagram', (args?: ExportArgs) => exportDiagram(s, args)),
    vscode.commands.registerCommand('remit.showRaci', () => {
      const uri = currentRemitUri(RaciPanel.current?.uri ?? DiagramPanel.current?.uri);
      if (!uri) return void vscode.window.showErrorMessage(NO_DOCUMENT);
      RaciPanel.show(s, uri);
    }),
    vscode.commands.registerCommand('remit.explainCheck', (arg?: unknown) => explainCheck(s, docs, arg)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('remit.server.path')) void s.restart();
      else if (
        e.affectsConfiguration('remit.checks') ||
        e.affectsConfiguration('remit.stdlib') ||
        e.affectsConfiguration('remit.asOf')
      )
        void s.pushSettings();
    }),
    // Live refresh: every edit of a model file may change any view.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!isRemitDocument(e.document) || e.contentChanges.length === 0) return;
      DiagramPanel.current?.schedule();
      RaciPanel.current?.schedule();
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      const doc = editor?.document;
      if (!isRemitDocument(doc)) return;
      for (const panel of [DiagramPanel.current, RaciPanel.current]) {
        if (panel && panel.uri.toString() !== doc.uri.toString()) {
          panel.uri = doc.uri;
          panel.schedule();
        }
      }
    }),
    s.onReady(() => {
      DiagramPanel.current?.schedule();
      RaciPanel.current?.schedule();
    }),
  );
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.remit');
  const onDisk = (): void => {
    DiagramPanel.current?.schedule();
    RaciPanel.current?.schedule();
  };
  context.subscriptions.push(watcher, watcher.onDidChange(onDisk), watcher.onDidCreate(onDisk), watcher.onDidDelete(onDisk));
  await s.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}
