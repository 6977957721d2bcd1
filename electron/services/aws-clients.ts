// Builds the three SDK clients for one region + credential set. Endpoint rule: we never
// override the SDK's own AWS_ENDPOINT_URL* handling; we only pass an endpoint for the
// config's runtime baseUrl, for the sandbox, or to forward *our* env's endpoint variables
// when the env we were given is not process.env (which is where the SDK would look).
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { appError } from '../../shared/errors';
import { missingCredentialsProvider, type ResolvedCredentials } from './credentials';

type Env = Record<string, string | undefined>;

export interface ClientTarget {
  region: string;
  credentials: ResolvedCredentials;
  env: Env;
  /** `models.providers["amazon-bedrock"].baseUrl`: wins for the runtime client only. */
  runtimeBaseUrl?: string;
  /** Sandbox: every client goes to the built-in emulator. */
  sandboxEndpoint?: string;
}

export interface AwsClients {
  bedrock: BedrockClient;
  runtime: BedrockRuntimeClient;
  sts: STSClient;
  destroy(): void;
}

export interface Endpoints {
  bedrock?: string;
  runtime?: string;
  sts?: string;
}

function envEndpoint(env: Env, service: 'BEDROCK' | 'BEDROCK_RUNTIME' | 'STS'): string | undefined {
  if (env === process.env) return undefined; // the SDK reads these itself
  return env[`AWS_ENDPOINT_URL_${service}`]?.trim() || env.AWS_ENDPOINT_URL?.trim() || undefined;
}

/** The explicit endpoints each client gets; undefined means "let the SDK decide". */
export function resolveEndpoints(target: Pick<ClientTarget, 'env' | 'runtimeBaseUrl' | 'sandboxEndpoint'>): Endpoints {
  if (target.sandboxEndpoint) {
    return { bedrock: target.sandboxEndpoint, runtime: target.sandboxEndpoint, sts: target.sandboxEndpoint };
  }
  const endpoints: Endpoints = {};
  const bedrock = envEndpoint(target.env, 'BEDROCK');
  const runtime = target.runtimeBaseUrl?.trim() || envEndpoint(target.env, 'BEDROCK_RUNTIME');
  const sts = envEndpoint(target.env, 'STS');
  if (bedrock) endpoints.bedrock = bedrock;
  if (runtime) endpoints.runtime = runtime;
  if (sts) endpoints.sts = sts;
  return endpoints;
}

export function createAwsClients(target: ClientTarget): AwsClients {
  const endpoints = resolveEndpoints(target);
  const { bearerToken, provider } = target.credentials;
  // Explicit auth either way, so an AWS_BEARER_TOKEN_BEDROCK in process.env (which the SDK
  // would pick up on its own) cannot change how a session with other credentials signs.
  const bedrockAuth = bearerToken
    ? { token: { token: bearerToken }, authSchemePreference: ['httpBearerAuth'] }
    : { credentials: provider, authSchemePreference: ['sigv4'] };
  const common = { region: target.region };

  const bedrock = new BedrockClient({ ...common, ...bedrockAuth, ...(endpoints.bedrock ? { endpoint: endpoints.bedrock } : {}) });
  const runtime = new BedrockRuntimeClient({
    ...common,
    ...bedrockAuth,
    ...(endpoints.runtime ? { endpoint: endpoints.runtime } : {}),
    // The runtime client defaults to HTTP/2, which plain-HTTP endpoints (emulator, proxies,
    // a baseUrl gateway) do not speak; ConverseStream needs no HTTP/2 feature.
    requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000 }),
    // Chat retries throttling itself (converse.ts), visibly and cancellably; a silent SDK retry
    // underneath would hide the wait and multiply the attempts.
    maxAttempts: 1,
  });
  // STS only speaks SigV4; with a bearer token it has no credentials and is not called.
  const stsCredentials = provider ??
    missingCredentialsProvider(appError('BearerTokenOnly', 'A Bedrock API key cannot call AWS STS.', 'Identity checks need AWS access keys, a profile or a role.'));
  const sts = new STSClient({ ...common, credentials: stsCredentials, ...(endpoints.sts ? { endpoint: endpoints.sts } : {}) });

  return {
    bedrock,
    runtime,
    sts,
    destroy() {
      bedrock.destroy();
      runtime.destroy();
      sts.destroy();
    },
  };
}
