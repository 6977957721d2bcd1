// Which credentials the app uses, detected in Moltbot's order, plus the provider the SDK
// clients sign with. The secret stays in this process: views carry masked ids only, and the
// errors we build never quote a key.
//
// The SDK's providers run in a worker whose process.env is our env (see credential-worker.ts).
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ChainProvider, CredentialSource, CredentialView, ProfileInfo } from '../../shared/types';
import { appError, type AppError } from '../../shared/errors';
import { awsConfigPaths, listProfiles } from './aws-profile';
import { chainProblem, profileProblem } from './credential-problems';
import { resolveInWorker, type ChainMember, type MemberError } from './credential-worker';
import { rememberSecrets } from './secret-redaction';

type Env = Record<string, string | undefined>;

/** IMDS must not stall the UI: IMDSv2 only, one try, one second per request, no retries. */
export const IMDS_TIMEOUT_MS = 1000;
/** Upper bound for one resolution (a hung credential_process, an SSO call); the worker is killed then. */
export const CHAIN_PROBE_TIMEOUT_MS = 10_000;
/** How long "no IMDS here" is remembered, so later resolutions in this process skip the probe. */
export const IMDS_ABSENT_TTL_MS = 15 * 60_000;
/** Temporary credentials are fetched again this long before they expire (the SDK's own window). */
const REFRESH_WINDOW_MS = 5 * 60_000;

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ResolvedCredentials {
  view: CredentialView;
  /** SigV4 credentials for the SDK clients; absent for bearer-token auth. */
  provider?: AwsCredentialIdentityProvider;
  /** Bedrock API key, sent as `Authorization: Bearer` by the Bedrock clients. */
  bearerToken?: string;
  /** Why no usable credentials were found (source 'none', expired SSO, missing profile…). */
  problem?: AppError;
  /** The profiles of the shared files, read for this resolution. */
  profiles: ProfileInfo[];
  /** ISO time of this resolution. */
  resolvedAt: string;
}

export interface CredentialInputs {
  env: Env;
  /** A profile chosen in the app; wins over AWS_PROFILE. */
  profile?: string;
  sandbox?: SandboxCredentials;
}

const nonEmpty = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/**
 * Moltbot's order: bearer token, static keys, AWS_PROFILE, then the SDK default chain. A profile
 * chosen in the app (or `--profile`) wins over all of the environment, as the AWS CLI's
 * `--profile` does: it is the user's explicit choice.
 */
export function detectCredentialSource(env: Env, chosenProfile?: string): Exclude<CredentialSource, 'sandbox' | 'none'> {
  if (nonEmpty(chosenProfile)) return 'profile';
  if (nonEmpty(env.AWS_BEARER_TOKEN_BEDROCK)) return 'bearer-token';
  if (nonEmpty(env.AWS_ACCESS_KEY_ID) && nonEmpty(env.AWS_SECRET_ACCESS_KEY)) return 'env-keys';
  if (nonEmpty(chosenProfile) || nonEmpty(env.AWS_PROFILE)) return 'profile';
  return 'default-chain';
}

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA…MPLE`. Short ids are hidden entirely rather than half-shown. */
export function maskKeyId(keyId: string): string {
  if (keyId.length < 12) return '…';
  return `${keyId.slice(0, 4)}…${keyId.slice(-4)}`;
}

const LABELS: Record<CredentialSource, string> = {
  'bearer-token': 'AWS_BEARER_TOKEN_BEDROCK (Bedrock API key)',
  'env-keys': 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
  profile: 'AWS profile',
  'default-chain': 'AWS SDK default credential chain',
  sandbox: 'Sandbox (built-in Bedrock emulator)',
  none: 'No AWS credentials found',
};

function staticProvider(identity: AwsCredentialIdentity): AwsCredentialIdentityProvider {
  return async () => identity;
}

/** A provider that fails the way the SDK's would, so no client silently falls back to process.env. */
export function missingCredentialsProvider(problem: AppError): AwsCredentialIdentityProvider {
  return async () => {
    throw Object.assign(new Error(problem.message), { name: 'CredentialsProviderError', appError: problem });
  };
}

/** Which member of the default chain answered, from the SDK's `$source` feature markers. */
export function chainProviderOf(identity: AwsCredentialIdentity): ChainProvider {
  const markers = Object.keys((identity as { $source?: Record<string, unknown> }).$source ?? {});
  const has = (...names: string[]) => names.some((name) => markers.includes(name));
  if (has('CREDENTIALS_IMDS')) return 'imds';
  if (has('CREDENTIALS_HTTP')) return 'ecs';
  if (has('CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN', 'CREDENTIALS_STS_ASSUME_ROLE_WEB_ID', 'CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN')) return 'web-identity';
  if (has('CREDENTIALS_SSO', 'CREDENTIALS_SSO_LEGACY', 'CREDENTIALS_PROFILE_SSO', 'CREDENTIALS_PROFILE_SSO_LEGACY')) return 'sso';
  if (has('CREDENTIALS_PROCESS', 'CREDENTIALS_PROFILE_PROCESS')) return 'process';
  if (has('CREDENTIALS_PROFILE', 'CREDENTIALS_PROFILE_SOURCE_PROFILE', 'CREDENTIALS_PROFILE_NAMED_PROVIDER')) return 'shared-file';
  if (has('CREDENTIALS_ENV_VARS')) return 'env';
  return 'unknown';
}

function describeIdentity(view: CredentialView, identity: AwsCredentialIdentity): CredentialView {
  // Every identity shown is one whose secrets must never be quoted back (see secret-redaction.ts).
  rememberSecrets(identity.secretAccessKey, identity.sessionToken);
  return {
    ...view,
    maskedKeyId: maskKeyId(identity.accessKeyId),
    temporary: Boolean(identity.sessionToken),
    ...(identity.expiration ? { expiresAt: identity.expiration.toISOString() } : {}),
  };
}


const PROVIDER_LABELS: Record<ChainProvider, string> = {
  env: 'environment variables',
  'shared-file': 'shared credentials file',
  sso: 'IAM Identity Center (SSO)',
  process: 'credential_process',
  'web-identity': 'web identity token',
  ecs: 'container credentials (ECS/EKS)',
  imds: 'EC2 instance role (IMDS)',
  unknown: 'unknown provider',
};

export const chainProviderLabel = (provider: ChainProvider): string => PROVIDER_LABELS[provider];

/** The member that answered → the provider shown; fromIni tells us more through its markers. */
function providerOf(member: ChainMember, identity: AwsCredentialIdentity): ChainProvider {
  if (member === 'profile') {
    const marked = chainProviderOf(identity);
    return marked === 'unknown' || marked === 'env' ? 'shared-file' : marked;
  }
  return member === 'env' ? 'env' : member;
}

// "IMDS is not here", per metadata endpoint, for this process.
const imdsAbsentUntil = new Map<string, number>();
const imdsKey = (env: Env) => nonEmpty(env.AWS_EC2_METADATA_SERVICE_ENDPOINT) ?? nonEmpty(env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE) ?? 'default';

/** Forget the cached IMDS probe (an explicit refresh asks again). */
export function forgetImdsProbe(): void {
  imdsAbsentUntil.clear();
}

function imdsSkipped(env: Env): boolean {
  const disabled = nonEmpty(env.AWS_EC2_METADATA_DISABLED);
  if (disabled && disabled.toLowerCase() !== 'false') return true;
  return (imdsAbsentUntil.get(imdsKey(env)) ?? 0) > Date.now();
}

type SdkOutcome = { ok: true; member: ChainMember; identity: AwsCredentialIdentity } | { ok: false; errors: MemberError[] };

/** One pass of the SDK providers (one profile, or the default chain) in the worker. */
async function resolveWithSdk(env: Env, profile: string | undefined): Promise<SdkOutcome> {
  const skipImds = imdsSkipped(env);
  const outcome = await resolveInWorker({ env, ...(profile ? { profile } : {}), metadataTimeoutMs: IMDS_TIMEOUT_MS, skipImds, deadlineMs: CHAIN_PROBE_TIMEOUT_MS });
  if (!outcome.ok && outcome.errors.some((e) => e.member === 'imds')) {
    imdsAbsentUntil.set(imdsKey(env), Date.now() + IMDS_ABSENT_TTL_MS);
  }
  return outcome;
}

/**
 * The provider the SDK clients sign with: the identity found at resolution, fetched again
 * through the same chain shortly before it expires (IMDS, SSO, process and container
 * credentials are all temporary).
 */
function refreshingProvider(env: Env, profile: string | undefined, first: AwsCredentialIdentity, onProblem: (errors: MemberError[]) => AppError): AwsCredentialIdentityProvider {
  let current = first;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    const expires = current.expiration?.getTime();
    if (expires === undefined || expires - Date.now() > REFRESH_WINDOW_MS) return current;
    pending ??= resolveWithSdk(env, profile)
      .then((outcome) => {
        if (!outcome.ok) {
          const problem = onProblem(outcome.errors);
          throw Object.assign(new Error(problem.message), { name: 'CredentialsProviderError', appError: problem });
        }
        current = outcome.identity;
        rememberSecrets(current.secretAccessKey, current.sessionToken);
        return current;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

function expiredProblem(view: CredentialView, profile?: string): AppError | undefined {
  if (!view.expiresAt || Date.parse(view.expiresAt) > Date.now()) return undefined;
  return appError(
    'ExpiredToken',
    `These temporary credentials expired at ${view.expiresAt}.`,
    profile
      ? `Refresh the credentials of profile "${profile}" (for SSO: \`aws sso login --profile ${profile}\`), then refresh the connection.`
      : 'Export a fresh AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN set and restart, or use a profile that refreshes itself.',
  );
}

/**
 * Resolves the credential source and, for profiles and the default chain, runs the SDK's
 * providers once (bounded) so the view can show the key id and expiry and we can tell 'none'
 * apart. Never throws.
 */
export async function resolveCredentials(inputs: CredentialInputs): Promise<ResolvedCredentials> {
  const { env } = inputs;
  const profiles = await listProfiles(env);
  const base = { profiles, resolvedAt: new Date().toISOString() };
  if (inputs.sandbox) {
    const identity = { accessKeyId: inputs.sandbox.accessKeyId, secretAccessKey: inputs.sandbox.secretAccessKey };
    return {
      ...base,
      view: { source: 'sandbox', label: LABELS.sandbox, maskedKeyId: maskKeyId(identity.accessKeyId), temporary: false },
      provider: staticProvider(identity),
    };
  }

  const source = detectCredentialSource(env, inputs.profile);
  if (source === 'bearer-token') {
    // The token itself is the secret; we show no part of it.
    rememberSecrets(env.AWS_BEARER_TOKEN_BEDROCK);
    return { ...base, view: { source, label: LABELS['bearer-token'] }, bearerToken: nonEmpty(env.AWS_BEARER_TOKEN_BEDROCK) as string };
  }

  if (source === 'env-keys') {
    const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID) as string;
    const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
    const expiration = nonEmpty(env.AWS_CREDENTIAL_EXPIRATION);
    const expiresAt = expiration && !Number.isNaN(Date.parse(expiration)) ? new Date(expiration) : undefined;
    const identity: AwsCredentialIdentity = {
      accessKeyId,
      secretAccessKey: nonEmpty(env.AWS_SECRET_ACCESS_KEY) as string,
      ...(sessionToken ? { sessionToken } : {}),
      ...(expiresAt ? { expiration: expiresAt } : {}),
    };
    const view = describeIdentity({ source, label: LABELS['env-keys'], provider: 'env' }, identity);
    const problem = expiredProblem(view);
    return { ...base, view, provider: staticProvider(identity), ...(problem ? { problem } : {}) };
  }

  const paths = awsConfigPaths(env);
  if (source === 'profile') {
    const profile = nonEmpty(inputs.profile) ?? (nonEmpty(env.AWS_PROFILE) as string);
    const info = profiles.find((p) => p.name === profile);
    const view: CredentialView = { source, label: `${LABELS.profile} "${profile}"`, profile };
    const toProblem = (errors: MemberError[]) => profileProblem(profile, info, errors[0], paths);
    if (!info) {
      // Not in the files: say so without running the chain (the SDK would only say the same, vaguer).
      const problem = profileProblem(profile, undefined, undefined, paths);
      return { ...base, view, provider: missingCredentialsProvider(problem), problem };
    }
    const outcome = await resolveWithSdk(env, profile);
    if (!outcome.ok) {
      // Keep the profile as the source: the user chose it, and the hint says how to fix it.
      const problem = toProblem(outcome.errors);
      return { ...base, view, provider: missingCredentialsProvider(problem), problem };
    }
    const described = describeIdentity({ ...view, provider: providerOf(outcome.member, outcome.identity) }, outcome.identity);
    const problem = expiredProblem(described, profile);
    return {
      ...base,
      view: described,
      provider: refreshingProvider(env, profile, outcome.identity, toProblem),
      ...(problem ? { problem } : {}),
    };
  }

  // The default chain, in the SDK's order, with IMDS bounded and its absence remembered.
  const outcome = await resolveWithSdk(env, undefined);
  if (!outcome.ok) {
    const problem = chainProblem(env, outcome.errors, profiles, paths);
    // A chain member that is configured but failed is still "the default chain, via …".
    const via: Partial<CredentialView> =
      problem.code === 'ContainerCredentialsFailed' ? { provider: 'ecs' }
      : problem.code === 'WebIdentityFailed' ? { provider: 'web-identity' }
      : { profile: 'default' };
    const view: CredentialView = problem.code === 'NoCredentials'
      ? { source: 'none', label: LABELS.none }
      : { source, label: LABELS['default-chain'], ...via };
    return { ...base, view, provider: missingCredentialsProvider(problem), problem };
  }
  const provider = providerOf(outcome.member, outcome.identity);
  const fromProfile = outcome.member === 'profile' || outcome.member === 'process';
  const view = describeIdentity(
    { source, label: `${LABELS['default-chain']}: ${chainProviderLabel(provider)}`, provider, ...(fromProfile ? { profile: 'default' } : {}) },
    outcome.identity,
  );
  const problem = expiredProblem(view);
  return {
    ...base,
    view,
    provider: refreshingProvider(env, undefined, outcome.identity, (errors) => chainProblem(env, errors, profiles, paths)),
    ...(problem ? { problem } : {}),
  };
}
