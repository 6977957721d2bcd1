// Compare: one prompt to two models at once. Each side is an assistant entry like the chat's, keyed
// by its stream's requestId, so the same stream events (and the same rendering) serve both.
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { EventPayload } from '../../../shared/ipc';
import { api } from '../../api/client';
import type { ChatEntry, DeltaBatch, RetryState } from '../../stores/chat-store';

export type Side = 'left' | 'right';

interface CompareState {
  models: Record<Side, string>;
  prompt: string;
  /** The prompt of the runs shown. */
  asked: string;
  runs: Partial<Record<Side, ChatEntry>>;
  sendError: AppError | null;
  setModel(side: Side, modelId: string): void;
  setPrompt(prompt: string): void;
  send(): Promise<void>;
  stop(): Promise<void>;
  appendDeltas(batches: ReadonlyMap<string, DeltaBatch>): void;
  retrying(event: EventPayload<'chat:retrying'>): void;
  finish(done: EventPayload<'chat:done'>): void;
  fail(failure: EventPayload<'chat:error'>): void;
}

const SIDES: Side[] = ['left', 'right'];

export const isStreaming = (runs: CompareState['runs']): boolean => SIDES.some((side) => runs[side]?.status === 'streaming');

export const useCompareStore = create<CompareState>()((set, get) => {
  /** Applies `change` to the side whose stream is `requestId`, if any. */
  function update(requestId: string, change: (entry: ChatEntry) => ChatEntry | null): void {
    set((state) => {
      for (const side of SIDES) {
        const entry = state.runs[side];
        if (entry?.id !== requestId) continue;
        const next = change(entry);
        return next ? { runs: { ...state.runs, [side]: next } } : state;
      }
      return state;
    });
  }

  return {
    models: { left: '', right: '' },
    prompt: '',
    asked: '',
    runs: {},
    sendError: null,

    setModel(side, modelId) {
      set((state) => ({ models: { ...state.models, [side]: modelId } }));
    },

    setPrompt(prompt) {
      set({ prompt });
    },

    async send() {
      const { prompt, models, runs } = get();
      if (isStreaming(runs) || prompt.trim() === '' || !models.left || !models.right) return;
      const now = new Date().toISOString();
      const entry = (modelId: string): ChatEntry => ({ id: crypto.randomUUID(), role: 'assistant', text: '', reasoning: '', status: 'streaming', modelId, createdAt: now });
      const next = { left: entry(models.left), right: entry(models.right) };
      set({ runs: next, asked: prompt, prompt: '', sendError: null });
      // Both calls go out together; neither waits for the other's first token.
      await Promise.all(
        SIDES.map(async (side) => {
          const run = next[side];
          const result = await api.chat.start({ requestId: run.id, modelId: run.modelId, messages: [{ role: 'user', text: prompt }] });
          if (!result.ok) get().fail({ requestId: run.id, error: result.error, cancelled: false });
        }),
      );
    },

    async stop() {
      const { runs } = get();
      await Promise.all(
        SIDES.map(async (side) => {
          const run = runs[side];
          if (run?.status !== 'streaming') return;
          const result = await api.chat.cancel(run.id);
          // No stream left to cancel: nothing more will come, so it is stopped now.
          if (!result.ok || !result.value.cancelled) get().fail({ requestId: run.id, cancelled: true, error: { code: 'Cancelled', message: 'Stopped.', retryable: true } });
        }),
      );
    },

    appendDeltas(batches) {
      const { runs } = get();
      for (const side of SIDES) {
        const run = runs[side];
        const batch = run && batches.get(run.id);
        if (!run || !batch) continue;
        update(run.id, (entry) => {
          if (entry.status !== 'streaming') return null;
          const grown: ChatEntry = { ...entry, text: entry.text + batch.text, reasoning: entry.reasoning + batch.reasoning };
          delete grown.retrying;
          return grown;
        });
      }
    },

    retrying(event) {
      const retrying: RetryState = { attempt: event.attempt, maxAttempts: event.maxAttempts, until: Date.now() + event.delayMs, error: event.error };
      update(event.requestId, (entry) => (entry.status === 'streaming' ? { ...entry, retrying } : null));
    },

    finish(done) {
      update(done.requestId, (entry) => {
        const finished: ChatEntry = { ...entry, status: 'done', metrics: done.metrics, stopReason: done.stopReason };
        delete finished.retrying;
        if (done.usage) finished.usage = done.usage;
        if (done.cost) finished.cost = done.cost;
        if (done.invokeId) finished.invokeId = done.invokeId;
        return finished;
      });
    },

    fail(failure) {
      update(failure.requestId, (entry) => {
        if (entry.status !== 'streaming') return null;
        const ended: ChatEntry = failure.cancelled ? { ...entry, status: 'stopped' } : { ...entry, status: 'error', error: failure.error };
        delete ended.retrying;
        return ended;
      });
    },
  };
});
