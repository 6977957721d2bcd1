import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { emulatorClientConfig, startEmulator, type Emulator, type RecordedRequest } from './index';
import { chunkText, defaultReplyPieces } from './script';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ script: { text: 'initial script' } });
});
afterAll(() => emu.close());

const post = (path: string, body?: unknown) =>
  fetch(`${emu.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('HTTP control API', () => {
  it('scripts, records, and resets over HTTP', async () => {
    const health = await fetch(`${emu.url}/__emulator/health`).then((r) => r.json());
    expect(health).toMatchObject({ ok: true, models: expect.any(Number), requests: 0 });

    expect((await post('/__emulator/script', { text: 'scripted over http', faults: [{ kind: 'access-denied', action: 'bedrock:ListFoundationModels' }] })).status).toBe(200);
    const runtime = new BedrockRuntimeClient(emulatorClientConfig(emu));
    const out = await runtime.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }));
    expect(out.output?.message?.content?.[0]?.text).toBe('scripted over http');
    const bedrock = new BedrockClient({ ...emulatorClientConfig(emu), maxAttempts: 1 });
    await expect(bedrock.send(new ListFoundationModelsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('is not authorized to perform: bedrock:ListFoundationModels'),
    });

    const records = (await fetch(`${emu.url}/__emulator/requests`).then((r) => r.json())) as RecordedRequest[];
    expect(records.map((r) => [r.operation, r.status])).toEqual([
      ['Converse', 200],
      ['ListFoundationModels', 403],
    ]);
    expect(records[0]).toMatchObject({ modelId: 'amazon.nova-lite-v1:0', body: { messages: [{ content: [{ text: 'hi' }] }] } });

    expect((await post('/__emulator/reset')).status).toBe(200);
    expect(emu.requests).toHaveLength(0);
    const again = await runtime.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }));
    expect(again.output?.message?.content?.[0]?.text).toBe('initial script');
    runtime.destroy();
    bedrock.destroy();
  });

  it('rejects malformed scripts and unknown routes without breaking', async () => {
    expect((await post('/__emulator/script', [1, 2])).status).toBe(400);
    expect((await fetch(`${emu.url}/__emulator/script`, { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await fetch(`${emu.url}/__emulator/nope`)).status).toBe(404);
    const unknownOp = await fetch(`${emu.url}/no/such/operation`);
    expect(unknownOp.status).toBe(404);
    expect(unknownOp.headers.get('x-amzn-errortype')).toMatch(/^UnknownOperationException/);
    expect((await fetch(`${emu.url}/__emulator/health`)).status).toBe(200);
  });
});

describe('script text helpers', () => {
  it('chunks text into exactly N pieces that join back', () => {
    const text = 'Hello brave new world of event streams';
    for (const n of [1, 3, 7, 20]) {
      const pieces = chunkText(text, n);
      expect(pieces).toHaveLength(n);
      expect(pieces.join('')).toBe(text);
    }
    expect(defaultReplyPieces('prompt', 'Model', 1000)).toHaveLength(1000);
  });
});
