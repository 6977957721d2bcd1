// The config half of a session: which file is open (and why), its view, form edits of unsaved
// buffers, validated atomic saves with conflict detection, and the watch that reports changes
// made elsewhere. Kept apart from session.ts so the façade only delegates.
import { appError, fail, ok, type Result } from '../../shared/errors';
import type { ConfigAnalysis, ConfigView } from '../../shared/types';
import { editConfigText } from './config-edit';
import { loadConfig, resolveConfigLocation, saveConfigFile, type ConfigOrigin, type LoadedConfig } from './config-store';
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
  load(): Promise<LoadedConfig>;
  getConfig(): Promise<ConfigView>;
  analyzeConfig(text: string): Promise<ConfigAnalysis>;
  editConfig(text: string, path: PathSegment[], value: unknown): Promise<Result<{ text: string } & ConfigAnalysis>>;
  saveConfig(request: { text: string; baseVersion: string; overwrite?: boolean }): Promise<Result<ConfigView>>;
  openConfig(path: string): Promise<Result<ConfigView>>;
  dispose(): void;
}

/** What the renderer gets: the analysis without the parsed value (the text already carries it). */
function publicAnalysis(text: string, inputs: EffectiveInputs): ConfigAnalysis {
  const { value: _value, ...analysis } = analyzeConfigText(text, inputs);
  return analysis;
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

  // Effective values need credentials; never let a slow or failed resolution block the editor.
  const inputs = async (): Promise<EffectiveInputs> => {
    try {
      return await opts.effectiveInputs();
    } catch {
      return {};
    }
  };

  const load = async (): Promise<LoadedConfig> => loadConfig(path, { origin, effective: await inputs(), ...(lastBackup ? { backupPath: lastBackup } : {}) });

  const startWatch = (version?: string) => {
    watcher?.close();
    watcher = undefined;
    if (!opts.onConfigChanged || disposed) return;
    const watchedPath = path;
    watcher = watchConfigFile(watchedPath, version, () => {
      if (disposed || watchedPath !== path) return;
      void load().then((loaded) => {
        if (!disposed && watchedPath === path) opts.onConfigChanged?.(loaded.view);
      }, () => undefined);
    });
  };
  startWatch();

  return {
    path: () => path,
    origin: () => origin,
    load,
    async getConfig() {
      return (await load()).view;
    },
    async analyzeConfig(text) {
      return publicAnalysis(text, await inputs());
    },
    async editConfig(text, fieldPath, value) {
      const edited = editConfigText(text, fieldPath, value);
      if (!edited.ok) return fail(edited.error);
      return ok({ text: edited.text, ...publicAnalysis(edited.text, await inputs()) });
    },
    async saveConfig({ text, baseVersion, overwrite }) {
      const saved = await saveConfigFile(path, text, { baseVersion, ...(overwrite ? { overwrite } : {}) });
      if (!saved.ok) return fail(saved.error);
      if (saved.value.backupPath) lastBackup = saved.value.backupPath;
      return ok((await load()).view);
    },
    async openConfig(requested) {
      const trimmed = requested.trim();
      if (!trimmed || !isAbsolute(trimmed.replace(/^~(?=\/|$)/, '/'))) {
        return fail(appError('InvalidConfigPath', `"${requested}" is not an absolute file path.`, 'Choose the file in the dialog, or give its full path.'));
      }
      const next = resolveConfigLocation({ cliPath: trimmed, env: opts.env, dataDir: opts.dataDir }).path;
      const loaded = await loadConfig(next, { origin: 'chosen', effective: await inputs() });
      if (loaded.view.parseError?.message.startsWith('Cannot read the file') && loaded.view.text === '') {
        return fail(appError('ConfigUnreadable', `Cannot open ${next}: ${loaded.view.parseError.message}`, 'Check that it is a file you can read.'));
      }
      path = resolve(next);
      origin = 'chosen';
      lastBackup = undefined;
      startWatch(loaded.view.version);
      return ok(loaded.view);
    },
    dispose() {
      disposed = true;
      watcher?.close();
    },
  };
}
