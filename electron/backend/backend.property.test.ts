// Property tests on the one door into main: whatever a compromised renderer or a foreign page
// sends, invoke answers a typed Result (never throws, never an internal error), and a request
// that fails its schema never reaches a handler.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc.ts';
import { requestSchemas } from '../../shared/schemas.ts';
import { createBackend, type Backend } from './backend.ts';
import type { ClientHandle } from './client.ts';

let dir: string;
let backend: Backend;
let client: ClientHandle;
const events: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-prop-'));
  // Nothing answers on port 1: any call that does get through fails fast, as a value.
  const nowhere = 'http://127.0.0.1:1';
  backend = await createBackend({
    session: {
      env: {
        HOME: dir,
        AWS_CONFIG_FILE: join(dir, 'aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL_BEDROCK: nowhere,
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: nowhere,
        AWS_ENDPOINT_URL_STS: nowhere,
      },
      dataDir: join(dir, 'data'),
      configPath: join(dir, 'moltbot.json5'),
    },
  });
  client = backend.openClient({ send: (event) => void events.push(event) });
});

afterAll(async () => {
  await backend.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function expectTypedResult(result: unknown): void {
  expect(result).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
  const r = result as { ok: boolean; error?: { code: unknown; message: unknown; retryable: unknown } };
  if (!r.ok) {
    expect(typeof r.error?.code).toBe('string');
    expect(typeof r.error?.message).toBe('string');
    expect(typeof r.error?.retryable).toBe('boolean');
    expect(r.error?.code).not.toBe('InternalError');
  }
}

describe('backend.invoke with untrusted input', () => {
  it('refuses any channel outside the contract as UnknownChannel', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.anything()).filter((c) => !(INVOKE_CHANNELS as readonly unknown[]).includes(c)),
        fc.anything(),
        async (channel, payload) => {
          const result = await backend.invoke(channel, payload, client);
          expect(result).toMatchObject({ ok: false, error: { code: 'UnknownChannel' } });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers every real channel with a typed Result for random payloads, and rejects what the schema rejects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...INVOKE_CHANNELS), fc.anything({ withObjectString: true, withNullPrototype: true }), async (channel, payload) => {
        const result = await backend.invoke(channel, payload, client);
        expectTypedResult(result);
        if (!requestSchemas[channel].safeParse(payload ?? {}).success) {
          expect(result).toMatchObject({ ok: false, error: { code: 'InvalidRequest' } });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects near-miss requests (right shape, wrong field types or extra keys) before any handler', async () => {
    const nearMiss = fc.record({
      requestId: fc.oneof(fc.constant(''), fc.integer(), fc.string({ minLength: 129, maxLength: 200 })),
      modelId: fc.oneof(fc.constant(''), fc.boolean()),
      messages: fc.oneof(fc.constant([]), fc.array(fc.record({ role: fc.constant('system'), text: fc.string() }), { minLength: 1, maxLength: 3 })),
      injected: fc.anything(),
    }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(nearMiss, async (payload) => {
        const before = events.length;
        const result = await backend.invoke('chat:start', payload, client);
        expect(result).toMatchObject({ ok: false, error: { code: 'InvalidRequest' } });
        expect(events.length).toBe(before); // no stream was started
      }),
      { numRuns: 200 },
    );
  });
});
