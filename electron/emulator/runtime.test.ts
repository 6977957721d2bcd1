import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  ModelStreamErrorException,
  type ConverseStreamCommandInput,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { EMULATOR_MESSAGES, emulatorClientConfig, startEmulator, type Emulator } from './index';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';

let emu: Emulator;
let h2: BedrockRuntimeClient;
let h1: BedrockRuntimeClient;

beforeAll(async () => {
  emu = await startEmulator();
  h2 = new BedrockRuntimeClient(emulatorClientConfig(emu));
  h1 = new BedrockRuntimeClient({ ...emulatorClientConfig(emu), requestHandler: new NodeHttpHandler() });
});
afterEach(() => emu.reset());
afterAll(async () => {
  h2.destroy();
  h1.destroy();
  await emu.close();
});

function input(modelId: string, extra: Partial<ConverseStreamCommandInput> = {}): ConverseStreamCommandInput {
  return { modelId, messages: [{ role: 'user', content: [{ text: 'Explain event streams in one paragraph' }] }], ...extra };
}

/** Collects events until the stream ends or fails; the failure is returned, not thrown. */
async function collect(client: BedrockRuntimeClient, params: ConverseStreamCommandInput, opts: { abortSignal?: AbortSignal; onEvent?: (e: ConverseStreamOutput) => void } = {}) {
  const events: ConverseStreamOutput[] = [];
  let error: unknown;
  try {
    const out = await client.send(new ConverseStreamCommand(params), { abortSignal: opts.abortSignal });
    for await (const event of out.stream ?? []) {
      events.push(event);
      opts.onEvent?.(event);
    }
  } catch (err) {
    error = err;
  }
  const text = events.flatMap((e) => (e.contentBlockDelta?.delta?.text !== undefined ? [e.contentBlockDelta.delta.text] : []));
  const reasoning = events.flatMap((e) => (e.contentBlockDelta?.delta?.reasoningContent?.text !== undefined ? [e.contentBlockDelta.delta.reasoningContent.text] : []));
  return { events, text, reasoning, error };
}

async function until(predicate: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('ConverseStream', () => {
  for (const [label, client] of [
    ['HTTP/2 (default handler)', () => h2],
    ['HTTP/1.1 (NodeHttpHandler)', () => h1],
  ] as const) {
    it(`streams the scripted text as ordered deltas over ${label}`, async () => {
      const text = 'Event streams frame each message with headers and a CRC, so partial reads are safe.';
      emu.setScript({ text });
      const { events, text: deltas, error } = await collect(client(), input(HAIKU_3));
      expect(error).toBeUndefined();
      expect(deltas.length).toBeGreaterThan(5);
      expect(deltas.join('')).toBe(text);
      expect(Object.keys(events[0] ?? {})).toEqual(['messageStart']);
      const kinds = events.map((e) => Object.keys(e)[0]);
      expect(kinds.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
      expect(events.at(-2)?.messageStop?.stopReason).toBe('end_turn');
      const usage = events.at(-1)?.metadata?.usage;
      expect(usage?.outputTokens).toBe(deltas.length);
      expect(usage?.inputTokens).toBeGreaterThan(0);
      expect(usage?.totalTokens).toBe((usage?.inputTokens ?? 0) + (usage?.outputTokens ?? 0));
      expect(typeof events.at(-1)?.metadata?.metrics?.latencyMs).toBe('number');
      expect(emu.requests.at(-1)).toMatchObject({ operation: 'ConverseStream', httpVersion: label.startsWith('HTTP/2') ? '2' : '1.1', outcome: 'ok' });
    });
  }

  it('defaults to a markdown answer that echoes the prompt, sized by `tokens`', async () => {
    const plain = await collect(h2, input(HAIKU_3));
    expect(plain.text.join('')).toContain('Explain event streams in one paragraph');
    expect(plain.text.join('')).toContain('```');
    emu.setScript({ tokens: 300 });
    const long = await collect(h2, input(HAIKU_3));
    expect(long.text).toHaveLength(300);
  });

  it('cuts at maxTokens with stopReason max_tokens', async () => {
    const { text, events } = await collect(h2, input(HAIKU_3, { inferenceConfig: { maxTokens: 5 } }));
    expect(text).toHaveLength(5);
    expect(events.find((e) => e.messageStop)?.messageStop?.stopReason).toBe('max_tokens');
  });

  it('refuses on-demand calls to a profile-only model with the real message, and works through its profile', async () => {
    await expect(h2.send(new ConverseStreamCommand(input(SONNET_37)))).rejects.toMatchObject({
      name: 'ValidationException',
      message: EMULATOR_MESSAGES.onDemandUnsupported(SONNET_37),
      $metadata: { httpStatusCode: 400 },
    });
    expect(EMULATOR_MESSAGES.onDemandUnsupported(SONNET_37)).toContain("with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile");

    const { text, error } = await collect(h2, input(`us.${SONNET_37}`));
    expect(error).toBeUndefined();
    expect(text.length).toBeGreaterThan(0);
    expect(emu.requests.at(-1)).toMatchObject({ modelId: `us.${SONNET_37}`, resolvedModelId: SONNET_37, path: `/model/us.${SONNET_37.replace(':', '%3A')}/converse-stream` });

    const arn = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-20250514-v1:0`;
    const viaArn = await collect(h1, input(arn));
    expect(viaArn.error).toBeUndefined();
    expect(emu.requests.at(-1)?.modelId).toBe(arn);
  });

  it('streams signed reasoning when thinking is requested, and unsigned for DeepSeek-R1', async () => {
    emu.setScript({ text: 'Final answer.' });
    const claude = await collect(h2, input(`us.${SONNET_37}`, { additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } } }));
    expect(claude.reasoning.length).toBeGreaterThan(3);
    const signature = claude.events.find((e) => e.contentBlockDelta?.delta?.reasoningContent?.signature);
    expect(signature?.contentBlockDelta?.contentBlockIndex).toBe(0);
    const firstText = claude.events.find((e) => e.contentBlockDelta?.delta?.text);
    expect(firstText?.contentBlockDelta?.contentBlockIndex).toBe(1);
    expect(claude.text.join('')).toBe('Final answer.');

    const noThinking = await collect(h2, input(`us.${SONNET_37}`));
    expect(noThinking.reasoning).toHaveLength(0);

    const r1 = await collect(h2, input('us.deepseek.r1-v1:0'));
    expect(r1.reasoning.length).toBeGreaterThan(0);
    expect(r1.events.some((e) => e.contentBlockDelta?.delta?.reasoningContent?.signature)).toBe(false);
  });

  it('denies a model whose access is not enabled, and rejects non-text models', async () => {
    await expect(h2.send(new ConverseStreamCommand(input('ai21.jamba-1-5-large-v1:0')))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: EMULATOR_MESSAGES.noModelAccess,
    });
    await expect(h2.send(new ConverseStreamCommand(input('amazon.titan-embed-text-v2:0')))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(h2.send(new ConverseStreamCommand(input('anthropic.claude-3-sonnet-20240229-v1:0:28k')))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(h2.send(new ConverseStreamCommand(input('anthropic.claude-does-not-exist')))).rejects.toMatchObject({
      name: 'ValidationException',
      message: EMULATOR_MESSAGES.invalidModelId,
    });
  });
});

describe('faults', () => {
  it('throttles N times, then the SDK retry succeeds', async () => {
    emu.setScript({ text: 'after the storm', faults: [{ kind: 'throttle', times: 1 }] });
    const { text, error } = await collect(h2, input(HAIKU_3));
    expect(error).toBeUndefined();
    expect(text.join('')).toBe('after the storm');
    expect(emu.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(emu.requests[0]?.errorCode).toBe('ThrottlingException');
  });

  it('surfaces ThrottlingException when retries are exhausted', async () => {
    const noRetry = new BedrockRuntimeClient({ ...emulatorClientConfig(emu), maxAttempts: 1 });
    emu.setScript({ faults: [{ kind: 'throttle', times: 5 }] });
    await expect(noRetry.send(new ConverseCommand(input(HAIKU_3)))).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
    noRetry.destroy();
  });

  it('answers scripted HTTP errors scoped to a model', async () => {
    const noRetry = new BedrockRuntimeClient({ ...emulatorClientConfig(emu), maxAttempts: 1 });
    emu.setScript({ faults: [{ kind: 'http-error', status: 503, code: 'ServiceUnavailableException', message: 'Bedrock is unavailable.', modelId: HAIKU_3 }] });
    await expect(noRetry.send(new ConverseStreamCommand(input(HAIKU_3)))).rejects.toMatchObject({
      name: 'ServiceUnavailableException',
      message: 'Bedrock is unavailable.',
      $metadata: { httpStatusCode: 503 },
    });
    // Another model is not affected.
    const other = await collect(noRetry, input('amazon.nova-micro-v1:0'));
    expect(other.error).toBeUndefined();
    noRetry.destroy();
  });

  it('raises a mid-stream modelStreamErrorException after N deltas', async () => {
    emu.setScript({ tokens: 20, faults: [{ kind: 'stream-exception', afterTokens: 3, message: 'The model failed mid-answer.' }] });
    const { text, error } = await collect(h2, input(HAIKU_3));
    expect(text).toHaveLength(3);
    expect(error).toBeInstanceOf(ModelStreamErrorException);
    expect(error).toMatchObject({ name: 'ModelStreamErrorException', message: 'The model failed mid-answer.', originalStatusCode: 500 });
    expect(emu.requests.at(-1)).toMatchObject({ outcome: 'stream-exception', errorCode: 'modelStreamErrorException' });
  });

  it('raises a mid-stream throttlingException as the SDK error', async () => {
    emu.setScript({ tokens: 10, faults: [{ kind: 'stream-exception', afterTokens: 2, exceptionType: 'throttlingException', message: 'Slow down.' }] });
    const { text, error } = await collect(h1, input(HAIKU_3));
    expect(text).toHaveLength(2);
    expect(error).toMatchObject({ name: 'ThrottlingException', message: 'Slow down.' });
  });

  for (const [label, client] of [
    ['h2', () => h2],
    ['HTTP/1.1', () => h1],
  ] as const) {
    it(`drops the connection after N deltas (${label}) and the SDK reports an error`, async () => {
      emu.setScript({ tokens: 20, faults: [{ kind: 'drop-connection', afterTokens: 4 }] });
      const { text, error, events } = await collect(client(), input(HAIKU_3));
      expect(error).toBeInstanceOf(Error);
      expect(text).toHaveLength(4);
      expect(events.some((e) => e.messageStop)).toBe(false);
      expect(emu.requests.at(-1)?.outcome).toBe('dropped');
    });
  }

  it('paces deltas to tokensPerSecond, several to a write, and delivers them all', async () => {
    emu.setScript({ tokens: 600, tokensPerSecond: 3000, firstTokenDelayMs: 0 });
    const started = performance.now();
    const arrivals: number[] = [];
    const { text } = await collect(h1, input(HAIKU_3), {
      onEvent: (e) => {
        if (e.contentBlockDelta?.delta?.text !== undefined) arrivals.push(performance.now() - started);
      },
    });
    expect(text).toHaveLength(600);
    // 600 deltas at 3,000/s cannot all be out before ~200 ms (a lower bound holds under any load).
    expect(arrivals.at(-1)!).toBeGreaterThanOrEqual(190);
    // Written in bursts: fewer distinct arrival instants than deltas.
    expect(new Set(arrivals.map((t) => Math.round(t))).size).toBeLessThan(600);
  });

  it('cancels a slow stream via abortSignal and the emulator sees it closed', async () => {
    emu.setScript({ tokens: 200, tokenDelayMs: 30 });
    const controller = new AbortController();
    let seen = 0;
    const started = Date.now();
    const { text, events } = await collect(h2, input(HAIKU_3), {
      abortSignal: controller.signal,
      onEvent: (e) => {
        if (e.contentBlockDelta?.delta?.text !== undefined && ++seen === 3) controller.abort();
      },
    });
    // Over h2 the SDK may end the iteration quietly on abort instead of throwing: what proves
    // the cancel is that the stream stopped early, without messageStop/metadata.
    expect(events.some((e) => e.messageStop || e.metadata)).toBe(false);
    expect(text.length).toBeGreaterThanOrEqual(3);
    expect(text.length).toBeLessThan(200);
    expect(Date.now() - started).toBeLessThan(2000);
    await until(() => emu.requests.at(-1)?.outcome === 'client-closed');
    expect(emu.requests.at(-1)?.deltasSent).toBeLessThan(200);
  });
});

describe('Converse', () => {
  it('returns the whole answer with usage', async () => {
    emu.setScript({ text: 'One shot answer.' });
    const out = await h2.send(new ConverseCommand(input(HAIKU_3)));
    expect(out.output?.message?.content?.[0]?.text).toBe('One shot answer.');
    expect(out.stopReason).toBe('end_turn');
    expect(out.usage?.outputTokens).toBe(3);
    expect(emu.requests.at(-1)).toMatchObject({ operation: 'Converse', body: { messages: [{ role: 'user' }] } });
  });

  it('includes signed reasoning content when thinking is requested', async () => {
    const out = await h1.send(new ConverseCommand(input(`us.${SONNET_37}`, { additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } } })));
    const block = out.output?.message?.content?.[0];
    expect(block?.reasoningContent?.reasoningText?.text?.length).toBeGreaterThan(10);
    expect(block?.reasoningContent?.reasoningText?.signature).toBeTruthy();
  });
});
