// The Moltbot config file: the version on disk, the unsaved buffer both editors work on, and its
// analysis. The form and the raw editor never hold their own copy of the text: every form change
// goes through `edit` (format-preserving, done in main) and every raw keystroke through `setBuffer`.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { ConfigAnalysis, ConfigView, ManagedConfig } from '../../shared/types';
import { api } from '../api/client';

export type ConfigPath = (string | number)[];

/** Why the buffer and the disk disagree in a way the user has to settle. */
export interface ConfigConflict {
  /** `save`: a save was refused as stale; `disk`: the file changed while there were local edits. */
  kind: 'save' | 'disk';
  /** The version on disk, when the event carried it (a refused save makes us fetch it on Reload). */
  disk?: ConfigView;
}

interface ConfigState {
  /** The file as last loaded from (or saved to) disk. */
  view: ConfigView | null;
  loading: boolean;
  error: AppError | null;
  /** The text both editors show; equals `view.text` when there are no local edits. */
  buffer: string;
  /** Analysis of `analyzedText` (the buffer, once the debounced analyze caught up). */
  analysis: ConfigAnalysis | null;
  analyzedText: string;
  /** The last analysis whose text parsed: a half-typed raw edit never wipes the form. */
  lastGood: (ConfigAnalysis & { managed: ManagedConfig }) | null;
  /** The text `lastGood` was computed from (its issues' positions refer to it). */
  lastGoodText: string;
  saving: boolean;
  /** A save or edit that failed for a reason other than a conflict. */
  actionError: AppError | null;
  conflict: ConfigConflict | null;
  /** One-line news: "Saved — backup at …", "Reloaded: the file changed on disk". */
  notice: string | null;
  load(): Promise<void>;
  /** The raw editor changed the text; analysis follows, debounced. */
  setBuffer(text: string): void;
  /** One form field changed: `value` undefined removes the key. */
  edit(path: ConfigPath, value: unknown): Promise<void>;
  save(options?: { overwrite?: boolean }): Promise<void>;
  revert(): void;
  /** Drop local edits and take the version on disk. */
  reloadFromDisk(): Promise<void>;
  open(path: string): Promise<void>;
  /** `config:changed`: the file changed on disk. */
  applyDiskChange(view: ConfigView): void;
  dismissNotice(): void;
}

export const ANALYZE_DEBOUNCE_MS = 150;

let analyzeTimer: ReturnType<typeof setTimeout> | null = null;
let analyzeTicket = 0;
/** Form edits are applied one after another, each to the buffer the previous one produced. */
let editQueue: Promise<void> = Promise.resolve();

function cancelPendingAnalyze(): void {
  if (analyzeTimer) clearTimeout(analyzeTimer);
  analyzeTimer = null;
  analyzeTicket++;
}

/** State for "the buffer is now exactly this file on disk". */
function fromDisk(view: ConfigView): Partial<ConfigState> {
  cancelPendingAnalyze();
  return {
    view,
    buffer: view.text,
    analysis: view,
    analyzedText: view.text,
    lastGood: parsed(view) ?? null,
    lastGoodText: view.text,
    conflict: null,
    actionError: null,
  };
}

function parsed(analysis: ConfigAnalysis): (ConfigAnalysis & { managed: ManagedConfig }) | undefined {
  return analysis.managed ? (analysis as ConfigAnalysis & { managed: ManagedConfig }) : undefined;
}

function withAnalysis(state: ConfigState, text: string, analysis: ConfigAnalysis): Partial<ConfigState> {
  const good = parsed(analysis);
  return good ? { analysis, analyzedText: text, lastGood: good, lastGoodText: text } : { analysis, analyzedText: text };
}

/** The text the form's values and field messages come from: the buffer's, or the last that parsed. */
export const formSourceText = (state: ConfigState): string => (state.analysis?.managed ? state.analyzedText : state.lastGoodText);

export const useConfigStore = create<ConfigState>()((set, get) => ({
  view: null,
  loading: false,
  error: null,
  buffer: '',
  analysis: null,
  analyzedText: '',
  lastGood: null,
  lastGoodText: '',
  saving: false,
  actionError: null,
  conflict: null,
  notice: null,

  async load() {
    set({ loading: true });
    const result = await api.config.get();
    if (!result.ok) {
      set({ loading: false, error: result.error });
      return;
    }
    const state = get();
    // Kept working for the Models screen ("make primary"): with local edits, the disk version is a conflict, not a silent wipe.
    if (state.view && state.buffer !== state.view.text && result.value.text !== state.buffer) {
      set({ loading: false, error: null, conflict: { kind: 'disk', disk: result.value } });
      return;
    }
    set({ ...fromDisk(result.value), loading: false, error: null });
  },

  setBuffer(text) {
    if (text === get().buffer) return;
    set({ buffer: text });
    if (analyzeTimer) clearTimeout(analyzeTimer);
    const ticket = ++analyzeTicket;
    analyzeTimer = setTimeout(async () => {
      analyzeTimer = null;
      const result = await api.config.analyze(text);
      if (ticket !== analyzeTicket) return; // a newer keystroke or edit superseded it
      if (result.ok) set((state) => withAnalysis(state, text, result.value));
      else set({ actionError: result.error });
    }, ANALYZE_DEBOUNCE_MS);
  },

  edit(path, value) {
    const run = async () => {
      cancelPendingAnalyze();
      const text = get().buffer;
      const result = await api.config.edit({ text, path, value });
      if (!result.ok) {
        set({ actionError: result.error });
        return;
      }
      if (get().buffer !== text) {
        // The raw editor changed the text meanwhile: apply the same edit to what it holds now.
        const again = await api.config.edit({ text: get().buffer, path, value });
        if (!again.ok) {
          set({ actionError: again.error });
          return;
        }
        set((state) => ({ buffer: again.value.text, actionError: null, ...withAnalysis(state, again.value.text, again.value) }));
        return;
      }
      set((state) => ({ buffer: result.value.text, actionError: null, ...withAnalysis(state, result.value.text, result.value) }));
    };
    editQueue = editQueue.then(run, run);
    return editQueue;
  },

  async save(options = {}) {
    await editQueue;
    const { view, buffer } = get();
    if (!view) return;
    set({ saving: true, actionError: null });
    const result = await api.config.save({ text: buffer, baseVersion: view.version, overwrite: options.overwrite });
    if (result.ok) {
      const saved = result.value;
      const stillSame = get().buffer === buffer; // typing during the save stays as local edits
      set({
        ...(stillSame ? fromDisk(saved) : { view: saved, conflict: null }),
        saving: false,
        notice: saved.backupPath ? `Saved. The previous version is kept at ${saved.backupPath}` : 'Saved.',
      });
      return;
    }
    if (result.error.code === 'ConfigChangedOnDisk') set({ saving: false, conflict: { kind: 'save' } });
    else set({ saving: false, actionError: result.error });
  },

  revert() {
    const { view } = get();
    if (view) set({ ...fromDisk(view), notice: null });
  },

  async reloadFromDisk() {
    const disk = get().conflict?.disk;
    if (disk) {
      set({ ...fromDisk(disk), notice: 'Reloaded the version on disk; your edits were discarded.' });
      return;
    }
    const result = await api.config.get();
    if (result.ok) set({ ...fromDisk(result.value), error: null, notice: 'Reloaded the version on disk; your edits were discarded.' });
    else set({ actionError: result.error });
  },

  async open(path) {
    const result = await api.config.open(path);
    if (result.ok) set({ ...fromDisk(result.value), error: null, notice: result.value.exists ? null : 'This file does not exist yet; it is created when you save.' });
    else set({ actionError: result.error });
  },

  applyDiskChange(disk) {
    const state = get();
    if (!state.view) {
      set({ ...fromDisk(disk), error: null });
      return;
    }
    if (disk.path !== state.view.path) return; // an event about a file we no longer show
    if (disk.version === state.view.version) return;
    const dirty = state.buffer !== state.view.text;
    // The disk now says what we have (our own save, or the same change made elsewhere): nothing to settle.
    if (disk.text === state.buffer) {
      set({ ...fromDisk(disk) });
      return;
    }
    if (dirty || state.saving) {
      set({ conflict: { kind: 'disk', disk } });
      return;
    }
    set({ ...fromDisk(disk), notice: 'The file changed on disk; reloaded it.' });
  },

  dismissNotice() {
    set({ notice: null });
  },
}));

/** `agents.defaults.model.primary` is "amazon-bedrock/<model id>"; the model id is what chat needs. */
export function primaryModelId(primary: string | undefined): string | undefined {
  if (!primary) return undefined;
  const prefix = 'amazon-bedrock/';
  return primary.startsWith(prefix) ? primary.slice(prefix.length) : primary;
}
