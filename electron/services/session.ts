// The one façade over the Bedrock services, used by the Electron backend, the web host and the
// CLI alike. A session is bound to one env, config path and (optional) sandbox; it re-reads the
// config file on every call so edits made elsewhere apply without a restart.
import type { ChatStartRequest } from '../../shared/ipc';
import type { CallerIdentity, ConfigView, ConnectionTestResult, ConnectionView, ModelsResult, RegionView } from '../../shared/types';
import { appError, fail, ok, type Result } from '../../shared/errors';
import { createAwsClients, type AwsClients } from './aws-clients';
import { profileName, readProfileRegion } from './aws-profile';
import { bedrockDiscovery, bedrockProvider, primaryBedrockModelId, type MoltbotConfig } from './config-model';
import { loadConfig, resolveConfigPath, type LoadedConfig } from './config-store';
import { getCallerIdentity, runConnectionTest } from './connection-test';
import { mapAwsError } from './error-mapping';
import { ChatStreams, type ChatEmit, type ChatEventName } from './converse';
import { watchAwsFiles, type AwsFilesWatcher } from './aws-files-watcher';
import { forgetImdsProbe, resolveCredentials, type ResolvedCredentials } from './credentials';
import { compareWithMoltbot } from './moltbot';
import { DiscoveryCache, mergeConfiguredModels } from './discovery';
import { DEFAULT_REGION, resolveRegion } from './region';

export type { ChatEmit, ChatEventName };

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
}

export interface BedrockSession {
  connection(): Promise<ConnectionView>;
  testConnection(): Promise<ConnectionTestResult>;
  /** Use this profile (null: back to the environment's choice) and resolve again. */
  selectProfile(profile: string | null): Promise<ConnectionView>;
  /** Resolve credentials again (after `aws sso login`, or when temporary ones expired). */
  refreshCredentials(): Promise<ConnectionView>;
  listModels(opts?: { refresh?: boolean }): Promise<ModelsResult>;
  getConfig(): Promise<ConfigView>;
  startChat(req: ChatStartRequest, emit: ChatEmit): Promise<Result<{ requestId: string; invokeId: string }>>;
  cancelChat(requestId: string): boolean;
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
  const configPath = resolveConfigPath({ ...(opts.configPath ? { cliPath: opts.configPath } : {}), env: opts.env, dataDir: opts.dataDir });
  const discovery = new DiscoveryCache();
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
  );

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
    const [loaded, creds] = await Promise.all([loadConfig(configPath), credentials()]);
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

  async function listModels(request: { refresh?: boolean } = {}): Promise<ModelsResult> {
    const ctx = await context();
    const settings = bedrockDiscovery(ctx.config);
    const configured = bedrockProvider(ctx.config).models;
    const hasCredentials = ctx.credentials.view.source !== 'none';
    const region = ctx.region.region;
    const enabled = settings.enabled ?? hasCredentials;
    const reason =
      settings.enabled === false ? 'disabled in the config (models.bedrockDiscovery.enabled = false)'
      : settings.enabled === true ? 'enabled in the config (models.bedrockDiscovery.enabled = true)'
      : hasCredentials ? `enabled: credentials were found (${ctx.credentials.view.label})`
      : 'disabled: no AWS credentials were found';
    if (!enabled) {
      return { models: mergeConfiguredModels([], configured, region), discovery: { enabled, reason, region } };
    }
    const found = await discovery.discover(ctx.clients.bedrock, region, settings, request);
    if (!found.ok) {
      return { models: mergeConfiguredModels([], configured, region), discovery: { enabled, reason, region }, error: found.error };
    }
    return {
      models: mergeConfiguredModels(found.value.models, configured, region),
      discovery: { enabled, reason, region, fetchedAt: found.value.fetchedAt },
    };
  }

  async function connection(): Promise<ConnectionView> {
    const ctx = await context();
    const creds = ctx.credentials;
    return {
      credentials: creds.view,
      region: ctx.region,
      sandbox: !!opts.sandbox,
      configPath,
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

    async getConfig() {
      return (await loadConfig(configPath)).view;
    },

    async startChat(req, emit) {
      const listed = await listModels();
      const model = listed.models.find((m) => m.id === req.modelId);
      // Unknown ids (e.g. a profile id typed by hand, or discovery off) are called as given.
      const invokeId = model?.invocation.invokeId ?? req.modelId;
      if (!streams.start(req, invokeId, emit)) {
        return fail(appError('DuplicateRequestId', `A chat stream with id ${req.requestId} is already running.`, 'Use a new request id for every message.'));
      }
      return ok({ requestId: req.requestId, invokeId });
    },

    cancelChat(requestId) {
      return streams.cancel(requestId);
    },

    dispose() {
      if (disposed) return;
      streams.cancelAll();
      disposed = true;
      watcher?.close();
      current?.context.clients.destroy();
    },
  };
}
