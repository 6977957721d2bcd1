// What the emulator answers: the reply text and pacing, and faults injected per test. A script is
// data (JSON over the control API for out-of-process tests), so it holds no functions.

export type Operation =
  | 'ListFoundationModels'
  | 'GetFoundationModel'
  | 'ListInferenceProfiles'
  | 'Converse'
  | 'ConverseStream'
  | 'GetCallerIdentity';

/** Narrows a fault to some requests. Unset fields match everything. */
export interface FaultScope {
  /** Requested id, or the foundation model it resolves to (so a profile call matches its model). */
  modelId?: string;
  operation?: Operation;
}

export type Fault = FaultScope &
  (
    | { kind: 'throttle'; /** Matching requests answered 429 before the fault wears off (default 1). */ times?: number }
    | { kind: 'http-error'; status: number; code: string; message: string; /** Default: every matching request. */ times?: number }
    | { kind: 'stream-exception'; afterTokens: number; /** Event-stream member name, default `modelStreamErrorException`. */ exceptionType?: string; message?: string; times?: number }
    | { kind: 'drop-connection'; afterTokens: number; times?: number }
    /**
     * After `afterTokens` deltas, a frame damaged in transit: `crc` (default) is a real delta frame
     * with one payload byte flipped (message CRC mismatch); `garbage` is bytes that are not a frame
     * (prelude CRC mismatch). The rest of the answer follows as if nothing happened.
     */
    | { kind: 'corrupt-frame'; afterTokens: number; corruption?: 'crc' | 'garbage'; times?: number }
    /** After `afterTokens` deltas, the first half of the next frame, then the response ends. */
    | { kind: 'truncated-frame'; afterTokens: number; times?: number }
    | { kind: 'access-denied'; /** IAM action that is denied, e.g. `bedrock:ListFoundationModels`; default: model access. */ action?: string; times?: number }
  );

export interface EmulatorScript {
  /** Reply text; default: a markdown answer that quotes the prompt and has a code block. */
  text?: string;
  /** Number of text deltas. Without `text`, the default answer is cut or extended to this many. */
  tokens?: number;
  /** Pause between deltas, ms (default 0). */
  tokenDelayMs?: number;
  /** Pause before the first delta, ms (default: `tokenDelayMs`). */
  firstTokenDelayMs?: number;
  /**
   * Paces deltas to a rate instead (wins over `tokenDelayMs`): delta k is due `k / tokensPerSecond`
   * s after the first; everything due is written together, as a fast model's deltas arrive in
   * shared TCP segments. For rates no per-delta timer can keep (thousands a second).
   */
  tokensPerSecond?: number;
  /** Force reasoning deltas (a string is the reasoning text) even when the request does not ask. */
  reasoning?: boolean | string;
  /** Override the stop reason (default `end_turn`, or `max_tokens` / `stop_sequence` when they cut). */
  stopReason?: string;
  /** Override the reported input token count (default: estimated from the request). */
  inputTokens?: number;
  faults?: Fault[];
}

/** Tracks how often each fault fired, so `times` is honoured across requests. */
export class ScriptState {
  private script: EmulatorScript;
  private fired = new Map<Fault, number>();

  constructor(script: EmulatorScript = {}) {
    this.script = script;
  }

  get current(): EmulatorScript {
    return this.script;
  }

  replace(script: EmulatorScript): void {
    this.script = script;
    this.fired.clear();
  }

  /**
   * The first fault of one of `kinds` that matches and has not worn off; consumes one use of it.
   * Faults of other kinds are left alone so a throttle and a stream fault can be combined.
   */
  take<K extends Fault['kind']>(
    kinds: K[],
    operation: Operation,
    modelIds: string[],
    accept: (fault: Extract<Fault, { kind: K }>) => boolean = () => true,
  ): Extract<Fault, { kind: K }> | undefined {
    for (const fault of this.script.faults ?? []) {
      if (!kinds.includes(fault.kind as K)) continue;
      if (!accept(fault as Extract<Fault, { kind: K }>)) continue;
      if (fault.operation && fault.operation !== operation) continue;
      if (fault.modelId && !modelIds.includes(fault.modelId)) continue;
      const used = this.fired.get(fault) ?? 0;
      const limit = fault.times ?? (fault.kind === 'throttle' ? 1 : Infinity);
      if (used >= limit) continue;
      this.fired.set(fault, used + 1);
      return fault as Extract<Fault, { kind: K }>;
    }
    return undefined;
  }
}

/** The default answer: realistic markdown that shows the prompt arrived intact. */
export function defaultReply(prompt: string, modelName: string): string {
  const quoted = prompt.replace(/\s+/g, ' ').trim().slice(0, 80) || 'your message';
  return [
    `You asked: "${quoted}". Here is a short answer from ${modelName} running in the Bedrock Desk sandbox.`,
    '',
    'The sandbox is an offline emulator, so this reply is scripted, but it travels over the same wire protocol as a real Bedrock response. Tokens arrive one by one as `contentBlockDelta` events, and usage is reported at the end.',
    '',
    '```typescript',
    "const client = new BedrockRuntimeClient({ region: 'us-east-1' });",
    'const reply = await client.send(new ConverseStreamCommand({ modelId, messages }));',
    '```',
    '',
    '- **Streaming**: each delta is rendered as it arrives.',
    '- **Usage**: input and output token counts come in the final `metadata` event.',
    '',
    'Connect real AWS credentials to talk to the actual model.',
  ].join('\n');
}

export const DEFAULT_REASONING =
  'The user wants a concise answer. I should restate the question, give a short explanation, and include a small code example so the formatting is exercised.';

/** Word-sized pieces (leading whitespace kept) that join back to the exact input. */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Splits `text` into exactly `count` non-empty pieces when it can (never more than its length). */
export function chunkText(text: string, count?: number): string[] {
  const words = splitWords(text);
  if (count === undefined || count === words.length) return words;
  const n = Math.max(1, Math.min(count, text.length));
  const out: string[] = [];
  if (n < words.length) {
    // Group words so the pieces stay word-aligned.
    for (let i = 0; i < n; i++) {
      const from = Math.floor((i * words.length) / n);
      const to = Math.floor(((i + 1) * words.length) / n);
      out.push(words.slice(from, to).join(''));
    }
    return out;
  }
  for (let i = 0; i < n; i++) out.push(text.slice(Math.floor((i * text.length) / n), Math.floor(((i + 1) * text.length) / n)));
  return out;
}

/** The default answer with exactly `tokens` word pieces (repeated when it is too short). */
export function defaultReplyPieces(prompt: string, modelName: string, tokens?: number): string[] {
  const base = splitWords(defaultReply(prompt, modelName));
  if (tokens === undefined) return base;
  const out: string[] = [];
  while (out.length < tokens) {
    const repeat = out.length > 0;
    base.forEach((piece, i) => {
      if (out.length < tokens) out.push(repeat && i === 0 ? `\n\n${piece}` : piece);
    });
  }
  return out;
}
