// How a model can be called: directly (on-demand), through a cross-region inference profile,
// or not at all without provisioned throughput. Calling a profile-only model by its bare id is
// what produces Bedrock's "on-demand throughput isn't supported" error; this avoids it.
import type { FoundationModelSummary, InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import type { ModelSummary } from '../../shared/types';

/** Profile id prefixes usable from a region, best first; `global.` works from everywhere. */
export function geographyPrefixes(region: string): string[] {
  const prefixes: string[] = [];
  if (region.startsWith('us-gov-')) prefixes.push('us-gov.');
  else if (region.startsWith('us-')) prefixes.push('us.');
  else if (region.startsWith('eu-')) prefixes.push('eu.');
  else if (region.startsWith('ap-')) prefixes.push('apac.', 'jp.', 'au.');
  else if (region.startsWith('ca-')) prefixes.push('ca.');
  prefixes.push('global.');
  return prefixes;
}

/** Does this profile route to the given foundation model? */
export function profileReachesModel(profile: InferenceProfileSummary, modelId: string): boolean {
  const viaArn = (profile.models ?? []).some((m) => m.modelArn?.endsWith(`foundation-model/${modelId}`));
  if (viaArn) return true;
  // System-defined profiles are named "<geo>.<model id>" even when `models` is omitted.
  const id = profile.inferenceProfileId ?? '';
  return id.slice(id.indexOf('.') + 1) === modelId && id.indexOf('.') > 0;
}

/** The ACTIVE profiles reaching a model, ordered by the region's geography preference. */
export function profilesForModel(profiles: InferenceProfileSummary[], modelId: string, region: string): string[] {
  const prefixes = geographyPrefixes(region);
  const rank = (id: string) => {
    const index = prefixes.findIndex((prefix) => id.startsWith(prefix));
    return index === -1 ? Number.POSITIVE_INFINITY : index;
  };
  return profiles
    .filter((p) => (p.status ?? 'ACTIVE') === 'ACTIVE' && p.inferenceProfileId && profileReachesModel(p, modelId))
    .map((p) => p.inferenceProfileId as string)
    // A profile of another geography cannot be called from this region.
    .filter((id) => Number.isFinite(rank(id)))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function resolveInvocation(
  summary: Pick<FoundationModelSummary, 'modelId' | 'inferenceTypesSupported'>,
  profiles: InferenceProfileSummary[],
  region: string,
): ModelSummary['invocation'] {
  const modelId = summary.modelId ?? '';
  const types = summary.inferenceTypesSupported;
  // An absent list tells us nothing; try the model directly rather than hide it.
  if (types === undefined || types.includes('ON_DEMAND')) return { mode: 'on-demand', invokeId: modelId };
  const [best] = profilesForModel(profiles, modelId, region);
  if (best) return { mode: 'inference-profile', invokeId: best };
  return { mode: 'provisioned-only', invokeId: modelId };
}
