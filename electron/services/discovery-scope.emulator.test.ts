// The cached path asks nothing of the network: a restart with a warm cache file answers
// listModels() with zero requests of any operation (the account behind the credentials is
// remembered by fingerprint, never by key or secret), and a repeated read reuses the built list.
// Structure, not time: speed goals live in the benchmark (bench/).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { describe, expect, it } from 'vitest';
import { buildLargeCatalog, EMULATOR_ACCOUNT, EMULATOR_CREDENTIALS, emulatorClientConfig } from '../emulator/index.ts';
import { CACHE_FILE_NAME, DiscoveryCacheStore } from './discovery-cache-store';
import { ModelDiscovery } from './discovery';
import { createSession, type BedrockSessionWithIdentity } from './session';
import { emulatorEndpoints } from '../emulator/test-env.ts';
import { useEmulatorSessions } from './session.harness.ts';

const EXTRA = { accessKeyId: 'AKIAEXTRAKEY00000001', secretAccessKey: 'extra-secret-value-0001', account: '210987654321' };

const lab = useEmulatorSessions({
    catalog: buildLargeCatalog(1000),
    keys: [{ accessKeyId: EXTRA.accessKeyId, secretAccessKey: EXTRA.secretAccessKey, arn: `arn:aws:iam::${EXTRA.account}:user/extra`, userId: 'AIDAEXTRA' }],
  });

function host(keys: { accessKeyId: string; secretAccessKey: string } = EMULATOR_CREDENTIALS) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-scope-data-'));
  const env = {
    HOME: mkdtempSync(join(tmpdir(), 'bd-scope-home-')),
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    AWS_REGION: 'us-west-2',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...emulatorEndpoints(lab.emulator.url),
  };
  return {
    dataDir,
    cacheFile: join(dataDir, CACHE_FILE_NAME),
    start(over: Partial<typeof env> = {}): BedrockSessionWithIdentity {
      const s = createSession({ env: { ...env, ...over }, dataDir, watchAwsFiles: false });
      lab.track(s);
      return s;
    },
  };
}

const operations = (from = 0) => lab.emulator.requests.slice(from).map((r) => r.operation);

describe('a restart with a warm cache', () => {
  it('asks the emulator nothing at all: no STS, no Bedrock call', async () => {
    const h = host();
    const first = h.start();
    const cold = await first.listModels();
    expect(new Set(operations())).toEqual(new Set(['GetCallerIdentity', 'ListFoundationModels', 'ListInferenceProfiles']));
    expect(cold.discovery.cache).toBe('network');
    first.dispose();

    const before = lab.emulator.requests.length;
    const restarted = h.start();
    const cached = await restarted.listModels();
    expect(operations(before)).toEqual([]);
    expect(cached.discovery).toMatchObject({ cache: 'disk', stale: false, fetchedAt: cold.discovery.fetchedAt });
    expect(cached.models).toEqual(cold.models);
    await restarted.listModels({ all: true });
    await restarted.listModels();
    expect(operations(before)).toEqual([]);
  });

  it('remembers the account by a fingerprint of the credentials, never the key id or the secret', async () => {
    const h = host();
    await h.start().listModels();
    const text = readFileSync(h.cacheFile, 'utf8');
    const file = JSON.parse(text) as { identities?: Record<string, string>; lists: Record<string, unknown> };
    expect(Object.values(file.identities ?? {})).toEqual([`account:${EMULATOR_ACCOUNT}`]);
    expect(Object.keys(file.identities ?? {})[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.keys(file.lists)[0]).toContain(`account:${EMULATOR_ACCOUNT}@`);
    expect(text).not.toContain(EMULATOR_CREDENTIALS.accessKeyId);
    expect(text).not.toContain(EMULATOR_CREDENTIALS.secretAccessKey);
  });

  it('other credentials are unknown: STS is asked, and their account gets its own lists', async () => {
    const h = host();
    await h.start().listModels();
    const before = lab.emulator.requests.length;
    const other = await h.start({ AWS_ACCESS_KEY_ID: EXTRA.accessKeyId, AWS_SECRET_ACCESS_KEY: EXTRA.secretAccessKey }).listModels();
    expect(operations(before)).toContain('GetCallerIdentity');
    expect(operations(before)).toContain('ListFoundationModels');
    expect(other.discovery.cache).toBe('network');
    const file = JSON.parse(readFileSync(h.cacheFile, 'utf8')) as { identities: Record<string, string>; lists: Record<string, unknown> };
    expect(Object.values(file.identities).sort()).toEqual([`account:${EXTRA.account}`, `account:${EMULATOR_ACCOUNT}`].sort());
    expect(Object.keys(file.lists)).toHaveLength(2);
    expect(readFileSync(h.cacheFile, 'utf8')).not.toContain(EXTRA.accessKeyId);

    // And each is answered from the cache afterwards.
    const after = lab.emulator.requests.length;
    await h.start().listModels();
    await h.start({ AWS_ACCESS_KEY_ID: EXTRA.accessKeyId, AWS_SECRET_ACCESS_KEY: EXTRA.secretAccessKey }).listModels();
    expect(operations(after)).toEqual([]);
  });

  it('when STS fails the masked fallback applies and nothing is remembered: the next start asks STS again', async () => {
    const h = host();
    lab.emulator.setScript({ faults: [{ kind: 'access-denied', action: 'sts:GetCallerIdentity', operation: 'GetCallerIdentity' }] });
    await h.start().listModels();
    const file = JSON.parse(readFileSync(h.cacheFile, 'utf8')) as { identities?: Record<string, string>; lists: Record<string, unknown> };
    expect(file.identities ?? {}).toEqual({});
    expect(Object.keys(file.lists)[0]).toMatch(/^\["env-keys:AKIA…/);

    lab.emulator.setScript({ faults: [] });
    const before = lab.emulator.requests.length;
    const next = await h.start().listModels();
    // STS answers now: a new scope (the account), so its list is fetched, as before this cache existed.
    expect(operations(before)).toContain('GetCallerIdentity');
    expect(next.models.length).toBeGreaterThan(0);
  });
});

describe('the built listing is reused', () => {
  it('repeated reads share the built models until the learned statuses change', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bd-scope-memo-'));
    const discovery = new ModelDiscovery(new DiscoveryCacheStore(dataDir));
    const client = new BedrockClient(emulatorClientConfig(lab.emulator, 'us-west-2'));
    try {
      const req = { client, region: 'us-west-2', settings: {}, scope: 'account:test@memo', enabled: true, reason: 'test', configured: [] };
      const a = await discovery.list(req);
      const b = await discovery.list(req);
      expect(b.models).not.toBe(a.models); // a fresh array for every caller…
      expect(b.models.every((m, i) => m === a.models[i])).toBe(true); // …of the same built models
      expect([a.discovery.cache, b.discovery.cache]).toEqual(['network', 'memory']);

      const configured = await discovery.list({ ...req, configured: [{ id: a.models[0]!.id, name: 'Renamed' }] });
      expect(configured.models.find((m) => m.id === a.models[0]!.id)?.name).toBe('Renamed');
      const withAll = await discovery.list({ ...req, all: true });
      expect(withAll.models.length).toBeGreaterThan(a.models.length);

      const id = a.models[0]!.id;
      await discovery.learn('account:test@memo|us-west-2', id, { kind: 'no-access', message: 'no access' });
      const learned = await discovery.list(req);
      expect(learned.models.find((m) => m.id === id)?.status).toMatchObject({ kind: 'no-access' });
      await discovery.learn('account:test@memo|us-west-2', id, undefined);
      expect((await discovery.list(req)).models.find((m) => m.id === id)?.status).toEqual(a.models[0]!.status);
      expect(operations().filter((o) => o === 'ListFoundationModels')).toHaveLength(1);
      await discovery.settled();
    } finally {
      client.destroy();
    }
  });
});
