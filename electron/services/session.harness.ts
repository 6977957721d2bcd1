// For tests: one emulator per test file, and the sessions each test creates, disposed after it
// (with the emulator's script, faults and request records reset), so no test sees another's state.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index.ts';
import { createSession, type BedrockSessionWithIdentity, type SessionOptions } from './session';

export interface EmulatorSessions {
  /** The emulator, once the file's `beforeAll` has started it. */
  readonly emulator: Emulator;
  /** Disposes `session` after the current test; returns it. */
  track<S extends { dispose(): void }>(session: S): S;
  /** A tracked session on `env` with a fresh data dir, and `config` (JSON5 text) as its config file when given. */
  session(env: Record<string, string>, config?: string, options?: Partial<SessionOptions>): BedrockSessionWithIdentity;
}

export function useEmulatorSessions(options: EmulatorOptions = {}): EmulatorSessions {
  let emulator: Emulator | undefined;
  const sessions: { dispose(): void }[] = [];
  beforeAll(async () => {
    emulator = await startEmulator(options);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  afterEach(() => {
    for (const s of sessions.splice(0)) s.dispose();
    emulator?.reset();
  });
  return {
    get emulator() {
      if (!emulator) throw new Error('the emulator is started in beforeAll: use it inside a test or hook');
      return emulator;
    },
    track(session) {
      sessions.push(session);
      return session;
    },
    session(env, config, options = {}) {
      const dataDir = mkdtempSync(join(tmpdir(), 'bd-data-'));
      let configPath: string | undefined;
      if (config !== undefined) {
        configPath = join(dataDir, 'moltbot.json5');
        writeFileSync(configPath, config);
      }
      return this.track(createSession({ env, dataDir, ...(configPath ? { configPath } : {}), ...options }));
    },
  };
}
