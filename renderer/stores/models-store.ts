// Discovered + configured models, and the browser's filter (kept here so it survives navigation).
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { ModelsResult } from '../../shared/types';
import { api } from '../api/client';

export interface ModelFilter {
  query: string;
  /** Lower-case provider name, or '' for all. */
  provider: string;
  input: '' | 'text' | 'image';
  reasoningOnly: boolean;
}

interface ModelsState {
  result: ModelsResult | null;
  loading: boolean;
  refreshing: boolean;
  /** The call itself failed; a discovery failure is `result.error` instead. */
  error: AppError | null;
  filter: ModelFilter;
  load(options?: { refresh?: boolean }): Promise<void>;
  setFilter(patch: Partial<ModelFilter>): void;
}

let latestLoad = 0;

export const useModelsStore = create<ModelsState>()((set) => ({
  result: null,
  loading: false,
  refreshing: false,
  error: null,
  filter: { query: '', provider: '', input: '', reasoningOnly: false },

  async load(options = {}) {
    const ticket = ++latestLoad;
    set(options.refresh ? { refreshing: true } : { loading: true });
    const result = await api.models.list(options.refresh ? { refresh: true } : {});
    // A slower, older request must not overwrite a newer answer (e.g. after switching to sandbox).
    if (ticket !== latestLoad) return;
    if (result.ok) set({ result: result.value, loading: false, refreshing: false, error: null });
    else set({ loading: false, refreshing: false, error: result.error });
  },

  setFilter(patch) {
    set((state) => ({ filter: { ...state.filter, ...patch } }));
  },
}));
