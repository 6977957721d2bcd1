// Discovery end to end: the real SDK against the emulator with a catalog holding each kind of
// model, the cache on disk across sessions, stale-while-revalidate, and the explainer learning
// from real failures. No SDK mocks.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_BEARER_TOKEN, EMULATOR_CREDENTIALS, type CatalogModel } from '../emulator/index.ts';
import type { EventPayload } from '../../shared/ipc';
import type { ModelSummary } from '../../shared/types';
import { CACHE_FILE_NAME } from './discovery-cache-store';
import { createSession, type BedrockSessionWithIdentity, type ChatEventName } from './session';
import { emulatorAccess } from '../emulator/test-env.ts';
import { useEmulatorSessions } from './session.harness.ts';

const kind = (m: Partial<CatalogModel> & Pick<CatalogModel, 'modelId' | 'modelName' | 'providerName'>): CatalogModel => ({
  inputModalities: ['TEXT'],
  outputModalities: ['TEXT'],
  responseStreamingSupported: true,
  customizationsSupported: [],
  inferenceTypesSupported: ['ON_DEMAND'],
  lifecycle: 'ACTIVE',
  ...m,
});

const ID = {
  ready: 'amazon.nova-micro-v1:0',
  viaProfile: 'anthropic.claude-sonnet-4-20250514-v1:0',
  euOnlyProfile: 'anthropic.claude-opus-4-20250514-v1:0',
  provisioned: 'anthropic.claude-3-haiku-20240307-v1:0:48k',
  legacy: 'anthropic.claude-3-sonnet-20240229-v1:0',
  noAccess: 'ai21.jamba-1-5-large-v1:0',
  mistral: 'mistral.mistral-7b-instruct-v0:2',
  embedding: 'amazon.titan-embed-text-v2:0',
  unknownFamily: 'acme.widget-v1:0',
} as const;

/** One model of each kind the explainer and the filter tell apart. */
const CATALOG: CatalogModel[] = [
  kind({ modelId: ID.ready, modelName: 'Nova Micro', providerName: 'Amazon' }),
  kind({ modelId: ID.viaProfile, modelName: 'Claude Sonnet 4', providerName: 'Anthropic', inferenceTypesSupported: ['INFERENCE_PROFILE'], profiles: ['us', 'eu', 'global'], inputModalities: ['TEXT', 'IMAGE'] }),
  kind({ modelId: ID.euOnlyProfile, modelName: 'Claude Opus 4', providerName: 'Anthropic', inferenceTypesSupported: ['INFERENCE_PROFILE'], profiles: ['eu'] }),
  kind({ modelId: ID.provisioned, modelName: 'Claude 3 Haiku 48k', providerName: 'Anthropic', inferenceTypesSupported: ['PROVISIONED'] }),
  kind({ modelId: ID.legacy, modelName: 'Claude 3 Sonnet', providerName: 'Anthropic', lifecycle: 'LEGACY' }),
  kind({ modelId: ID.noAccess, modelName: 'Jamba 1.5 Large', providerName: 'AI21 Labs', accessDenied: true }),
  kind({ modelId: ID.mistral, modelName: 'Mistral 7B Instruct', providerName: 'Mistral AI' }),
  kind({ modelId: ID.embedding, modelName: 'Titan Text Embeddings V2', providerName: 'Amazon', outputModalities: ['EMBEDDING'], responseStreamingSupported: false }),
  kind({ modelId: ID.unknownFamily, modelName: 'Acme Widget', providerName: 'Acme' }),
];

const lab = useEmulatorSessions({ catalog: CATALOG });

function envFor(extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: mkdtempSync(join(tmpdir(), 'bd-disc-home-')),
    AWS_REGION: 'us-east-1',
    ...emulatorAccess(lab.emulator.url),
    ...extra,
  };
}

/** A "host": an env, a data dir and a config file that several sessions (restarts) can share. */
function host(config?: string, env = envFor()) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-disc-data-'));
  const configPath = join(dataDir, 'moltbot.json5');
  if (config !== undefined) writeFileSync(configPath, config);
  return {
    dataDir,
    configPath,
    cacheFile: join(dataDir, CACHE_FILE_NAME),
    start(): BedrockSessionWithIdentity {
      const s = createSession({ env, dataDir, configPath, watchAwsFiles: false });
      lab.track(s);
      return s;
    },
  };
}

const count = (operation: string) => lab.emulator.requests.filter((r) => r.operation === operation).length;
const byId = (models: ModelSummary[]) => new Map(models.map((m) => [m.id, m]));

async function chatOnce(s: BedrockSessionWithIdentity, modelId: string, requestId = `r-${Math.random()}`) {
  const events: { event: ChatEventName; payload: EventPayload<ChatEventName> }[] = [];
  const started = await s.startChat({ requestId, modelId, messages: [{ role: 'user', text: 'hi' }] }, (event, payload) => void events.push({ event, payload }));
  await expect.poll(() => events.find((e) => e.event !== 'chat:delta')?.event, { timeout: 10_000 }).toBeDefined();
  return { started, terminal: events.find((e) => e.event !== 'chat:delta') };
}

describe('discovery: Moltbot parity over a catalog of every kind', () => {
  it('keeps ACTIVE + streaming + TEXT, explains each kept model, and limits come from the documented table', async () => {
    const result = await host().start().listModels();
    expect(result.error).toBeUndefined();
    const models = byId(result.models);
    expect([...models.keys()].sort()).toEqual([ID.ready, ID.viaProfile, ID.euOnlyProfile, ID.provisioned, ID.noAccess, ID.mistral, ID.unknownFamily].sort());
    expect(models.get(ID.ready)).toMatchObject({ status: { kind: 'ready' }, invocation: { mode: 'on-demand', invokeId: ID.ready }, contextWindow: 128000, maxTokens: 5000, limits: { source: 'documented' } });
    expect(models.get(ID.viaProfile)).toMatchObject({
      status: { kind: 'via-profile', message: expect.stringContaining(`us.${ID.viaProfile}`) },
      invocation: { mode: 'inference-profile', invokeId: `us.${ID.viaProfile}` },
      // Callable profiles first (us., then global.), then the other geographies.
      profiles: [`us.${ID.viaProfile}`, `global.${ID.viaProfile}`, `eu.${ID.viaProfile}`],
      input: ['text', 'image'],
      reasoning: true,
    });
    expect(models.get(ID.euOnlyProfile)).toMatchObject({ status: { kind: 'provisioned-only', hint: expect.stringContaining('Provisioned Throughput') }, invocation: { mode: 'provisioned-only' } });
    expect(models.get(ID.provisioned)?.status?.kind).toBe('provisioned-only');
    expect(models.get(ID.unknownFamily)).toMatchObject({ contextWindow: 32000, maxTokens: 4096, limits: { source: 'default' } });
    expect(result.discovery).toMatchObject({ enabled: true, cache: 'network', stale: false, refreshInterval: 3600 });
  });

  it('all: adds what the filter leaves out, each with the reason; a configured legacy model says legacy', async () => {
    const config = `{ models: { providers: { "amazon-bedrock": { models: [{ id: "${ID.legacy}", name: "Old Sonnet" }] } } } }`;
    const s = host(config).start();
    const plain = byId((await s.listModels()).models);
    expect(plain.get(ID.legacy)).toMatchObject({ name: 'Old Sonnet', source: 'configured', lifecycle: 'LEGACY', status: { kind: 'legacy', message: expect.stringContaining('retired on 2026-07-01') } });
    expect(plain.has(ID.embedding)).toBe(false);
    const all = byId((await s.listModels({ all: true })).models);
    expect(all.get(ID.embedding)).toMatchObject({ filteredOut: 'does not support response streaming' });
    expect(all.get(ID.legacy)?.filteredOut).toBeUndefined(); // configured: listed as configured, not as filtered out
    expect(all.get(ID.ready)?.filteredOut).toBeUndefined();
    expect(count('ListFoundationModels')).toBe(1); // `all` reads the same cached answer
  });

  it('providerFilter is case-insensitive and falls back to the model id prefix', async () => {
    const s = host('{ models: { bedrockDiscovery: { providerFilter: ["MISTRAL", "amazon"] } } }').start();
    const result = await s.listModels({ all: true });
    const kept = result.models.filter((m) => !m.filteredOut).map((m) => m.id).sort();
    // "Mistral AI" does not equal "mistral"; its id prefix does.
    expect(kept).toEqual([ID.ready, ID.mistral].sort());
    expect(byId(result.models).get(ID.viaProfile)?.filteredOut).toBe('provider "Anthropic" is not in providerFilter [amazon, mistral]');
  });
});

describe('discovery cache', () => {
  it('refreshInterval 0 asks AWS on every read and writes no list to disk', async () => {
    const h = host('{ models: { bedrockDiscovery: { refreshInterval: 0 } } }');
    const s = h.start();
    const first = await s.listModels();
    await s.listModels();
    expect(count('ListFoundationModels')).toBe(2);
    expect(first.discovery).toMatchObject({ cache: 'network', refreshInterval: 0 });
    expect(existsSync(h.cacheFile)).toBe(false);
  });

  it('cached: concurrent reads share one request, later reads come from memory', async () => {
    const s = host().start();
    const [a, b] = await Promise.all([s.listModels(), s.listModels()]);
    const c = await s.listModels();
    expect(count('ListFoundationModels')).toBe(1);
    expect(count('ListInferenceProfiles')).toBe(1);
    expect([a.discovery.cache, b.discovery.cache, c.discovery.cache]).toEqual(['network', 'network', 'memory']);
    expect(c.discovery.fetchedAt).toBe(a.discovery.fetchedAt);
  });

  it('survives a restart: a new session on the same data dir asks AWS nothing', async () => {
    const h = host();
    const first = await h.start().listModels();
    expect(count('ListFoundationModels')).toBe(1);
    const file = JSON.parse(readFileSync(h.cacheFile, 'utf8')) as { version: number; lists: Record<string, unknown> };
    expect(file.version).toBe(1);
    expect(Object.keys(file.lists)).toHaveLength(1);
    expect(readFileSync(h.cacheFile, 'utf8')).not.toContain(EMULATOR_CREDENTIALS.secretAccessKey);

    const restarted = h.start();
    const again = await restarted.listModels();
    expect(count('ListFoundationModels')).toBe(1);
    expect(count('ListInferenceProfiles')).toBe(1);
    expect(again.discovery).toMatchObject({ cache: 'disk', stale: false, fetchedAt: first.discovery.fetchedAt });
    expect(again.models.map((m) => [m.id, m.invocation.invokeId])).toEqual(first.models.map((m) => [m.id, m.invocation.invokeId]));
    expect((await restarted.listModels()).discovery.cache).toBe('memory');
  });

  it('the cache is keyed by region and filter (a different one asks AWS)', async () => {
    const h = host();
    await h.start().listModels();
    writeFileSync(h.configPath, '{ models: { bedrockDiscovery: { region: "eu-west-1" } } }');
    const eu = await h.start().listModels();
    expect(eu.discovery).toMatchObject({ region: 'eu-west-1', cache: 'network' });
    writeFileSync(h.configPath, '{ models: { bedrockDiscovery: { providerFilter: ["amazon"] } } }');
    await h.start().listModels();
    expect(count('ListFoundationModels')).toBe(3);
  });

  it('stale while revalidate: an old list is answered at once, marked stale, and refreshed behind it', async () => {
    const h = host();
    await h.start().listModels();
    // Age the list on disk by two hours (refreshInterval is 3600 s).
    const old = new Date(Date.now() - 2 * 3600_000).toISOString();
    const file = JSON.parse(readFileSync(h.cacheFile, 'utf8')) as { lists: Record<string, { fetchedAt: string }> };
    for (const list of Object.values(file.lists)) list.fetchedAt = old;
    writeFileSync(h.cacheFile, JSON.stringify(file));
    lab.emulator.setScript({ faults: [] });
    const before = count('ListFoundationModels');

    const s = h.start();
    const stale = await s.listModels();
    expect(stale.discovery).toMatchObject({ cache: 'disk', stale: true, fetchedAt: old });
    expect(stale.models.length).toBeGreaterThan(0);
    expect(stale.error).toBeUndefined();
    await expect.poll(() => count('ListFoundationModels')).toBe(before + 1);
    await expect.poll(async () => (await s.listModels()).discovery.stale).toBe(false);
    const fresh = await s.listModels();
    expect(fresh.discovery.cache).toBe('memory');
    expect(Date.parse(fresh.discovery.fetchedAt ?? '')).toBeGreaterThan(Date.parse(old));
    expect(count('ListFoundationModels')).toBe(before + 1);
  });

  it('a failed background refresh keeps the stale list, says why, and is not retried on every read', async () => {
    const h = host();
    await h.start().listModels();
    const file = JSON.parse(readFileSync(h.cacheFile, 'utf8')) as { lists: Record<string, { fetchedAt: string }> };
    for (const list of Object.values(file.lists)) list.fetchedAt = new Date(Date.now() - 2 * 3600_000).toISOString();
    writeFileSync(h.cacheFile, JSON.stringify(file));
    lab.emulator.setScript({ faults: [{ kind: 'access-denied', action: 'bedrock:ListFoundationModels', operation: 'ListFoundationModels' }] });
    const s = h.start();
    const first = await s.listModels();
    expect(first.discovery.stale).toBe(true);
    await expect.poll(async () => (await s.listModels()).error?.code).toBe('AccessDeniedException');
    const requests = count('ListFoundationModels');
    const later = await s.listModels();
    expect(later).toMatchObject({ discovery: { stale: true }, error: { code: 'AccessDeniedException' } });
    expect(later.models.length).toBe(first.models.length);
    expect(count('ListFoundationModels')).toBe(requests);
  });

  it('a failed refresh keeps the last good list and says why', async () => {
    const s = host().start();
    const good = await s.listModels();
    lab.emulator.setScript({ faults: [{ kind: 'access-denied', action: 'bedrock:ListFoundationModels', operation: 'ListFoundationModels' }] });
    const failed = await s.listModels({ refresh: true });
    expect(failed.error).toMatchObject({ code: 'AccessDeniedException', hint: expect.stringContaining('bedrock:ListFoundationModels') });
    expect(failed.models.map((m) => m.id)).toEqual(good.models.map((m) => m.id));
    expect(failed.discovery).toMatchObject({ fetchedAt: good.discovery.fetchedAt, cache: 'memory', stale: false });
  });

  it('a corrupt cache file is set aside and ignored', async () => {
    const h = host();
    writeFileSync(h.cacheFile, '{"version": 1, "lists": {"trunc');
    const result = await h.start().listModels();
    expect(result.error).toBeUndefined();
    expect(result.models.length).toBeGreaterThan(0);
    expect(result.discovery.cache).toBe('network');
    const backups = readdirSync(h.dataDir).filter((name) => name.startsWith(`${CACHE_FILE_NAME}.corrupt-`));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(h.dataDir, backups[0] as string), 'utf8')).toBe('{"version": 1, "lists": {"trunc');
    expect(() => JSON.parse(readFileSync(h.cacheFile, 'utf8'))).not.toThrow();
  });

  it('without STS (a Bedrock API key) the cache is keyed by a masked credential identity, never the key', async () => {
    const h = host(undefined, envFor({ AWS_BEARER_TOKEN_BEDROCK: EMULATOR_BEARER_TOKEN }));
    await h.start().listModels();
    expect(count('GetCallerIdentity')).toBe(0);
    const text = readFileSync(h.cacheFile, 'utf8');
    expect(text).toContain('bearer:');
    expect(text).not.toContain(EMULATOR_BEARER_TOKEN);
    await h.start().listModels();
    expect(count('ListFoundationModels')).toBe(1);
  });
});

describe('"why can\'t I use this model?"', () => {
  it('a profile-only model is chatted through its profile (the emulator sees the profile id)', async () => {
    const s = host().start();
    lab.emulator.setScript({ tokens: 2 });
    const { started, terminal } = await chatOnce(s, ID.viaProfile);
    expect(started.ok && started.value.invokeId).toBe(`us.${ID.viaProfile}`);
    expect(terminal?.event).toBe('chat:done');
    const call = lab.emulator.requests.find((r) => r.operation === 'ConverseStream');
    expect(call?.modelId).toBe(`us.${ID.viaProfile}`);
    expect(call?.resolvedModelId).toBe(ID.viaProfile);
  });

  it('no model access: learned from the real error, remembered across a restart', async () => {
    const h = host();
    const s = h.start();
    expect(byId((await s.listModels()).models).get(ID.noAccess)?.status?.kind).toBe('ready');
    const { terminal } = await chatOnce(s, ID.noAccess);
    expect(terminal?.event).toBe('chat:error');
    const status = byId((await s.listModels()).models).get(ID.noAccess)?.status;
    expect(status).toEqual({
      kind: 'no-access',
      message: `Model access is not enabled for ${ID.noAccess} in this account in us-east-1.`,
      hint: 'Enable it in the Bedrock console › Model access in region us-east-1 (access is granted per account and per region), then try again.',
      errorCode: 'AccessDeniedException',
      learnedAt: expect.stringMatching(/^\d{4}-/),
    });
    s.dispose();
    await expect.poll(() => readFileSync(h.cacheFile, 'utf8').includes('no-access')).toBe(true);
    const restarted = byId((await h.start().listModels()).models);
    expect(restarted.get(ID.noAccess)?.status?.kind).toBe('no-access');
    // Per account and region: another region knows nothing of it.
    writeFileSync(h.configPath, '{ models: { bedrockDiscovery: { region: "us-west-2" } } }');
    expect(byId((await h.start().listModels()).models).get(ID.noAccess)?.status?.kind).toBe('ready');
  });

  it('permission missing names the IAM action; a later successful call clears it', async () => {
    const s = host().start();
    lab.emulator.setScript({ faults: [{ kind: 'access-denied', action: 'bedrock:InvokeModelWithResponseStream', modelId: ID.ready, times: 1 }] });
    expect((await chatOnce(s, ID.ready)).terminal?.event).toBe('chat:error');
    const status = byId((await s.listModels()).models).get(ID.ready)?.status;
    expect(status).toMatchObject({
      kind: 'permission-missing',
      message: `Your AWS identity is not allowed to call bedrock:InvokeModelWithResponseStream on ${ID.ready}.`,
      hint: expect.stringContaining('"bedrock:InvokeModelWithResponseStream"'),
      errorCode: 'AccessDeniedException',
    });
    lab.emulator.setScript({ tokens: 2 });
    expect((await chatOnce(s, ID.ready)).terminal?.event).toBe('chat:done');
    await expect.poll(async () => byId((await s.listModels()).models).get(ID.ready)?.status?.kind).toBe('ready');
  });

  it('a configured id Bedrock does not know becomes unavailable, with the reason', async () => {
    const s = host('{ models: { providers: { "amazon-bedrock": { models: [{ id: "acme.not-a-model" }] } } } }').start();
    expect(byId((await s.listModels()).models).get('acme.not-a-model')?.status?.kind).toBe('ready');
    expect((await chatOnce(s, 'acme.not-a-model')).terminal?.event).toBe('chat:error');
    expect(byId((await s.listModels()).models).get('acme.not-a-model')?.status).toMatchObject({ kind: 'unavailable', errorCode: 'ValidationException', message: expect.stringContaining('not a Bedrock model id') });
  });

  it('throttling teaches nothing', async () => {
    const s = host().start();
    lab.emulator.setScript({ tokens: 5, faults: [{ kind: 'stream-exception', afterTokens: 1, exceptionType: 'throttlingException', modelId: ID.mistral }] });
    expect((await chatOnce(s, ID.mistral)).terminal?.event).toBe('chat:error');
    expect(byId((await s.listModels()).models).get(ID.mistral)?.status?.kind).toBe('ready');
  });
});
