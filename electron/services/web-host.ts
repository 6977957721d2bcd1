// The web host: the same contract as Electron IPC, served to a browser on loopback only.
// HTTP POST for invokes, one WebSocket per page for events. Every request must carry the
// per-run token (query on first load, then an HttpOnly cookie, or a header), come with our own
// Host (no DNS rebinding) and, when the browser sends one, our own Origin (no cross-site calls).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventPayload } from '../../shared/ipc.ts';
import {
  CLIENT_HEADER,
  EVENTS_PATH,
  INVOKE_PATH,
  TOKEN_COOKIE,
  TOKEN_HEADER,
  TOKEN_QUERY,
  type ServerFrame,
  type ServerMessage,
} from '../../shared/web-protocol.ts';
import type { Backend } from '../backend/backend.ts';
import type { ClientHandle } from '../backend/client.ts';

export interface WebHostOptions {
  backend: Backend;
  /** The built renderer (vite's outDir). */
  staticDir: string;
  port?: number;
  /** Fixed token for tests; a fresh random one per run otherwise. */
  token?: string;
}

export interface WebHost {
  /** The URL to open: carries the token once; the page then lives on the cookie. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 64 * 1024 * 1024; // room for image/document attachments
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Constant-time comparison that does not leak the token's length either. */
export function tokenMatches(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { backend } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = normalize(options.staticDir + sep);
  const sockets = new Map<string, { ws: WebSocket; client: ClientHandle }>();
  const openSockets = new Set<Socket>();
  let origin = '';
  let hostHeader = '';

  /** Why a request is refused, or undefined when it may go on. */
  function refusal(req: IncomingMessage, url: URL): { status: number; reason: string } | undefined {
    if (req.headers.host !== hostHeader) return { status: 421, reason: 'unknown Host' };
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return { status: 403, reason: 'foreign Origin' };
    const presented =
      url.searchParams.get(TOKEN_QUERY) ?? (req.headers[TOKEN_HEADER] as string | undefined) ?? cookieValue(req.headers.cookie, TOKEN_COOKIE);
    if (!tokenMatches(presented ?? undefined, token)) return { status: 401, reason: 'missing or wrong token' };
    return undefined;
  }

  async function serveStatic(url: URL, res: ServerResponse): Promise<void> {
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = normalize(join(staticRoot, relative));
    if (!file.startsWith(staticRoot)) return send(res, 404, 'Not found');
    try {
      const info = await stat(file);
      if (!info.isFile()) return send(res, 404, 'Not found');
      const body = await readFile(file);
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      send(res, 404, url.pathname === '/' ? 'The renderer is not built: run `npm run build:renderer`.' : 'Not found');
    }
  }

  async function serveInvoke(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'POST only');
    if (!req.headers['content-type']?.startsWith('application/json')) return send(res, 415, 'JSON only');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      return send(res, error instanceof BodyTooLarge ? 413 : 400, error instanceof BodyTooLarge ? 'Request too large' : 'Malformed JSON');
    }
    const clientId = req.headers[CLIENT_HEADER];
    const owner = typeof clientId === 'string' ? sockets.get(clientId)?.client : undefined;
    // Without a live socket the caller gets answers but no stream events (e.g. scripts).
    const client = owner ?? backend.openClient({ send: () => {} });
    try {
      const result = await backend.invoke(decodeURIComponent(channel), body, client);
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(result));
    } finally {
      if (!owner && client.streams.size === 0) backend.closeClient(client);
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin || `http://${HOST}`);
    const refused = refusal(req, url);
    if (refused) return send(res, refused.status, `Refused: ${refused.reason}.`);
    if (url.pathname === '/' && url.searchParams.has(TOKEN_QUERY)) {
      // Trade the one-time URL token for a cookie and drop it from the address bar and history.
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        location: '/',
      });
      return res.end();
    }
    const work = url.pathname.startsWith(INVOKE_PATH)
      ? serveInvoke(req, res, url.pathname.slice(INVOKE_PATH.length))
      : req.method === 'GET' || req.method === 'HEAD'
        ? serveStatic(url, res)
        : Promise.resolve(send(res, 405, 'Method not allowed'));
    work.catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const refused = url.pathname === EVENTS_PATH ? refusal(req, url) : { status: 404, reason: 'no such endpoint' };
    if (refused) {
      socket.end(`HTTP/1.1 ${refused.status} Refused\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const send = batchedSender(ws);
      const client = backend.openClient({
        send<E extends EventName>(event: E, payload: EventPayload<E>) {
          send({ type: 'event', event, payload } as ServerMessage);
        },
      });
      sockets.set(client.id, { ws, client });
      send({ type: 'hello', clientId: client.id });
      ws.on('close', () => {
        sockets.delete(client.id);
        backend.closeClient(client);
      });
      ws.on('error', () => ws.terminate());
    });
  });
  server.on('connection', (socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${HOST}:${port}`;
  hostHeader = `${HOST}:${port}`;

  return {
    url: `${origin}/?${TOKEN_QUERY}=${token}`,
    origin,
    port,
    token,
    async close() {
      for (const { ws } of sockets.values()) ws.terminate();
      wss.close();
      for (const socket of openSockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Queues messages for one socket and sends them as one frame at the end of this event-loop turn.
 * Consecutive chat:delta messages of the same stream and kind that land in the same turn travel
 * as one: their texts joined in order, `seq` the last one's (so "seq only grows" still holds and a
 * replay of any of them is recognised), `at` the first one's (the earliest time main had any of
 * that text). A fast stream (a whole socket read of events parsed in one turn) thus costs one small
 * message per MAX_MERGED_DELTAS instead of one each (every one repeating the request id); a paced
 * one (a delta per turn) is unchanged.
 */
const MAX_MERGED_DELTAS = 32;

function batchedSender(ws: WebSocket): (message: ServerMessage) => void {
  let queue: ServerFrame = [];
  /** The last queued message when it is a delta that may still absorb the next one (owned by us). */
  let openDelta: EventPayload<'chat:delta'> | null = null;
  let merged = 0;
  const flush = () => {
    const frame = queue;
    queue = [];
    openDelta = null;
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  return (message) => {
    if (queue.length === 0) setImmediate(flush);
    if (message.type === 'event' && message.event === 'chat:delta') {
      const delta = message.payload as EventPayload<'chat:delta'>;
      if (openDelta && merged < MAX_MERGED_DELTAS && openDelta.requestId === delta.requestId && openDelta.kind === delta.kind && delta.seq > openDelta.seq) {
        openDelta.text += delta.text;
        openDelta.seq = delta.seq;
        merged += 1;
        return;
      }
      // A copy: the emitter's payload object is not ours to grow.
      openDelta = { ...delta };
      merged = 1;
      queue.push({ type: 'event', event: 'chat:delta', payload: openDelta } as ServerMessage);
      return;
    }
    openDelta = null;
    queue.push(message);
  };
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
