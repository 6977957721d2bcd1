// The one IPC contract. Main (electron/backend), the Electron preload, the web host and its
// client, and the renderer all derive from these maps, so renaming a channel fails to compile
// everywhere it is used.
import type { Result } from './errors';
import type {
  ChatCost,
  Conversation,
  ConversationList,
  ConfigAnalysis,
  ChatMessage,
  ChatMetrics,
  ChatUsage,
  ConfigView,
  ConnectionTestResult,
  ConnectionView,
  ModelsResult,
} from './types';
import type { AppError } from './errors';

export interface ChatStartRequest {
  /** Chosen by the caller so it can listen for events before the first one can arrive. */
  requestId: string;
  /** Model id as listed (the backend calls its inference profile when it has to). */
  modelId: string;
  messages: ChatMessage[];
  system?: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  /** Thinking budget in tokens, for models that take one (sent as additionalModelRequestFields). */
  reasoningBudget?: number;
}

/** Invoke channels: request → response. Every response travels as `Result<response>`. */
export interface InvokeContract {
  'connection:get': { request: Record<string, never>; response: ConnectionView };
  'connection:test': { request: Record<string, never>; response: ConnectionTestResult };
  'sandbox:enable': { request: Record<string, never>; response: ConnectionView };
  /** Pick a profile (null: back to the environment's choice); credentials are resolved again. */
  'connection:selectProfile': { request: { profile: string | null }; response: ConnectionView };
  /** Resolve credentials again (e.g. after `aws sso login`, or when temporary ones expire). */
  'connection:refresh': { request: Record<string, never>; response: ConnectionView };
  /** `all` adds what discovery filters out, each with `filteredOut`. */
  'models:list': { request: { refresh?: boolean; all?: boolean }; response: ModelsResult };
  /** Writes `agents.defaults.model.primary = "amazon-bedrock/<id>"` through the config store. */
  'models:makePrimary': { request: { modelId: string }; response: ConfigView };
  'config:get': { request: Record<string, never>; response: ConfigView };
  /** Parse and validate an unsaved buffer (the raw editor): issues pointed at line/column and field. */
  'config:analyze': { request: { text: string }; response: ConfigAnalysis };
  /**
   * Apply one form edit to an unsaved buffer, format-preserving: only that field's text changes.
   * `value` undefined removes the key. Answers the new buffer and its analysis.
   */
  'config:edit': { request: { text: string; path: (string | number)[]; value?: unknown }; response: { text: string } & ConfigAnalysis };
  /** Save a buffer atomically (validated, backup kept). Refused with `ConfigChangedOnDisk` when `baseVersion` is stale, unless `overwrite`. */
  'config:save': { request: { text: string; baseVersion: string; overwrite?: boolean }; response: ConfigView };
  /** Switch to another config file (created on first save when it does not exist). */
  'config:open': { request: { path: string }; response: ConfigView };
  'chat:start': { request: ChatStartRequest; response: { requestId: string; invokeId: string } };
  'chat:cancel': { request: { requestId: string }; response: { cancelled: boolean } };
  /** Conversations kept in the app's data dir, one file each, written atomically. */
  'conversations:list': { request: { query?: string }; response: ConversationList };
  'conversations:get': { request: { id: string }; response: Conversation };
  'conversations:save': { request: { conversation: Conversation }; response: { id: string; updatedAt: string } };
  'conversations:delete': { request: { id: string }; response: { deleted: boolean } };
  /** Markdown or JSON, never a secret in it; the renderer offers it as a download. */
  'conversations:export': { request: { id: string; format: 'markdown' | 'json' }; response: { filename: string; mediaType: string; content: string } };
}

/** Events from main to the renderer. Stream events carry the request id that started them. */
export interface EventContract {
  /** `at`: epoch ms (sub-ms precision) when main received the delta from the SDK, for latency figures. */
  'chat:delta': { requestId: string; seq: number; kind: 'text' | 'reasoning'; text: string; at: number };
  /** Throttled or a retryable failure before any token: retried after `delayMs` (a visible countdown). */
  'chat:retrying': { requestId: string; attempt: number; maxAttempts: number; delayMs: number; error: AppError };
  'chat:done': {
    requestId: string;
    stopReason: string;
    usage?: ChatUsage;
    metrics: ChatMetrics;
    cost?: ChatCost;
    /** The id Converse was called with (the inference profile for profile-only models). */
    invokeId?: string;
  };
  /** The stream ended in failure; what arrived before stays with the caller (`partial`). */
  'chat:error': { requestId: string; error: AppError; cancelled: boolean };
  'connection:changed': ConnectionView;
  /** The config file changed on disk (by another program, or by a save from another window). */
  'config:changed': ConfigView;
}

export type InvokeChannel = keyof InvokeContract;
export type EventName = keyof EventContract;
export type RequestOf<C extends InvokeChannel> = InvokeContract[C]['request'];
export type ResponseOf<C extends InvokeChannel> = InvokeContract[C]['response'];
export type EventPayload<E extends EventName> = EventContract[E];

/** Channel names as values (for registration loops and the web host's routes). */
export const INVOKE_CHANNELS = [
  'connection:get',
  'connection:test',
  'sandbox:enable',
  'connection:selectProfile',
  'connection:refresh',
  'models:list',
  'models:makePrimary',
  'config:get',
  'config:analyze',
  'config:edit',
  'config:save',
  'config:open',
  'chat:start',
  'chat:cancel',
  'conversations:list',
  'conversations:get',
  'conversations:save',
  'conversations:delete',
  'conversations:export',
] as const satisfies readonly InvokeChannel[];

export const EVENT_NAMES = ['chat:delta', 'chat:retrying', 'chat:done', 'chat:error', 'connection:changed', 'config:changed'] as const satisfies readonly EventName[];

// Compile-time check that the value lists above name every channel and event exactly.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _allChannels: Exactly<(typeof INVOKE_CHANNELS)[number], InvokeChannel> = true;
const _allEvents: Exactly<(typeof EVENT_NAMES)[number], EventName> = true;
void _allChannels;
void _allEvents;

/** How a concrete host moves messages: Electron IPC in the preload, HTTP + WebSocket on the web. */
export interface Transport {
  invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The verb-shaped API the renderer sees as `window.bedrockDesk` (Electron) or builds over the web transport. */
export interface Api {
  connection: {
    get(): Promise<Result<ConnectionView>>;
    test(): Promise<Result<ConnectionTestResult>>;
    enableSandbox(): Promise<Result<ConnectionView>>;
    selectProfile(profile: string | null): Promise<Result<ConnectionView>>;
    refresh(): Promise<Result<ConnectionView>>;
  };
  models: {
    list(request?: RequestOf<'models:list'>): Promise<Result<ModelsResult>>;
    makePrimary(modelId: string): Promise<Result<ConfigView>>;
  };
  config: {
    get(): Promise<Result<ConfigView>>;
    analyze(text: string): Promise<Result<ConfigAnalysis>>;
    edit(request: RequestOf<'config:edit'>): Promise<Result<ResponseOf<'config:edit'>>>;
    save(request: RequestOf<'config:save'>): Promise<Result<ConfigView>>;
    open(path: string): Promise<Result<ConfigView>>;
  };
  chat: {
    start(request: ChatStartRequest): Promise<Result<ResponseOf<'chat:start'>>>;
    cancel(requestId: string): Promise<Result<ResponseOf<'chat:cancel'>>>;
  };
  conversations: {
    list(query?: string): Promise<Result<ConversationList>>;
    get(id: string): Promise<Result<Conversation>>;
    save(conversation: Conversation): Promise<Result<ResponseOf<'conversations:save'>>>;
    delete(id: string): Promise<Result<ResponseOf<'conversations:delete'>>>;
    export(id: string, format: 'markdown' | 'json'): Promise<Result<ResponseOf<'conversations:export'>>>;
  };
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The single mapping from verbs to channels; preload and web client both build their object here. */
export function createApi(transport: Transport): Api {
  return {
    connection: {
      get: () => transport.invoke('connection:get', {}),
      test: () => transport.invoke('connection:test', {}),
      enableSandbox: () => transport.invoke('sandbox:enable', {}),
      selectProfile: (profile) => transport.invoke('connection:selectProfile', { profile }),
      refresh: () => transport.invoke('connection:refresh', {}),
    },
    models: {
      list: (request = {}) => transport.invoke('models:list', request),
      makePrimary: (modelId) => transport.invoke('models:makePrimary', { modelId }),
    },
    config: {
      get: () => transport.invoke('config:get', {}),
      analyze: (text) => transport.invoke('config:analyze', { text }),
      edit: (request) => transport.invoke('config:edit', request),
      save: (request) => transport.invoke('config:save', request),
      open: (path) => transport.invoke('config:open', { path }),
    },
    chat: {
      start: (request) => transport.invoke('chat:start', request),
      cancel: (requestId) => transport.invoke('chat:cancel', { requestId }),
    },
    conversations: {
      list: (query) => transport.invoke('conversations:list', query === undefined ? {} : { query }),
      get: (id) => transport.invoke('conversations:get', { id }),
      save: (conversation) => transport.invoke('conversations:save', { conversation }),
      delete: (id) => transport.invoke('conversations:delete', { id }),
      export: (id, format) => transport.invoke('conversations:export', { id, format }),
    },
    on: (event, listener) => transport.subscribe(event, listener),
  };
}
