// Transport: one loopback port for HTTP/1.1 and cleartext HTTP/2 (prior knowledge, which is what
// the SDK's NodeHttp2Handler speaks to an http:// endpoint). Each new connection is sniffed for
// the h2 preface and handed to the matching Node server.
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export type RequestHandler = (
  req: http.IncomingMessage | http2.Http2ServerRequest,
  res: http.ServerResponse | http2.Http2ServerResponse,
) => void;

export interface Transport {
  port: number;
  close(): Promise<void>;
}

const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n');

export async function listen(port: number, handler: RequestHandler, log: (line: string) => void): Promise<Transport> {
  const safe: RequestHandler = (req, res) => {
    try {
      handler(req, res);
    } catch (err) {
      log(`handler crashed: ${String(err)}`);
    }
  };
  const h1 = http.createServer({ keepAliveTimeout: 5_000 }, safe);
  const h2 = http2.createServer({}, safe);
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();

  h2.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', (err) => log(`h2 session error: ${err.message}`));
  });
  h2.on('sessionError', (err) => log(`h2 session error: ${err.message}`));
  h2.on('stream', (stream) => stream.on('error', () => undefined));
  h1.on('clientError', (_err, socket) => socket.destroy());

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (chunk: Buffer) => {
      // Put the bytes back so the chosen server parses the request from its first byte.
      socket.pause();
      socket.unshift(chunk);
      const n = Math.min(chunk.length, H2_PREFACE.length);
      const isH2 = chunk.subarray(0, n).equals(H2_PREFACE.subarray(0, n));
      if (isH2) {
        // Http2Session drains bytes already buffered on the socket before reading natively.
        h2.emit('connection', socket);
      } else {
        h1.emit('connection', socket);
        // pause() made the socket non-flowing, and a new 'data' listener does not undo that.
        socket.resume();
      }
    });
  });
  server.on('error', (err) => log(`server error: ${err.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        // Destroy rather than drain: tests must end promptly even with a stream in flight.
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        h1.close();
        h2.close();
        server.close(() => resolve());
      }),
  };
}
