// Model discovery, filtered exactly as Moltbot's Bedrock provider filters ListFoundationModels
// (`models.bedrockDiscovery`), joined with ListInferenceProfiles to know how each model can be
// invoked, enriched with AWS's published limits and a "can I use it" status, and merged with the
// models configured by hand. The raw AWS answer is cached in memory and on disk (per account,
// region and provider filter); the filter, defaults and configured models apply on every read.
import { createHash } from 'node:crypto';
import {
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  type BedrockClient,
  type FoundationModelSummary,
  type InferenceProfileSummary,
} from '@aws-sdk/client-bedrock';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AppError } from '../../shared/errors';
import type { InputModality, ModelStatus, ModelSummary, ModelsResult } from '../../shared/types';
import { fail, ok, type Result } from '../../shared/errors';
import type { BedrockDiscoverySettings, ConfiguredModel } from './config-model';
import type { ResolvedCredentials } from './credentials';
import type { CachedCatalog, DiscoveryCacheStore } from './discovery-cache-store';
import { mapAwsError } from './error-mapping';
import { joinableModels, ProfileIndex, reachingProfiles, resolveInvocation } from './inference-profiles';
import { knownLimits } from './model-limits';
import { statusFromMetadata, type LearnedStatuses } from './model-status';

export const DEFAULT_CONTEXT_WINDOW = 32_000;
export const DEFAULT_MAX_TOKENS = 4_096;
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 3_600;

const positiveInt = (value: number | undefined, fallback: number) => {
  const n = Math.floor(value ?? fallback);
  return n > 0 ? n : fallback;
};

/** Seconds; `0` means no cache (every read asks AWS). Negative or non-numbers fall back to the default. */
export function refreshIntervalSeconds(settings: BedrockDiscoverySettings): number {
  const value = settings.refreshInterval;
  if (value === undefined || !Number.isFinite(value) || value < 0) return DEFAULT_REFRESH_INTERVAL_SECONDS;
  return Math.floor(value);
}

export function normalizeProviderFilter(filter: string[] | undefined): string[] {
  return [...new Set((filter ?? []).map((entry) => entry.trim().toLowerCase()).filter(Boolean))].sort();
}

function providerOf(summary: Pick<FoundationModelSummary, 'providerName' | 'modelId'>): string | undefined {
  return (summary.providerName?.trim() || summary.modelId?.split('.')[0])?.trim() || undefined;
}

/** Moltbot matches the provider name, falling back to the model id's prefix ("amazon" in "amazon.nova-…"). */
function matchesProviderFilter(summary: FoundationModelSummary, filter: string[]): boolean {
  if (filter.length === 0) return true;
  const name = summary.providerName?.trim().toLowerCase();
  const prefix = summary.modelId?.trim().split('.')[0]?.toLowerCase();
  return (!!name && filter.includes(name)) || (!!prefix && filter.includes(prefix));
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

/** Why Moltbot's discovery leaves a model out, or undefined when it keeps it. */
export function exclusionReason(summary: FoundationModelSummary, filter: string[]): string | undefined {
  if (!matchesProviderFilter(summary, filter)) return `provider "${providerOf(summary) ?? 'unknown'}" is not in providerFilter [${filter.join(', ')}]`;
  if (summary.responseStreamingSupported !== true) return 'does not support response streaming';
  const outputs = summary.outputModalities ?? [];
  if (!outputs.some((m) => m.toLowerCase() === 'text')) return `does not output text (outputs ${outputs.join(', ') || 'nothing'})`;
  const status = summary.modelLifecycle?.status;
  if (typeof status !== 'string' || status.toUpperCase() !== 'ACTIVE') return `lifecycle is ${status ?? 'unknown'}, not ACTIVE`;
  return undefined;
}

export interface FilterContext {
  profiles?: InferenceProfileSummary[];
  /** `profiles` indexed by model id (built from `profiles` when absent). */
  profileIndex?: ProfileIndex;
  /** Region the models are called in; decides which geography's profile is preferred. */
  region?: string;
  /** Which of the models the filter leaves out to build (by id); default all of them. */
  filteredOutFor?: (modelId: string) => boolean;
}

const isoOf = (value: Date | string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

function toModelSummary(summary: FoundationModelSummary, settings: BedrockDiscoverySettings, profiles: ProfileIndex, region: string): ModelSummary {
  const id = (summary.modelId as string).trim();
  const known = knownLimits(id);
  const lifecycle = summary.modelLifecycle?.status?.toUpperCase() === 'LEGACY' ? 'LEGACY' : 'ACTIVE';
  const model: ModelSummary = {
    id,
    name: summary.modelName?.trim() || id,
    provider: providerOf(summary) ?? 'unknown',
    source: 'discovered',
    input: mapInput(summary),
    reasoning: known?.reasoning ?? inferReasoning(summary),
    streaming: summary.responseStreamingSupported === true,
    contextWindow: known?.contextWindow ?? positiveInt(settings.defaultContextWindow, DEFAULT_CONTEXT_WINDOW),
    maxTokens: known?.maxTokens ?? positiveInt(settings.defaultMaxTokens, DEFAULT_MAX_TOKENS),
    lifecycle,
    invocation: resolveInvocation({ modelId: id, inferenceTypesSupported: summary.inferenceTypesSupported }, profiles, region),
    limits: known ? { source: 'documented', reference: known.reference } : { source: 'default' },
    outputModalities: (summary.outputModalities ?? []).map(String),
  };
  if (known?.cost) model.cost = { ...known.cost };
  if (summary.modelArn) model.arn = summary.modelArn;
  const reaching = reachingProfiles(profiles, id, region);
  if (reaching.length > 0) model.profiles = reaching;
  model.status = statusFromMetadata(model, region, isoOf(summary.modelLifecycle?.endOfLifeTime as Date | string | undefined));
  return model;
}

const byName = (a: ModelSummary, b: ModelSummary) => a.name.localeCompare(b.name);

/** Pure: ListFoundationModels summaries → what Moltbot offers (`kept`) and what it leaves out, with why. */
export function classifyFoundationModels(
  summaries: FoundationModelSummary[],
  settings: BedrockDiscoverySettings,
  context: FilterContext = {},
): { kept: ModelSummary[]; filteredOut: ModelSummary[] } {
  const filter = normalizeProviderFilter(settings.providerFilter);
  const region = context.region ?? 'us-east-1';
  const profiles = context.profileIndex ?? new ProfileIndex(context.profiles ?? []);
  const kept: ModelSummary[] = [];
  const filteredOut: ModelSummary[] = [];
  for (const summary of summaries) {
    const id = summary.modelId?.trim();
    if (!id) continue; // nothing to call it by
    const reason = exclusionReason(summary, filter);
    if (!reason) kept.push(toModelSummary(summary, settings, profiles, region));
    else if (!context.filteredOutFor || context.filteredOutFor(id)) filteredOut.push({ ...toModelSummary(summary, settings, profiles, region), filteredOut: reason });
  }
  return { kept: kept.sort(byName), filteredOut: filteredOut.sort(byName) };
}

/** Pure: ListFoundationModels summaries → the models Moltbot would offer, sorted by name. */
export function filterFoundationModels(summaries: FoundationModelSummary[], settings: BedrockDiscoverySettings, context: FilterContext = {}): ModelSummary[] {
  return classifyFoundationModels(summaries, settings, context).kept;
}

const PROFILE_PREFIXES = ['us.', 'eu.', 'apac.', 'jp.', 'au.', 'ca.', 'us-gov.', 'global.'];

/** A hand-configured model as a summary, with what discovery knows underneath it. */
function configuredSummary(model: ConfiguredModel, discovered: ModelSummary | undefined, region: string): ModelSummary {
  const looksLikeProfile = PROFILE_PREFIXES.some((p) => model.id.startsWith(p));
  const known = discovered ? undefined : knownLimits(model.id);
  let base: ModelSummary;
  if (discovered) {
    const { filteredOut: _dropped, ...rest } = discovered;
    void _dropped;
    base = rest;
  } else {
    base = {
      id: model.id,
      name: model.id,
      provider: (looksLikeProfile ? model.id.split('.')[1] : model.id.split('.')[0]) ?? 'unknown',
      source: 'configured',
      input: ['text'],
      reasoning: known?.reasoning ?? false,
      streaming: true,
      contextWindow: known?.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
      maxTokens: known?.maxTokens ?? DEFAULT_MAX_TOKENS,
      lifecycle: 'ACTIVE',
      invocation: { mode: looksLikeProfile ? 'inference-profile' : 'on-demand', invokeId: model.id },
      limits: known ? { source: 'documented', reference: known.reference } : { source: 'default' },
      ...(known?.cost ? { cost: { ...known.cost } } : {}),
    };
  }
  const merged: ModelSummary = { ...base, source: 'configured' };
  if (model.name !== undefined) merged.name = model.name;
  if (model.input !== undefined && model.input.length > 0) merged.input = model.input;
  const limitsConfigured = model.reasoning !== undefined || model.cost !== undefined || model.contextWindow !== undefined || model.maxTokens !== undefined;
  if (model.reasoning !== undefined) merged.reasoning = model.reasoning;
  if (model.cost !== undefined) merged.cost = model.cost;
  if (model.contextWindow !== undefined) merged.contextWindow = model.contextWindow;
  if (model.maxTokens !== undefined) merged.maxTokens = model.maxTokens;
  if (limitsConfigured) merged.limits = { source: 'configured' };
  if (!discovered) merged.status = statusFromMetadata(merged, region);
  return merged;
}

/**
 * Configured models override discovered ones of the same id (also ones the filter left out,
 * found in `known`); the result is sorted by name.
 */
export function mergeConfiguredModels(discovered: ModelSummary[], configured: ConfiguredModel[], region: string, known: ModelSummary[] = []): ModelSummary[] {
  const byId = new Map(discovered.map((model) => [model.id, model]));
  const others = new Map(known.map((model) => [model.id, model]));
  for (const model of configured) byId.set(model.id, configuredSummary(model, byId.get(model.id) ?? others.get(model.id), region));
  return [...byId.values()].sort(byName);
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

/** Only what the join needs (one ARN per model reached), so the cache file stays small and quick to read. */
const slimProfile = (p: InferenceProfileSummary): InferenceProfileSummary =>
  ({ inferenceProfileId: p.inferenceProfileId, inferenceProfileName: p.inferenceProfileName, status: p.status, type: p.type, models: joinableModels(p.models) }) as InferenceProfileSummary;

export interface DiscoveryRequest {
  client: BedrockClient;
  region: string;
  settings: BedrockDiscoverySettings;
  /** Whose models these are: account (or masked credential identity) and endpoint. See `scopeFor`. */
  scope: string;
  refresh?: boolean;
}

export interface DiscoveryAnswer {
  catalog?: CachedCatalog;
  cache?: 'network' | 'memory' | 'disk';
  stale: boolean;
  /** Discovery failed: with `catalog`, the last good list is being shown. */
  error?: AppError;
}

interface MemoryEntry {
  catalog: CachedCatalog;
  /** Loaded from disk and not yet answered from memory. */
  fromDisk: boolean;
  /** Why the last (background) refresh failed, and when. */
  lastError?: AppError;
  lastErrorAt?: number;
}

/** After a failed background refresh, stale reads wait this long before asking AWS again. */
const RETRY_AFTER_FAILURE_MS = 30_000;

export interface ListRequest extends DiscoveryRequest {
  enabled: boolean;
  reason: string;
  configured: ConfiguredModel[];
  /** Add what the filter leaves out, with `filteredOut`. */
  all?: boolean;
}

/**
 * One per session (or app): the memory cache over the disk cache, the in-flight requests shared
 * by concurrent readers, and the statuses learned from failed calls.
 */
export class ModelDiscovery {
  private readonly memory = new Map<string, MemoryEntry>();
  private readonly inFlight = new Map<string, Promise<Result<CachedCatalog>>>();
  private readonly learned = new Map<string, LearnedStatuses>();
  /** Bumped on every change to a scope's learned statuses (part of the listing memo's key). */
  private readonly learnedVersions = new Map<string, number>();
  private readonly scopes = new WeakMap<ResolvedCredentials, Promise<string>>();
  /** One index of the inference profiles per fetched catalog. */
  private readonly profileIndexes = new WeakMap<CachedCatalog, ProfileIndex>();
  /** Built model lists per fetched catalog (or NO_CATALOG), by everything else they depend on. */
  private readonly listings = new WeakMap<object, Map<string, ModelSummary[]>>();
  /** Cache-file writes not awaited by their caller; `settled()` waits for them. */
  private readonly writes = new Set<Promise<unknown>>();

  constructor(private readonly store: DiscoveryCacheStore | undefined, private readonly now: () => number = Date.now) {
    // The first listing of a restart is answered from this file: read it while the session resolves credentials.
    store?.preload();
  }

  /**
   * The identity the cache is keyed by: the AWS account from STS, or — when STS cannot answer
   * (a Bedrock API key, no sts permission) — a masked form of the credentials, never the secret.
   * The account found for a credential fingerprint is remembered in the cache file, so a restart
   * answers from the cache without asking STS again.
   */
  scopeFor(credentials: ResolvedCredentials, sts: STSClient, endpoint: string): Promise<string> {
    let scope = this.scopes.get(credentials);
    if (!scope) {
      scope = this.identityOf(credentials, sts, endpoint).then((identity) => `${identity}@${endpoint}`);
      this.scopes.set(credentials, scope);
    }
    return scope;
  }

  private async identityOf(credentials: ResolvedCredentials, sts: STSClient, endpoint: string): Promise<string> {
    if (credentials.bearerToken || credentials.problem || !credentials.provider) return identityOf(credentials, sts);
    const fingerprint = await credentialFingerprint(credentials, endpoint);
    if (fingerprint && this.store) {
      const known = await this.store.getIdentity(fingerprint);
      if (known) return known;
    }
    const identity = await identityOf(credentials, sts);
    // Only an account STS confirmed is remembered; the fallback keeps asking STS, as before.
    if (fingerprint && this.store && identity.startsWith('account:')) this.track(this.store.putIdentity(fingerprint, identity));
    return identity;
  }

  private track(write: Promise<unknown>): void {
    const tracked = write.catch(() => undefined).finally(() => this.writes.delete(tracked));
    this.writes.add(tracked);
  }

  async discover(req: DiscoveryRequest): Promise<DiscoveryAnswer> {
    const interval = refreshIntervalSeconds(req.settings);
    const key = JSON.stringify([req.scope, req.region, normalizeProviderFilter(req.settings.providerFilter)]);
    if (interval === 0) {
      const fresh = await this.fetchShared(key, req, false);
      return fresh.ok ? { catalog: fresh.value, cache: 'network', stale: false } : { stale: false, error: fresh.error };
    }

    let entry = this.memory.get(key);
    if (!entry && this.store) {
      const stored = await this.store.getCatalog(key);
      // Another reader may have fetched while we read the file.
      entry = this.memory.get(key) ?? (stored ? { catalog: stored, fromDisk: true } : undefined);
      if (entry) this.memory.set(key, entry);
    }
    const ageMs = entry ? this.now() - Date.parse(entry.catalog.fetchedAt) : Infinity;
    const stale = !(ageMs >= 0 && ageMs < interval * 1000);

    if (!entry || req.refresh) {
      const fresh = await this.fetchShared(key, req, true);
      if (fresh.ok) return { catalog: fresh.value, cache: 'network', stale: false };
      if (!entry) return { stale: false, error: fresh.error };
      // A failed refresh keeps the last good list and says why.
      return { catalog: entry.catalog, cache: this.origin(entry), stale, error: fresh.error };
    }
    if (!stale) return { catalog: entry.catalog, cache: this.origin(entry), stale: false };

    // Stale while revalidate: answer now, refresh behind it; the next read gets the new list.
    if (entry.lastErrorAt === undefined || this.now() - entry.lastErrorAt >= RETRY_AFTER_FAILURE_MS) void this.fetchShared(key, req, true);
    const answer: DiscoveryAnswer = { catalog: entry.catalog, cache: this.origin(entry), stale: true };
    if (entry.lastError) answer.error = entry.lastError;
    return answer;
  }

  private origin(entry: MemoryEntry): 'memory' | 'disk' {
    const origin = entry.fromDisk ? 'disk' : 'memory';
    entry.fromDisk = false;
    return origin;
  }

  /** Concurrent callers share one request, even a forced refresh started moments ago. */
  private fetchShared(key: string, req: DiscoveryRequest, cache: boolean): Promise<Result<CachedCatalog>> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const request = (async () => {
      const result = await this.fetch(req.client, req.region);
      if (!cache) return result;
      if (result.ok) {
        this.memory.set(key, { catalog: result.value, fromDisk: false });
        await this.store?.putCatalog(key, result.value);
      } else {
        const entry = this.memory.get(key);
        if (entry) {
          entry.lastError = result.error;
          entry.lastErrorAt = this.now();
        }
      }
      return result;
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  private async fetch(client: BedrockClient, region: string): Promise<Result<CachedCatalog>> {
    const [models, profiles] = await Promise.allSettled([client.send(new ListFoundationModelsCommand({})), listAllProfiles(client)]);
    if (models.status === 'rejected') {
      return fail(mapAwsError(models.reason, { action: 'bedrock:ListFoundationModels', region }));
    }
    const catalog: CachedCatalog = {
      fetchedAt: new Date(this.now()).toISOString(),
      summaries: models.value.modelSummaries ?? [],
      profiles: profiles.status === 'fulfilled' ? profiles.value.map(slimProfile) : [],
    };
    if (profiles.status === 'rejected') catalog.profilesError = mapAwsError(profiles.reason, { action: 'bedrock:ListInferenceProfiles', region });
    return ok(catalog);
  }

  /** Resolves when no refresh is running (tests, benchmarks, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0 || this.writes.size > 0) await Promise.allSettled([...this.inFlight.values(), ...this.writes]);
    await this.store?.flush();
  }

  /** Learned statuses of one account + region (loaded from disk once). */
  async statuses(scope: string): Promise<LearnedStatuses> {
    let statuses = this.learned.get(scope);
    if (!statuses) {
      const stored = (await this.store?.getStatuses(scope)) ?? {};
      statuses = this.learned.get(scope) ?? stored;
      this.learned.set(scope, statuses);
    }
    return statuses;
  }

  /** Remember (or, with undefined, forget) what a call taught about a model; memory at once, disk after. */
  learn(scope: string, modelId: string, status: ModelStatus | undefined): Promise<void> {
    const apply = (statuses: LearnedStatuses) => {
      if (status) statuses[modelId] = status;
      else delete statuses[modelId];
      this.learnedVersions.set(scope, (this.learnedVersions.get(scope) ?? 0) + 1);
    };
    const loaded = this.learned.get(scope);
    if (loaded) {
      const had = modelId in loaded;
      apply(loaded);
      if (!status && !had) return Promise.resolve();
      return this.store?.setStatus(scope, modelId, status) ?? Promise.resolve();
    }
    return this.statuses(scope).then((statuses) => {
      apply(statuses);
      return this.store?.setStatus(scope, modelId, status);
    });
  }

  /** The whole listing: discovered (cached) + configured, limits, statuses; discovery off → configured only. */
  async list(req: ListRequest): Promise<ModelsResult> {
    const statusScope = `${req.scope}|${req.region}`;
    const refreshInterval = refreshIntervalSeconds(req.settings);
    const discovery: ModelsResult['discovery'] = { enabled: req.enabled, reason: req.reason, region: req.region, refreshInterval };
    let answer: DiscoveryAnswer = { stale: false };
    if (req.enabled) answer = await this.discover(req);
    const learned = await this.statuses(statusScope);
    if (answer.catalog) {
      discovery.fetchedAt = answer.catalog.fetchedAt;
      if (answer.cache) discovery.cache = answer.cache;
      discovery.stale = answer.stale;
    }
    // The models depend only on the catalog fetched, the settings, the configured models, the
    // region, `all` and the learned statuses: built once per combination, not on every read.
    const key = JSON.stringify([req.region, !!req.all, req.settings, req.configured, statusScope, this.learnedVersions.get(statusScope) ?? 0]);
    const memo = this.listingsOf(answer.catalog ?? NO_CATALOG);
    let models = memo.get(key);
    if (!models) {
      models = this.buildModels(answer.catalog, req, learned);
      memo.set(key, models);
      if (memo.size > MAX_LISTINGS_PER_CATALOG) memo.delete(memo.keys().next().value as string);
    }
    // A copy of the list (the models are shared between reads and never modified).
    const result: ModelsResult = { models: [...models], discovery };
    if (answer.error) result.error = answer.error;
    return result;
  }

  private listingsOf(catalog: object): Map<string, ModelSummary[]> {
    let memo = this.listings.get(catalog);
    if (!memo) this.listings.set(catalog, (memo = new Map()));
    return memo;
  }

  private profileIndexOf(catalog: CachedCatalog): ProfileIndex {
    let index = this.profileIndexes.get(catalog);
    if (!index) this.profileIndexes.set(catalog, (index = new ProfileIndex(catalog.profiles)));
    return index;
  }

  private buildModels(catalog: CachedCatalog | undefined, req: ListRequest, learned: LearnedStatuses): ModelSummary[] {
    const configuredIds = new Set(req.configured.map((m) => m.id));
    let kept: ModelSummary[] = [];
    let filteredOut: ModelSummary[] = [];
    if (catalog) {
      ({ kept, filteredOut } = classifyFoundationModels(catalog.summaries, req.settings, {
        profiles: catalog.profiles,
        profileIndex: this.profileIndexOf(catalog),
        region: req.region,
        // Left-out models are listed with `all`, or under a configured model of the same id.
        ...(req.all ? {} : { filteredOutFor: (id: string) => configuredIds.has(id) }),
      }));
    }
    const merged = mergeConfiguredModels(kept, req.configured, req.region, filteredOut);
    const listed = req.all ? [...merged, ...filteredOut.filter((m) => !configuredIds.has(m.id))].sort(byName) : merged;
    return listed.map((model) => {
      const status = learned[model.id];
      return status ? { ...model, status } : model;
    });
  }
}

/** Stands for "no catalog" (discovery off, or failed with nothing cached) in the listing memo. */
const NO_CATALOG = {};
const MAX_LISTINGS_PER_CATALOG = 8;

const STS_TIMEOUT_MS = 3_000;
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * Which credentials these are, for remembering their account: a hash of the access key id (an
 * access key belongs to one account for good), the source, profile and endpoint — never a secret.
 * Undefined when the key id cannot be had without asking anyone.
 */
async function credentialFingerprint(credentials: ResolvedCredentials, endpoint: string): Promise<string | undefined> {
  try {
    const identity = await credentials.provider?.();
    if (!identity?.accessKeyId) return undefined;
    const view = credentials.view;
    return createHash('sha256').update(JSON.stringify(['v1', view.source, view.provider ?? '', view.profile ?? '', endpoint, identity.accessKeyId])).digest('hex').slice(0, 32);
  } catch {
    return undefined;
  }
}

async function identityOf(credentials: ResolvedCredentials, sts: STSClient): Promise<string> {
  const view = credentials.view;
  if (credentials.bearerToken) return `bearer:${digest(credentials.bearerToken)}`;
  const fallback = `${view.source}:${view.maskedKeyId ?? view.profile ?? 'default'}`;
  if (credentials.problem || !credentials.provider) return fallback;
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(STS_TIMEOUT_MS) });
    return out.Account ? `account:${out.Account}` : fallback;
  } catch {
    return fallback;
  }
}
