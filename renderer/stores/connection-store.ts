// Who we are talking to AWS as, and the last connection test.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { ConnectionTestResult, ConnectionView } from '../../shared/types';
import { api } from '../api/client';

interface ConnectionState {
  view: ConnectionView | null;
  loading: boolean;
  /** Failure to fetch the view itself (not a credential problem: those are part of the view). */
  error: AppError | null;
  testing: boolean;
  testResult: ConnectionTestResult | null;
  testError: AppError | null;
  enablingSandbox: boolean;
  sandboxError: AppError | null;

  load(): Promise<void>;
  runTest(): Promise<void>;
  /** Switch to the built-in emulator; returns true when it worked. */
  enableSandbox(): Promise<boolean>;
  applyChanged(view: ConnectionView): void;
}

export const useConnectionStore = create<ConnectionState>()((set, get) => ({
  view: null,
  loading: false,
  error: null,
  testing: false,
  testResult: null,
  testError: null,
  enablingSandbox: false,
  sandboxError: null,

  async load() {
    set({ loading: true });
    const result = await api.connection.get();
    if (result.ok) set({ view: result.value, loading: false, error: null });
    else set({ loading: false, error: result.error });
  },

  async runTest() {
    if (get().testing) return;
    set({ testing: true, testError: null });
    const result = await api.connection.test();
    if (result.ok) set({ testing: false, testResult: result.value });
    else set({ testing: false, testResult: null, testError: result.error });
  },

  async enableSandbox() {
    set({ enablingSandbox: true, sandboxError: null });
    const result = await api.connection.enableSandbox();
    if (!result.ok) {
      set({ enablingSandbox: false, sandboxError: result.error });
      return false;
    }
    // A test result from the old credentials would now be misleading.
    set({ enablingSandbox: false, view: result.value, error: null, testResult: null, testError: null });
    return true;
  },

  applyChanged(view) {
    const before = get().view;
    const sameSource =
      before !== null &&
      before.sandbox === view.sandbox &&
      before.credentials.source === view.credentials.source &&
      before.region.region === view.region.region;
    set(sameSource ? { view, error: null } : { view, error: null, testResult: null, testError: null });
  },
}));
