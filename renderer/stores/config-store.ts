// The Moltbot config file as the backend sees it (read-only for now).
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { ConfigView } from '../../shared/types';
import { api } from '../api/client';

interface ConfigState {
  view: ConfigView | null;
  loading: boolean;
  error: AppError | null;
  load(): Promise<void>;
}

export const useConfigStore = create<ConfigState>()((set) => ({
  view: null,
  loading: false,
  error: null,
  async load() {
    set({ loading: true });
    const result = await api.config.get();
    if (result.ok) set({ view: result.value, loading: false, error: null });
    else set({ loading: false, error: result.error });
  },
}));

/** `agents.defaults.model.primary` is "amazon-bedrock/<model id>"; the model id is what chat needs. */
export function primaryModelId(primary: string | undefined): string | undefined {
  if (!primary) return undefined;
  const prefix = 'amazon-bedrock/';
  return primary.startsWith(prefix) ? primary.slice(prefix.length) : primary;
}
