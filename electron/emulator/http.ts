// The one request/response shape every handler sees, whether it came over HTTP/1.1 or h2c.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { constants as h2 } from 'node:http2';

export interface EmuRequest {
  method: string;
  /** Path as sent, still percent-encoded (SigV4 signs it that way). */
  rawPath: string;
  query: URLSearchParams;
  /** Lower-case names; HTTP/2 pseudo-headers removed. */
  headers: Record<string, string>;
  /** `host`, or `:authority` over HTTP/2. */
  host: string;
  body: Buffer;
  httpVersion: '1.1' | '2';
  remoteAddress: string | undefined;
  requestId: string;
}

/** An answer handlers can send at once or stream, and cut short to simulate failures. */
export class EmuResponse {
  private closedByPeer = false;
  private finished = false;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    private readonly res: ServerResponse | Http2ServerResponse,
    readonly requestId: string,
  ) {
    res.on('close', () => {
      if (!this.finished) this.closedByPeer = true;
      for (const fn of this.closeListeners) fn();
    });
    res.on('finish', () => {
      this.finished = true;
    });
    // A write to a reset stream must not take the process down.
    res.on('error', () => undefined);
  }

  /** True once the client went away (abort, reset, socket closed) before the answer ended. */
  get closed(): boolean {
    if (this.closedByPeer || this.res.destroyed) return true;
    // The compat response reports a reset h2 stream late (or not at all); ask the stream itself.
    if ('stream' in this.res) return this.res.stream.closed || this.res.stream.destroyed;
    return this.res.socket?.destroyed ?? false;
  }

  get headersSent(): boolean {
    return this.res.headersSent;
  }

  onClose(fn: () => void): void {
    this.closeListeners.push(fn);
  }

  send(status: number, headers: Record<string, string>, body: string | Buffer = ''): void {
    if (this.closed || this.res.headersSent) return;
    const buf = typeof body === 'string' ? Buffer.from(body) : body;
    this.res.writeHead(status, { 'x-amzn-requestid': this.requestId, ...headers, 'content-length': String(buf.length) });
    this.res.end(buf);
  }

  start(status: number, headers: Record<string, string>): void {
    this.res.writeHead(status, { 'x-amzn-requestid': this.requestId, ...headers });
  }

  /** Writes a chunk, waiting for the peer when the buffer is full; false when the peer is gone. */
  async write(chunk: Uint8Array): Promise<boolean> {
    if (this.closed) return false;
    const res = this.res as ServerResponse;
    if (res.write(chunk)) return !this.closed;
    if (this.closed) return false;
    await new Promise<void>((resolve) => {
      // Poll as well: a peer reset does not always surface as 'close' on the response.
      const poll = setInterval(() => this.closed && done(), 25);
      const done = () => {
        clearInterval(poll);
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
    return !this.closed;
  }

  end(): void {
    if (!this.closed) this.res.end();
  }

  /**
   * Simulates a network failure mid-answer: an RST_STREAM on h2, a torn TCP connection on
   * HTTP/1.1. What was written before is flushed first, so the client sees exactly N deltas.
   */
  async drop(): Promise<void> {
    this.finished = true;
    if ('stream' in this.res) {
      const stream = this.res.stream;
      stream.close(h2.NGHTTP2_INTERNAL_ERROR);
      // Also end the session, as a real connection loss would.
      setTimeout(() => stream.session?.destroy(), 10).unref();
      return;
    }
    const socket = this.res.socket;
    if (!socket) return;
    // ServerResponse corks the socket until the next tick; wait for the bytes to leave.
    const deadline = Date.now() + 250;
    while ((socket.writableLength > 0 || socket.writableCorked > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    socket.destroy();
  }
}

const MAX_BODY = 32 * 1024 * 1024;

/** Reads the whole request body and normalises the request (both protocols). */
export async function readRequest(req: IncomingMessage | Http2ServerRequest, requestId: string): Promise<EmuRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const authority = req.headers[':authority'];
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath: q === -1 ? url : url.slice(0, q),
    query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
    headers,
    host: headers.host ?? (typeof authority === 'string' ? authority : ''),
    body: Buffer.concat(chunks),
    httpVersion: req.httpVersion === '2.0' ? '2' : '1.1',
    remoteAddress: req.socket?.remoteAddress,
    requestId,
  };
}

/** An AWS error the emulator answers with; the router renders it in the operation's protocol. */
export class EmuError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function parseJsonBody(req: EmuRequest): unknown {
  if (req.body.length === 0) return {};
  try {
    return JSON.parse(req.body.toString('utf8')) as unknown;
  } catch {
    throw new EmuError(400, 'SerializationException', 'Could not parse the request body as JSON.');
  }
}
