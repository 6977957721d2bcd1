// Sandbox mode: the app's own Bedrock emulator, in-process on a random loopback port, with its
// built-in keys. Clearly labelled everywhere by the session's connection view.
import { EMULATOR_CREDENTIALS, startEmulator } from '../emulator/index.ts';

export interface Sandbox {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  close(): Promise<void>;
}

/** Paced like a fast real model, so the sandbox shows what streaming looks like. */
const SANDBOX_TOKEN_DELAY_MS = 20;

export async function startSandbox(): Promise<Sandbox> {
  const emulator = await startEmulator({ port: 0, script: { tokenDelayMs: SANDBOX_TOKEN_DELAY_MS, firstTokenDelayMs: 300 } });
  return {
    endpoint: emulator.url,
    credentials: { accessKeyId: EMULATOR_CREDENTIALS.accessKeyId, secretAccessKey: EMULATOR_CREDENTIALS.secretAccessKey },
    close: () => emulator.close(),
  };
}
