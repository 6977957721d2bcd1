// Words for credential sources and region origins, used by the title bar and the Connection screen.
import type { ChainProvider, CredentialView, RegionOrigin } from '../../../shared/types';

const PROVIDER_NAMES: Record<ChainProvider, string> = {
  env: 'environment',
  'shared-file': 'shared credentials file',
  sso: 'SSO',
  process: 'credential process',
  'web-identity': 'web identity',
  ecs: 'ECS task role',
  imds: 'EC2 instance role',
  unknown: 'unknown provider',
};

export const providerName = (provider: ChainProvider): string => PROVIDER_NAMES[provider];

/** Short label for the title bar: "Env keys AKIA…WXYZ", "Profile: dev", "Sandbox". */
export function shortSourceLabel(credentials: CredentialView): string {
  switch (credentials.source) {
    case 'bearer-token':
      return 'Bedrock API key';
    case 'env-keys':
      return credentials.maskedKeyId ? `Env keys ${credentials.maskedKeyId}` : 'Env keys';
    case 'profile':
      return `Profile: ${credentials.profile ?? 'default'}`;
    case 'default-chain':
      return credentials.provider && credentials.provider !== 'unknown'
        ? `Default chain (${providerName(credentials.provider)})`
        : 'Default chain';
    case 'sandbox':
      return 'Sandbox';
    case 'none':
      return 'No credentials';
  }
}

const ORIGIN_NAMES: Record<RegionOrigin, string> = {
  config: 'config file',
  cli: 'command line',
  AWS_REGION: 'AWS_REGION',
  AWS_DEFAULT_REGION: 'AWS_DEFAULT_REGION',
  profile: 'profile',
  default: 'default',
  sandbox: 'sandbox',
};

export const regionOriginName = (origin: RegionOrigin): string => ORIGIN_NAMES[origin];
