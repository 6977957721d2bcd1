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

const FOUNDATION_MODEL = 'foundation-model/';
const isActive = (profile: InferenceProfileSummary) => (profile.status ?? 'ACTIVE') === 'ACTIVE';

/**
 * The model ids a profile routes to: every `foundation-model/<id>` suffix of its model ARNs, and
 * for system-defined profiles named "<geo>.<model id>" (even when `models` is omitted) the name.
 */
function reachedModelIds(profile: InferenceProfileSummary): Set<string> {
  const ids = new Set<string>();
  for (const model of profile.models ?? []) {
    const arn = model.modelArn;
    if (!arn) continue;
    // `arn.endsWith("foundation-model/" + id)` holds exactly for the text after an occurrence.
    for (let at = arn.indexOf(FOUNDATION_MODEL); at !== -1; at = arn.indexOf(FOUNDATION_MODEL, at + 1)) ids.add(arn.slice(at + FOUNDATION_MODEL.length));
  }
  const id = profile.inferenceProfileId ?? '';
  const dot = id.indexOf('.');
  if (dot > 0) ids.add(id.slice(dot + 1));
  return ids;
}

/**
 * A profile's `models` reduced to what the join reads: one ARN per distinct foundation model (a
 * system profile lists the same model once per region it routes to); ARNs naming no foundation
 * model reach nothing and are left out. `reachedModelIds` is the same for the result.
 */
export function joinableModels(models: InferenceProfileSummary['models']): InferenceProfileSummary['models'] {
  if (!models) return models;
  const seen = new Set<string>();
  const kept: NonNullable<InferenceProfileSummary['models']> = [];
  for (const model of models) {
    const arn = model.modelArn;
    const at = arn ? arn.indexOf(FOUNDATION_MODEL) : -1;
    if (!arn || at === -1) continue;
    // Every id the ARN yields lies in its text from the first "foundation-model/" on.
    const tail = arn.slice(at);
    if (seen.has(tail)) continue;
    seen.add(tail);
    kept.push({ modelArn: arn });
  }
  return kept;
}

/** Does this profile route to the given foundation model? */
export function profileReachesModel(profile: InferenceProfileSummary, modelId: string): boolean {
  const viaArn = (profile.models ?? []).some((m) => m.modelArn?.endsWith(`${FOUNDATION_MODEL}${modelId}`));
  if (viaArn) return true;
  // System-defined profiles are named "<geo>.<model id>" even when `models` is omitted.
  const id = profile.inferenceProfileId ?? '';
  return id.slice(id.indexOf('.') + 1) === modelId && id.indexOf('.') > 0;
}

/** Every ACTIVE profile reaching a model, in the region's preference order (then by id). */
export interface RankedProfiles {
  /** Those callable from the region (its geography, then `global.`), then the other geographies. */
  all: readonly string[];
  /** Only those callable from the region. */
  callable: readonly string[];
}

const NONE: RankedProfiles = Object.freeze({ all: Object.freeze([]), callable: Object.freeze([]) });
const prefixesByRegion = new Map<string, string[]>();
const prefixesOf = (region: string): string[] => {
  let prefixes = prefixesByRegion.get(region);
  if (!prefixes) prefixesByRegion.set(region, (prefixes = geographyPrefixes(region)));
  return prefixes;
};

/**
 * The ACTIVE profiles of one ListInferenceProfiles answer, by the model id they reach: built once
 * per fetched catalog (one pass over profiles × model ARNs), then each model is a map lookup
 * instead of a scan of every profile and ARN. Rankings are kept per region.
 */
export class ProfileIndex {
  private readonly byModel = new Map<string, string[]>();
  private readonly rankings = new Map<string, Map<string, RankedProfiles>>();

  constructor(profiles: readonly InferenceProfileSummary[]) {
    for (const profile of profiles) {
      const profileId = profile.inferenceProfileId;
      if (!isActive(profile) || !profileId) continue;
      for (const modelId of reachedModelIds(profile)) {
        const list = this.byModel.get(modelId);
        if (list) list.push(profileId);
        else this.byModel.set(modelId, [profileId]);
      }
    }
  }

  /** Every ACTIVE profile id reaching the model, in the order ListInferenceProfiles gave them. */
  reaching(modelId: string): readonly string[] {
    return this.byModel.get(modelId) ?? [];
  }

  /** The profiles reaching the model, ranked for the region. */
  ranked(modelId: string, region: string): RankedProfiles {
    const reaching = this.byModel.get(modelId);
    if (!reaching) return NONE;
    let byModel = this.rankings.get(region);
    if (!byModel) this.rankings.set(region, (byModel = new Map()));
    let ranked = byModel.get(modelId);
    if (!ranked) {
      const prefixes = prefixesOf(region);
      const rank = (id: string) => {
        const index = prefixes.findIndex((prefix) => id.startsWith(prefix));
        return index === -1 ? prefixes.length : index;
      };
      const all = reaching.length === 1 ? [...reaching] : [...reaching].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
      // A profile of another geography cannot be called from this region.
      const callable = all.filter((id) => rank(id) < prefixes.length);
      ranked = { all, callable };
      byModel.set(modelId, ranked);
    }
    return ranked;
  }
}

const asIndex = (profiles: readonly InferenceProfileSummary[] | ProfileIndex): ProfileIndex =>
  profiles instanceof ProfileIndex ? profiles : new ProfileIndex(profiles);

/** Every ACTIVE profile reaching the model: those callable from the region first, in preference order. */
export function reachingProfiles(profiles: readonly InferenceProfileSummary[] | ProfileIndex, modelId: string, region: string): string[] {
  return [...asIndex(profiles).ranked(modelId, region).all];
}

/** The ACTIVE profiles reaching a model that are callable from the region, in preference order. */
export function profilesForModel(profiles: readonly InferenceProfileSummary[] | ProfileIndex, modelId: string, region: string): string[] {
  return [...asIndex(profiles).ranked(modelId, region).callable];
}

export function resolveInvocation(
  summary: Pick<FoundationModelSummary, 'modelId' | 'inferenceTypesSupported'>,
  profiles: readonly InferenceProfileSummary[] | ProfileIndex,
  region: string,
): ModelSummary['invocation'] {
  const modelId = summary.modelId ?? '';
  const types = summary.inferenceTypesSupported;
  // An absent list tells us nothing; try the model directly rather than hide it.
  if (types === undefined || types.includes('ON_DEMAND')) return { mode: 'on-demand', invokeId: modelId };
  const [best] = asIndex(profiles).ranked(modelId, region).callable;
  if (best) return { mode: 'inference-profile', invokeId: best };
  return { mode: 'provisioned-only', invokeId: modelId };
}
