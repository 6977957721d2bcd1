// The web host's event frames under a fast stream: consecutive deltas of one turn travel merged,
// and nothing of the contract the renderer relies on changes — every character in order, `seq`
// only growing, `at` never later than main's receipt of the text it carries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Emulator } from '../emulator/index.ts';
import { startWebHostHarness, type WebHostHarness } from './web-host.harness.ts';
import type { WebHost } from './web-host.ts';
import type { EventPayload } from '../../shared/ipc.ts';
import type { ServerFrame } from '../../shared/web-protocol.ts';

let harness: WebHostHarness | undefined;
let emulator: Emulator;
let host: WebHost;

beforeAll(async () => {
  harness = await startWebHostHarness({ prefix: 'bd-webhost-frames-' });
  ({ emulator, host } = harness);
});

afterAll(() => harness?.close());

async function stream(text: string, tokens: number, tokenDelayMs: number): Promise<{ deltas: EventPayload<'chat:delta'>[]; requested: number }> {
  emulator.setScript({ text, tokens, tokenDelayMs });
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api/events`, { headers: { origin: host.origin, 'x-bedrock-desk-token': host.token } });
  const deltas: EventPayload<'chat:delta'>[] = [];
  let clientId = '';
  let done = false;
  ws.on('message', (data) => {
    for (const m of JSON.parse(String(data)) as ServerFrame) {
      if (m.type === 'hello') clientId = m.clientId;
      else if (m.event === 'chat:delta') deltas.push(m.payload);
      else if (m.event === 'chat:done') done = true;
    }
  });
  await expect.poll(() => clientId).not.toBe('');
  const call = async (channel: string, body: unknown) =>
    (await fetch(`${host.origin}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: host.origin, 'x-bedrock-desk-token': host.token, 'x-bedrock-desk-client': clientId },
      body: JSON.stringify(body),
    }).then((r) => r.json())) as { ok: boolean; value: { models: { id: string; invocation: { mode: string } }[] } };
  const model = (await call('models:list', {})).value.models.find((m) => m.invocation.mode === 'on-demand')!;
  const before = Date.now();
  expect((await call('chat:start', { requestId: `frames-${before}`, modelId: model.id, messages: [{ role: 'user', text: 'go' }] })).ok).toBe(true);
  await expect.poll(() => done, { timeout: 15_000 }).toBe(true);
  ws.close();
  for (const d of deltas) expect(d.at).toBeGreaterThanOrEqual(before - 1);
  return { deltas, requested: tokens };
}

describe('event frames', () => {
  it('a fast stream arrives whole and in order, in fewer messages, seq growing', async () => {
    const text = Array.from({ length: 3000 }, (_, i) => `w${i}x`).join(' ');
    const { deltas, requested } = await stream(text, 3000, 0);
    expect(deltas.map((d) => d.text).join('')).toBe(text);
    expect(deltas.length).toBeLessThan(requested);
    for (let i = 1; i < deltas.length; i++) {
      expect(deltas[i]!.seq).toBeGreaterThan(deltas[i - 1]!.seq);
      expect(deltas[i]!.at).toBeGreaterThanOrEqual(deltas[i - 1]!.at);
    }
    expect(deltas[deltas.length - 1]!.seq).toBe(requested - 1);
  });

  it('a paced stream keeps one message per delta', async () => {
    const text = Array.from({ length: 12 }, (_, i) => `w${i}x`).join(' ');
    const { deltas } = await stream(text, 12, 15);
    expect(deltas.map((d) => d.text).join('')).toBe(text);
    expect(deltas.map((d) => d.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});
