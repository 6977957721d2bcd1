// Discovery through the session façade (electron/services/session.ts), in this process, against
// the emulator: cold (nothing cached) against the raw SDK making the same calls, and a new session
// answered from the cache the previous one persisted in the same data dir.
import { BedrockClient, ListFoundationModelsCommand, paginateListInferenceProfiles } from '@aws-sdk/client-bedrock';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EMULATOR_CREDENTIALS, type Emulator } from '../../electron/emulator/index.ts';
import { createSession } from '../../electron/services/session.ts';
import { emulatorEnv } from '../../electron/emulator/test-env.ts';
import { tempDir } from '../lib/host.ts';

export interface DiscoveryRun {
  /** App, fresh data dir, credentials already resolved: listModels() end to end. */
  coldAppMs: number;
  /** Raw SDK, new client: ListFoundationModels and every ListInferenceProfiles page, concurrently as the app does. */
  coldSdkMs: number;
  /** A second session on the same data dir, credentials resolved: its first listModels(). */
  cachedMs: number;
  /** The same, including the new session's credential resolution (what a restart waits for). */
  cachedWithCredentialsMs: number;
  /** AWS requests the cached answer made (should be none). */
  cachedRequests: string[];
  /** A repeated listModels() in the same session (memory). */
  memoryMs: number;
  models: number;
}

async function sdkDiscovery(emulator: Emulator): Promise<number> {
  const client = new BedrockClient({ endpoint: emulator.url, region: 'us-west-2', credentials: { ...EMULATOR_CREDENTIALS }, requestHandler: new NodeHttpHandler() });
  try {
    const t0 = performance.now();
    await Promise.all([
      client.send(new ListFoundationModelsCommand({})),
      (async () => {
        for await (const page of paginateListInferenceProfiles({ client }, {})) void page;
      })(),
    ]);
    return performance.now() - t0;
  } finally {
    client.destroy();
  }
}

export async function measureDiscovery(emulator: Emulator): Promise<DiscoveryRun> {
  const home = await tempDir('bd-bench-disc-');
  await mkdir(join(home, 'data'), { recursive: true });
  const env = emulatorEnv(emulator.url, home, 'us-west-2');
  const session = (dataDir: string) => createSession({ env, dataDir, watchAwsFiles: false });

  const first = session(join(home, 'data'));
  let coldAppMs: number;
  let models: number;
  try {
    await first.connection();
    const t0 = performance.now();
    const result = await first.listModels();
    coldAppMs = performance.now() - t0;
    models = result.models.length;
    if (models === 0) throw new Error('discovery found no models');
  } finally {
    first.dispose();
  }
  const coldSdkMs = await sdkDiscovery(emulator);

  // A restart: same data dir. First with credentials already resolved, then a third session timed
  // from creation (credentials included).
  const second = session(join(home, 'data'));
  let cachedMs: number;
  let memoryMs: number;
  let cachedRequests: string[];
  try {
    await second.connection();
    const before = emulator.requests.length;
    const t0 = performance.now();
    const cached = await second.listModels();
    cachedMs = performance.now() - t0;
    cachedRequests = emulator.requests.slice(before).map((r) => r.operation);
    if (cached.discovery.cache === 'network') throw new Error('the second session asked AWS instead of its cache');
    const t1 = performance.now();
    await second.listModels();
    memoryMs = performance.now() - t1;
  } finally {
    second.dispose();
  }
  const t2 = performance.now();
  const third = session(join(home, 'data'));
  let cachedWithCredentialsMs: number;
  try {
    await third.listModels();
    cachedWithCredentialsMs = performance.now() - t2;
  } finally {
    third.dispose();
  }
  return { coldAppMs, coldSdkMs, cachedMs, cachedWithCredentialsMs, cachedRequests, memoryMs, models };
}
