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
  /** The profile being switched to (null: environment default) while the switch is under way. */
  switchingProfile: { profile: string | null } | null;
  refreshing: boolean;
  /** Failure of a profile switch or refresh (the view keeps what it had). */
  actionError: AppError | null;

  load(): Promise<void>;
  runTest(): Promise<void>;
  /** Switch to the built-in emulator; returns true when it worked. */
  enableSandbox(): Promise<boolean>;
  /** Use a profile from the shared files (null: back to the environment's choice). */
  selectProfile(profile: string | null): Promise<boolean>;
  /** Resolve the credentials again, e.g. after `aws sso login`. */
  refresh(): Promise<boolean>;
  applyChanged(view: ConnectionView): void;
}

/** Same credentials and region: a connection test run against `a` still says something about `b`. */
export function sameConnection(a: ConnectionView | null, b: ConnectionView): boolean {
  return (
    a !== null &&
    a.sandbox === b.sandbox &&
    a.credentials.source === b.credentials.source &&
    a.credentials.provider === b.credentials.provider &&
    a.credentials.profile === b.credentials.profile &&
    a.credentials.maskedKeyId === b.credentials.maskedKeyId &&
    a.region.region === b.region.region
  );
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
  switchingProfile: null,
  refreshing: false,
  actionError: null,

  async load() {
    set({ loading: true });
    const result = await api.connection.get();
    if (result.ok) get().applyChanged(result.value);
    set(result.ok ? { loading: false } : { loading: false, error: result.error });
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

  async selectProfile(profile) {
    set({ switchingProfile: { profile }, actionError: null });
    const result = await api.connection.selectProfile(profile);
    set({ switchingProfile: null });
    if (!result.ok) {
      set({ actionError: result.error });
      return false;
    }
    get().applyChanged(result.value);
    return true;
  },

  async refresh() {
    if (get().refreshing) return false;
    set({ refreshing: true, actionError: null });
    const result = await api.connection.refresh();
    set({ refreshing: false });
    if (!result.ok) {
      set({ actionError: result.error });
      return false;
    }
    get().applyChanged(result.value);
    return true;
  },

  applyChanged(view) {
    const same = sameConnection(get().view, view);
    set(same ? { view, error: null } : { view, error: null, testResult: null, testError: null });
  },
}));
