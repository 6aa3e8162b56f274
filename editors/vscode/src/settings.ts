// settings.ts - maps the extension's VS Code settings (the `remit` section)
// to the settings object remit-lsp reads from `initializationOptions` and
// `workspace/didChangeConfiguration` (docs/lsp.md, "Settings"):
//
//   { checks: { profile, severities, thresholds }, stdlib: { path }, asOf }
//
// No `vscode` import: the unit tests run this on plain node.
import * as os from 'node:os';
import * as path from 'node:path';

export type Profile = 'default' | 'strict';
export type Level = 'error' | 'warning' | 'note' | 'off';

/** The settings shape remit-lsp understands. */
export interface ServerSettings {
  checks: {
    profile: Profile;
    severities: Record<string, Level>;
    thresholds: Record<string, number>;
  };
  stdlib?: { path: string };
  asOf?: string;
}

/** Where relative paths and `${workspaceFolder}` point. */
export interface PathContext {
  /** The first workspace folder's path, if any. */
  workspaceFolder?: string;
  /** The home directory, for `~`; defaults to os.homedir(). */
  home?: string;
}

export interface MappedSettings {
  settings: ServerSettings;
  /** Values that were dropped, in words, for the output channel. */
  warnings: string[];
}

const LEVELS: readonly string[] = ['error', 'warning', 'note', 'off'];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads `a.b.c` from a settings tree, whether nested or flat ("a.b": ...). */
function lookup(tree: Record<string, unknown>, dotted: string): unknown {
  if (dotted in tree) return tree[dotted];
  const parts = dotted.split('.');
  for (let i = 1; i < parts.length; i++) {
    const head = parts.slice(0, i).join('.');
    const child = tree[head];
    if (isObject(child)) {
      const found = lookup(child, parts.slice(i).join('.'));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Expands `~`, `${workspaceFolder}`, `${userHome}` and `${env:NAME}` in a path
 * setting and resolves a relative result against the workspace folder.
 * Returns undefined for an empty setting.
 */
export function expandPath(value: string, ctx: PathContext, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let p = value.trim();
  if (!p) return undefined;
  const home = ctx.home ?? os.homedir();
  p = p.replace(/\$\{userHome\}/g, home);
  p = p.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? '');
  if (ctx.workspaceFolder !== undefined) p = p.replace(/\$\{workspaceFolder\}/g, ctx.workspaceFolder);
  if (p === '~') p = home;
  else if (p.startsWith('~/') || p.startsWith('~\\')) p = path.join(home, p.slice(2));
  if (!path.isAbsolute(p) && ctx.workspaceFolder !== undefined) p = path.resolve(ctx.workspaceFolder, p);
  return p;
}

/** Whether `s` is a real calendar date YYYY-MM-DD, as the compiler requires. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The server settings for a `remit` configuration section (what
 * `workspace.getConfiguration('remit')` holds, as a plain object). Every key
 * is always present under `checks`, so a setting the user removed is reset on
 * the server too (the server replaces its settings as a whole).
 */
export function toServerSettings(section: unknown, ctx: PathContext = {}): MappedSettings {
  const warnings: string[] = [];
  const tree = isObject(section) ? section : {};
  const settings: ServerSettings = { checks: { profile: 'default', severities: {}, thresholds: {} } };

  const profile = lookup(tree, 'checks.profile');
  if (profile === 'default' || profile === 'strict') settings.checks.profile = profile;
  else if (profile !== undefined && profile !== null && profile !== '')
    warnings.push(`remit.checks.profile: \`${String(profile)}\` is not default or strict; using default`);

  const severities = lookup(tree, 'checks.severities');
  if (isObject(severities)) {
    for (const [check, level] of Object.entries(severities)) {
      if (typeof level === 'string' && LEVELS.includes(level)) settings.checks.severities[check] = level as Level;
      else warnings.push(`remit.checks.severities: \`${check}\`: \`${String(level)}\` is not error, warning, note or off`);
    }
  } else if (severities !== undefined && severities !== null) {
    warnings.push('remit.checks.severities must be an object of check names to levels');
  }

  const thresholds = lookup(tree, 'checks.thresholds');
  if (isObject(thresholds)) {
    for (const [check, n] of Object.entries(thresholds)) {
      if (typeof n === 'number' && Number.isInteger(n) && n >= 0) settings.checks.thresholds[check] = n;
      else warnings.push(`remit.checks.thresholds: \`${check}\`: \`${String(n)}\` is not a non-negative integer`);
    }
  } else if (thresholds !== undefined && thresholds !== null) {
    warnings.push('remit.checks.thresholds must be an object of check names to integers');
  }

  const stdlib = lookup(tree, 'stdlib.path');
  if (typeof stdlib === 'string') {
    const expanded = expandPath(stdlib, ctx);
    if (expanded !== undefined) settings.stdlib = { path: expanded };
  }

  const asOf = lookup(tree, 'asOf');
  if (typeof asOf === 'string' && asOf.trim() !== '') {
    if (isCalendarDate(asOf.trim())) settings.asOf = asOf.trim();
    else warnings.push(`remit.asOf: \`${asOf}\` is not a date YYYY-MM-DD; using today`);
  }
  return { settings, warnings };
}
