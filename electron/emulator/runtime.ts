// Bedrock runtime: Converse and ConverseStream, with the validation and failures a real endpoint
// produces, streamed as event-stream frames at the scripted pace.
import type { CatalogModel, InferenceProfile } from './catalog';
import type { HandlerContext } from './context';
import { inspectAttachments } from './attachments';
import { applyUpfrontFaults } from './faults';
import { MESSAGES } from './errors';
import { corruptFrame, eventFrame, exceptionFrame, garbageFrame } from './event-stream';
import { EmuError, parseJsonBody, type EmuRequest, type EmuResponse } from './http';
import { chunkText, DEFAULT_REASONING, defaultReplyPieces, type Fault, type Operation } from './script';

interface ConverseBody {
  messages?: { role?: string; content?: Record<string, unknown>[] }[];
  system?: Record<string, unknown>[];
  inferenceConfig?: { maxTokens?: number; stopSequences?: string[] };
  additionalModelRequestFields?: Record<string, unknown>;
}

interface Target {
  model: CatalogModel;
  profile?: InferenceProfile;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Resolves the path's model id (id, ARN, profile id or profile ARN) and applies AWS's checks. */
function resolveTarget(modelId: string, op: Operation, ctx: HandlerContext): Target {
  const profile = ctx.index.profile(modelId);
  const model = profile?.model ?? ctx.index.model(modelId);
  if (!model) throw new EmuError(400, 'ValidationException', MESSAGES.invalidModelId);
  ctx.record.resolvedModelId = model.modelId;
  if (!profile) {
    const types = model.inferenceTypesSupported;
    if (!types.includes('ON_DEMAND')) {
      if (types.includes('INFERENCE_PROFILE')) throw new EmuError(400, 'ValidationException', MESSAGES.onDemandUnsupported(modelId));
      throw new EmuError(400, 'ValidationException', "The provided model doesn't support on-demand throughput.");
    }
  }
  if (!model.outputModalities.includes('TEXT')) {
    throw new EmuError(400, 'ValidationException', "This action doesn't support the model that you provided. Try again with a supported text or chat model.");
  }
  if (model.accessDenied) throw new EmuError(403, 'AccessDeniedException', MESSAGES.noModelAccess);
  if (op === 'ConverseStream' && !model.responseStreamingSupported) {
    throw new EmuError(400, 'ValidationException', 'The model is unsupported for streaming.');
  }
  return { model, profile };
}

function textOf(blocks: Record<string, unknown>[] | undefined): string {
  return (blocks ?? []).map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');
}

interface Plan {
  reasoning: string[];
  signed: boolean;
  text: string[];
  stopReason: string;
  inputTokens: number;
}

/** Decides what the model "says": reasoning and text pieces, cut by maxTokens and stop sequences. */
function plan(body: ConverseBody, model: CatalogModel, ctx: HandlerContext): Plan {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0 || messages[0]?.role !== 'user') {
    throw new EmuError(400, 'ValidationException', 'A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  }
  const attachments = inspectAttachments(messages, model);
  if (attachments.length > 0) ctx.record.attachments = attachments;
  const script = ctx.script.current;
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const prompt = textOf(lastUser?.content);
  const images = attachments.filter((a) => a.kind === 'image').length;
  const documentBytes = attachments.filter((a) => a.kind === 'document').reduce((n, a) => n + a.bytes, 0);
  const allText = textOf(body.system) + messages.map((m) => textOf(m.content)).join('\n');
  const inputTokens = script.inputTokens ?? Math.max(1, Math.ceil((allText.length + documentBytes) / 4) + 1600 * images);

  let text = script.text ?? defaultReplyPieces(prompt, model.modelName, script.tokens).join('');
  let stopReason = 'end_turn';
  for (const stop of body.inferenceConfig?.stopSequences ?? []) {
    const at = stop ? text.indexOf(stop) : -1;
    if (at !== -1) {
      text = text.slice(0, at);
      stopReason = 'stop_sequence';
    }
  }
  // Default text already has `tokens` word pieces; scripted text is spread over `tokens` deltas.
  let pieces = chunkText(text, script.text === undefined ? undefined : script.tokens);
  const maxTokens = body.inferenceConfig?.maxTokens;
  if (typeof maxTokens === 'number' && maxTokens > 0 && pieces.length > maxTokens) {
    pieces = pieces.slice(0, maxTokens);
    stopReason = 'max_tokens';
  }

  const fields = body.additionalModelRequestFields ?? {};
  const asked = (fields.thinking as { type?: string } | undefined)?.type === 'enabled' || (fields.reasoning_config as { type?: string } | undefined)?.type === 'enabled';
  const thinks = Boolean(script.reasoning) || model.reasoning === 'always' || (model.reasoning === 'on-request' && asked);
  const reasoningText = typeof script.reasoning === 'string' ? script.reasoning : DEFAULT_REASONING;
  return {
    reasoning: thinks ? chunkText(reasoningText) : [],
    // Anthropic models sign their thinking so it can be sent back; DeepSeek-R1 does not.
    signed: model.reasoning !== 'always',
    text: pieces,
    stopReason: script.stopReason ?? stopReason,
    inputTokens,
  };
}

function signatureFor(text: string): string {
  return Buffer.from(`emulator-signature:${text.length}:${text.slice(0, 32)}`).toString('base64');
}

function usage(p: Plan) {
  const outputTokens = p.text.length + p.reasoning.length;
  return { inputTokens: p.inputTokens, outputTokens, totalTokens: p.inputTokens + outputTokens };
}

function prepare(req: EmuRequest, modelId: string, op: Operation, ctx: HandlerContext): { target: Target; plan: Plan; ids: string[] } {
  ctx.record.modelId = modelId;
  const target = resolveTarget(modelId, op, ctx);
  const ids = [modelId, target.model.modelId];
  applyUpfrontFaults(op, ids, ctx);
  return { target, plan: plan(parseJsonBody(req) as ConverseBody, target.model, ctx), ids };
}

export async function converse(req: EmuRequest, modelId: string, ctx: HandlerContext): Promise<unknown> {
  const started = Date.now();
  const { plan: p } = prepare(req, modelId, 'Converse', ctx);
  const script = ctx.script.current;
  const perToken = script.tokensPerSecond ? 1000 / script.tokensPerSecond : (script.tokenDelayMs ?? 0);
  const delay = Math.min(30_000, (script.firstTokenDelayMs ?? script.tokenDelayMs ?? 0) + perToken * p.text.length);
  if (delay > 0) await sleep(delay);
  const content: Record<string, unknown>[] = [];
  if (p.reasoning.length > 0) {
    const text = p.reasoning.join('');
    content.push({ reasoningContent: { reasoningText: p.signed ? { text, signature: signatureFor(text) } : { text } } });
  }
  content.push({ text: p.text.join('') });
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: p.stopReason,
    usage: usage(p),
    metrics: { latencyMs: Date.now() - started },
  };
}

export async function converseStream(req: EmuRequest, res: EmuResponse, modelId: string, ctx: HandlerContext): Promise<void> {
  const started = Date.now();
  const { plan: p, ids } = prepare(req, modelId, 'ConverseStream', ctx);
  const script = ctx.script.current;
  const streamFault = ctx.script.take(['stream-exception', 'drop-connection', 'corrupt-frame', 'truncated-frame'], 'ConverseStream', ids) as
    | Extract<Fault, { kind: 'stream-exception' | 'drop-connection' | 'corrupt-frame' | 'truncated-frame' }>
    | undefined;
  const delay = script.tokenDelayMs ?? 0;
  let firstDelay = script.firstTokenDelayMs ?? delay;

  res.start(200, { 'content-type': 'application/vnd.amazon.eventstream' });
  ctx.record.status = 200;

  // Without a delay, frames are coalesced into larger writes so 50,000-token answers stay cheap.
  let batch: Uint8Array[] = [];
  const flush = async (): Promise<boolean> => {
    if (batch.length === 0) return !res.closed;
    const data = batch.length === 1 ? (batch[0] as Uint8Array) : Buffer.concat(batch);
    batch = [];
    return res.write(data);
  };
  let frames = 0;
  const rate = script.tokensPerSecond && script.tokensPerSecond > 0 ? script.tokensPerSecond : 0;
  let pacedSent = 0;
  let pacedFrom = 0;
  const sendAtRate = async (frame: Uint8Array): Promise<boolean> => {
    if (pacedSent === 0) {
      if (firstDelay > 0) {
        if (!(await flush())) return false;
        await sleep(firstDelay);
      }
      pacedFrom = performance.now();
    }
    const wait = pacedFrom + (pacedSent * 1000) / rate - performance.now();
    pacedSent += 1;
    if (wait >= 1) {
      if (!(await flush())) return false;
      await sleep(wait);
    }
    batch.push(frame);
    return !res.closed;
  };
  const send = async (frame: Uint8Array, paced: boolean): Promise<boolean> => {
    if (paced && rate > 0) return sendAtRate(frame);
    if (paced) {
      const wait = firstDelay;
      firstDelay = delay;
      if (wait > 0) {
        if (!(await flush())) return false;
        await sleep(wait);
      } else if (++frames % 256 === 0) {
        if (!(await flush())) return false;
        await yieldToLoop();
      }
    }
    batch.push(frame);
    return delay > 0 ? flush() : !res.closed;
  };
  const clientGone = () => {
    ctx.record.outcome = 'client-closed';
    ctx.log(`stream to ${modelId} closed by the client after ${ctx.record.deltasSent ?? 0} deltas`);
  };

  if (!(await send(eventFrame('messageStart', { role: 'assistant' }), false))) return clientGone();
  let index = 0;
  if (p.reasoning.length > 0) {
    for (const text of p.reasoning) {
      if (!(await send(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { text } } }), true))) return clientGone();
    }
    if (p.signed) {
      const signature = signatureFor(p.reasoning.join(''));
      await send(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { signature } } }), false);
    }
    await send(eventFrame('contentBlockStop', { contentBlockIndex: index }), false);
    index++;
  }

  ctx.record.deltasSent = 0;
  for (let i = 0; i <= p.text.length; i++) {
    if (streamFault && (i === streamFault.afterTokens || (i === p.text.length && streamFault.afterTokens > i))) {
      await flush();
      const next = eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { text: p.text[i] ?? ' ' } });
      if (streamFault.kind === 'truncated-frame') {
        ctx.record.outcome = 'truncated-frame';
        await res.write(next.subarray(0, Math.floor(next.length / 2)));
        res.end();
        return;
      }
      if (streamFault.kind === 'corrupt-frame') {
        ctx.record.outcome = 'corrupt-frame';
        await res.write(streamFault.corruption === 'garbage' ? garbageFrame() : corruptFrame(next));
        // Damaged in transit: the server carries on, so a client that ignored the damage would
        // show the rest; one that stops there shows only what came before (it may hang up).
        for (const rest of p.text.slice(i + 1)) {
          if (!(await send(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { text: rest } }), true))) return;
        }
        await send(eventFrame('contentBlockStop', { contentBlockIndex: index }), false);
        await send(eventFrame('messageStop', { stopReason: p.stopReason }), false);
        await send(eventFrame('metadata', { usage: usage(p), metrics: { latencyMs: Date.now() - started } }), false);
        await flush();
        res.end();
        return;
      }
      if (streamFault.kind === 'drop-connection') {
        ctx.record.outcome = 'dropped';
        await res.drop();
        return;
      }
      const type = streamFault.exceptionType ?? 'modelStreamErrorException';
      const message = streamFault.message ?? 'The system encountered an unexpected error during processing. Try your request again.';
      const payload: Record<string, unknown> = type === 'modelStreamErrorException' ? { message, originalStatusCode: 500, originalMessage: message } : { message };
      await res.write(exceptionFrame(type, payload));
      ctx.record.outcome = 'stream-exception';
      ctx.record.errorCode = type;
      res.end();
      return;
    }
    if (i === p.text.length) break;
    if (!(await send(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { text: p.text[i] } }), true))) return clientGone();
    ctx.record.deltasSent = i + 1;
  }
  await send(eventFrame('contentBlockStop', { contentBlockIndex: index }), false);
  await send(eventFrame('messageStop', { stopReason: p.stopReason }), false);
  await send(eventFrame('metadata', { usage: usage(p), metrics: { latencyMs: Date.now() - started } }), false);
  if (!(await flush())) return clientGone();
  ctx.record.outcome = 'ok';
  res.end();
}
