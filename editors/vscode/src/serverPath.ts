// serverPath.ts - which remit-lsp executable the extension starts:
//   1. the `remit.server.path` setting, when set;
//   2. the binary bundled with the extension, `server/remit-lsp`;
//   3. `remit-lsp` on PATH.
// No `vscode` import: the unit tests run this on plain node.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandPath, PathContext } from './settings';

export const SERVER_NAME = 'remit-lsp';

export interface ResolveInput extends PathContext {
  /** The `remit.server.path` setting ('' when unset). */
  configured: string;
  /** The extension's install directory. */
  extensionPath: string;
  /** The PATH to search (process.env.PATH). */
  envPath?: string;
  /** process.platform; decides `.exe` and the PATH separator. */
  platform?: NodeJS.Platform;
  /** PATHEXT on Windows. */
  pathExt?: string;
  /** Whether a file exists and may be executed; injectable for tests. */
  isExecutable?: (file: string) => boolean;
}

export type Resolution =
  | { found: true; path: string; source: 'setting' | 'bundled' | 'path' }
  | { found: false; source: 'setting' | 'default'; tried: string[]; reason: string };

export function defaultIsExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function candidates(base: string, platform: NodeJS.Platform, pathExt: string | undefined): string[] {
  if (platform !== 'win32') return [base];
  const exts = (pathExt ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean);
  return [base, ...exts.map((e) => base + e.toLowerCase())];
}

/** Looks `name` up in the directories of `envPath`; returns the paths tried too. */
export function searchPath(name: string, input: ResolveInput): { path?: string; tried: string[] } {
  const platform = input.platform ?? process.platform;
  const isExec = input.isExecutable ?? defaultIsExecutable;
  const sep = platform === 'win32' ? ';' : ':';
  const tried: string[] = [];
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  for (const dir of (input.envPath ?? '').split(sep)) {
    if (!dir) continue;
    for (const file of candidates(join(dir, name), platform, input.pathExt)) {
      tried.push(file);
      if (isExec(file)) return { path: file, tried };
    }
  }
  return { tried };
}

export function resolveServerPath(input: ResolveInput): Resolution {
  const platform = input.platform ?? process.platform;
  const isExec = input.isExecutable ?? defaultIsExecutable;
  const configured = input.configured.trim();
  if (configured) {
    // A bare command name (no directory part) is looked up on PATH, like a shell does.
    if (!configured.includes('/') && !configured.includes('\\') && !configured.startsWith('~') && !configured.includes('${')) {
      const hit = searchPath(configured, input);
      if (hit.path) return { found: true, path: hit.path, source: 'setting' };
      return {
        found: false,
        source: 'setting',
        tried: hit.tried,
        reason: `\`remit.server.path\` is \`${configured}\`, which is not on PATH`,
      };
    }
    const file = expandPath(configured, input) ?? configured;
    for (const f of candidates(file, platform, input.pathExt)) {
      if (isExec(f)) return { found: true, path: f, source: 'setting' };
    }
    return {
      found: false,
      source: 'setting',
      tried: [file],
      reason: `\`remit.server.path\` is \`${configured}\`, but \`${file}\` is not an executable file`,
    };
  }
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  const bundled = join(input.extensionPath, 'server', platform === 'win32' ? `${SERVER_NAME}.exe` : SERVER_NAME);
  if (isExec(bundled)) return { found: true, path: bundled, source: 'bundled' };
  const hit = searchPath(SERVER_NAME, input);
  if (hit.path) return { found: true, path: hit.path, source: 'path' };
  return {
    found: false,
    source: 'default',
    tried: [bundled, ...hit.tried],
    reason: `\`${SERVER_NAME}\` is neither bundled with the extension nor on PATH`,
  };
}

/** The message shown when no server binary was found: what failed and how to fix it. */
export function missingServerMessage(r: Extract<Resolution, { found: false }>): string {
  return (
    `Remit: cannot start the language server: ${r.reason}. ` +
    'Build it in the Remit repository with `cmake -S . -B build -G Ninja && ninja -C build remit-lsp`, ' +
    'then set `remit.server.path` to the built `build/bin/remit-lsp` (or put `remit-lsp` on PATH) ' +
    'and run "Remit: Restart Language Server".'
  );
}
