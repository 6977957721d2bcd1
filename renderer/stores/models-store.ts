// Discovered + configured models, the browser's filter and selection (kept here so they survive
// navigation), and the "make primary" action.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { ConfigView, ModelsResult } from '../../shared/types';
import { api } from '../api/client';
import { EMPTY_FILTER, type ModelFilter } from '../features/models/model-filter';
import { primaryModelId, useConfigStore } from './config-store';

export type { ModelFilter };

/** The outcome of the last "Make primary", shown in the details panel. */
export interface PrimaryAction {
  modelId: string;
  state: 'saving' | 'saved' | 'failed';
  /** The config file written. */
  path?: string;
  error?: AppError;
  /**
   * The config store's view when the save answered. While that store still shows this very view
   * (its reload found unsaved edits in the Config screen and kept them), the new primary comes from here.
   */
  configViewAtSave?: ConfigView | null;
}

/** The primary model id: the config's, unless a "Make primary" saved after the view the config store shows. */
export function effectivePrimaryId(configView: ConfigView | null, action: PrimaryAction | null): string | undefined {
  if (action?.state === 'saved' && action.configViewAtSave === configView) return action.modelId;
  return primaryModelId(configView?.primaryModel);
}

interface ModelsState {
  result: ModelsResult | null;
  loading: boolean;
  refreshing: boolean;
  /** The call itself failed; a discovery failure is `result.error` instead. The last good `result` is kept. */
  error: AppError | null;
  filter: ModelFilter;
  /** Include what Moltbot's discovery filter leaves out (`models.list({ all: true })`). */
  showAll: boolean;
  selectedId: string | null;
  primaryAction: PrimaryAction | null;
  load(options?: { refresh?: boolean }): Promise<void>;
  setFilter(patch: Partial<ModelFilter>): void;
  resetFilter(): void;
  setShowAll(showAll: boolean): Promise<void>;
  select(modelId: string | null): void;
  makePrimary(modelId: string): Promise<void>;
}

let latestLoad = 0;

export const useModelsStore = create<ModelsState>()((set, get) => ({
  result: null,
  loading: false,
  refreshing: false,
  error: null,
  filter: EMPTY_FILTER,
  showAll: false,
  selectedId: null,
  primaryAction: null,

  async load(options = {}) {
    const ticket = ++latestLoad;
    set(options.refresh ? { refreshing: true } : { loading: true });
    const request: { refresh?: boolean; all?: boolean } = {};
    if (options.refresh) request.refresh = true;
    if (get().showAll) request.all = true;
    const result = await api.models.list(request);
    // A slower, older request must not overwrite a newer answer (e.g. after switching to sandbox).
    if (ticket !== latestLoad) return;
    if (result.ok) set({ result: result.value, loading: false, refreshing: false, error: null });
    else set({ loading: false, refreshing: false, error: result.error });
  },

  setFilter(patch) {
    set((state) => ({ filter: { ...state.filter, ...patch } }));
  },

  resetFilter() {
    set({ filter: EMPTY_FILTER });
  },

  async setShowAll(showAll) {
    set({ showAll });
    await get().load();
  },

  select(modelId) {
    // A saved primary is kept (it may stand in for a config view that has not caught up); a failure is forgotten.
    set((state) => ({ selectedId: modelId, primaryAction: state.primaryAction?.modelId === modelId || state.primaryAction?.state === 'saved' ? state.primaryAction : null }));
  },

  async makePrimary(modelId) {
    set({ primaryAction: { modelId, state: 'saving' } });
    const result = await api.models.makePrimary(modelId);
    if (get().primaryAction?.modelId !== modelId) return;
    if (result.ok) {
      set({ primaryAction: { modelId, state: 'saved', path: result.value.path, configViewAtSave: useConfigStore.getState().view } });
      // The config store is another domain's; its own load brings the new primary everywhere.
      await useConfigStore.getState().load();
    } else {
      set({ primaryAction: { modelId, state: 'failed', error: result.error } });
    }
  },
}));
