// Integration: the real SDK clients against the built-in emulator (no SDK mocks).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CATALOG,
  EMULATOR_ACCOUNT,
  EMULATOR_BEARER_TOKEN,
  EMULATOR_CREDENTIALS,
} from '../emulator/index.ts';
import type { EventPayload } from '../../shared/ipc';
import { createSession, type BedrockSessionWithIdentity, type ChatEventName, type SessionOptions } from './session';
import { emulatorAccess } from '../emulator/test-env.ts';
import { useEmulatorSessions } from './session.harness.ts';

const lab = useEmulatorSessions();

function envFor(extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'bd-int-'));
  return {
    HOME: home,
    ...emulatorAccess(lab.emulator.url),
    ...extra,
  };
}

const session = (env: Record<string, string>, config?: string, extra: Partial<SessionOptions> = {}): BedrockSessionWithIdentity => lab.session(env, config, extra);

type Event = { event: ChatEventName; payload: EventPayload<ChatEventName> };
function collector() {
  const events: Event[] = [];
  return {
    events,
    emit: <E extends ChatEventName>(event: E, payload: EventPayload<E>) => void events.push({ event, payload }),
    terminal: () => events.find((e) => e.event !== 'chat:delta'),
  };
}

const count = (operation: string) => lab.emulator.requests.filter((r) => r.operation === operation).length;

/** What Moltbot keeps from the emulator's catalog: streaming, text output, ACTIVE. */
const expectedIds = DEFAULT_CATALOG.filter((m) => m.responseStreamingSupported && m.outputModalities.includes('TEXT') && m.lifecycle === 'ACTIVE').map((m) => m.modelId);

describe('discovery against the emulator', () => {
  it('returns exactly the Moltbot-filtered set, sorted by name', async () => {
    const result = await session(envFor()).listModels();
    expect(result.error).toBeUndefined();
    expect(result.discovery).toMatchObject({ enabled: true, region: 'us-east-1' });
    expect(result.discovery.reason).toMatch(/credentials were found/);
    expect(result.models.map((m) => m.id).sort()).toEqual([...expectedIds].sort());
    const names = result.models.map((m) => m.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    // Every family in the emulator's catalog has figures AWS documents, used instead of 32000/4096.
    expect(result.models.every((m) => m.source === 'discovered' && m.limits?.source === 'documented')).toBe(true);
  });

  it('joins inference profiles: profile-only models get the geography of the region', async () => {
    const id = 'anthropic.claude-sonnet-4-20250514-v1:0';
    const us = await session(envFor()).listModels();
    expect(us.models.find((m) => m.id === id)?.invocation).toEqual({ mode: 'inference-profile', invokeId: `us.${id}` });
    expect(us.models.find((m) => m.id === 'amazon.nova-micro-v1:0')?.invocation).toEqual({ mode: 'on-demand', invokeId: 'amazon.nova-micro-v1:0' });
    const eu = await session(envFor({ AWS_REGION: 'eu-west-1' })).listModels();
    expect(eu.discovery.region).toBe('eu-west-1');
    expect(eu.models.find((m) => m.id === id)?.invocation.invokeId).toBe(`eu.${id}`);
    // Claude Opus 4 has only a US profile: not callable from eu-west-1.
    expect(eu.models.find((m) => m.id === 'anthropic.claude-opus-4-20250514-v1:0')?.invocation.mode).toBe('provisioned-only');
  });

  it('applies providerFilter case-insensitively and the configured defaults', async () => {
    const result = await session(envFor(), `{ models: { bedrockDiscovery: { providerFilter: ["ANTHROPIC"], defaultMaxTokens: 8192 } } }`).listModels();
    expect(result.models.length).toBeGreaterThan(0);
    expect(result.models.every((m) => m.provider === 'Anthropic')).toBe(true);
    // Documented figures beat the discovery defaults; the defaults apply where AWS publishes none.
    expect(result.models.find((m) => m.id === 'anthropic.claude-3-haiku-20240307-v1:0')?.maxTokens).toBe(4096);
  });

  it('caches for refreshInterval and shares concurrent requests', async () => {
    const s = session(envFor());
    await Promise.all([s.listModels(), s.listModels()]);
    await s.listModels();
    expect(count('ListFoundationModels')).toBe(1);
    await s.listModels({ refresh: true });
    expect(count('ListFoundationModels')).toBe(2);
  });

  it('refreshInterval 0 asks every time', async () => {
    const s = session(envFor(), '{ models: { bedrockDiscovery: { refreshInterval: 0 } } }');
    await s.listModels();
    await s.listModels();
    expect(count('ListFoundationModels')).toBe(2);
  });

  it('a discovery failure is a mapped error, configured models still listed', async () => {
    lab.emulator.setScript({ faults: [{ kind: 'access-denied', action: 'bedrock:ListFoundationModels', operation: 'ListFoundationModels' }] });
    const config = `{ models: { providers: { "amazon-bedrock": { models: [{ id: "amazon.nova-micro-v1:0", name: "My Nova", maxTokens: 1000 }] } } } }`;
    const result = await session(envFor(), config).listModels();
    expect(result.error?.code).toBe('AccessDeniedException');
    expect(result.error?.hint).toContain('bedrock:ListFoundationModels');
    expect(result.models).toEqual([expect.objectContaining({ id: 'amazon.nova-micro-v1:0', name: 'My Nova', source: 'configured', maxTokens: 1000 })]);
  });

  it('discovery is off without credentials, with the reason', async () => {
    const result = await session(envFor(), '{ models: { bedrockDiscovery: { enabled: false } } }').listModels();
    expect(result.discovery).toMatchObject({ enabled: false });
    expect(result.discovery.reason).toMatch(/disabled in the config/);
    expect(count('ListFoundationModels')).toBe(0);
  });
});

describe('chat against the emulator', () => {
  it('streams several deltas in order, then done with usage and metrics', async () => {
    lab.emulator.setScript({ tokens: 8, tokenDelayMs: 2 });
    const c = collector();
    const started = await session(envFor()).startChat({ requestId: 'r1', modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', text: 'Hello' }], system: 'Be brief', maxTokens: 100 }, c.emit);
    expect(started).toEqual({ ok: true, value: { requestId: 'r1', invokeId: 'amazon.nova-micro-v1:0' } });
    await expect.poll(() => c.terminal()?.event, { timeout: 10_000 }).toBe('chat:done');
    const deltas = c.events.filter((e) => e.event === 'chat:delta').map((e) => e.payload as EventPayload<'chat:delta'>);
    expect(deltas.length).toBeGreaterThanOrEqual(8);
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => i));
    expect(deltas.every((d) => d.requestId === 'r1' && d.kind === 'text')).toBe(true);
    const done = c.terminal()?.payload as EventPayload<'chat:done'>;
    expect(done.stopReason).toBe('end_turn');
    expect(done.usage?.outputTokens).toBeGreaterThan(0);
    expect(done.metrics.ttftMs).toBeGreaterThanOrEqual(0);
    expect(done.metrics.totalMs).toBeGreaterThanOrEqual(done.metrics.ttftMs ?? 0);
    const request = lab.emulator.requests.find((r) => r.operation === 'ConverseStream');
    expect(request?.body).toMatchObject({ system: [{ text: 'Be brief' }], inferenceConfig: { maxTokens: 100 } });
  });

  it('cancel aborts the HTTP request and reports cancelled', async () => {
    lab.emulator.setScript({ tokens: 500, tokenDelayMs: 20 });
    const c = collector();
    const s = session(envFor());
    await s.startChat({ requestId: 'r2', modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', text: 'long' }] }, c.emit);
    await expect.poll(() => c.events.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(s.cancelChat('r2')).toBe(true);
    expect(c.terminal()).toMatchObject({ event: 'chat:error', payload: { requestId: 'r2', cancelled: true } });
    await expect.poll(() => lab.emulator.requests.find((r) => r.operation === 'ConverseStream')?.outcome, { timeout: 5_000 }).toBe('client-closed');
    const seen = c.events.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(c.events.length).toBe(seen); // nothing after the terminal event
    expect(s.cancelChat('r2')).toBe(false);
  });

  it('calls a profile-only model through its inference profile', async () => {
    const id = 'anthropic.claude-sonnet-4-20250514-v1:0';
    lab.emulator.setScript({ tokens: 3 });
    const c = collector();
    const started = await session(envFor()).startChat({ requestId: 'r3', modelId: id, messages: [{ role: 'user', text: 'hi' }] }, c.emit);
    expect(started.ok && started.value.invokeId).toBe(`us.${id}`);
    await expect.poll(() => c.terminal()?.event, { timeout: 10_000 }).toBe('chat:done');
    const call = lab.emulator.requests.find((r) => r.operation === 'ConverseStream');
    expect(call?.path).toContain(encodeURIComponent(`us.${id}`));
    expect(call?.resolvedModelId).toBe(id);
  });

  it('a Bedrock API key reaches the runtime as a Bearer token', async () => {
    lab.emulator.setScript({ tokens: 2 });
    const c = collector();
    const env = envFor({ AWS_BEARER_TOKEN_BEDROCK: EMULATOR_BEARER_TOKEN });
    const s = session(env);
    expect((await s.connection()).credentials.source).toBe('bearer-token');
    await s.startChat({ requestId: 'r4', modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', text: 'hi' }] }, c.emit);
    await expect.poll(() => c.terminal()?.event, { timeout: 10_000 }).toBe('chat:done');
    const call = lab.emulator.requests.find((r) => r.operation === 'ConverseStream');
    expect(call?.auth).toMatchObject({ kind: 'bearer' });
    expect(JSON.stringify(await s.connection())).not.toContain(EMULATOR_BEARER_TOKEN);
  });

  it('an in-stream failure ends in chat:error (not cancelled)', async () => {
    lab.emulator.setScript({ tokens: 10, faults: [{ kind: 'stream-exception', afterTokens: 2 }] });
    const c = collector();
    await session(envFor()).startChat({ requestId: 'r5', modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', text: 'hi' }] }, c.emit);
    await expect.poll(() => c.terminal()?.event, { timeout: 10_000 }).toBe('chat:error');
    expect(c.terminal()?.payload).toMatchObject({ cancelled: false, error: { retryable: true } });
  });

  it('dispose aborts every open stream', async () => {
    lab.emulator.setScript({ tokens: 500, tokenDelayMs: 20 });
    const c = collector();
    const s = createSession({ env: envFor(), dataDir: mkdtempSync(join(tmpdir(), 'bd-data-')) });
    await s.startChat({ requestId: 'r6', modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', text: 'hi' }] }, c.emit);
    s.dispose();
    expect(c.terminal()).toMatchObject({ event: 'chat:error', payload: { cancelled: true } });
  });
});

describe('connection against the emulator', () => {
  it('test connection: identity, list, invoke', async () => {
    const s = session(envFor(), '{ agents: { defaults: { model: { primary: "amazon-bedrock/amazon.nova-micro-v1:0" } } } }');
    const result = await s.testConnection();
    expect(result.identity?.account).toBe(EMULATOR_ACCOUNT);
    expect(result.steps.map((step) => [step.id, step.status])).toEqual([['identity', 'pass'], ['list-models', 'pass'], ['invoke', 'pass']]);
    const invoke = lab.emulator.requests.find((r) => r.operation === 'Converse');
    expect(invoke?.body).toMatchObject({ inferenceConfig: { maxTokens: 1 } });
  });

  it('sandbox mode: labelled, region origin sandbox, all clients at the endpoint', async () => {
    const s = session({ HOME: mkdtempSync(join(tmpdir(), 'bd-int-')) }, undefined, {
      sandbox: { endpoint: lab.emulator.url, credentials: { ...EMULATOR_CREDENTIALS } },
    });
    const view = await s.connection();
    expect(view).toMatchObject({ sandbox: true, region: { region: 'us-east-1', origin: 'sandbox' }, credentials: { source: 'sandbox', label: 'Sandbox (built-in Bedrock emulator)' } });
    expect(JSON.stringify(view)).not.toContain(EMULATOR_CREDENTIALS.secretAccessKey);
    const identity = await s.identity();
    expect(identity.ok && identity.value.account).toBe(EMULATOR_ACCOUNT);
  });

  it('wrong keys map to a clear error', async () => {
    const s = session(envFor({ AWS_SECRET_ACCESS_KEY: 'wrong'.repeat(8) }));
    const identity = await s.identity();
    expect(identity.ok).toBe(false);
    if (!identity.ok) expect(identity.error.hint).toMatch(/clock/);
  });
});
