// The open conversation: messages keyed by id (an assistant message's id is its stream's requestId,
// so stream events find it directly), the order they show in, the request settings, and its
// identity on disk. Turns are saved after each finished, stopped or failed answer.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { Attachment, ChatCost, ChatMetrics, ChatUsage, Conversation } from '../../shared/types';
import type { EventPayload } from '../../shared/ipc';
import { api } from '../api/client';
import { buildTurns, fromStored, settingsFromForm, settingsToForm, titleFrom, toStored } from './chat-conversation';

export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error';

/** A retryable failure before the first token: main waits `until` (epoch ms) and tries again. */
export interface RetryState {
  attempt: number;
  maxAttempts: number;
  until: number;
  error: AppError;
}

export interface ChatEntry {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  /** The model's "thinking", shown apart from the answer. */
  reasoning: string;
  status: MessageStatus;
  modelId: string;
  createdAt: string;
  attachments?: Attachment[];
  error?: AppError;
  usage?: ChatUsage;
  metrics?: ChatMetrics;
  cost?: ChatCost;
  stopReason?: string;
  invokeId?: string;
  retrying?: RetryState;
}

/** The settings form: raw field text, blank meaning "the model's default". */
export interface ChatSettings {
  modelId: string;
  system: string;
  maxTokens: string;
  temperature: string;
  topP: string;
  /** One stop sequence per line. */
  stopSequences: string;
  /** Thinking budget in tokens; only sent to reasoning models. */
  reasoningBudget: string;
}

/** Text that arrived for one stream since the last frame. */
export interface DeltaBatch {
  text: string;
  reasoning: string;
}

interface ChatState {
  conversationId: string;
  title: string;
  /** True once the title was set by hand (it is no longer taken from the first question). */
  titled: boolean;
  createdAt: string;
  order: string[];
  messages: Record<string, ChatEntry>;
  settings: ChatSettings;
  /** The assistant message being streamed, if any (one stream at a time). */
  streamingId: string | null;
  /** The last start/stop/save call that failed before a stream existed. */
  sendError: AppError | null;
  /** The id of a conversation being loaded from disk. */
  opening: string | null;

  setSettings(patch: Partial<ChatSettings>): void;
  send(text: string, attachments?: Attachment[]): Promise<void>;
  /** Ask the question before this answer again, dropping the answer and what followed. */
  retry(assistantId: string): Promise<void>;
  /** Replace a question's text, drop everything after it and ask again. */
  editAndResend(userId: string, text: string): Promise<void>;
  /** After a max-tokens stop: the model carries on from where the answer was cut. */
  continueAnswer(assistantId: string): Promise<void>;
  stop(): Promise<void>;
  newConversation(): void;
  open(conversation: Conversation): void;
  rename(title: string): void;
  /** The conversation as stored (settings as numbers, statuses as on disk). */
  snapshot(): Conversation;
  save(): Promise<boolean>;
  appendDeltas(batches: ReadonlyMap<string, DeltaBatch>): void;
  retrying(event: EventPayload<'chat:retrying'>): void;
  finish(done: EventPayload<'chat:done'>): void;
  fail(failure: EventPayload<'chat:error'>): void;
}

export { parseMaxTokens, parseTemperature, parseTopP, parseBudget, parseStopSequences } from './chat-conversation';

const STOP_GRACE_MS = 2_000;
const SETTINGS_SAVE_DELAY_MS = 600;

const EMPTY_SETTINGS: ChatSettings = { modelId: '', system: '', maxTokens: '', temperature: '', topP: '', stopSequences: '', reasoningBudget: '' };

/** Called after every save so the conversation list can refresh; set by the conversations store. */
let onSaved: (id: string) => void = () => undefined;
export function setOnConversationSaved(listener: (id: string) => void): void {
  onSaved = listener;
}

/** Models that take a thinking budget; set by the settings panel from the models list. */
let takesReasoningBudget: (modelId: string) => boolean = () => false;
export function setReasoningSupport(check: (modelId: string) => boolean): void {
  takesReasoningBudget = check;
}

let settingsTimer: ReturnType<typeof setTimeout> | undefined;

export const useChatStore = create<ChatState>()((set, get) => {
  /** Puts `assistant` after `history` and starts its stream with the turns of `history`. */
  async function startAnswer(history: string[], messages: Record<string, ChatEntry>, assistant: ChatEntry): Promise<void> {
    const requestId = assistant.id;
    // The assistant message exists before the call, so no event can arrive for an unknown id.
    set({ order: [...history, requestId], messages: { ...messages, [requestId]: assistant }, streamingId: requestId, sendError: null });
    const { settings } = get();
    const result = await api.chat.start({
      requestId,
      modelId: assistant.modelId,
      messages: buildTurns(history, messages),
      ...settingsFromForm(settings, takesReasoningBudget(assistant.modelId)),
    });
    if (!result.ok) get().fail({ requestId, error: result.error, cancelled: false });
  }

  function newAssistant(modelId: string): ChatEntry {
    return { id: crypto.randomUUID(), role: 'assistant', text: '', reasoning: '', status: 'streaming', modelId, createdAt: new Date().toISOString() };
  }

  function afterTurn(): void {
    void get().save();
  }

  return {
    conversationId: crypto.randomUUID(),
    title: '',
    titled: false,
    createdAt: new Date().toISOString(),
    order: [],
    messages: {},
    settings: EMPTY_SETTINGS,
    streamingId: null,
    sendError: null,
    opening: null,

    setSettings(patch) {
      set((state) => ({ settings: { ...state.settings, ...patch } }));
      // A settings change is saved too (debounced: typing a system prompt is many changes).
      clearTimeout(settingsTimer);
      settingsTimer = setTimeout(() => {
        if (get().order.length > 0 && !get().streamingId) void get().save();
      }, SETTINGS_SAVE_DELAY_MS);
    },

    async send(text, attachments = []) {
      const { streamingId, settings, order, messages, titled, title } = get();
      if (streamingId || (text.trim() === '' && attachments.length === 0) || settings.modelId === '') return;
      const user: ChatEntry = {
        id: crypto.randomUUID(),
        role: 'user',
        text,
        reasoning: '',
        status: 'done',
        modelId: settings.modelId,
        createdAt: new Date().toISOString(),
        ...(attachments.length > 0 ? { attachments } : {}),
      };
      if (!titled && title === '') set({ title: titleFrom(text, attachments) });
      await startAnswer([...order, user.id], { ...messages, [user.id]: user }, newAssistant(settings.modelId));
    },

    async retry(assistantId) {
      const { streamingId, order, messages, settings } = get();
      const index = order.indexOf(assistantId);
      if (streamingId || index < 1 || settings.modelId === '') return;
      await startAnswer(order.slice(0, index), messages, newAssistant(settings.modelId));
    },

    async editAndResend(userId, text) {
      const { streamingId, order, messages, settings } = get();
      const index = order.indexOf(userId);
      const original = messages[userId];
      if (streamingId || index < 0 || !original || settings.modelId === '') return;
      if (text.trim() === '' && !original.attachments?.length) return;
      const edited: ChatEntry = { ...original, text, createdAt: new Date().toISOString() };
      if (index === 0 && !get().titled) set({ title: titleFrom(text, original.attachments ?? []) });
      await startAnswer([...order.slice(0, index), userId], { ...messages, [userId]: edited }, newAssistant(settings.modelId));
    },

    async continueAnswer(assistantId) {
      const { streamingId, order, messages } = get();
      const cut = messages[assistantId];
      if (streamingId || !cut || order[order.length - 1] !== assistantId) return;
      // The partial answer goes last in the request, so the model carries on from it; the
      // continuation shows as its own message and is merged with it in later requests.
      await startAnswer(order, messages, newAssistant(cut.modelId));
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

    newConversation() {
      if (get().streamingId) return;
      // The model and request settings carry over; the turns and identity do not.
      set({ conversationId: crypto.randomUUID(), title: '', titled: false, createdAt: new Date().toISOString(), order: [], messages: {}, sendError: null });
    },

    open(conversation) {
      if (get().streamingId) return;
      const { order, messages } = fromStored(conversation.messages);
      set((state) => ({
        conversationId: conversation.id,
        title: conversation.title,
        titled: true,
        createdAt: conversation.createdAt,
        order,
        messages,
        // A model the conversation never recorded keeps the one chosen now.
        settings: settingsToForm(conversation.settings, state.settings.modelId),
        sendError: null,
      }));
    },

    rename(title) {
      set({ title: title.trim(), titled: title.trim() !== '' });
      if (get().order.length > 0 && !get().streamingId) void get().save();
    },

    snapshot() {
      const { conversationId, title, createdAt, order, messages, settings } = get();
      return {
        id: conversationId,
        title: title || 'New conversation',
        createdAt,
        updatedAt: new Date().toISOString(),
        settings: settingsToStored(settings),
        messages: order.flatMap((id) => (messages[id] ? [toStored(messages[id])] : [])),
      };
    },

    async save() {
      if (get().order.length === 0) return false;
      const result = await api.conversations.save(get().snapshot());
      if (!result.ok) {
        set({ sendError: { ...result.error, message: `The conversation was not saved: ${result.error.message}` } });
        return false;
      }
      onSaved(result.value.id);
      return true;
    },

    appendDeltas(batches) {
      set((state) => {
        let messages: Record<string, ChatEntry> | null = null;
        for (const [id, batch] of batches) {
          const entry = state.messages[id];
          if (!entry || entry.status !== 'streaming') continue;
          messages ??= { ...state.messages };
          const grown: ChatEntry = { ...entry, text: entry.text + batch.text, reasoning: entry.reasoning + batch.reasoning };
          delete grown.retrying;
          messages[id] = grown;
        }
        return messages ? { messages } : state;
      });
    },

    retrying(event) {
      set((state) => {
        const entry = state.messages[event.requestId];
        if (!entry || entry.status !== 'streaming') return state;
        const retrying: RetryState = { attempt: event.attempt, maxAttempts: event.maxAttempts, until: Date.now() + event.delayMs, error: event.error };
        return { messages: { ...state.messages, [event.requestId]: { ...entry, retrying } } };
      });
    },

    finish(done) {
      const entry = get().messages[done.requestId];
      if (!entry) return;
      const finished: ChatEntry = { ...entry, status: 'done', metrics: done.metrics, stopReason: done.stopReason };
      delete finished.retrying;
      if (done.usage) finished.usage = done.usage;
      if (done.cost) finished.cost = done.cost;
      if (done.invokeId) finished.invokeId = done.invokeId;
      set((state) => ({
        messages: { ...state.messages, [done.requestId]: finished },
        streamingId: state.streamingId === done.requestId ? null : state.streamingId,
      }));
      afterTurn();
    },

    fail(failure) {
      const entry = get().messages[failure.requestId];
      if (!entry || entry.status !== 'streaming') return;
      // Whatever text arrived stays: a stopped or failed answer keeps its partial text.
      const ended: ChatEntry = failure.cancelled ? { ...entry, status: 'stopped' } : { ...entry, status: 'error', error: failure.error };
      delete ended.retrying;
      set((state) => ({
        messages: { ...state.messages, [failure.requestId]: ended },
        streamingId: state.streamingId === failure.requestId ? null : state.streamingId,
      }));
      afterTurn();
    },
  };
});

function settingsToStored(settings: ChatSettings): Conversation['settings'] {
  return { ...(settings.modelId ? { modelId: settings.modelId } : {}), ...settingsFromForm(settings, takesReasoningBudget(settings.modelId)) };
}
