// The profile index must give exactly what the old scan gave (every profile × every model ARN,
// `endsWith`), for every model of the default and the 1,000-model catalog as the emulator serves
// them over the wire, and for the odd shapes ListInferenceProfiles can return.
import { BedrockClient, ListFoundationModelsCommand, paginateListInferenceProfiles, type FoundationModelSummary, type InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLargeCatalog, emulatorClientConfig, startEmulator, type Emulator } from '../emulator/index.ts';
import { geographyPrefixes, joinableModels, ProfileIndex, profileReachesModel, profilesForModel, reachingProfiles, resolveInvocation } from './inference-profiles';
import { classifyFoundationModels } from './discovery';

/** The scan the index replaced, kept here as the reference. */
function scan(profiles: InferenceProfileSummary[], modelId: string, region: string, callableOnly: boolean): string[] {
  const prefixes = geographyPrefixes(region);
  const rank = (id: string) => {
    const index = prefixes.findIndex((prefix) => id.startsWith(prefix));
    return index === -1 ? (callableOnly ? Number.POSITIVE_INFINITY : prefixes.length) : index;
  };
  return profiles
    .filter((p) => (p.status ?? 'ACTIVE') === 'ACTIVE' && p.inferenceProfileId && profileReachesModel(p, modelId))
    .map((p) => p.inferenceProfileId as string)
    .filter((id) => !callableOnly || Number.isFinite(rank(id)))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function scanInvocation(summary: FoundationModelSummary, profiles: InferenceProfileSummary[], region: string) {
  const modelId = summary.modelId ?? '';
  const types = summary.inferenceTypesSupported;
  if (types === undefined || types.includes('ON_DEMAND')) return { mode: 'on-demand', invokeId: modelId };
  const [best] = scan(profiles, modelId, region, true);
  return best ? { mode: 'inference-profile', invokeId: best } : { mode: 'provisioned-only', invokeId: modelId };
}

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1', 'ca-central-1', 'sa-east-1', 'us-gov-west-1'];

function expectSameAsScan(summaries: FoundationModelSummary[], profiles: InferenceProfileSummary[], regions = REGIONS) {
  const index = new ProfileIndex(profiles);
  // What the cache keeps of each profile (one ARN per model reached) joins the same way.
  const slimmed = new ProfileIndex(profiles.map((p) => ({ ...p, models: joinableModels(p.models) })));
  let viaProfile = 0;
  for (const region of regions) {
    for (const summary of summaries) {
      const id = summary.modelId ?? '';
      expect(reachingProfiles(index, id, region)).toEqual(scan(profiles, id, region, false));
      expect(reachingProfiles(slimmed, id, region)).toEqual(scan(profiles, id, region, false));
      expect(profilesForModel(index, id, region)).toEqual(scan(profiles, id, region, true));
      const invocation = resolveInvocation(summary, index, region);
      expect(invocation).toEqual(scanInvocation(summary, profiles, region));
      if (invocation.mode === 'inference-profile') viaProfile += 1;
    }
    // Through discovery too: every model's invocation and profiles, as listed.
    const listed = classifyFoundationModels(summaries, {}, { profiles, region });
    const byId = new Map(summaries.map((s) => [s.modelId?.trim(), s]));
    for (const model of [...listed.kept, ...listed.filteredOut]) {
      const scanned = scan(profiles, model.id, region, false);
      expect(model.profiles ?? []).toEqual(scanned);
      expect(model.invocation).toEqual(scanInvocation(byId.get(model.id) as FoundationModelSummary, profiles, region));
    }
  }
  return viaProfile;
}

describe('ProfileIndex against the scan it replaced', () => {
  let emulators: Emulator[] = [];
  beforeAll(async () => {
    emulators = [await startEmulator(), await startEmulator({ catalog: buildLargeCatalog(1000) })];
  });
  afterAll(async () => {
    await Promise.all(emulators.map((e) => e.close()));
  });

  async function fetchCatalog(emulator: Emulator) {
    const client = new BedrockClient(emulatorClientConfig(emulator));
    try {
      const summaries = (await client.send(new ListFoundationModelsCommand({}))).modelSummaries ?? [];
      const profiles: InferenceProfileSummary[] = [];
      for await (const page of paginateListInferenceProfiles({ client }, {})) profiles.push(...(page.inferenceProfileSummaries ?? []));
      return { summaries, profiles };
    } finally {
      client.destroy();
    }
  }

  it('the default catalog: same invocation and profiles for every model in every region', async () => {
    const { summaries, profiles } = await fetchCatalog(emulators[0] as Emulator);
    expect(profiles.length).toBeGreaterThan(0);
    expect(expectSameAsScan(summaries, profiles)).toBeGreaterThan(0);
  });

  it('the 1,000-model catalog: same invocation and profiles for every model in every region', async () => {
    const { summaries, profiles } = await fetchCatalog(emulators[1] as Emulator);
    expect(summaries).toHaveLength(1000);
    expect(profiles.length).toBeGreaterThan(100);
    // Each geography once (the reference scan is the slow part).
    expect(expectSameAsScan(summaries, profiles, ['us-west-2', 'eu-west-1', 'ap-northeast-1', 'sa-east-1'])).toBeGreaterThan(0);
  });

  it('odd shapes: inactive, unnamed, name-only, several ARNs, duplicates, other models, no models', () => {
    const id = 'anthropic.claude-sonnet-4-20250514-v1:0';
    const arn = (region: string, model = id) => `arn:aws:bedrock:${region}::foundation-model/${model}`;
    const profiles = [
      { inferenceProfileId: `us.${id}`, status: 'ACTIVE', models: [{ modelArn: arn('us-east-1') }, { modelArn: arn('us-west-2') }, { modelArn: arn('us-east-2') }] },
      { inferenceProfileId: `eu.${id}`, status: 'INACTIVE', models: [{ modelArn: arn('eu-west-1') }] },
      { inferenceProfileId: `global.${id}` }, // no models, no status: reached by its name
      { inferenceProfileId: 'apac.renamed-profile', models: [{ modelArn: arn('ap-northeast-1') }] }, // reached by ARN only
      { inferenceProfileId: `us.${id}`, models: [{ modelArn: arn('us-east-1') }] }, // listed twice
      { inferenceProfileId: '', models: [{ modelArn: arn('us-east-1') }] },
      { models: [{ modelArn: arn('us-east-1') }] },
      { inferenceProfileId: 'us.other.model', models: [{ modelArn: arn('us-east-1', 'other.model') }, {}] },
      { inferenceProfileId: `.${id}` }, // a dot first is not a geography
      { inferenceProfileId: 'multi-model-router', models: [{ modelArn: arn('us-east-1', 'other.model') }, { modelArn: arn('us-west-2', id) }] }, // its second ARN
      { inferenceProfileId: 'custom-profile', models: [{ modelArn: `arn:aws:bedrock:us-east-1:123456789012:custom-model/foundation-model/${id}` }] },
    ] as InferenceProfileSummary[];
    const summaries = [id, 'other.model', 'model', 'foundation-model/x', ''].map(
      (modelId) => ({ modelId, inferenceTypesSupported: ['INFERENCE_PROFILE'] }) as unknown as FoundationModelSummary,
    );
    expectSameAsScan(summaries, profiles);
    // Duplicates kept, as listed; callable (us., global.) first, then the rest by id.
    expect(reachingProfiles(profiles, id, 'us-east-1')).toEqual([`us.${id}`, `us.${id}`, `global.${id}`, 'apac.renamed-profile', 'custom-profile', 'multi-model-router']);
    expect(profilesForModel(profiles, id, 'us-east-1')).toEqual([`us.${id}`, `us.${id}`, `global.${id}`]);
  });
});
