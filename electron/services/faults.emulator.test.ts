// Faults survived, nothing lost: every way a ConverseStream can fail, through the real SDK against
// the emulator (no SDK mocks). Each keeps exactly the deltas that arrived, in order, and ends in one
// chat:error with a specific code and a hint — never a hang (each case is bounded by its timeout).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { chunkText, type Fault } from '../emulator/script';
import type { ChatStartRequest, EventPayload } from '../../shared/ipc';
import { createSession, type BedrockSessionWithIdentity, type ChatEventName } from './session';
import { emulatorAccess } from '../emulator/test-env.ts';
import { useEmulatorSessions } from './session.harness.ts';

const NOVA_MICRO = 'amazon.nova-micro-v1:0';
const TEXT = 'One two three four five six seven eight nine ten eleven twelve.';
const PIECES = chunkText(TEXT, 12);

const lab = useEmulatorSessions();

function session(): BedrockSessionWithIdentity {
  const s = createSession({
    env: {
      HOME: mkdtempSync(join(tmpdir(), 'bd-faults-')),
      ...emulatorAccess(lab.emulator.url),
    },
    dataDir: mkdtempSync(join(tmpdir(), 'bd-faults-data-')),
    watchAwsFiles: false,
    chatRetry: { maxAttempts: 3, baseDelayMs: 20, jitter: 0 },
  });
  lab.track(s);
  return s;
}

type Event = { event: ChatEventName; payload: EventPayload<ChatEventName> };
let n = 0;

async function chat(script: { faults?: Fault[]; tokenDelayMs?: number; firstTokenDelayMs?: number; tokens?: number; text?: string }, s = session()) {
  lab.emulator.setScript({ text: TEXT, tokens: 12, ...script });
  const events: Event[] = [];
  const req: ChatStartRequest = { requestId: `f-${++n}`, modelId: NOVA_MICRO, messages: [{ role: 'user', text: 'Hello' }] };
  const started = await s.startChat(req, (event, payload) => void events.push({ event, payload }));
  expect(started.ok).toBe(true);
  const terminal = () => events.filter((e) => e.event === 'chat:done' || e.event === 'chat:error');
  await expect.poll(() => terminal().length, { timeout: 15_000 }).toBeGreaterThan(0);
  const deltas = events.filter((e) => e.event === 'chat:delta').map((e) => e.payload as EventPayload<'chat:delta'>);
  return {
    events,
    deltas,
    text: deltas.map((d) => d.text).join(''),
    terminal: terminal()[0]!,
    error: (terminal()[0]!.payload as EventPayload<'chat:error'>).error,
    retries: events.filter((e) => e.event === 'chat:retrying').map((e) => e.payload as EventPayload<'chat:retrying'>),
    streams: () => lab.emulator.requests.filter((r) => r.operation === 'ConverseStream'),
    /** Nothing follows the terminal event, even a while later. */
    async settled() {
      const seen = events.length;
      await new Promise((r) => setTimeout(r, 150));
      expect(events.length).toBe(seen);
      expect(terminal()).toHaveLength(1);
    },
  };
}

/** The deltas kept are exactly the first `count` scripted pieces, in order, numbered 0..count-1. */
function expectPrefix(run: Awaited<ReturnType<typeof chat>>, count: number) {
  expect(run.deltas.map((d) => d.seq)).toEqual([...Array(count).keys()]);
  expect(run.text).toBe(PIECES.slice(0, count).join(''));
}

describe('5xx', () => {
  it('InternalServerException (500) before any token: retried, then chat:error with the code once retries run out', async () => {
    const run = await chat({ faults: [{ kind: 'http-error', status: 500, code: 'InternalServerException', message: 'Internal failure', times: 9, operation: 'ConverseStream' }] });
    expect(run.terminal.event).toBe('chat:error');
    expect(run.error).toMatchObject({ code: 'InternalServerException', retryable: true, hint: expect.any(String) });
    expect(run.retries.map((r) => [r.attempt, r.maxAttempts])).toEqual([[2, 3], [3, 3]]);
    expect(run.streams().map((r) => r.status)).toEqual([500, 500, 500]);
    expect(run.deltas).toHaveLength(0);
    await run.settled();
  });

  it('ServiceUnavailable (503) once, then the answer: one retry, all tokens', async () => {
    const run = await chat({ faults: [{ kind: 'http-error', status: 503, code: 'ServiceUnavailableException', message: 'Unavailable', times: 1, operation: 'ConverseStream' }] });
    expect(run.terminal.event).toBe('chat:done');
    expect(run.retries).toHaveLength(1);
    expectPrefix(run, 12);
  });

  for (const [type, code] of [
    ['internalServerException', 'InternalServerException'],
    ['serviceUnavailableException', 'ServiceUnavailableException'],
  ] as const) {
    it(`${code} inside the stream after 5 tokens: the 5 are kept, chat:error ${code}, not retried`, async () => {
      const run = await chat({ faults: [{ kind: 'stream-exception', afterTokens: 5, exceptionType: type, message: 'The server had an error.' }] });
      expect(run.terminal.event).toBe('chat:error');
      expect(run.error).toMatchObject({ code, retryable: true, hint: expect.any(String) });
      expect((run.terminal.payload as EventPayload<'chat:error'>).cancelled).toBe(false);
      expectPrefix(run, 5);
      expect(run.retries).toHaveLength(0);
      expect(run.streams()).toHaveLength(1);
      await run.settled();
    });
  }
});

describe('throttling', () => {
  it('retries exhausted: each wait announced, then chat:error ThrottlingException with nothing streamed', async () => {
    const run = await chat({ faults: [{ kind: 'throttle', times: 10, operation: 'ConverseStream' }] });
    expect(run.terminal.event).toBe('chat:error');
    expect(run.error).toMatchObject({ code: 'ThrottlingException', retryable: true, hint: expect.any(String) });
    expect(run.retries.map((r) => [r.attempt, r.delayMs])).toEqual([[2, 20], [3, 40]]);
    // The last event is the error: no countdown left running after it.
    expect(run.events.at(-1)?.event).toBe('chat:error');
    expect(run.streams().map((r) => r.status)).toEqual([429, 429, 429]);
    await run.settled();
  });

  it('a throttlingException inside the stream after tokens: kept, not retried (a retry would repeat them)', async () => {
    const run = await chat({ faults: [{ kind: 'stream-exception', afterTokens: 3, exceptionType: 'throttlingException', message: 'Too many tokens.' }] });
    expect(run.error).toMatchObject({ code: 'ThrottlingException' });
    expectPrefix(run, 3);
    expect(run.retries).toHaveLength(0);
    expect(run.streams()).toHaveLength(1);
  });
});

describe('slow tokens', () => {
  it('2 s between tokens: no timeout cuts the stream, the text grows, all tokens arrive', { timeout: 20_000 }, async () => {
    const s = session();
    lab.emulator.setScript({ text: 'slow but steady wins', tokens: 4, tokenDelayMs: 2_000, firstTokenDelayMs: 200 });
    const events: Event[] = [];
    const started = await s.startChat({ requestId: `f-${++n}`, modelId: NOVA_MICRO, messages: [{ role: 'user', text: 'Take your time' }] }, (event, payload) => void events.push({ event, payload }));
    expect(started.ok).toBe(true);
    const texts = () => events.filter((e) => e.event === 'chat:delta').map((e) => (e.payload as EventPayload<'chat:delta'>).text);
    await expect.poll(() => texts().length, { timeout: 5_000 }).toBe(1);
    const partial1 = texts().join('');
    await expect.poll(() => texts().length, { timeout: 5_000 }).toBe(2);
    const partial2 = texts().join('');
    expect(partial2.startsWith(partial1) && partial2.length > partial1.length).toBe(true);
    expect(events.some((e) => e.event === 'chat:error')).toBe(false);
    await expect.poll(() => events.find((e) => e.event === 'chat:done' || e.event === 'chat:error')?.event, { timeout: 8_000 }).toBe('chat:done');
    expect(texts().join('')).toBe('slow but steady wins');
    const done = events.find((e) => e.event === 'chat:done')!.payload as EventPayload<'chat:done'>;
    expect(done.metrics.totalMs).toBeGreaterThanOrEqual(6_000);
  });

  it('cancel during a slow stream keeps what arrived and stops the request', async () => {
    const s = session();
    lab.emulator.setScript({ text: TEXT, tokens: 12, tokenDelayMs: 300, firstTokenDelayMs: 0 });
    const events: Event[] = [];
    const req: ChatStartRequest = { requestId: `f-${++n}`, modelId: NOVA_MICRO, messages: [{ role: 'user', text: 'x' }] };
    await s.startChat(req, (event, payload) => void events.push({ event, payload }));
    await expect.poll(() => events.filter((e) => e.event === 'chat:delta').length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    expect(s.cancelChat(req.requestId)).toBe(true);
    const kept = events.filter((e) => e.event === 'chat:delta').map((e) => (e.payload as EventPayload<'chat:delta'>).text).join('');
    expect(TEXT.startsWith(kept) && kept.length > 0).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: 'chat:error', payload: { cancelled: true, error: { code: 'Cancelled' } } });
    await expect.poll(() => lab.emulator.requests.find((r) => r.operation === 'ConverseStream')?.outcome, { timeout: 5_000 }).toBe('client-closed');
    await new Promise((r) => setTimeout(r, 400));
    expect(events.at(-1)?.event).toBe('chat:error');
  });
});

describe('damaged event-stream frames', () => {
  it('a frame with a bad CRC after 4 tokens: chat:error StreamCorrupted, the 4 kept, nothing after the damage shown', async () => {
    const run = await chat({ faults: [{ kind: 'corrupt-frame', afterTokens: 4 }] });
    expect(run.terminal.event).toBe('chat:error');
    expect(run.error).toMatchObject({ code: 'StreamCorrupted', retryable: true, hint: expect.stringContaining('What arrived is kept') });
    expectPrefix(run, 4);
    expect(run.streams()[0]?.outcome).toBe('corrupt-frame');
    await run.settled();
  });

  it('garbage bytes instead of a frame after 2 tokens: chat:error StreamCorrupted, the 2 kept', async () => {
    const run = await chat({ faults: [{ kind: 'corrupt-frame', afterTokens: 2, corruption: 'garbage' }] });
    expect(run.error).toMatchObject({ code: 'StreamCorrupted' });
    expectPrefix(run, 2);
    await run.settled();
  });

  it('half a frame, then the response ends: chat:error StreamTruncated, the 6 kept (no hang)', async () => {
    const run = await chat({ faults: [{ kind: 'truncated-frame', afterTokens: 6 }] });
    expect(run.terminal.event).toBe('chat:error');
    expect(run.error).toMatchObject({ code: 'StreamTruncated', retryable: true, hint: expect.stringContaining('What arrived is kept') });
    expectPrefix(run, 6);
    expect(run.streams()[0]?.outcome).toBe('truncated-frame');
    await run.settled();
  });

  it('a damaged frame before any token is retried like a dropped connection, then the whole answer arrives', async () => {
    const run = await chat({ faults: [{ kind: 'truncated-frame', afterTokens: 0, times: 1 }] });
    expect(run.retries.map((r) => r.error.code)).toEqual(['StreamTruncated']);
    expect(run.terminal.event).toBe('chat:done');
    expectPrefix(run, 12);
  });

  it('a paced stream with a bad frame ends at the damage, not after the rest was sent', async () => {
    const run = await chat({ tokenDelayMs: 30, faults: [{ kind: 'corrupt-frame', afterTokens: 3 }] });
    expect(run.error.code).toBe('StreamCorrupted');
    expectPrefix(run, 3);
    // The remaining 8 tokens would take ≥ 240 ms more; the error came at the damage.
    const done = run.streams()[0];
    expect(done?.deltasSent ?? 0).toBeLessThan(12);
  });
});
