// The one façade over the Bedrock services, used by the Electron backend, the web host and the
// CLI alike. A session is bound to one env, config path and (optional) sandbox; it re-reads the
// config file on every call so edits made elsewhere apply without a restart.
import type { ChatStartRequest } from '../../shared/ipc';
import type { CallerIdentity, ConfigAnalysis, ConfigView, ConnectionTestResult, ConnectionView, ModelsResult, RegionView } from '../../shared/types';
import { appError, fail, ok, type Result } from '../../shared/errors';
import { createAwsClients, type AwsClients } from './aws-clients';
import { profileName, readProfileRegion } from './aws-profile';
import { bedrockDiscovery, bedrockProvider, primaryBedrockModelId, type MoltbotConfig } from './config-model';
import { loadConfig, type ConfigOrigin, type LoadedConfig } from './config-store';
import { createConfigSession } from './config-session';
import type { PathSegment } from './config-path';
import { getCallerIdentity, runConnectionTest } from './connection-test';
import { mapAwsError } from './error-mapping';
import { ChatStreams, prepareChat, type ChatEmit, type ChatEventName, type RetryPolicy } from './converse';
import { createConversationStore, type ConversationStore } from './conversation-store';
import { secretValues } from './conversation-export';
import { watchAwsFiles, type AwsFilesWatcher } from './aws-files-watcher';
import { forgetImdsProbe, resolveCredentials, type ResolvedCredentials } from './credentials';
import { compareWithMoltbot } from './moltbot';
import { ModelDiscovery } from './discovery';
import { DiscoveryCacheStore } from './discovery-cache-store';
import { statusFromFailure } from './model-status';
import { makePrimary } from './model-primary';
import { resolveEndpoints } from './aws-clients';
import { DEFAULT_REGION, resolveRegion } from './region';

export type { ChatEmit, ChatEventName, ConversationStore, RetryPolicy };

export interface SessionOptions {
  env: Record<string, string | undefined>; // never mutate process.env; tests pass their own
  dataDir: string;
  configPath?: string; // --config / chosen file
  cliRegion?: string; // --region
  sandbox?: { endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } }; // built-in emulator
  /** A profile chosen up front (`--profile`); the same as selectProfile(). */
  profile?: string;
  /** Watch ~/.aws/config, ~/.aws/credentials and the SSO cache, re-resolving on change (default true; never in sandbox mode). */
  watchAwsFiles?: boolean;
  /**
   * Called with the new view whenever credentials were resolved again after the first time:
   * a profile picked, a refresh, or a change to the shared AWS files. The backend broadcasts it.
   */
  onConnectionChanged?: (view: ConnectionView) => void;
  /** How `configPath` was chosen (default 'cli'); the backend passes 'chosen' for a file opened in the app. */
  configOrigin?: ConfigOrigin;
  /** Called with the new view when the config file changes on disk; the backend broadcasts `config:changed`. Watches only when set. */
  onConfigChanged?: (view: ConfigView) => void;
  /** How chat retries throttling before the first token (default: 4 attempts, 1 s / 2 s / 4 s ± 20%). Tests shorten it. */
  chatRetry?: RetryPolicy;
}

export interface BedrockSession {
  connection(): Promise<ConnectionView>;
  testConnection(): Promise<ConnectionTestResult>;
  /** Use this profile (null: back to the environment's choice) and resolve again. */
  selectProfile(profile: string | null): Promise<ConnectionView>;
  /** Resolve credentials again (after `aws sso login`, or when temporary ones expired). */
  refreshCredentials(): Promise<ConnectionView>;
  /** `all` adds what discovery filters out, each with `filteredOut`. */
  listModels(opts?: { refresh?: boolean; all?: boolean }): Promise<ModelsResult>;
  /** `agents.defaults.model.primary = "amazon-bedrock/<id>"`, format-preserving, through the config store. */
  makePrimary(modelId: string): Promise<Result<ConfigView>>;
  getConfig(): Promise<ConfigView>;
  /** Parse and validate an unsaved buffer (never fails; problems are issues). */
  analyzeConfig(text: string): Promise<ConfigAnalysis>;
  /** Format-preserving edit of an unsaved buffer; `value` undefined removes the key. */
  editConfig(text: string, path: PathSegment[], value: unknown): Promise<Result<{ text: string } & ConfigAnalysis>>;
  /** Validated atomic save; `ConfigInvalid`, or `ConfigChangedOnDisk` when `baseVersion` is stale unless `overwrite`. */
  saveConfig(request: { text: string; baseVersion: string; overwrite?: boolean }): Promise<Result<ConfigView>>;
  /** Switch to another config file (origin 'chosen'); it is created on first save. */
  openConfig(path: string): Promise<Result<ConfigView>>;
  /** The config file in use and how it was chosen, without reading it. */
  configLocation(): { path: string; origin: ConfigOrigin };
  startChat(req: ChatStartRequest, emit: ChatEmit): Promise<Result<{ requestId: string; invokeId: string }>>;
  cancelChat(requestId: string): boolean;
  /** Conversations kept in `<dataDir>/conversations/`. */
  conversations: ConversationStore;
  dispose(): void;
}

/** Extras beyond the contract, for the CLI's `whoami`. */
export interface BedrockSessionWithIdentity extends BedrockSession {
  /** STS GetCallerIdentity; an AppError when it fails (always for a Bedrock API key). */
  identity(): Promise<Result<CallerIdentity>>;
}

interface Context {
  loaded: LoadedConfig;
  config: MoltbotConfig;
  credentials: ResolvedCredentials;
  region: RegionView;
  clients: AwsClients;
}

export function createSession(opts: SessionOptions): BedrockSessionWithIdentity {
  const configs = createConfigSession({
    env: opts.env,
    dataDir: opts.dataDir,
    ...(opts.configPath ? { configPath: opts.configPath } : {}),
    ...(opts.configOrigin ? { configOrigin: opts.configOrigin } : {}),
    ...(opts.onConfigChanged ? { onConfigChanged: opts.onConfigChanged } : {}),
    // Effective discovery values: credentials found, and the region that applies when the config sets none.
    effectiveInputs: async () => {
      const creds = await credentials();
      return { credentials: { found: creds.view.source !== 'none', label: creds.view.label }, region: await resolveSessionRegion({}, creds) };
    },
  });
  // The raw AWS answer is cached in the data dir, so a restart lists models without asking AWS.
  const discovery = new ModelDiscovery(new DiscoveryCacheStore(opts.dataDir));
  // Credentials are resolved once, then again only when asked (profile picked, refresh) or when
  // the shared AWS files change: probing the default chain (IMDS) is the slow part.
  let credentialsPromise: Promise<ResolvedCredentials> | undefined;
  let generation = 0;
  let selectedProfile = opts.profile?.trim() || undefined;
  let current: { key: string; context: Context } | undefined;
  let disposed = false;
  let watcher: AwsFilesWatcher | undefined;
  const streams = new ChatStreams(
    () => {
      if (!current) throw new Error('bug: chat started before the session context was built');
      return current.context.clients.runtime;
    },
    () => current?.context.region.region ?? DEFAULT_REGION,
    (req, invokeId, outcome) => void learnFromChat(req.modelId, invokeId, outcome),
    opts.chatRetry,
  );
  const conversations = createConversationStore({ dataDir: opts.dataDir, secrets: () => secretValues(opts.env) });

  const credentials = () =>
    (credentialsPromise ??= resolveCredentials({
      env: opts.env,
      ...(selectedProfile ? { profile: selectedProfile } : {}),
      ...(opts.sandbox ? { sandbox: opts.sandbox.credentials } : {}),
    }));

  /** Drops the resolved credentials (and the clients built on them), resolves again and tells the backend. */
  async function reresolve(): Promise<ConnectionView> {
    generation += 1;
    credentialsPromise = undefined;
    const view = await connection();
    if (!disposed) opts.onConnectionChanged?.(view);
    return view;
  }

  if (!opts.sandbox && opts.watchAwsFiles !== false) {
    watcher = watchAwsFiles(opts.env, () => {
      if (!disposed) void reresolve().catch(() => undefined);
    });
  }

  async function resolveSessionRegion(config: MoltbotConfig, creds: ResolvedCredentials): Promise<RegionView> {
    const configRegion = bedrockDiscovery(config).region;
    if (opts.sandbox) return { region: opts.cliRegion?.trim() || configRegion || DEFAULT_REGION, origin: 'sandbox' };
    const profile = creds.view.profile ?? profileName(opts.env, selectedProfile);
    return resolveRegion({
      env: opts.env,
      ...(opts.cliRegion ? { cliRegion: opts.cliRegion } : {}),
      ...(configRegion ? { configRegion } : {}),
      ...(await readProfileRegion(opts.env, profile).then((r) => (r ? { profileRegion: r } : {}))),
    });
  }

  /** Rebuilds region and clients only when the config text changed since the last call. */
  async function context(): Promise<Context> {
    if (disposed) throw new Error('bug: session used after dispose()');
    const [loaded, creds] = await Promise.all([loadConfig(configs.path(), { origin: configs.origin() }), credentials()]);
    const key = `${generation}\u0000${loaded.view.text}`;
    if (current && current.key === key) return { ...current.context, loaded };
    const region = await resolveSessionRegion(loaded.config, creds);
    const baseUrl = bedrockProvider(loaded.config).baseUrl;
    const clients = createAwsClients({
      region: region.region,
      credentials: creds,
      env: opts.env,
      ...(baseUrl && !opts.sandbox ? { runtimeBaseUrl: baseUrl } : {}),
      ...(opts.sandbox ? { sandboxEndpoint: opts.sandbox.endpoint } : {}),
    });
    // Open streams keep the client they started with; destroying it would cut them off.
    const previous = current;
    current = { key, context: { loaded, config: loaded.config, credentials: creds, region, clients } };
    if (previous && streams.size === 0) previous.context.clients.destroy();
    return current.context;
  }

  /** Whose cached models and learned statuses apply: account (or masked credentials) at this endpoint. */
  async function discoveryScope(ctx: Context): Promise<string> {
    const endpoint = opts.sandbox ? 'sandbox' : (resolveEndpoints({ env: opts.env }).bedrock ?? 'aws');
    return discovery.scopeFor(ctx.credentials, ctx.clients.sts, endpoint);
  }

  async function listModels(request: { refresh?: boolean; all?: boolean } = {}): Promise<ModelsResult> {
    const ctx = await context();
    const settings = bedrockDiscovery(ctx.config);
    const hasCredentials = ctx.credentials.view.source !== 'none';
    const enabled = settings.enabled ?? hasCredentials;
    const reason =
      settings.enabled === false ? 'disabled in the config (models.bedrockDiscovery.enabled = false)'
      : settings.enabled === true ? 'enabled in the config (models.bedrockDiscovery.enabled = true)'
      : hasCredentials ? `enabled: credentials were found (${ctx.credentials.view.label})`
      : 'disabled: no AWS credentials were found';
    return discovery.list({
      client: ctx.clients.bedrock,
      region: ctx.region.region,
      settings,
      scope: await discoveryScope(ctx),
      configured: bedrockProvider(ctx.config).models,
      enabled,
      reason,
      ...(request.refresh ? { refresh: true } : {}),
      ...(request.all ? { all: true } : {}),
    });
  }

  /** A failed call teaches the model's status (no access, missing permission…); a success clears it. */
  async function learnFromChat(modelId: string, invokeId: string, outcome: import('./converse').ChatOutcome): Promise<void> {
    if (!current) return;
    const ctx = current.context;
    const scope = `${await discoveryScope(ctx)}|${ctx.region.region}`;
    if (outcome.ok) return discovery.learn(scope, modelId, undefined);
    const raw = outcome.raw as { message?: unknown } | undefined;
    const status = statusFromFailure(outcome.error, {
      modelId: invokeId === modelId ? modelId : `${modelId} (via ${invokeId})`,
      region: ctx.region.region,
      ...(typeof raw?.message === 'string' ? { rawMessage: raw.message } : {}),
    });
    if (status) await discovery.learn(scope, modelId, status);
  }

  async function connection(): Promise<ConnectionView> {
    const ctx = await context();
    const creds = ctx.credentials;
    return {
      credentials: creds.view,
      region: ctx.region,
      sandbox: !!opts.sandbox,
      configPath: configs.path(),
      profiles: creds.profiles,
      ...(selectedProfile ? { selectedProfile } : {}),
      moltbot: compareWithMoltbot(opts.env, creds.view, selectedProfile),
      ...(creds.problem ? { problem: creds.problem } : {}),
      resolvedAt: creds.resolvedAt,
    };
  }

  return {
    connection,

    async selectProfile(profile) {
      selectedProfile = profile?.trim() || undefined;
      return reresolve();
    },

    async refreshCredentials() {
      forgetImdsProbe();
      return reresolve();
    },

    async testConnection() {
      const ctx = await context();
      return runConnectionTest({
        clients: ctx.clients,
        region: ctx.region.region,
        bearerOnly: !!ctx.credentials.bearerToken,
        ...(ctx.credentials.problem ? { credentialsProblem: ctx.credentials.problem } : {}),
        ...(ctx.credentials.view.profile ? { profile: ctx.credentials.view.profile } : {}),
        invokeTarget: async () => {
          const listed = await listModels();
          const primary = primaryBedrockModelId(ctx.config);
          if (primary) {
            const model = listed.models.find((m) => m.id === primary);
            return { modelId: primary, invokeId: model?.invocation.invokeId ?? primary };
          }
          const candidate = listed.models.find((m) => m.invocation.mode !== 'provisioned-only');
          if (!candidate) return { skip: 'No primary model is set (agents.defaults.model.primary) and no model was discovered.' };
          return { modelId: candidate.id, invokeId: candidate.invocation.invokeId };
        },
      });
    },

    async identity() {
      const ctx = await context();
      if (ctx.credentials.bearerToken) {
        return fail(appError('BearerTokenOnly', 'A Bedrock API key cannot call AWS STS, so the account is unknown.', 'Use AWS access keys, a profile or a role to see the caller identity.'));
      }
      if (ctx.credentials.problem) return fail(ctx.credentials.problem);
      try {
        return ok(await getCallerIdentity(ctx));
      } catch (error) {
        const profile = ctx.credentials.view.profile;
        return fail(mapAwsError(error, { action: 'sts:GetCallerIdentity', region: ctx.region.region, ...(profile ? { profile } : {}) }));
      }
    },

    listModels,

    makePrimary: (modelId) => makePrimary(configs, modelId),

    getConfig: () => configs.getConfig(),
    analyzeConfig: (text) => configs.analyzeConfig(text),
    editConfig: (text, path, value) => configs.editConfig(text, path, value),
    saveConfig: (request) => configs.saveConfig(request),
    openConfig: (path) => configs.openConfig(path),
    configLocation: () => ({ path: configs.path(), origin: configs.origin() }),

    async startChat(req, emit) {
      const listed = await listModels();
      // A profile id typed by hand finds its model too (its limits, modalities and price apply).
      const model = listed.models.find((m) => m.id === req.modelId) ?? listed.models.find((m) => m.invocation.invokeId === req.modelId);
      // Unknown ids (discovery off, not configured) are called as given.
      const invokeId = model?.invocation.invokeId ?? req.modelId;
      if (streams.has(req.requestId)) {
        return fail(appError('DuplicateRequestId', `A chat stream with id ${req.requestId} is already running.`, 'Use a new request id for every message.'));
      }
      const prepared = prepareChat(req, invokeId, model);
      if (!prepared.ok) return prepared;
      if (!streams.start(prepared.value, emit)) {
        return fail(appError('DuplicateRequestId', `A chat stream with id ${req.requestId} is already running.`, 'Use a new request id for every message.'));
      }
      return ok({ requestId: req.requestId, invokeId });
    },

    cancelChat(requestId) {
      return streams.cancel(requestId);
    },

    conversations,

    dispose() {
      if (disposed) return;
      streams.cancelAll();
      disposed = true;
      watcher?.close();
      configs.dispose();
      current?.context.clients.destroy();
    },
  };
}
