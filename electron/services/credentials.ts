// Which credentials the app uses, detected in Moltbot's order, plus the provider the SDK
// clients sign with. The secret stays in this process: views carry masked ids only, and the
// errors we build never quote a key.
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ChainProvider, CredentialSource, CredentialView } from '../../shared/types';
import { appError, type AppError } from '../../shared/errors';
import { awsConfigPaths } from './aws-profile';
import { mapAwsError } from './error-mapping';

type Env = Record<string, string | undefined>;

/** IMDS must not stall the UI: one try, one second (the SDK default is 1 s × 3 retries). */
export const IMDS_TIMEOUT_MS = 1000;
/** Upper bound for resolving the whole default chain before we report 'none'. */
export const CHAIN_PROBE_TIMEOUT_MS = 2500;

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
}

export interface CredentialInputs {
  env: Env;
  /** A profile chosen in the app; wins over AWS_PROFILE. */
  profile?: string;
  sandbox?: SandboxCredentials;
}

const nonEmpty = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/** Moltbot's order: bearer token, static keys, AWS_PROFILE, then the SDK default chain. */
export function detectCredentialSource(env: Env, chosenProfile?: string): Exclude<CredentialSource, 'sandbox' | 'none'> {
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`timed out after ${ms} ms`), { name: 'CredentialsProviderError' })), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error instanceof Error ? error : new Error(String(error))); },
    );
  });
}

function describeIdentity(view: CredentialView, identity: AwsCredentialIdentity): CredentialView {
  return {
    ...view,
    maskedKeyId: maskKeyId(identity.accessKeyId),
    temporary: Boolean(identity.sessionToken),
    ...(identity.expiration ? { expiresAt: identity.expiration.toISOString() } : {}),
  };
}

/**
 * Resolves the credential source and, for profiles and the default chain, probes the provider
 * once (bounded) so the view can show the key id and expiry and we can tell 'none' apart.
 */
export async function resolveCredentials(inputs: CredentialInputs): Promise<ResolvedCredentials> {
  const { env } = inputs;
  if (inputs.sandbox) {
    const identity = { accessKeyId: inputs.sandbox.accessKeyId, secretAccessKey: inputs.sandbox.secretAccessKey };
    return {
      view: { source: 'sandbox', label: LABELS.sandbox, maskedKeyId: maskKeyId(identity.accessKeyId), temporary: false },
      provider: staticProvider(identity),
    };
  }

  const source = detectCredentialSource(env, inputs.profile);
  if (source === 'bearer-token') {
    // The token itself is the secret; we show no part of it.
    return { view: { source, label: LABELS['bearer-token'] }, bearerToken: nonEmpty(env.AWS_BEARER_TOKEN_BEDROCK) as string };
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
    return { view: describeIdentity({ source, label: LABELS['env-keys'] }, identity), provider: staticProvider(identity) };
  }

  const paths = awsConfigPaths(env);
  if (source === 'profile') {
    const profile = nonEmpty(inputs.profile) ?? (nonEmpty(env.AWS_PROFILE) as string);
    const provider = fromIni({ profile, ...paths });
    const view: CredentialView = { source, label: `${LABELS.profile} "${profile}"`, profile };
    try {
      const identity = await withTimeout(provider(), CHAIN_PROBE_TIMEOUT_MS);
      return { view: { ...describeIdentity(view, identity), provider: chainProviderOf(identity) }, provider };
    } catch (error) {
      // Keep the profile as the source: the user chose it, and the hint says how to fix it.
      return { view, provider, problem: mapAwsError(error, { profile }) };
    }
  }

  // The default chain, with IMDS bounded so a laptop with no instance role answers quickly.
  const provider = fromNodeProviderChain({ ...paths, timeout: IMDS_TIMEOUT_MS, maxRetries: 0 });
  try {
    const identity = await withTimeout(provider(), CHAIN_PROBE_TIMEOUT_MS);
    const view: CredentialView = { source, label: LABELS['default-chain'], provider: chainProviderOf(identity) };
    return { view: describeIdentity(view, identity), provider };
  } catch {
    const problem = appError(
      'NoCredentials',
      'No AWS credentials were found.',
      'Set AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE ' +
        '(run `aws configure` or `aws sso login --profile NAME`) — or try the app without an account in Sandbox mode.',
    );
    return { view: { source: 'none', label: LABELS.none }, provider: missingCredentialsProvider(problem), problem };
  }
}
