// The config half of a session: which file is open (and why), its view, form edits of unsaved
// buffers, validated atomic saves with conflict detection, and the watch that reports changes
// made elsewhere. Kept apart from session.ts so the façade only delegates.
//
// Everything it answers is for the renderer, so config text leaves here masked (config-secrets)
// and comes back with its masks restored from the text the editor loaded — the version its
// `baseVersion` names. Versions are hashes of the real text on disk, so conflict detection is
// exactly what it was; the masked text is never hashed.
import { appError, fail, ok, type AppError, type Result } from '../../shared/errors';
import type { ConfigAnalysis, ConfigIssue, ConfigView } from '../../shared/types';
import { editConfigText } from './config-edit';
import { findSecrets, hideSecrets, maskConfigText, restoreConfigText, type Secret } from './config-secrets';
import { configView, invalidConfigError, readConfigFile, resolveConfigLocation, saveConfigFile, type ConfigFile, type ConfigOrigin, type LoadOptions } from './config-store';
import { analyzeConfigText, type EffectiveInputs } from './config-validate';
import { watchConfigFile, type ConfigWatcher } from './config-watch';
import type { PathSegment } from './config-path';
import { isAbsolute, resolve } from 'node:path';

export interface ConfigSessionOptions {
  env: Record<string, string | undefined>;
  dataDir: string;
  configPath?: string;
  configOrigin?: ConfigOrigin;
  /** Credentials found and the region chain, for the effective values; resolved lazily. */
  effectiveInputs: () => Promise<EffectiveInputs>;
  /** Called with the new view when the file's content changes on disk; starts a watch when set. */
  onConfigChanged?: (view: ConfigView) => void;
}

export interface ConfigSession {
  path(): string;
  origin(): ConfigOrigin;
  getConfig(): Promise<ConfigView>;
  analyzeConfig(text: string): Promise<ConfigAnalysis>;
  editConfig(text: string, path: PathSegment[], value: unknown): Promise<Result<{ text: string } & ConfigAnalysis>>;
  saveConfig(request: { text: string; baseVersion: string; overwrite?: boolean }): Promise<Result<ConfigView>>;
  openConfig(path: string): Promise<Result<ConfigView>>;
  dispose(): void;
}

/** Versions whose secrets are kept for restoring masks: the editor's base is one of the last few. */
const KEPT_VERSIONS = 8;

/** What the renderer gets for its (masked) buffer: the analysis without the parsed value, plus masks that cannot be restored. */
function publicAnalysis(text: string, inputs: EffectiveInputs, known: readonly Secret[]): ConfigAnalysis {
  const { value: _value, ...analysis } = analyzeConfigText(text, inputs);
  const hidden = restoreConfigText(text, known).issues;
  if (hidden.length === 0) return analysis;
  const issues: ConfigIssue[] = [...analysis.issues, ...hidden].sort((a, b) => a.line - b.line || a.column - b.column);
  return { ...analysis, issues };
}

/** The view of a file as the renderer may see it: masked text (issues and positions are about it), the real version. */
function publicView(path: string, file: ConfigFile, options: LoadOptions): ConfigView {
  return configView(path, { ...file, text: maskConfigText(file.text) }, options).view;
}

const scrubbed = (error: AppError, secrets: readonly Secret[]): AppError => ({
  ...error,
  message: hideSecrets(error.message, secrets),
  ...(error.hint !== undefined ? { hint: hideSecrets(error.hint, secrets) } : {}),
});

function hiddenValueError(issues: readonly ConfigIssue[]): AppError {
  const [first] = issues as [ConfigIssue];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return appError(
    'ConfigHiddenValue',
    `Not saved: ${first.path ? `${first.path} ` : ''}${first.message.replace(/\.$/, '')} at line ${first.line}, column ${first.column}${more}.`,
    'A hidden value (••••…) can only be kept where it was loaded; type the real value there, or Revert. The file on disk was not changed.',
  );
}

export function createConfigSession(opts: ConfigSessionOptions): ConfigSession {
  const initial = opts.configPath?.trim()
    ? { path: resolveConfigLocation({ cliPath: opts.configPath, env: opts.env, dataDir: opts.dataDir }).path, origin: opts.configOrigin ?? 'cli' }
    : resolveConfigLocation({ env: opts.env, dataDir: opts.dataDir });
  let path = initial.path;
  let origin: ConfigOrigin = initial.origin;
  let lastBackup: string | undefined;
  let watcher: ConfigWatcher | undefined;
  let disposed = false;
  /** The secrets of each version served to the renderer, newest last. */
  const served = new Map<string, Secret[]>();

  // Effective values need credentials; never let a slow or failed resolution block the editor.
  const inputs = async (): Promise<EffectiveInputs> => {
    try {
      return await opts.effectiveInputs();
    } catch {
      return {};
    }
  };

  const remember = (file: ConfigFile) => {
    served.delete(file.version);
    served.set(file.version, findSecrets(file.text));
    while (served.size > KEPT_VERSIONS) served.delete(served.keys().next().value as string);
  };

  /** The file as the renderer may see it; its secrets are kept to restore what comes back. */
  const serve = async (file: ConfigFile): Promise<ConfigView> => {
    remember(file);
    return publicView(path, file, { origin, effective: await inputs(), ...(lastBackup ? { backupPath: lastBackup } : {}) });
  };
  const load = async (): Promise<ConfigView> => serve(await readConfigFile(path));

  /** Secrets of every version served: what a buffer's masks may stand for (the exact base is checked on save). */
  const knownSecrets = async (): Promise<Secret[]> => {
    if (served.size === 0) remember(await readConfigFile(path));
    return [...served.values()].flat();
  };

  /** Secrets of the version a save is based on: on disk when it is still that version, else as served. */
  const baseSecrets = async (baseVersion: string): Promise<Secret[] | undefined> => {
    const disk = await readConfigFile(path);
    if (disk.version === baseVersion && !disk.readError) return findSecrets(disk.text);
    return served.get(baseVersion);
  };

  const startWatch = (version?: string) => {
    watcher?.close();
    watcher = undefined;
    if (!opts.onConfigChanged || disposed) return;
    const watchedPath = path;
    watcher = watchConfigFile(watchedPath, version, () => {
      if (disposed || watchedPath !== path) return;
      void load().then((view) => {
        if (!disposed && watchedPath === path) opts.onConfigChanged?.(view);
      }, () => undefined);
    });
  };
  startWatch();

  return {
    path: () => path,
    origin: () => origin,
    getConfig: load,
    async analyzeConfig(text) {
      return publicAnalysis(text, await inputs(), await knownSecrets());
    },
    async editConfig(text, fieldPath, value) {
      // On the masked buffer as it is: only that field changes, so masks stay masks and the
      // answer holds nothing the renderer did not send.
      const edited = editConfigText(text, fieldPath, value);
      if (!edited.ok) return fail(edited.error);
      return ok({ text: edited.text, ...publicAnalysis(edited.text, await inputs(), await knownSecrets()) });
    },
    async saveConfig({ text, baseVersion, overwrite }) {
      // Checked as the editor shows it, so a message's line and column are those it sees.
      const invalid = invalidConfigError(text);
      if (invalid) return fail(invalid);
      const base = (await baseSecrets(baseVersion)) ?? [];
      const restored = restoreConfigText(text, base);
      if (restored.issues.length > 0) return fail(hiddenValueError(restored.issues));
      const saved = await saveConfigFile(path, restored.text, { baseVersion, ...(overwrite ? { overwrite } : {}) });
      if (!saved.ok) return fail(scrubbed(saved.error, [...base, ...findSecrets(restored.text)]));
      if (saved.value.backupPath) lastBackup = saved.value.backupPath;
      return ok(await load());
    },
    async openConfig(requested) {
      const trimmed = requested.trim();
      if (!trimmed || !isAbsolute(trimmed.replace(/^~(?=\/|$)/, '/'))) {
        return fail(appError('InvalidConfigPath', `"${requested}" is not an absolute file path.`, 'Choose the file in the dialog, or give its full path.'));
      }
      const next = resolveConfigLocation({ cliPath: trimmed, env: opts.env, dataDir: opts.dataDir }).path;
      const file = await readConfigFile(next);
      if (file.readError) {
        return fail(appError('ConfigUnreadable', `Cannot open ${next}: Cannot read the file: ${file.readError}`, 'Check that it is a file you can read.'));
      }
      path = resolve(next);
      origin = 'chosen';
      lastBackup = undefined;
      served.clear();
      startWatch(file.version);
      return ok(await serve(file));
    },
    dispose() {
      disposed = true;
      watcher?.close();
    },
  };
}
