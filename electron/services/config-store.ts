// Where the Moltbot config lives, what it says, and how it is saved. A file that does not parse
// is reported with its position and treated as empty; it is replaced only by a save of valid
// text, and its previous content is always kept as `<file>.bak`.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { appError, fail, ok, type AppError, type Result } from '../../shared/errors';
import type { ConfigIssue, ConfigView } from '../../shared/types';
import { primaryModelRef, type MoltbotConfig } from './config-model';
import { analyzeConfigText, type EffectiveInputs } from './config-validate';
import { describeWriteError, writeFileDurably } from './durable-file';

type Env = Record<string, string | undefined>;

export const OWN_CONFIG_NAME = 'bedrock-desk.json5';
const PATH_VARS = ['CLAWDBOT_CONFIG_PATH', 'MOLTBOT_CONFIG_PATH', 'OPENCLAW_CONFIG_PATH'] as const;
const STATE_DIR_VARS = ['CLAWDBOT_STATE_DIR', 'MOLTBOT_STATE_DIR', 'OPENCLAW_STATE_DIR'] as const;
const CONFIG_NAMES = ['moltbot.json', 'clawdbot.json', 'openclaw.json'];
/** Moltbot's state dirs across its renames (Clawdbot → Moltbot → OpenClaw). */
const HOME_STATE_DIRS = ['.clawdbot', '.moltbot', '.openclaw'];

export interface ConfigPathInputs {
  cliPath?: string;
  env: Env;
  dataDir: string;
}

function expandHome(path: string, env: Env): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  return path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : path;
}

/** The Moltbot config files that may exist, in the order Moltbot's own lookup prefers them. */
export function moltbotConfigCandidates(env: Env): string[] {
  const home = env.HOME || env.USERPROFILE || homedir();
  const dirs = [
    ...STATE_DIR_VARS.map((name) => env[name]?.trim()).filter((dir): dir is string => !!dir).map((dir) => expandHome(dir, env)),
    ...HOME_STATE_DIRS.map((dir) => join(home, dir)),
  ];
  return dirs.flatMap((dir) => CONFIG_NAMES.map((name) => join(dir, name)));
}

export type ConfigOrigin = ConfigView['origin'];

/** --config, then the *_CONFIG_PATH variables, then an existing Moltbot config, else our own file. */
export function resolveConfigLocation(inputs: ConfigPathInputs): { path: string; origin: ConfigOrigin } {
  const { env } = inputs;
  if (inputs.cliPath?.trim()) return { path: resolve(expandHome(inputs.cliPath.trim(), env)), origin: 'cli' };
  for (const name of PATH_VARS) {
    const value = env[name]?.trim();
    if (value) return { path: resolve(expandHome(value, env)), origin: 'env' };
  }
  const existing = moltbotConfigCandidates(env).find((path) => existsSync(path));
  return existing ? { path: existing, origin: 'moltbot' } : { path: join(inputs.dataDir, OWN_CONFIG_NAME), origin: 'default' };
}

export function resolveConfigPath(inputs: ConfigPathInputs): string {
  return resolveConfigLocation(inputs).path;
}

/** The version of a file that does not exist (yet). */
export const ABSENT_VERSION = 'absent';

/**
 * Identifies file content: a save is refused when the file's version moved since the editor
 * loaded it. Content only (no mtime): a `touch` or an identical rewrite is not a conflict.
 */
export function contentVersion(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32)}`;
}

export interface ConfigFile {
  exists: boolean;
  text: string;
  version: string;
  readError?: string;
}

export async function readConfigFile(path: string): Promise<ConfigFile> {
  try {
    const text = await readFile(path, 'utf8');
    return { exists: true, text, version: contentVersion(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, text: '', version: ABSENT_VERSION };
    return { exists: true, text: '', version: 'unreadable', readError: (error as Error).message };
  }
}

export interface LoadedConfig {
  view: ConfigView;
  /** The parsed file; `{}` when missing or unparsable. */
  config: MoltbotConfig;
}

export interface LoadOptions {
  origin?: ConfigOrigin;
  effective?: EffectiveInputs;
  backupPath?: string;
}

/** The view of a file's content: analysis, version, and the parse error (position) if any. */
export function configView(path: string, file: ConfigFile, options: LoadOptions = {}): LoadedConfig {
  const base = { path, exists: file.exists, text: file.text, version: file.version, origin: options.origin ?? 'default', ...(options.backupPath ? { backupPath: options.backupPath } : {}) };
  if (file.readError) {
    const parseError = { message: `Cannot read the file: ${file.readError}`, line: 1, column: 1 };
    const analysis = analyzeConfigText('', options.effective);
    return { view: { ...base, issues: [{ path: '', severity: 'error', ...parseError }], suggestedBaseUrl: analysis.suggestedBaseUrl, parseError }, config: {} };
  }
  const { value, ...analysis } = analyzeConfigText(file.text, options.effective);
  if (!value) {
    const first = analysis.issues[0];
    const parseError = { message: first?.message ?? 'The config does not parse.', line: first?.line ?? 1, column: first?.column ?? 1 };
    return { view: { ...base, ...analysis, parseError }, config: {} };
  }
  const primary = primaryModelRef(value);
  return { view: { ...base, ...analysis, ...(primary ? { primaryModel: primary } : {}) }, config: value };
}

export async function loadConfig(path: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  return configView(path, await readConfigFile(path), options);
}

export interface SaveOptions {
  /** The version the text was edited from; a different version on disk is a conflict. */
  baseVersion: string;
  overwrite?: boolean;
  /** Error issues already present before the edit (the CLI's `set` may fix one error at a time). */
  tolerate?: readonly ConfigIssue[];
}

export interface Saved {
  version: string;
  backupPath?: string;
}

const issueKey = (issue: ConfigIssue) => `${issue.path}\u0000${issue.message}`;
const where = (issue: ConfigIssue) => `line ${issue.line}, column ${issue.column}${issue.path ? ` (${issue.path})` : ''}`;

/** `ConfigInvalid` for text that must not be saved (the first error, where it is), else undefined. */
export function invalidConfigError(text: string, tolerate: readonly ConfigIssue[] = []): AppError | undefined {
  const analysis = analyzeConfigText(text);
  const tolerated = new Set(tolerate.map(issueKey));
  const errors = analysis.issues.filter((issue) => issue.severity === 'error' && !tolerated.has(issueKey(issue)));
  if (analysis.value && errors.length === 0) return undefined;
  const first = errors[0] ?? analysis.issues[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return appError('ConfigInvalid', first ? `Not saved: ${first.message} at ${where(first)}${more}.` : 'Not saved: the config is invalid.', 'Fix the highlighted fields; the file on disk was not changed.');
}

/**
 * Validates, then writes atomically: temp file in the same directory, fsync, rename, with the
 * previous content kept as `<file>.bak`. Refuses invalid text (`ConfigInvalid`) and a file
 * changed since `baseVersion` (`ConfigChangedOnDisk`) — the file stays byte-identical.
 */
export async function saveConfigFile(path: string, text: string, options: SaveOptions): Promise<Result<Saved>> {
  const invalid = invalidConfigError(text, options.tolerate);
  if (invalid) return fail(invalid);
  let target = path;
  try {
    target = await realpath(path); // write through a symlink, not over it
  } catch {
    // Does not exist yet.
  }
  const current = await readConfigFile(target);
  if (current.readError) return fail(appError('ConfigUnreadable', `Cannot read ${path}: ${current.readError}`, 'Check the file permissions.'));
  if (current.version !== options.baseVersion && !options.overwrite) {
    return fail(appError('ConfigChangedOnDisk', `${path} changed on disk since it was loaded.`, 'Reload to see the other changes (yours are lost), or overwrite the file with your version.', false));
  }
  if (current.exists && current.text === text) return ok({ version: current.version });

  const dir = dirname(target);
  let mode = 0o600; // a new config may later hold other providers' keys
  let backupPath: string | undefined;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (current.exists) {
      mode = (await stat(target)).mode & 0o777;
      backupPath = `${target}.bak`;
      await writeFileDurably(backupPath, current.text, { mode });
    }
    await writeFileDurably(target, text, { mode });
  } catch (error) {
    // Disk full, read-only, permissions: a value, not a throw; the durable writer left the file as it was.
    const { reason, hint } = describeWriteError(error, dir);
    return fail(appError('ConfigNotSaved', `Not saved: ${path} could not be written (${reason}).`, hint, true));
  }
  return ok({ version: contentVersion(text), ...(backupPath ? { backupPath } : {}) });
}

