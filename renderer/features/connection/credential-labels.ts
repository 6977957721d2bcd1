// Words for credential sources, chain providers, profile kinds and region origins, used by the
// title bar and the Connection screen, so both say the same thing the same way.
import type { AppError } from '../../../shared/errors';
import type { ChainProvider, CredentialView, ProfileInfo, ProfileKind, RegionOrigin } from '../../../shared/types';

const PROVIDER_NAMES: Record<ChainProvider, string> = {
  env: 'environment variables',
  'shared-file': 'shared credentials file',
  sso: 'SSO',
  process: 'credential_process',
  'web-identity': 'web identity',
  ecs: 'ECS container credentials',
  imds: 'EC2 instance role (IMDS)',
  unknown: 'unknown provider',
};

export const providerName = (provider: ChainProvider): string => PROVIDER_NAMES[provider];

/** Provider worth naming next to the source: not for env keys (they are their own provider). */
function shownProvider(credentials: CredentialView): ChainProvider | undefined {
  const { provider, source } = credentials;
  if (!provider || provider === 'unknown') return undefined;
  if (source === 'default-chain' || source === 'profile') return provider;
  return undefined;
}

/** What answered, or for a profile that did not resolve (an expired SSO session), what it is. */
function via(credentials: CredentialView, profiles: ProfileInfo[]): string {
  const provider = shownProvider(credentials);
  if (provider) return ` · ${providerName(provider)}`;
  if (credentials.source !== 'profile') return '';
  const kind = profiles.find((p) => p.name === credentials.profile)?.kind;
  return kind && kind !== 'other' && kind !== 'static' ? ` · ${profileKindName(kind)}` : '';
}

/**
 * Short label for the title bar, in Moltbot's order of sources plus the chain provider that answered:
 * "Default chain · EC2 instance role (IMDS)", "Profile dev · SSO", "Env keys AKIA…WXYZ", "Sandbox".
 */
export function shortSourceLabel(credentials: CredentialView, profiles: ProfileInfo[] = []): string {
  const suffix = via(credentials, profiles);
  switch (credentials.source) {
    case 'bearer-token':
      return 'Bedrock API key';
    case 'env-keys':
      return credentials.maskedKeyId ? `Env keys ${credentials.maskedKeyId}` : 'Env keys';
    case 'profile':
      return `Profile ${credentials.profile ?? 'default'}${suffix}`;
    case 'default-chain':
      return `Default chain${suffix}`;
    case 'sandbox':
      return 'Sandbox';
    case 'none':
      return 'No credentials';
  }
}

const ORIGIN_NAMES: Record<RegionOrigin, string> = {
  config: 'config file',
  cli: '--region',
  AWS_REGION: 'AWS_REGION',
  AWS_DEFAULT_REGION: 'AWS_DEFAULT_REGION',
  profile: 'profile',
  default: 'default',
  sandbox: 'sandbox',
};

export const regionOriginName = (origin: RegionOrigin): string => ORIGIN_NAMES[origin];

/** A sentence for the Connection screen: where the region came from, in the user's terms. */
const ORIGIN_EXPLANATIONS: Record<RegionOrigin, string> = {
  config: 'set in the Moltbot config (models.bedrockDiscovery.region)',
  cli: 'given on the command line (--region)',
  AWS_REGION: 'from the AWS_REGION environment variable',
  AWS_DEFAULT_REGION: 'from the AWS_DEFAULT_REGION environment variable',
  profile: 'from the profile’s region setting',
  default: 'nothing set it, so the default us-east-1 applies',
  sandbox: 'the sandbox’s own region',
};

export const regionOriginExplanation = (origin: RegionOrigin): string => ORIGIN_EXPLANATIONS[origin];

const PROFILE_KIND_NAMES: Record<ProfileKind, string> = {
  static: 'static',
  sso: 'SSO',
  process: 'process',
  'assume-role': 'assume-role',
  'web-identity': 'web identity',
  other: 'other',
};

export const profileKindName = (kind: ProfileKind): string => PROFILE_KIND_NAMES[kind];

/** A few words for the title bar when the credentials cannot be used. */
const PROBLEM_SHORT: Record<string, string> = {
  SsoSessionExpired: 'SSO session expired',
  ExpiredToken: 'Credentials expired',
  ExpiredTokenException: 'Credentials expired',
  NoCredentials: 'No credentials',
  ProfileNotFound: 'Profile not usable',
  UnrecognizedClient: 'Keys not recognised',
  UnrecognizedClientException: 'Keys not recognised',
  InvalidSignature: 'Signature rejected',
  InvalidSignatureException: 'Signature rejected',
};

export function problemShortText(problem: AppError): string {
  return PROBLEM_SHORT[problem.code] ?? 'Credentials problem';
}
