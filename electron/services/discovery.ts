// Model discovery, filtered exactly as Moltbot's Bedrock provider filters ListFoundationModels,
// joined with ListInferenceProfiles to know how each model can be invoked, cached per
// `refreshInterval`, and merged with the models configured by hand.
import {
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  type BedrockClient,
  type FoundationModelSummary,
  type InferenceProfileSummary,
} from '@aws-sdk/client-bedrock';
import type { InputModality, ModelSummary } from '../../shared/types';
import { fail, ok, type Result } from '../../shared/errors';
import type { BedrockDiscoverySettings, ConfiguredModel } from './config-model';
import { mapAwsError } from './error-mapping';
import { geographyPrefixes, resolveInvocation } from './inference-profiles';

export const DEFAULT_CONTEXT_WINDOW = 32_000;
export const DEFAULT_MAX_TOKENS = 4_096;
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 3_600;

const positiveInt = (value: number | undefined, fallback: number) => {
  const n = Math.floor(value ?? fallback);
  return n > 0 ? n : fallback;
};

export function normalizeProviderFilter(filter: string[] | undefined): string[] {
  return [...new Set((filter ?? []).map((entry) => entry.trim().toLowerCase()).filter(Boolean))].sort();
}

function providerOf(summary: Pick<FoundationModelSummary, 'providerName' | 'modelId'>): string | undefined {
  return (summary.providerName ?? summary.modelId?.split('.')[0])?.trim() || undefined;
}

function matchesProviderFilter(summary: FoundationModelSummary, filter: string[]): boolean {
  if (filter.length === 0) return true;
  const provider = providerOf(summary)?.toLowerCase();
  return provider ? filter.includes(provider) : false;
}

function mapInput(summary: FoundationModelSummary): InputModality[] {
  const mapped = new Set<InputModality>();
  for (const modality of summary.inputModalities ?? []) {
    const lower = modality.toLowerCase();
    if (lower === 'text') mapped.add('text');
    if (lower === 'image') mapped.add('image');
  }
  if (mapped.size === 0) mapped.add('text');
  return [...mapped];
}

/** Moltbot marks discovered models as reasoning only when their id or name says so. */
function inferReasoning(summary: FoundationModelSummary): boolean {
  const haystack = `${summary.modelId ?? ''} ${summary.modelName ?? ''}`.toLowerCase();
  return haystack.includes('reasoning') || haystack.includes('thinking');
}

function shouldInclude(summary: FoundationModelSummary, filter: string[]): boolean {
  if (!summary.modelId?.trim()) return false;
  if (!matchesProviderFilter(summary, filter)) return false;
  if (summary.responseStreamingSupported !== true) return false;
  if (!(summary.outputModalities ?? []).some((m) => m.toLowerCase() === 'text')) return false;
  const status = summary.modelLifecycle?.status;
  return typeof status === 'string' && status.toUpperCase() === 'ACTIVE';
}

export interface FilterContext {
  profiles?: InferenceProfileSummary[];
  /** Region the models are called in; decides which geography's profile is preferred. */
  region?: string;
}

/** Pure: ListFoundationModels summaries → the models Moltbot would offer, sorted by name. */
export function filterFoundationModels(
  summaries: FoundationModelSummary[],
  settings: BedrockDiscoverySettings,
  context: FilterContext = {},
): ModelSummary[] {
  const filter = normalizeProviderFilter(settings.providerFilter);
  const contextWindow = positiveInt(settings.defaultContextWindow, DEFAULT_CONTEXT_WINDOW);
  const maxTokens = positiveInt(settings.defaultMaxTokens, DEFAULT_MAX_TOKENS);
  const region = context.region ?? 'us-east-1';
  return summaries
    .filter((summary) => shouldInclude(summary, filter))
    .map((summary): ModelSummary => {
      const id = (summary.modelId as string).trim();
      const model: ModelSummary = {
        id,
        name: summary.modelName?.trim() || id,
        provider: providerOf(summary) ?? 'unknown',
        source: 'discovered',
        input: mapInput(summary),
        reasoning: inferReasoning(summary),
        streaming: true,
        contextWindow,
        maxTokens,
        lifecycle: 'ACTIVE',
        invocation: resolveInvocation({ ...summary, modelId: id }, context.profiles ?? [], region),
      };
      if (summary.modelArn) model.arn = summary.modelArn;
      return model;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A hand-configured model as a summary, with what discovery knows underneath it. */
function configuredSummary(model: ConfiguredModel, discovered: ModelSummary | undefined, region: string): ModelSummary {
  const looksLikeProfile = geographyPrefixes(region).concat(['us.', 'eu.', 'apac.', 'global.']).some((p) => model.id.startsWith(p));
  const base: ModelSummary = discovered ?? {
    id: model.id,
    name: model.id,
    provider: (looksLikeProfile ? model.id.split('.')[1] : model.id.split('.')[0]) ?? 'unknown',
    source: 'configured',
    input: ['text'],
    reasoning: false,
    streaming: true,
    contextWindow: DEFAULT_CONTEXT_WINDOW,
    maxTokens: DEFAULT_MAX_TOKENS,
    lifecycle: 'ACTIVE',
    invocation: { mode: looksLikeProfile ? 'inference-profile' : 'on-demand', invokeId: model.id },
  };
  const merged: ModelSummary = { ...base, source: 'configured' };
  if (model.name !== undefined) merged.name = model.name;
  if (model.reasoning !== undefined) merged.reasoning = model.reasoning;
  if (model.input !== undefined && model.input.length > 0) merged.input = model.input;
  if (model.cost !== undefined) merged.cost = model.cost;
  if (model.contextWindow !== undefined) merged.contextWindow = model.contextWindow;
  if (model.maxTokens !== undefined) merged.maxTokens = model.maxTokens;
  return merged;
}

/** Configured models override discovered ones of the same id; the result is sorted by name. */
export function mergeConfiguredModels(discovered: ModelSummary[], configured: ConfiguredModel[], region: string): ModelSummary[] {
  const byId = new Map(discovered.map((model) => [model.id, model]));
  for (const model of configured) byId.set(model.id, configuredSummary(model, byId.get(model.id), region));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function listAllProfiles(client: BedrockClient): Promise<InferenceProfileSummary[]> {
  const profiles: InferenceProfileSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListInferenceProfilesCommand({ ...(nextToken ? { nextToken } : {}) }));
    profiles.push(...(page.inferenceProfileSummaries ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return profiles;
}

export interface Discovered {
  models: ModelSummary[];
  fetchedAt: string;
  /** Set when ListInferenceProfiles failed; models are then treated as on-demand where allowed. */
  profilesError?: import('../../shared/errors').AppError;
}

interface CacheEntry {
  key: string;
  expiresAt: number;
  value?: Discovered;
  inFlight?: Promise<Result<Discovered>>;
}

/** One per session; the cache key covers everything that changes the result. */
export class DiscoveryCache {
  private entry: CacheEntry | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  async discover(
    client: BedrockClient,
    region: string,
    settings: BedrockDiscoverySettings,
    opts: { refresh?: boolean } = {},
  ): Promise<Result<Discovered>> {
    const refreshSeconds = Math.max(0, Math.floor(settings.refreshInterval ?? DEFAULT_REFRESH_INTERVAL_SECONDS));
    const key = JSON.stringify({
      region,
      filter: normalizeProviderFilter(settings.providerFilter),
      cw: settings.defaultContextWindow,
      mt: settings.defaultMaxTokens,
    });
    const cached = this.entry?.key === key ? this.entry : undefined;
    if (refreshSeconds > 0 && cached) {
      // Concurrent callers share one request, even a forced refresh started moments ago.
      if (cached.inFlight) return cached.inFlight;
      if (!opts.refresh && cached.value && cached.expiresAt > this.now()) return ok(cached.value);
    }

    const request = this.fetch(client, region, settings);
    if (refreshSeconds === 0) return request;
    const entry: CacheEntry = { key, expiresAt: 0, inFlight: request };
    this.entry = entry;
    const result = await request;
    if (this.entry === entry) {
      // Failures are not cached: the next call tries again.
      this.entry = result.ok ? { key, expiresAt: this.now() + refreshSeconds * 1000, value: result.value } : undefined;
    }
    return result;
  }

  private async fetch(client: BedrockClient, region: string, settings: BedrockDiscoverySettings): Promise<Result<Discovered>> {
    const [models, profiles] = await Promise.allSettled([
      client.send(new ListFoundationModelsCommand({})),
      listAllProfiles(client),
    ]);
    if (models.status === 'rejected') {
      return fail(mapAwsError(models.reason, { action: 'bedrock:ListFoundationModels', region }));
    }
    const profileList = profiles.status === 'fulfilled' ? profiles.value : [];
    const discovered: Discovered = {
      models: filterFoundationModels(models.value.modelSummaries ?? [], settings, { profiles: profileList, region }),
      fetchedAt: new Date(this.now()).toISOString(),
    };
    if (profiles.status === 'rejected') {
      discovered.profilesError = mapAwsError(profiles.reason, { action: 'bedrock:ListInferenceProfiles', region });
    }
    return ok(discovered);
  }
}
