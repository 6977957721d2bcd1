// Chat over the real SDK against the built-in emulator (no SDK mocks): attachments, reasoning,
// retries, failures mid-stream, cancel, cost.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS, EMULATOR_EXPIRED_CREDENTIALS } from '../emulator/index.ts';
import type { ChatStartRequest, EventPayload } from '../../shared/ipc';
import type { Attachment } from '../../shared/types';
import { createSession, type BedrockSessionWithIdentity, type ChatEventName } from './session';
import { chatCost, sumCosts } from './chat-cost';
import { documentName } from './chat-request';
import { retryDelay } from './converse';
import { emulatorAccess } from '../emulator/test-env.ts';
import { useEmulatorSessions } from './session.harness.ts';

const NOVA_MICRO = 'amazon.nova-micro-v1:0'; // text only, on demand, documented price
const NOVA_LITE = 'amazon.nova-lite-v1:0'; // text + image
const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0'; // reasoning on request, profile only
const MISTRAL_7B = 'mistral.mistral-7b-instruct-v0:2';
const TITAN_EXPRESS = 'amazon.titan-text-express-v1'; // no price AWS-documented in model-limits

const lab = useEmulatorSessions();

function session(extraEnv: Record<string, string> = {}, config?: string): BedrockSessionWithIdentity {
  const env = { HOME: mkdtempSync(join(tmpdir(), 'bd-chat-')), ...emulatorAccess(lab.emulator.url), ...extraEnv };
  return lab.session(env, config, { watchAwsFiles: false, chatRetry: { maxAttempts: 3, baseDelayMs: 30, jitter: 0 } });
}

type Event = { event: ChatEventName; payload: EventPayload<ChatEventName> };
function collector() {
  const events: Event[] = [];
  return {
    events,
    emit: <E extends ChatEventName>(event: E, payload: EventPayload<E>) => void events.push({ event, payload }),
    terminal: () => events.find((e) => e.event === 'chat:done' || e.event === 'chat:error'),
    deltas: (kind?: 'text' | 'reasoning') =>
      events.filter((e) => e.event === 'chat:delta').map((e) => e.payload as EventPayload<'chat:delta'>).filter((d) => !kind || d.kind === kind),
    of: <E extends ChatEventName>(name: E) => events.filter((e) => e.event === name).map((e) => e.payload as EventPayload<E>),
  };
}

let n = 0;
const request = (modelId: string, extra: Partial<ChatStartRequest> = {}): ChatStartRequest => ({
  requestId: `t-${++n}`,
  modelId,
  messages: [{ role: 'user', text: 'Hello there' }],
  ...extra,
});

async function run(s: BedrockSessionWithIdentity, req: ChatStartRequest) {
  const c = collector();
  const started = await s.startChat(req, c.emit);
  if (started.ok) await expect.poll(() => c.terminal()?.event, { timeout: 10_000 }).toBeDefined();
  return { c, started };
}

const lastStream = () => lab.emulator.requests.filter((r) => r.operation === 'ConverseStream').at(-1);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3000)]);
const image = (data: Buffer, name = 'photo.png'): Attachment => ({ kind: 'image', name, format: 'png', bytes: data.length, dataBase64: data.toString('base64') });
const doc = (data: Buffer, name: string, format: 'pdf' | 'txt' | 'csv' = 'txt'): Attachment => ({ kind: 'document', name, format, bytes: data.length, dataBase64: data.toString('base64') });

describe('ConverseStream parameters', () => {
  it('sends system, temperature, top-p, max tokens and stop sequences; deltas carry `at`', async () => {
    lab.emulator.setScript({ tokens: 6 });
    const before = performance.timeOrigin + performance.now();
    const { c } = await run(session(), request(NOVA_MICRO, { system: 'Be brief', temperature: 0.3, topP: 0.9, maxTokens: 200, stopSequences: ['STOP'] }));
    expect(c.terminal()?.event).toBe('chat:done');
    expect(lastStream()?.body).toMatchObject({ system: [{ text: 'Be brief' }], inferenceConfig: { temperature: 0.3, topP: 0.9, maxTokens: 200, stopSequences: ['STOP'] } });
    const deltas = c.deltas();
    expect(deltas.length).toBeGreaterThan(0);
    const after = performance.timeOrigin + performance.now();
    for (const [i, d] of deltas.entries()) {
      expect(d.at).toBeGreaterThanOrEqual(before);
      expect(d.at).toBeLessThanOrEqual(after);
      if (i > 0) expect(d.at).toBeGreaterThanOrEqual(deltas[i - 1]!.at);
    }
    const done = c.terminal()?.payload as EventPayload<'chat:done'>;
    expect(done.invokeId).toBe(NOVA_MICRO);
  });

  it('a max-tokens stop can be continued: the assistant turn goes last, trailing space trimmed', async () => {
    lab.emulator.setScript({ tokens: 3 });
    const s = session();
    const { c, started } = await run(s, request(NOVA_LITE, { messages: [{ role: 'user', text: 'Write a poem' }, { role: 'assistant', text: 'Roses are red, ' }] }));
    expect(started.ok).toBe(true);
    expect(c.terminal()?.event).toBe('chat:done');
    expect((lastStream()?.body as { messages: unknown[] }).messages.at(-1)).toEqual({ role: 'assistant', content: [{ text: 'Roses are red,' }] });
    // Models that cannot take a prefill are refused with a way out.
    const refused = await s.startChat(request(MISTRAL_7B, { messages: [{ role: 'user', text: 'x' }, { role: 'assistant', text: 'y' }] }), collector().emit);
    expect(refused.ok || refused.error).toMatchObject({ code: 'ContinueNotSupported', hint: expect.stringMatching(/Continue/) });
  });
});

describe('attachments', () => {
  it('images and documents reach the emulator as the same bytes', async () => {
    lab.emulator.setScript({ tokens: 3 });
    const img = png();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)]);
    const { c } = await run(session(), request(NOVA_LITE, { messages: [{ role: 'user', text: 'What is in these?', attachments: [image(img), doc(pdf, 'Q3 report_final.v2.pdf', 'pdf')] }] }));
    expect(c.terminal()?.event, JSON.stringify(c.terminal())).toBe('chat:done');
    const record = lastStream();
    expect(record?.attachments).toEqual([
      { message: 0, block: 0, kind: 'image', format: 'png', bytes: img.length, sha256: sha(img) },
      { message: 0, block: 1, kind: 'document', format: 'pdf', name: 'Q3 report final v2', bytes: pdf.length, sha256: sha(pdf) },
    ]);
    // Text comes after the attachments.
    expect((record?.body as { messages: { content: Record<string, unknown>[] }[] }).messages[0]?.content[2]).toEqual({ text: 'What is in these?' });
  });

  it('document names are sanitised to what Bedrock allows, and made unique', () => {
    const taken = new Set<string>();
    expect(documentName('../etc/pass wd!!.txt', taken)).toBe('pass wd');
    expect(documentName('notes.md', taken)).toBe('notes');
    expect(documentName('notes.txt', taken)).toBe('notes (2)');
    expect(documentName('日本語.pdf', taken)).toBe('document');
    expect(documentName('a\t\tb  c.csv', taken)).toBe('a b c');
  });

  it('refuses images for a text-only model, documents where unsupported, and oversize files, before calling', async () => {
    const s = session();
    const noImage = await s.startChat(request(NOVA_MICRO, { messages: [{ role: 'user', text: 'see', attachments: [image(png())] }] }), collector().emit);
    expect(noImage.ok || noImage.error).toMatchObject({ code: 'ImagesNotSupported', message: expect.stringContaining('Nova Micro') });
    const noDocs = await s.startChat(request(MISTRAL_7B, { messages: [{ role: 'user', text: 'read', attachments: [doc(Buffer.from('hello'), 'a.txt')] }] }), collector().emit);
    expect(noDocs.ok || noDocs.error).toMatchObject({ code: 'DocumentsNotSupported' });
    const big = Buffer.concat([png(), Buffer.alloc(3_800_000)]);
    const tooBig = await s.startChat(request(NOVA_LITE, { messages: [{ role: 'user', text: 'x', attachments: [image(big)] }] }), collector().emit);
    expect(tooBig.ok || tooBig.error).toMatchObject({ code: 'AttachmentTooLarge' });
    const notImage = await s.startChat(request(NOVA_LITE, { messages: [{ role: 'user', text: 'x', attachments: [image(Buffer.from('plain text, not an image'))] }] }), collector().emit);
    expect(notImage.ok || notImage.error).toMatchObject({ code: 'AttachmentUnreadable' });
    expect(lab.emulator.requests.filter((r) => r.operation === 'ConverseStream')).toHaveLength(0);
  });

  it('the emulator rejects what Bedrock rejects (an image to a text-only model)', async () => {
    const s = session({}, '{ models: { bedrockDiscovery: { enabled: false } } }');
    // Discovery off: the model is unknown to the app, so the request goes out and Bedrock says no.
    const { c } = await run(s, request(NOVA_MICRO, { messages: [{ role: 'user', text: 'see', attachments: [image(png())] }] }));
    expect(c.terminal()).toMatchObject({ event: 'chat:error', payload: { error: { code: 'ValidationException', message: expect.stringContaining('image content block') } } });
  });
});

describe('reasoning', () => {
  it('a budget goes out as additionalModelRequestFields.thinking and reasoning arrives apart', async () => {
    lab.emulator.setScript({ tokens: 4, reasoning: 'Let me think about this carefully.' });
    const { c, started } = await run(session(), request(SONNET_37, { reasoningBudget: 2048 }));
    expect(started.ok && started.value.invokeId).toBe(`us.${SONNET_37}`);
    expect(c.terminal()?.event).toBe('chat:done');
    expect(lastStream()?.body).toMatchObject({ additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } }, inferenceConfig: { maxTokens: 2048 + 4096 } });
    expect(c.deltas('reasoning').map((d) => d.text).join('')).toBe('Let me think about this carefully.');
    expect(c.deltas('text').length).toBe(4);
    // Reasoning first, then the answer, in one sequence.
    const deltas = c.deltas();
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => i));
    expect(deltas.findIndex((d) => d.kind === 'text')).toBeGreaterThan(deltas.findLastIndex((d) => d.kind === 'reasoning'));
  });

  it('asked only when the request carries a budget (emulator thinks on request)', async () => {
    lab.emulator.setScript({ tokens: 2 });
    const { c } = await run(session(), request(SONNET_37));
    expect(c.deltas('reasoning')).toHaveLength(0);
    expect((lastStream()?.body as Record<string, unknown>).additionalModelRequestFields).toBeUndefined();
  });

  it('refuses a budget for a model without one, and with a temperature or too small a max tokens', async () => {
    const s = session();
    const none = await s.startChat(request(NOVA_MICRO, { reasoningBudget: 2048 }), collector().emit);
    expect(none.ok || none.error).toMatchObject({ code: 'ReasoningBudgetNotSupported', message: expect.stringContaining('Nova Micro') });
    const temp = await s.startChat(request(SONNET_37, { reasoningBudget: 2048, temperature: 0.2 }), collector().emit);
    expect(temp.ok || temp.error).toMatchObject({ code: 'InvalidReasoningBudget' });
    const small = await s.startChat(request(SONNET_37, { reasoningBudget: 4096, maxTokens: 2000 }), collector().emit);
    expect(small.ok || small.error).toMatchObject({ code: 'InvalidReasoningBudget', message: expect.stringContaining('smaller than max tokens') });
    expect(lab.emulator.requests.filter((r) => r.operation === 'ConverseStream')).toHaveLength(0);
  });
});

describe('failures', () => {
  it('throttling before the first token: chat:retrying events, then success', async () => {
    lab.emulator.setScript({ tokens: 3, faults: [{ kind: 'throttle', times: 2, operation: 'ConverseStream' }] });
    const { c } = await run(session(), request(NOVA_MICRO));
    expect(c.terminal()?.event).toBe('chat:done');
    const retries = c.of('chat:retrying');
    expect(retries.map((r) => [r.attempt, r.maxAttempts, r.delayMs])).toEqual([[2, 3, 30], [3, 3, 60]]);
    expect(retries[0]?.error).toMatchObject({ code: 'ThrottlingException', retryable: true });
    // Each retry announced before the next request went out, and one request per attempt (no SDK retries underneath).
    expect(lab.emulator.requests.filter((r) => r.operation === 'ConverseStream').map((r) => r.status)).toEqual([429, 429, 200]);
    expect(c.events.findIndex((e) => e.event === 'chat:retrying')).toBeLessThan(c.events.findIndex((e) => e.event === 'chat:delta'));
  });

  it('a 503 is retried too; when retries run out: chat:error', async () => {
    lab.emulator.setScript({ faults: [{ kind: 'http-error', status: 503, code: 'ServiceUnavailableException', message: 'Bedrock is unavailable', times: 5, operation: 'ConverseStream' }] });
    const { c } = await run(session(), request(NOVA_MICRO));
    expect(c.of('chat:retrying')).toHaveLength(2);
    expect(c.terminal()).toMatchObject({ event: 'chat:error', payload: { cancelled: false, error: { code: 'ServiceUnavailableException', retryable: true } } });
    expect(lab.emulator.requests.filter((r) => r.operation === 'ConverseStream')).toHaveLength(3);
  });

  it('retry delays double with bounded jitter', () => {
    const policy = { maxAttempts: 4, baseDelayMs: 1000, jitter: 0.2 };
    expect([1, 2, 3].map((r) => retryDelay(policy, r, () => 0.5))).toEqual([1000, 2000, 4000]);
    expect(retryDelay(policy, 1, () => 0)).toBe(800);
    expect(retryDelay(policy, 3, () => 1)).toBe(4800);
  });

  it('cancel during the retry wait stops it: no further request', async () => {
    const s = createSession({ env: { HOME: mkdtempSync(join(tmpdir(), 'bd-')), AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey, AWS_ENDPOINT_URL_BEDROCK: lab.emulator.url, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: lab.emulator.url }, dataDir: mkdtempSync(join(tmpdir(), 'bd-')), watchAwsFiles: false, chatRetry: { maxAttempts: 3, baseDelayMs: 5_000, jitter: 0 } });
    lab.track(s);
    lab.emulator.setScript({ faults: [{ kind: 'throttle', times: 5, operation: 'ConverseStream' }] });
    const c = collector();
    const req = request(NOVA_MICRO);
    await s.startChat(req, c.emit);
    await expect.poll(() => c.of('chat:retrying').length, { timeout: 5_000 }).toBe(1);
    expect(s.cancelChat(req.requestId)).toBe(true);
    expect(c.terminal()).toMatchObject({ event: 'chat:error', payload: { cancelled: true } });
    await new Promise((r) => setTimeout(r, 100));
    expect(lab.emulator.requests.filter((r) => r.operation === 'ConverseStream')).toHaveLength(1);
  });

  it('a mid-stream exception keeps the deltas that arrived and ends in chat:error, not retried', async () => {
    lab.emulator.setScript({ tokens: 10, faults: [{ kind: 'stream-exception', afterTokens: 4 }] });
    const { c } = await run(session(), request(NOVA_MICRO));
    expect(c.deltas('text')).toHaveLength(4);
    expect(c.terminal()).toMatchObject({ event: 'chat:error', payload: { cancelled: false, error: { code: 'ModelStreamErrorException', hint: expect.any(String) } } });
    expect(c.of('chat:retrying')).toHaveLength(0);
    expect(lab.emulator.requests.filter((r) => r.operation === 'ConverseStream')).toHaveLength(1);
  });

  it('a dropped connection mid-answer keeps the deltas and ends in chat:error', async () => {
    lab.emulator.setScript({ tokens: 10, tokenDelayMs: 2, faults: [{ kind: 'drop-connection', afterTokens: 3 }] });
    const { c } = await run(session(), request(NOVA_MICRO));
    expect(c.deltas('text')).toHaveLength(3);
    expect(c.terminal()).toMatchObject({ event: 'chat:error', payload: { cancelled: false, error: { code: 'ConnectionDropped', retryable: true, hint: expect.stringContaining('What arrived is kept') } } });
    expect(lastStream()?.outcome).toBe('dropped');
    expect(c.of('chat:retrying')).toHaveLength(0);
  });

  it('a connection dropped before the first token is retried', async () => {
    lab.emulator.setScript({ tokens: 3, faults: [{ kind: 'drop-connection', afterTokens: 0, times: 1 }] });
    const { c } = await run(session(), request(NOVA_MICRO));
    expect(c.of('chat:retrying').map((r) => r.error.code)).toEqual(['ConnectionDropped']);
    expect(c.terminal()?.event).toBe('chat:done');
    expect(c.deltas('text')).toHaveLength(3);
  });

  it('expired credentials: chat:error with what to do, not retried', async () => {
    const { c } = await run(session({ AWS_ACCESS_KEY_ID: EMULATOR_EXPIRED_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: EMULATOR_EXPIRED_CREDENTIALS.secretAccessKey, AWS_SESSION_TOKEN: EMULATOR_EXPIRED_CREDENTIALS.sessionToken ?? 'x' }, '{ models: { bedrockDiscovery: { enabled: false } } }'), request(NOVA_MICRO));
    expect(c.terminal()).toMatchObject({ event: 'chat:error', payload: { error: { code: 'ExpiredToken', hint: expect.stringMatching(/AWS_SESSION_TOKEN|sso login/) } } });
    expect(c.of('chat:retrying')).toHaveLength(0);
  });

  it('cancel mid-stream aborts the HTTP stream (client-closed) and keeps what arrived', async () => {
    lab.emulator.setScript({ tokens: 400, tokenDelayMs: 10 });
    const s = session();
    const c = collector();
    const req = request(NOVA_MICRO);
    await s.startChat(req, c.emit);
    await expect.poll(() => c.deltas().length, { timeout: 5_000 }).toBeGreaterThan(2);
    expect(s.cancelChat(req.requestId)).toBe(true);
    expect(c.terminal()).toMatchObject({ event: 'chat:error', payload: { cancelled: true } });
    await expect.poll(() => lastStream()?.outcome, { timeout: 5_000 }).toBe('client-closed');
    const seen = c.events.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(c.events.length).toBe(seen);
  });
});

describe('cost', () => {
  it('chat:done.cost from usage × the documented price', async () => {
    lab.emulator.setScript({ tokens: 5, inputTokens: 1_000 });
    const { c } = await run(session(), request(NOVA_MICRO));
    const done = c.terminal()?.payload as EventPayload<'chat:done'>;
    expect(done.usage).toMatchObject({ inputTokens: 1000, outputTokens: 5 });
    // Nova Micro: $0.035 in / $0.14 out per million tokens.
    expect(done.cost).toEqual({ input: 0.000035, output: 0.0000007, total: 0.0000357 });
  });

  it('a configured price wins; a model with no known price costs null, not 0', async () => {
    lab.emulator.setScript({ tokens: 5, inputTokens: 2_000_000 });
    const config = `{ models: { providers: { "amazon-bedrock": { models: [{ id: "${NOVA_MICRO}", cost: { input: 1, output: 2 } }] } } } }`;
    const priced = await run(session({}, config), request(NOVA_MICRO));
    expect((priced.c.terminal()?.payload as EventPayload<'chat:done'>).cost).toEqual({ input: 2, output: 0.00001, total: 2.00001 });
    // Titan Text Express: the app knows no price for it.
    const unknown = await run(session({}, '{ models: { bedrockDiscovery: { enabled: false } } }'), request(TITAN_EXPRESS));
    const done = unknown.c.terminal()?.payload as EventPayload<'chat:done'>;
    expect(done.usage?.outputTokens).toBe(5);
    expect(done.cost).toEqual({ input: null, output: null, total: null });
  });

  it('chatCost and sumCosts: unknown stays unknown', () => {
    expect(chatCost(undefined, { input: 1, output: 1 })).toEqual({ input: null, output: null, total: null });
    expect(chatCost({ inputTokens: 10, outputTokens: 10, totalTokens: 20 }, { input: 3 })).toEqual({ input: 0.00003, output: null, total: null });
    expect(sumCosts([{ input: 1, output: 1, total: 2 }, undefined, { input: 0.5, output: 0, total: 0.5 }])).toBe(2.5);
    expect(sumCosts([{ input: 1, output: 1, total: 2 }, { input: null, output: null, total: null }])).toBeNull();
  });
});

describe('session.conversations', () => {
  it('keeps conversations in the data dir; exports carry no secret of the session env', async () => {
    const secret = 'Distinctive-Secret-Value-6b1f0c77e2';
    const s = session({ AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey, AWS_SESSION_TOKEN: secret });
    const now = new Date().toISOString();
    const saved = await s.conversations.save({
      id: 'conv-1', title: 'Secrets?', createdAt: now, updatedAt: now, settings: { modelId: NOVA_MICRO },
      messages: [{ id: 'u1', role: 'user', text: `pasted by mistake: ${secret} ${EMULATOR_CREDENTIALS.secretAccessKey}`, createdAt: now }],
    });
    expect(saved.ok).toBe(true);
    const listed = await s.conversations.list();
    expect(listed.ok && listed.value.conversations.map((c) => c.id)).toEqual(['conv-1']);
    for (const format of ['markdown', 'json'] as const) {
      const out = await s.conversations.export('conv-1', format);
      if (!out.ok) throw new Error(out.error.message);
      expect(out.value.content).not.toContain(secret);
      expect(out.value.content).not.toContain(EMULATOR_CREDENTIALS.secretAccessKey);
      expect(out.value.content).toContain('[redacted]');
    }
  });
});
