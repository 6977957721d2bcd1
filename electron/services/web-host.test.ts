// The web host case by case: token, Host (DNS rebinding), Origin, static files, invokes, and
// stream events over the WebSocket, against a real backend talking to the emulator.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EMULATOR_CREDENTIALS } from '../emulator/index.ts';
import { startWebHostHarness, type WebHostHarness } from './web-host.harness.ts';
import { tokenMatches, type WebHost } from './web-host.ts';
import type { ServerMessage } from '../../shared/web-protocol.ts';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function send(host: WebHost, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, method: init.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...init.headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const invoke = (host: WebHost, channel: string, body: unknown, headers: Record<string, string> = {}) =>
  send(host, `/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bedrock-desk-token': host.token, ...headers },
    body: JSON.stringify(body),
  });

let harness: WebHostHarness | undefined;
let host: WebHost;

beforeAll(async () => {
  harness = await startWebHostHarness({ prefix: 'bd-webhost-', files: { 'static/assets/app.js': 'console.log(1)', 'secret.txt': 'outside the static root' } });
  ({ host } = harness);
});

afterAll(() => harness?.close());

describe('token', () => {
  it('compares tokens of any length without throwing', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abcd', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
  });

  it('binds to 127.0.0.1 and prints a URL that carries the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('listens on 127.0.0.1 only: another address of this machine is refused at connect', async () => {
    const refused = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.2', port: host.port, path: '/' }, () => resolve('answered'));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      req.end();
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('refuses the page without the token or with a wrong one', async () => {
    expect((await send(host, '/')).status).toBe(401);
    expect((await send(host, '/?token=wrong')).status).toBe(401);
    expect((await send(host, '/assets/app.js')).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite cookie and drops it from the address', async () => {
    const first = await send(host, `/?token=${host.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await send(host, '/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Bedrock Desk</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });
});

describe('Host and Origin', () => {
  it('refuses a foreign Host even with the token (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example:80', `localhost:${host.port}`, `127.0.0.1:${host.port + 1}`]) {
      const reply = await send(host, `/?token=${host.token}`, { headers: { host: hostHeader } });
      expect(reply.status, hostHeader).toBe(421);
    }
  });

  it('refuses a foreign Origin even with the token', async () => {
    const reply = await invoke(host, 'connection:get', {}, { origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    const ok = await invoke(host, 'connection:get', {}, { origin: host.origin });
    expect(ok.status).toBe(200);
  });
});

describe('static files', () => {
  it('serves assets with the cookie and never a file outside the root', async () => {
    const headers = { 'x-bedrock-desk-token': host.token };
    expect((await send(host, '/assets/app.js', { headers })).status).toBe(200);
    expect((await send(host, '/../secret.txt', { headers })).status).toBe(404);
    expect((await send(host, '/%2e%2e/secret.txt', { headers })).status).toBe(404);
  });
});

describe('invokes', () => {
  it('answers a Result with the masked credential view, never the secret', async () => {
    const reply = await invoke(host, 'connection:get', {});
    const result = JSON.parse(reply.body);
    expect(result.ok).toBe(true);
    expect(result.value.credentials.source).toBe('env-keys');
    expect(result.value.region).toEqual({ region: 'us-east-1', origin: 'AWS_REGION' });
    expect(reply.body).not.toContain(EMULATOR_CREDENTIALS.secretAccessKey);
    expect(reply.body).not.toContain(EMULATOR_CREDENTIALS.accessKeyId);
  });

  it('rejects unknown channels and invalid requests as typed errors', async () => {
    const unknown = JSON.parse((await invoke(host, 'fs:read', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UnknownChannel' } });
    const invalid = JSON.parse((await invoke(host, 'chat:start', { requestId: '', modelId: 1 })).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'InvalidRequest' } });
    expect((await send(host, '/api/invoke/connection:get', { method: 'POST', headers: { 'x-bedrock-desk-token': host.token, 'content-type': 'application/json' }, body: '{' })).status).toBe(400);
  });

  it('refuses invokes without the token', async () => {
    const reply = await send(host, '/api/invoke/connection:get', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(401);
  });
});

describe('events WebSocket', () => {
  const connect = (headers: Record<string, string>) => new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers });

  it('refuses a socket without the token or from a foreign Origin', async () => {
    for (const headers of [{ origin: host.origin }, { origin: 'http://evil.example', 'x-bedrock-desk-token': host.token }] as Record<string, string>[]) {
      const ws = connect(headers);
      const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
      expect(status).toBeGreaterThanOrEqual(400);
    }
  });

  it('streams chat events to the socket that started the chat', async () => {
    const ws = connect({ origin: host.origin, 'x-bedrock-desk-token': host.token });
    const messages: ServerMessage[] = [];
    ws.on('message', (data) => messages.push(...(JSON.parse(String(data)) as ServerMessage[])));
    await new Promise((resolve) => ws.once('open', resolve));
    await expect.poll(() => messages.length).toBeGreaterThan(0);
    const hello = messages[0]!;
    expect(hello.type).toBe('hello');
    const clientId = hello.type === 'hello' ? hello.clientId : '';

    const models = JSON.parse((await invoke(host, 'models:list', {})).body);
    const model = models.value.models.find((m: { invocation: { mode: string } }) => m.invocation.mode === 'on-demand');
    const start = JSON.parse((await invoke(host, 'chat:start', { requestId: 'r1', modelId: model.id, messages: [{ role: 'user', text: 'hi' }] }, { 'x-bedrock-desk-client': clientId })).body);
    expect(start.ok).toBe(true);
    await expect.poll(() => messages.some((m) => m.type === 'event' && m.event === 'chat:done'), { timeout: 10_000 }).toBe(true);
    const deltas = messages.filter((m) => m.type === 'event' && m.event === 'chat:delta');
    expect(deltas.length).toBeGreaterThan(1);
    ws.close();
  });
});
