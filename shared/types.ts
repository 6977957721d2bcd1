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

/**
 * "Can I use this model?" — from metadata, and from the real error the first time a call
 * failed (remembered per account and region).
 */
export type ModelStatusKind =
  | 'ready' // callable on demand
  | 'via-profile' // callable through an inference profile, which the app uses automatically
  | 'provisioned-only' // needs provisioned throughput
  | 'legacy' // still callable, scheduled for retirement
  | 'no-access' // model access not enabled in this account and region
  | 'permission-missing' // IAM denies an action the call needs
  | 'unavailable'; // another remembered failure (not found in region, validation…)

export interface ModelStatus {
  kind: ModelStatusKind;
  /** One sentence: why. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** The AWS error code it was learned from, when it was. */
  errorCode?: string;
  /** ISO time the failure was seen, for learned statuses. */
  learnedAt?: string;
}

/** Where a model's limits and price come from: the config, AWS's published figures, or the discovery defaults. */
export type LimitsSource = 'configured' | 'documented' | 'default';

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
  status?: ModelStatus;
  /** Ids of the inference profiles that reach this model. */
  profiles?: string[];
  /** Where contextWindow / maxTokens / reasoning / cost came from, with the document when documented. */
  limits?: { source: LimitsSource; reference?: string };
  outputModalities?: string[];
  /** Set only in `all` listings: why Moltbot's discovery filter leaves it out. */
  filteredOut?: string;
}

export interface DiscoveryState {
  enabled: boolean;
  /** Why discovery is on or off, e.g. "enabled: credentials were found". */
  reason: string;
  region: string;
  /** ISO time the discovered list was fetched from AWS. */
  fetchedAt?: string;
  /** Where this answer came from: a fresh call, the in-memory cache or the cache persisted on disk. */
  cache?: 'network' | 'memory' | 'disk';
  /** True when the cached list is older than refreshInterval and a refresh is under way or failed. */
  stale?: boolean;
  /** Seconds from the config (refreshInterval), after which the list is refreshed. */
  refreshInterval?: number;
}

export interface ModelsResult {
  models: ModelSummary[];
  discovery: DiscoveryState;
  /** Set when discovery failed; configured models are still listed. */
  error?: import('./errors').AppError;
}

/** A problem in the config text, pointed at its place both in the text and in the form. */
export interface ConfigIssue {
  /** Dot path of the field, e.g. `models.bedrockDiscovery.refreshInterval` ('' for the whole file). */
  path: string;
  message: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
}

export interface ManagedModel {
  id: string;
  name?: string;
  reasoning?: boolean;
  input?: InputModality[];
  cost?: Partial<ModelCost>;
  contextWindow?: number;
  maxTokens?: number;
}

/** The parts of a Moltbot config that Bedrock Desk manages; everything else is kept untouched. */
export interface ManagedConfig {
  bedrockDiscovery: {
    enabled?: boolean;
    region?: string;
    providerFilter?: string[];
    refreshInterval?: number;
    defaultContextWindow?: number;
    defaultMaxTokens?: number;
  };
  provider: {
    baseUrl?: string;
    api?: string;
    auth?: string;
    models: ManagedModel[];
  };
  /** `agents.defaults.model.primary`, e.g. `amazon-bedrock/anthropic.claude-…`. */
  primary?: string;
}

/** The value that applies and why (defaults, credentials found, environment). */
export interface EffectiveSetting<T> {
  value: T;
  reason: string;
}

export interface EffectiveDiscovery {
  enabled: EffectiveSetting<boolean>;
  region: EffectiveSetting<string>;
  providerFilter: EffectiveSetting<string[]>;
  refreshInterval: EffectiveSetting<number>;
  defaultContextWindow: EffectiveSetting<number>;
  defaultMaxTokens: EffectiveSetting<number>;
}

/** A parse of some config text (the file on disk or an unsaved buffer). */
export interface ConfigAnalysis {
  /** Undefined when the text does not parse; the issues say where. */
  managed?: ManagedConfig;
  issues: ConfigIssue[];
  effective?: EffectiveDiscovery;
  /** The runtime endpoint of the effective region, suggested for `baseUrl`. */
  suggestedBaseUrl: string;
}

export interface ConfigView extends ConfigAnalysis {
  path: string;
  exists: boolean;
  /** The raw JSON5 text as on disk ('' when the file does not exist yet). */
  text: string;
  primaryModel?: string;
  /** Parse error of the file on disk, pointed at its position. */
  parseError?: { message: string; line: number; column: number };
  /** Identifies the version on disk that `text` is; a save with an older one is refused as a conflict. */
  version: string;
  /** How the file was found: --config, env var, Moltbot's state dir, chosen in the app, or the app's own default. */
  origin: 'cli' | 'env' | 'moltbot' | 'chosen' | 'default';
  /** The backup kept of the previous version by the last save, when there was one. */
  backupPath?: string;
}

/** Formats Bedrock Converse accepts as image and document blocks. */
export const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'] as const;
export const DOCUMENT_FORMATS = ['pdf', 'csv', 'txt', 'md', 'html', 'doc', 'docx', 'xls', 'xlsx'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Bedrock Converse's limits per request (documented in the Converse API reference). */
export const ATTACHMENT_LIMITS = {
  imageBytes: 3_750_000,
  images: 20,
  documentBytes: 4_500_000,
  documents: 5,
} as const;

export type Attachment =
  | { kind: 'image'; name: string; format: ImageFormat; bytes: number; dataBase64: string }
  | { kind: 'document'; name: string; format: DocumentFormat; bytes: number; dataBase64: string };

export interface ChatMessage {
  role: 'user' | 'assistant';
  text: string;
  /** Images and documents sent with a user turn. */
  attachments?: Attachment[];
}

export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

/** USD, from the model's per-million-token prices; null when the price is unknown (never a wrong 0). */
export interface ChatCost {
  input: number | null;
  output: number | null;
  total: number | null;
}

export interface ChatMetrics {
  /** Time to first token, ms from request start. */
  ttftMs?: number;
  totalMs: number;
  outputTokensPerSecond?: number;
}

export type StoredMessageStatus = 'done' | 'stopped' | 'error' | 'max-tokens';

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  /** Reasoning ("thinking") text of an assistant turn. */
  reasoning?: string;
  attachments?: Attachment[];
  /** For assistant turns: the model that answered and how the turn ended. */
  modelId?: string;
  status?: StoredMessageStatus;
  error?: import('./errors').AppError;
  usage?: ChatUsage;
  metrics?: ChatMetrics;
  cost?: ChatCost;
  createdAt: string;
}

export interface ChatSettings {
  modelId?: string;
  system?: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stopSequences?: string[];
  reasoningBudget?: number;
}

export interface Conversation {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  settings: ChatSettings;
  messages: StoredMessage[];
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: string;
  messageCount: number;
  modelId?: string;
  /** Sum of the known message costs; null when any is unknown. */
  totalCost: number | null;
  /** The start of the last message, for the list. */
  preview: string;
}

export interface ConversationList {
  conversations: ConversationSummary[];
  /** Files that could not be read: backed up and reported, the others still listed. */
  problems: import('./errors').AppError[];
}
