// "Test connection" end to end against the emulator: the steps, their timing, and the guidance
// mapped from the real error codes the emulator sends.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_ACCOUNT, EMULATOR_CREDENTIALS, startEmulator, type Emulator } from '../emulator/index.ts';
import { createAwsHome } from '../emulator/aws-home.ts';
import { startMetadataServer, type MetadataServer } from '../emulator/metadata-server.ts';
import { createBackend } from '../backend/backend.ts';
import type { ConnectionView } from '../../shared/types';
import { createSession, type BedrockSessionWithIdentity } from './session';
import { emulatorEndpoints } from '../emulator/test-env.ts';

let emulator: Emulator;
let metadata: MetadataServer;
const sessions: BedrockSessionWithIdentity[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  metadata = await startMetadataServer();
});
afterAll(async () => {
  await emulator?.close();
  await metadata?.close();
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
  emulator.reset();
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...createAwsHome([]).env,
    ...emulatorEndpoints(emulator.url),
    ...extra,
  };
}

function session(e: Record<string, string>): BedrockSessionWithIdentity {
  const s = createSession({ env: e, dataDir: mkdtempSync(join(tmpdir(), 'bd-ct-')) });
  sessions.push(s);
  return s;
}

describe('test connection', () => {
  it('an instance role: who am I, list models, a 1-token invoke — all pass, each timed', async () => {
    const result = await session(env(metadata.env.imds)).testConnection();
    expect(result.identity).toEqual({ account: EMULATOR_ACCOUNT, callerArn: `arn:aws:sts::${EMULATOR_ACCOUNT}:assumed-role/SandboxRole/sandbox-session` });
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([['identity', 'pass'], ['list-models', 'pass'], ['invoke', 'pass']]);
    for (const step of result.steps) expect(step.ms).toBeGreaterThanOrEqual(0);
    const converse = emulator.requests.filter((r) => r.operation === 'Converse');
    expect(converse).toHaveLength(1);
  });

  it('AccessDenied on ListFoundationModels names the exact action', async () => {
    emulator.setScript({ faults: [{ kind: 'access-denied', operation: 'ListFoundationModels', action: 'bedrock:ListFoundationModels' }] });
    const result = await session(env({ AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey })).testConnection();
    const list = result.steps.find((s) => s.id === 'list-models');
    expect(list?.status).toBe('fail');
    expect(list?.error).toEqual({
      code: 'AccessDeniedException',
      message: 'Your AWS identity is not allowed to call bedrock:ListFoundationModels.',
      hint: 'Add an IAM policy allowing "bedrock:ListFoundationModels" (resource "*" or the model ARN) to the user or role you are using.',
      retryable: false,
    });
    expect(result.steps[0]?.status).toBe('pass');
  });

  it('wrong secret: STS says the signature does not match, and we say it is the secret', async () => {
    const result = await session(env({ AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) })).testConnection();
    expect(result.steps[0]?.error?.code).toBe('SignatureDoesNotMatch');
    expect(result.steps[0]?.error?.hint).toMatch(/secret access key is wrong/);
    expect(result.steps[1]?.error?.code).toBe('InvalidSignatureException');
  });

  it('no credentials: the first step says what to set, the others wait', async () => {
    const result = await session(env({ AWS_EC2_METADATA_DISABLED: 'true' })).testConnection();
    expect(result.steps.map((s) => s.status)).toEqual(['fail', 'skipped', 'skipped']);
    expect(result.steps[0]?.error?.code).toBe('NoCredentials');
  });
});

describe('backend wiring', () => {
  it('connection:selectProfile answers the caller and broadcasts connection:changed to every client', async () => {
    const home = createAwsHome(['static']);
    const backend = await createBackend({ session: { env: env({ ...home.env, AWS_EC2_METADATA_DISABLED: 'true' }), dataDir: mkdtempSync(join(tmpdir(), 'bd-be-')) } });
    const seen: Array<[string, ConnectionView]> = [];
    const a = backend.openClient({ send: (event, payload) => void seen.push([`a:${event}`, payload as ConnectionView]) });
    backend.openClient({ send: (event, payload) => void seen.push([`b:${event}`, payload as ConnectionView]) });
    try {
      const answer = await backend.invoke('connection:selectProfile', { profile: 'static' }, a);
      expect(answer).toMatchObject({ ok: true, value: { selectedProfile: 'static', credentials: { source: 'profile', maskedKeyId: 'AKIA…BOX1' } } });
      expect(seen.map(([name]) => name).sort()).toEqual(['a:connection:changed', 'b:connection:changed']);
      const refreshed = await backend.invoke('connection:refresh', {}, a);
      expect(refreshed).toMatchObject({ ok: true, value: { selectedProfile: 'static' } });
      expect(await backend.invoke('connection:selectProfile', { profile: '../etc' }, a)).toMatchObject({ ok: false, error: { code: 'InvalidRequest' } });
    } finally {
      await backend.dispose();
    }
  });
});
