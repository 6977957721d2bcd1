// Domain types shared by main, web host, CLI and renderer. Nothing here may hold a secret.

export type CredentialSource =
  | 'bearer-token' // AWS_BEARER_TOKEN_BEDROCK (Bedrock API key)
  | 'env-keys' // AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN)
  | 'profile' // AWS_PROFILE or a profile chosen in the app
  | 'default-chain' // shared files, SSO, process, web identity, ECS, IMDS
  | 'sandbox' // the built-in Bedrock emulator
  | 'none';

/** Which provider of the default chain actually answered, once resolved. */
export type ChainProvider = 'env' | 'shared-file' | 'sso' | 'process' | 'web-identity' | 'ecs' | 'imds' | 'unknown';

/** What the renderer may know about credentials: masked, never the secret. */
export interface CredentialView {
  source: CredentialSource;
  /** Human label, e.g. "AWS_BEARER_TOKEN_BEDROCK (Bedrock API key)". */
  label: string;
  provider?: ChainProvider;
  /** `AKIA…WXYZ` style; never the full id. */
  maskedKeyId?: string;
  profile?: string;
  /** ISO time at which temporary credentials expire. */
  expiresAt?: string;
  /** True when the credentials are temporary (a session token is present). */
  temporary?: boolean;
}

export type RegionOrigin = 'config' | 'cli' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile' | 'default' | 'sandbox';

export interface RegionView {
  region: string;
  origin: RegionOrigin;
}

export interface CallerIdentity {
  account: string;
  callerArn: string;
}

/** What a profile in ~/.aws/config or ~/.aws/credentials is made of (never its secrets). */
export type ProfileKind = 'static' | 'sso' | 'process' | 'assume-role' | 'web-identity' | 'other';

export interface ProfileInfo {
  name: string;
  kind: ProfileKind;
  /** Which of the shared files define it. */
  files: ('config' | 'credentials')[];
  region?: string;
  /** For SSO profiles: the session or start URL, for the `aws sso login` hint. */
  ssoSession?: string;
}

/** What Moltbot's env-only detection would report here, and whether it differs from ours. */
export interface MoltbotComparison {
  /** Moltbot's answer: one of the env sources, or 'none' (it never looks past the environment). */
  source: Exclude<CredentialSource, 'default-chain' | 'sandbox'>;
  differs: boolean;
  /** Plain words for the user when it differs, e.g. that no AWS_PROFILE=default workaround is needed. */
  note?: string;
}

export interface ConnectionView {
  credentials: CredentialView;
  region: RegionView;
  /** True when the app talks to its built-in emulator instead of AWS. */
  sandbox: boolean;
  /** The Moltbot config file in use. */
  configPath: string;
  /** Every profile of the shared config and credentials files (honouring AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). */
  profiles: ProfileInfo[];
  /** The profile picked in the app, when one was (it wins over AWS_PROFILE). */
  selectedProfile?: string;
  moltbot: MoltbotComparison;
  /** Why the credentials found cannot be used (expired SSO session, broken profile, none at all). */
  problem?: import('./errors').AppError;
  /** ISO time the credentials were last resolved. */
  resolvedAt: string;
}

export interface ConnectionTestStep {
  id: 'identity' | 'list-models' | 'invoke';
  label: string;
  status: 'pass' | 'fail' | 'skipped';
  ms: number;
  detail?: string;
  error?: import('./errors').AppError;
}

export interface ConnectionTestResult {
  identity?: CallerIdentity;
  steps: ConnectionTestStep[];
}

export type InputModality = 'text' | 'image' | 'document';
export type InvocationMode = 'on-demand' | 'inference-profile' | 'provisioned-only';

export interface ModelCost {
  /** USD per million tokens. */
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export interface ModelSummary {
  id: string;
  name: string;
  provider: string;
  source: 'discovered' | 'configured';
  input: InputModality[];
  reasoning: boolean;
  streaming: boolean;
  contextWindow: number;
  maxTokens: number;
  lifecycle: 'ACTIVE' | 'LEGACY';
  invocation: {
    mode: InvocationMode;
    /** The id to pass to Converse: the model id, or the inference profile id that reaches it. */
    invokeId: string;
  };
  arn?: string;
  cost?: ModelCost;
}

export interface DiscoveryState {
  enabled: boolean;
  /** Why discovery is on or off, e.g. "enabled: credentials were found". */
  reason: string;
  region: string;
  /** ISO time the discovered list was fetched from AWS. */
  fetchedAt?: string;
}

export interface ModelsResult {
  models: ModelSummary[];
  discovery: DiscoveryState;
  /** Set when discovery failed; configured models are still listed. */
  error?: import('./errors').AppError;
}

export interface ConfigView {
  path: string;
  exists: boolean;
  /** The raw JSON5 text as on disk ('' when the file does not exist yet). */
  text: string;
  primaryModel?: string;
  /** Parse error of the file on disk, pointed at its position. */
  parseError?: { message: string; line: number; column: number };
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  text: string;
}

export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface ChatMetrics {
  /** Time to first token, ms from request start. */
  ttftMs?: number;
  totalMs: number;
  outputTokensPerSecond?: number;
}
