// ConverseStream by request id: every contentBlockDelta is emitted the moment it is read (no
// buffering, stamped with `at`), each stream ends in exactly one chat:done or chat:error, and
// cancel aborts the HTTP request itself rather than just ignoring what arrives. Throttling and
// other retryable failures before the first token are retried here — not inside the SDK — so the
// user sees each wait (`chat:retrying`) and can stop it.
import {
  ConverseStreamCommand,
  type BedrockRuntimeClient,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { ChatStartRequest, EventPayload } from '../../shared/ipc';
import type { ChatUsage } from '../../shared/types';
import { appError, type AppError } from '../../shared/errors';
import { mapAwsError } from './error-mapping';
import { chatCost } from './chat-cost';
import type { PreparedChat } from './chat-request';

export { prepareChat, documentName, type PreparedChat } from './chat-request';

export type ChatEventName = 'chat:delta' | 'chat:retrying' | 'chat:done' | 'chat:error';
export type ChatEmit = <E extends ChatEventName>(event: E, payload: EventPayload<E>) => void;

/** How a stream ended, for the status memory ("why can't I use this model?"); not called on cancel. */
export type ChatOutcome = { ok: true } | { ok: false; error: AppError; raw: unknown };
export type ChatOutcomeObserver = (req: ChatStartRequest, invokeId: string, outcome: ChatOutcome) => void;

export interface RetryPolicy {
  /** Attempts in all, the first included (4 = three retries). */
  maxAttempts: number;
  /** Wait before the first retry; doubled for each next one (1 s, 2 s, 4 s). */
  baseDelayMs: number;
  /** ± fraction of random spread on each wait, so clients throttled together do not retry together. */
  jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, jitter: 0.2 };

export function retryDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const base = policy.baseDelayMs * 2 ** (retry - 1);
  return Math.max(0, Math.round(base * (1 + policy.jitter * (2 * random() - 1))));
}

interface OpenStream {
  controller: AbortController;
  emit: ChatEmit;
  /** Set once the terminal event went out, so nothing follows it. */
  finished: boolean;
}

/** Epoch ms with sub-ms precision: what `chat:delta.at` carries for latency measurements. */
export const nowEpochMs = () => performance.timeOrigin + performance.now();

/** The SDK surfaces in-stream exceptions either as thrown errors or as union members. */
function streamException(event: ConverseStreamOutput): unknown {
  for (const key of ['internalServerException', 'modelStreamErrorException', 'serviceUnavailableException', 'throttlingException', 'validationException'] as const) {
    const value = (event as unknown as Record<string, unknown>)[key];
    if (value) {
      const name = key.charAt(0).toUpperCase() + key.slice(1);
      return Object.assign(new Error((value as { message?: string }).message ?? name), { name });
    }
  }
  return undefined;
}

/** The response ended without messageStop/metadata: the connection went away mid-answer. */
class IncompleteStream extends Error {
  override name = 'IncompleteStream';
  readonly appError = appError(
    'StreamIncomplete',
    'The connection closed before the answer was complete.',
    'What arrived is kept. Check your network (or proxy) and retry to get the whole answer.',
    true,
  );
}

function connectionDropped(midAnswer: boolean): AppError {
  return appError(
    'ConnectionDropped',
    midAnswer ? 'The connection to Bedrock dropped before the answer was complete.' : 'The connection to Bedrock dropped before the answer started.',
    midAnswer ? 'What arrived is kept. Check your network (or proxy / VPN) and retry for the whole answer.' : 'Check your network (or proxy / VPN) and retry.',
    true,
  );
}

/**
 * The event-stream decoder's own failures (a frame cut short, a checksum that does not match):
 * the bytes arrived damaged, which no AWS error code describes. Undefined for anything else.
 */
export function streamDecodeError(error: unknown, midAnswer: boolean): AppError | undefined {
  const message = error instanceof Error ? error.message : '';
  const kept = midAnswer ? 'What arrived is kept. ' : '';
  if (/^Truncated event message received/i.test(message)) {
    return appError('StreamTruncated', 'The answer stream ended in the middle of an event (a truncated frame).', `${kept}A proxy or the network cut the response; retry to get the whole answer.`, true);
  }
  if (/checksum|Attempted to allocate an event message|Invalid (?:headers )?length|Reached the end of buffer/i.test(message)) {
    return appError('StreamCorrupted', 'The answer stream from Bedrock arrived damaged (an event frame failed its checksum).', `${kept}A proxy or the network altered the response; retry to get the whole answer.`, true);
  }
  return undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export class ChatStreams {
  private readonly open = new Map<string, OpenStream>();

  get size(): number {
    return this.open.size;
  }

  constructor(
    private readonly runtime: () => BedrockRuntimeClient,
    private readonly region: () => string,
    private readonly observe: ChatOutcomeObserver = () => undefined,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** The observer must never break a stream. */
  private report(req: ChatStartRequest, invokeId: string, outcome: ChatOutcome): void {
    try {
      this.observe(req, invokeId, outcome);
    } catch {
      // ignored: bookkeeping only
    }
  }

  has(requestId: string): boolean {
    return this.open.has(requestId);
  }

  /** Issues the call and returns; events follow through `emit`. False if the id is in use. */
  start(chat: PreparedChat, emit: ChatEmit): boolean {
    const { requestId } = chat.req;
    if (this.open.has(requestId)) return false;
    const stream: OpenStream = { controller: new AbortController(), emit, finished: false };
    this.open.set(requestId, stream);
    void this.run(chat, stream, emit);
    return true;
  }

  /** Aborts the request (or the retry wait) and reports it as cancelled; false if no such stream is open. */
  cancel(requestId: string): boolean {
    const stream = this.open.get(requestId);
    if (!stream) return false;
    this.open.delete(requestId);
    stream.controller.abort();
    if (!stream.finished) {
      stream.finished = true;
      stream.emit('chat:error', { requestId, error: appError('Cancelled', 'Stopped by the user.'), cancelled: true });
    }
    return true;
  }

  cancelAll(): void {
    for (const requestId of [...this.open.keys()]) this.cancel(requestId);
  }

  private async run(chat: PreparedChat, stream: OpenStream, emit: ChatEmit): Promise<void> {
    const { req, invokeId } = chat;
    const { requestId } = req;
    const signal = stream.controller.signal;
    const chatStarted = performance.now();
    let seq = 0;
    // `cancel` may run while we are suspended in an await; it emits the terminal event itself.
    const live = () => !stream.finished && !signal.aborted;

    try {
      for (let attempt = 1; ; attempt++) {
        const attemptStarted = performance.now();
        let firstDeltaAt: number | undefined;
        let lastDeltaAt: number | undefined;
        let stopReason: string | undefined;
        let usage: ChatUsage | undefined;
        try {
          const response = await this.runtime().send(new ConverseStreamCommand(chat.input), { abortSignal: signal });
          for await (const event of response.stream ?? []) {
            // Taken first: the benchmark measures main's latency from this instant.
            const at = nowEpochMs();
            if (!live()) break;
            const thrown = streamException(event);
            if (thrown) throw thrown;
            const delta = event.contentBlockDelta?.delta;
            if (delta) {
              const text = delta.text ?? delta.reasoningContent?.text;
              if (text) {
                const now = performance.now();
                firstDeltaAt ??= now;
                lastDeltaAt = now;
                emit('chat:delta', { requestId, seq: seq++, kind: delta.text !== undefined ? 'text' : 'reasoning', text, at });
              }
            }
            if (event.messageStop?.stopReason) stopReason = event.messageStop.stopReason;
            const u = event.metadata?.usage;
            if (u) usage = { inputTokens: u.inputTokens ?? 0, outputTokens: u.outputTokens ?? 0, totalTokens: u.totalTokens ?? 0 };
          }
          // With some handlers an abort ends the iteration quietly instead of throwing.
          if (!live()) return;
          if (stopReason === undefined) throw new IncompleteStream('stream ended without messageStop');

          const end = performance.now();
          // Tokens/s over the generation phase (first to last token), which is what users compare.
          const generationMs = firstDeltaAt !== undefined && lastDeltaAt !== undefined ? lastDeltaAt - firstDeltaAt : 0;
          const outputTokensPerSecond = usage && usage.outputTokens > 1 && generationMs > 0 ? ((usage.outputTokens - 1) * 1000) / generationMs : undefined;
          stream.finished = true;
          this.report(req, invokeId, { ok: true });
          emit('chat:done', {
            requestId,
            stopReason,
            ...(usage ? { usage } : {}),
            metrics: {
              // From the start of the attempt that answered: retry waits are reported apart.
              ...(firstDeltaAt !== undefined ? { ttftMs: Math.round((firstDeltaAt - attemptStarted) * 10) / 10 } : {}),
              totalMs: Math.round(end - chatStarted),
              ...(outputTokensPerSecond !== undefined ? { outputTokensPerSecond: Math.round(outputTokensPerSecond * 10) / 10 } : {}),
            },
            cost: chatCost(usage, chat.price),
            invokeId,
          });
          return;
        } catch (error) {
          if (!live()) return; // cancelled: `cancel` already said so
          let mapped = streamDecodeError(error, seq > 0) ?? mapAwsError(error, { action: 'bedrock:InvokeModelWithResponseStream', region: this.region(), modelId: invokeId });
          // Node reports a response cut by the peer as "aborted"; we did not abort, so the connection dropped.
          if (mapped.code === 'Aborted') mapped = connectionDropped(seq > 0);
          // Only before the first token: after it, a retry would repeat what the user already has.
          if (seq === 0 && mapped.retryable && attempt < this.retry.maxAttempts) {
            const delayMs = retryDelay(this.retry, attempt);
            emit('chat:retrying', { requestId, attempt: attempt + 1, maxAttempts: this.retry.maxAttempts, delayMs, error: mapped });
            await sleep(delayMs, signal);
            if (!live()) return;
            continue;
          }
          this.report(req, invokeId, { ok: false, error: mapped, raw: error });
          stream.finished = true;
          emit('chat:error', { requestId, error: mapped, cancelled: false });
          return;
        }
      }
    } finally {
      if (this.open.get(requestId) === stream) this.open.delete(requestId);
    }
  }
}
