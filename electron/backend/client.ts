// A client is one window (Electron) or one WebSocket (web host): stream events go back to the
// client that started the stream, and closing it aborts them.
import type { EventName, EventPayload } from '../../shared/ipc.ts';

export interface EventSink {
  send<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export interface ClientHandle extends EventSink {
  readonly id: string;
  /** Request ids of the chat streams this client started and that are still open. */
  readonly streams: Set<string>;
}

export function createClient(id: string, sink: EventSink): ClientHandle {
  return { id, streams: new Set(), send: (event, payload) => sink.send(event, payload) };
}
