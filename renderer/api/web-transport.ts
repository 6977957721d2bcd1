// Transport over the web host: invokes are same-origin POSTs (the HttpOnly token cookie rides
// along), events arrive on one WebSocket. The server names this page's socket in its `hello`;
// invokes carry that id so stream events come back to this socket, so the first invoke waits for it.
import type { AppError, Result } from '../../shared/errors';
import type { EventName, EventPayload, InvokeChannel, RequestOf, ResponseOf, Transport } from '../../shared/ipc';
import { CLIENT_HEADER, EVENTS_PATH, TOKEN_QUERY, invokeUrl, type ServerFrame } from '../../shared/web-protocol';

const HELLO_TIMEOUT_MS = 8_000;
const BACKOFF_MS = [250, 500, 1_000, 2_000, 4_000, 8_000];

type Listener = (payload: never) => void;

function transportError(message: string): AppError {
  return {
    code: 'TransportError',
    message,
    hint: 'The connection to Bedrock Desk dropped. Check that the app is still running, then try again.',
    retryable: true,
  };
}

function eventsUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${EVENTS_PATH}`;
}

/** The launch URL carries the token once; the cookie holds it after that, so keep it out of history. */
function dropTokenFromAddressBar(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has(TOKEN_QUERY)) return;
  url.searchParams.delete(TOKEN_QUERY);
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

export function createWebTransport(): Transport {
  const listeners = new Map<EventName, Set<Listener>>();
  /** Streams started over the current socket; the server cancels them if it closes. */
  const openStreams = new Set<string>();
  let clientId: string | null = null;
  let waiters: Array<(id: string | null) => void> = [];
  let attempt = 0;

  function dispatch<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (event === 'chat:done' || event === 'chat:error') {
      openStreams.delete((payload as EventPayload<'chat:done'>).requestId);
    }
    for (const listener of listeners.get(event) ?? []) {
      try {
        (listener as (p: EventPayload<E>) => void)(payload);
      } catch (err) {
        console.error(`listener for ${event} failed`, err);
      }
    }
  }

  function settleWaiters(id: string | null): void {
    const pending = waiters;
    waiters = [];
    for (const resolve of pending) resolve(id);
  }

  function connect(): void {
    const socket = new WebSocket(eventsUrl());
    socket.onmessage = (message) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(message.data)) as ServerFrame;
      } catch {
        return;
      }
      if (!Array.isArray(frame)) return;
      for (const data of frame) {
        if (data.type === 'hello') {
          clientId = data.clientId;
          attempt = 0;
          settleWaiters(clientId);
        } else if (data.type === 'event') {
          dispatch(data.event, data.payload as never);
        }
      }
    };
    socket.onclose = () => {
      clientId = null;
      // The server aborts this socket's streams; tell their listeners instead of leaving them hanging.
      for (const requestId of [...openStreams]) {
        dispatch('chat:error', {
          requestId,
          cancelled: false,
          error: transportError('The connection dropped while the answer was streaming.'),
        });
      }
      openStreams.clear();
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 8_000;
      attempt += 1;
      setTimeout(connect, delay);
    };
  }

  function whenConnected(): Promise<string | null> {
    if (clientId) return Promise.resolve(clientId);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w !== done);
        resolve(null);
      }, HELLO_TIMEOUT_MS);
      const done = (id: string | null) => {
        clearTimeout(timer);
        resolve(id);
      };
      waiters.push(done);
    });
  }

  dropTokenFromAddressBar();
  connect();

  return {
    async invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      const id = await whenConnected();
      if (!id) return { ok: false, error: transportError('Could not reach Bedrock Desk (no event connection).') };
      const streamId = channel === 'chat:start' ? (request as RequestOf<'chat:start'>).requestId : null;
      if (streamId) openStreams.add(streamId);
      try {
        const response = await fetch(invokeUrl(channel), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CLIENT_HEADER]: id },
          body: JSON.stringify(request),
          credentials: 'same-origin',
        });
        if (!response.ok) {
          if (streamId) openStreams.delete(streamId);
          return { ok: false, error: transportError(`Bedrock Desk answered ${response.status} ${response.statusText}`.trim()) };
        }
        const result = (await response.json()) as Result<ResponseOf<C>>;
        if (streamId && !result.ok) openStreams.delete(streamId);
        return result;
      } catch (err) {
        if (streamId) openStreams.delete(streamId);
        return { ok: false, error: transportError(err instanceof Error ? err.message : 'Network error') };
      }
    },

    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener);
      return () => {
        set.delete(listener as Listener);
      };
    },
  };
}
