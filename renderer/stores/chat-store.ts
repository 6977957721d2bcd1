// One conversation: messages keyed by id (an assistant message's id is its stream's requestId, so
// stream events find it directly), the order they show in, and the request settings.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { ChatMessage, ChatMetrics, ChatUsage } from '../../shared/types';
import type { EventPayload } from '../../shared/ipc';
import { api } from '../api/client';

export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface ChatEntry {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  /** The model's "thinking", shown apart from the answer. */
  reasoning: string;
  status: MessageStatus;
  modelId: string;
  error?: AppError;
  usage?: ChatUsage;
  metrics?: ChatMetrics;
  stopReason?: string;
}

export interface ChatSettings {
  modelId: string;
  system: string;
  /** Raw field text; blank means "the model's default". */
  maxTokens: string;
  temperature: string;
}

/** Text that arrived for one stream since the last frame. */
export interface DeltaBatch {
  text: string;
  reasoning: string;
}

interface ChatState {
  order: string[];
  messages: Record<string, ChatEntry>;
  settings: ChatSettings;
  /** The assistant message being streamed, if any (one stream at a time). */
  streamingId: string | null;
  /** The last start/stop call that failed before a stream existed. */
  sendError: AppError | null;

  setSettings(patch: Partial<ChatSettings>): void;
  send(text: string): Promise<void>;
  stop(): Promise<void>;
  clear(): void;
  appendDeltas(batches: ReadonlyMap<string, DeltaBatch>): void;
  finish(done: EventPayload<'chat:done'>): void;
  fail(failure: EventPayload<'chat:error'>): void;
}

export function parseMaxTokens(raw: string): number | undefined {
  const value = Number(raw.trim());
  return raw.trim() !== '' && Number.isInteger(value) && value > 0 ? value : undefined;
}

export function parseTemperature(raw: string): number | undefined {
  const value = Number(raw.trim());
  return raw.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}

/**
 * Converse wants non-empty turns that alternate user/assistant, starting with the user. Failed
 * answers with no text are dropped, and what is left of neighbouring same-role turns is merged.
 */
function conversationFor(order: string[], messages: Record<string, ChatEntry>): ChatMessage[] {
  const turns: ChatMessage[] = [];
  for (const id of order) {
    const entry = messages[id];
    if (!entry || entry.text.trim() === '') continue;
    const last = turns[turns.length - 1];
    if (last && last.role === entry.role) last.text += `\n\n${entry.text}`;
    else if (turns.length > 0 || entry.role === 'user') turns.push({ role: entry.role, text: entry.text });
  }
  return turns;
}

const STOP_GRACE_MS = 2_000;

export const useChatStore = create<ChatState>()((set, get) => ({
  order: [],
  messages: {},
  settings: { modelId: '', system: '', maxTokens: '', temperature: '' },
  streamingId: null,
  sendError: null,

  setSettings(patch) {
    set((state) => ({ settings: { ...state.settings, ...patch } }));
  },

  async send(text) {
    const { streamingId, settings } = get();
    if (streamingId || text.trim() === '' || settings.modelId === '') return;
    const requestId = crypto.randomUUID();
    const userId = crypto.randomUUID();
    const modelId = settings.modelId;
    const user: ChatEntry = { id: userId, role: 'user', text, reasoning: '', status: 'done', modelId };
    const assistant: ChatEntry = { id: requestId, role: 'assistant', text: '', reasoning: '', status: 'streaming', modelId };
    // The assistant message exists before the call, so no delta can arrive for an unknown id.
    set((state) => ({
      order: [...state.order, userId, requestId],
      messages: { ...state.messages, [userId]: user, [requestId]: assistant },
      streamingId: requestId,
      sendError: null,
    }));
    const { order, messages } = get();
    const system = settings.system.trim();
    const result = await api.chat.start({
      requestId,
      modelId,
      messages: conversationFor(order.slice(0, -1), messages),
      ...(system ? { system } : {}),
      ...(parseMaxTokens(settings.maxTokens) !== undefined ? { maxTokens: parseMaxTokens(settings.maxTokens) } : {}),
      ...(parseTemperature(settings.temperature) !== undefined ? { temperature: parseTemperature(settings.temperature) } : {}),
    });
    if (!result.ok) get().fail({ requestId, error: result.error, cancelled: false });
  },

  async stop() {
    const requestId = get().streamingId;
    if (!requestId) return;
    const result = await api.chat.cancel(requestId);
    if (!result.ok) set({ sendError: result.error });
    // The backend answers a cancel with chat:error {cancelled}; if that never comes (the stream
    // was already gone), stop waiting anyway so the composer is usable again.
    const markStopped = () => {
      if (get().streamingId === requestId) get().fail({ requestId, cancelled: true, error: { code: 'Cancelled', message: 'Stopped.', retryable: true } });
    };
    if (result.ok && !result.value.cancelled) markStopped();
    else setTimeout(markStopped, STOP_GRACE_MS);
  },

  clear() {
    if (get().streamingId) return;
    set({ order: [], messages: {}, sendError: null });
  },

  appendDeltas(batches) {
    set((state) => {
      let messages: Record<string, ChatEntry> | null = null;
      for (const [id, batch] of batches) {
        const entry = state.messages[id];
        if (!entry || entry.status !== 'streaming') continue;
        messages ??= { ...state.messages };
        messages[id] = { ...entry, text: entry.text + batch.text, reasoning: entry.reasoning + batch.reasoning };
      }
      return messages ? { messages } : state;
    });
  },

  finish(done) {
    set((state) => {
      const entry = state.messages[done.requestId];
      if (!entry) return state;
      const finished: ChatEntry = { ...entry, status: 'done', metrics: done.metrics, stopReason: done.stopReason };
      if (done.usage) finished.usage = done.usage;
      return {
        messages: { ...state.messages, [done.requestId]: finished },
        streamingId: state.streamingId === done.requestId ? null : state.streamingId,
      };
    });
  },

  fail(failure) {
    set((state) => {
      const entry = state.messages[failure.requestId];
      if (!entry || entry.status !== 'streaming') return state;
      // Whatever text arrived stays: a stopped or failed answer keeps its partial text.
      const ended: ChatEntry = failure.cancelled
        ? { ...entry, status: 'stopped' }
        : { ...entry, status: 'error', error: failure.error };
      return {
        messages: { ...state.messages, [failure.requestId]: ended },
        streamingId: state.streamingId === failure.requestId ? null : state.streamingId,
      };
    });
  },
}));
