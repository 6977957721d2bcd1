// ConverseStream by request id: every contentBlockDelta is emitted the moment it is read (no
// buffering), each stream ends in exactly one chat:done or chat:error, and cancel aborts the
// HTTP request itself rather than just ignoring what arrives.
import {
  ConverseStreamCommand,
  type BedrockRuntimeClient,
  type ConverseStreamCommandInput,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { ChatStartRequest, EventPayload } from '../../shared/ipc';
import type { ChatUsage } from '../../shared/types';
import { appError, type AppError } from '../../shared/errors';
import { mapAwsError } from './error-mapping';

export type ChatEventName = 'chat:delta' | 'chat:done' | 'chat:error';
export type ChatEmit = <E extends ChatEventName>(event: E, payload: EventPayload<E>) => void;

/** How a stream ended, for the status memory ("why can't I use this model?"); not called on cancel. */
export type ChatOutcome = { ok: true } | { ok: false; error: AppError; raw: unknown };
export type ChatOutcomeObserver = (req: ChatStartRequest, invokeId: string, outcome: ChatOutcome) => void;

interface OpenStream {
  controller: AbortController;
  emit: ChatEmit;
  /** Set once the terminal event went out, so nothing follows it. */
  finished: boolean;
}

export function buildConverseInput(req: ChatStartRequest, invokeId: string): ConverseStreamCommandInput {
  const inferenceConfig: NonNullable<ConverseStreamCommandInput['inferenceConfig']> = {};
  if (req.maxTokens !== undefined) inferenceConfig.maxTokens = req.maxTokens;
  if (req.temperature !== undefined) inferenceConfig.temperature = req.temperature;
  if (req.topP !== undefined) inferenceConfig.topP = req.topP;
  if (req.stopSequences?.length) inferenceConfig.stopSequences = req.stopSequences;
  return {
    modelId: invokeId,
    messages: req.messages.map((m) => ({ role: m.role, content: [{ text: m.text }] })),
    ...(req.system ? { system: [{ text: req.system }] } : {}),
    ...(Object.keys(inferenceConfig).length > 0 ? { inferenceConfig } : {}),
  };
}

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

export class ChatStreams {
  private readonly open = new Map<string, OpenStream>();

  get size(): number {
    return this.open.size;
  }

  constructor(
    private readonly runtime: () => BedrockRuntimeClient,
    private readonly region: () => string,
    private readonly observe: ChatOutcomeObserver = () => undefined,
  ) {}

  /** The observer must never break a stream. */
  private report(req: ChatStartRequest, invokeId: string, outcome: ChatOutcome): void {
    try {
      this.observe(req, invokeId, outcome);
    } catch {
      // ignored: bookkeeping only
    }
  }

  /** Issues the call and returns; events follow through `emit`. False if the id is in use. */
  start(req: ChatStartRequest, invokeId: string, emit: ChatEmit): boolean {
    if (this.open.has(req.requestId)) return false;
    const stream: OpenStream = { controller: new AbortController(), emit, finished: false };
    this.open.set(req.requestId, stream);
    void this.run(req, invokeId, stream, emit);
    return true;
  }

  /** Aborts the request and reports it as cancelled; false if no such stream is open. */
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

  private async run(req: ChatStartRequest, invokeId: string, stream: OpenStream, emit: ChatEmit): Promise<void> {
    const { requestId } = req;
    const started = performance.now();
    let ttftMs: number | undefined;
    let seq = 0;
    let stopReason = 'unknown';
    let usage: ChatUsage | undefined;
    // `cancel` may run while we are suspended in an await; it emits the terminal event itself.
    const live = () => !stream.finished;
    const finishWithError = (error: AppError, cancelled: boolean) => {
      if (!live()) return;
      stream.finished = true;
      emit('chat:error', { requestId, error, cancelled });
    };

    try {
      const response = await this.runtime().send(new ConverseStreamCommand(buildConverseInput(req, invokeId)), {
        abortSignal: stream.controller.signal,
      });
      for await (const event of response.stream ?? []) {
        if (!live()) break;
        const thrown = streamException(event);
        if (thrown) throw thrown;
        const delta = event.contentBlockDelta?.delta;
        if (delta) {
          const text = delta.text ?? delta.reasoningContent?.text;
          if (text) {
            ttftMs ??= performance.now() - started;
            emit('chat:delta', { requestId, seq: seq++, kind: delta.text !== undefined ? 'text' : 'reasoning', text });
          }
        }
        if (event.messageStop?.stopReason) stopReason = event.messageStop.stopReason;
        const u = event.metadata?.usage;
        if (u) usage = { inputTokens: u.inputTokens ?? 0, outputTokens: u.outputTokens ?? 0, totalTokens: u.totalTokens ?? 0 };
      }
      if (!live()) return;
      const totalMs = performance.now() - started;
      // Tokens/s over the generation phase (after the first token), which is what users compare.
      const generationMs = ttftMs !== undefined ? totalMs - ttftMs : totalMs;
      const outputTokensPerSecond = usage && usage.outputTokens > 0 && generationMs > 0 ? (usage.outputTokens * 1000) / generationMs : undefined;
      stream.finished = true;
      this.report(req, invokeId, { ok: true });
      emit('chat:done', {
        requestId,
        stopReason,
        ...(usage ? { usage } : {}),
        metrics: {
          ...(ttftMs !== undefined ? { ttftMs: Math.round(ttftMs) } : {}),
          totalMs: Math.round(totalMs),
          ...(outputTokensPerSecond !== undefined ? { outputTokensPerSecond: Math.round(outputTokensPerSecond * 10) / 10 } : {}),
        },
      });
    } catch (error) {
      const cancelled = stream.controller.signal.aborted;
      const mapped = cancelled ? appError('Cancelled', 'Stopped by the user.') : mapAwsError(error, { action: 'bedrock:InvokeModelWithResponseStream', region: this.region(), modelId: invokeId });
      if (!cancelled && live()) this.report(req, invokeId, { ok: false, error: mapped, raw: error });
      finishWithError(mapped, cancelled);
    } finally {
      if (this.open.get(requestId) === stream) this.open.delete(requestId);
    }
  }
}
