// The backend over a real session and the emulator: a stream stays the client's (cancellable)
// through its retry waits, and conversations are reachable through the contract.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS, startEmulator, type Emulator } from '../emulator/index.ts';
import { createBackend } from './backend.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

it('chat:cancel works during a retry countdown (the stream is still the client\'s)', async () => {
  const backend = await createBackend({
    session: {
      env: { HOME: mkdtempSync(join(tmpdir(), 'bd-be-')), AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey, AWS_ENDPOINT_URL_BEDROCK: emulator.url, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url },
      dataDir: mkdtempSync(join(tmpdir(), 'bd-be-data-')),
      watchAwsFiles: false,
      chatRetry: { maxAttempts: 3, baseDelayMs: 5_000, jitter: 0 },
    },
  });
  try {
    emulator.setScript({ faults: [{ kind: 'throttle', times: 5, operation: 'ConverseStream' }] });
    const events: { event: string; payload: unknown }[] = [];
    const client = backend.openClient({ send: (event, payload) => void events.push({ event, payload }) });
    const started = await backend.invoke('chat:start', { requestId: 'be-1', modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', text: 'hi' }] }, client);
    expect(started.ok).toBe(true);
    await expect.poll(() => events.some((e) => e.event === 'chat:retrying'), { timeout: 5_000 }).toBe(true);
    expect(await backend.invoke('chat:cancel', { requestId: 'be-1' }, client)).toEqual({ ok: true, value: { cancelled: true } });
    expect(events.at(-1)).toMatchObject({ event: 'chat:error', payload: { cancelled: true } });

    const now = new Date().toISOString();
    const saved = await backend.invoke('conversations:save', { conversation: { id: 'c1', title: 'T', createdAt: now, updatedAt: now, settings: {}, messages: [] } }, client);
    expect(saved.ok).toBe(true);
    const listed = await backend.invoke('conversations:list', {}, client);
    expect(listed).toMatchObject({ ok: true, value: { conversations: [{ id: 'c1', title: 'T' }], problems: [] } });
    const bad = await backend.invoke('conversations:get', { id: '../x' }, client);
    expect(bad.ok).toBe(false);
  } finally {
    await backend.dispose();
  }
});
