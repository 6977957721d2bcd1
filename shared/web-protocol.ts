// Wire shapes of the web host (HTTP for invokes, one WebSocket for events), shared by the
// server in electron/services/web-host.ts and the client in renderer/api/web-transport.ts.
import type { EventName, EventPayload, InvokeChannel } from './ipc';

/** Invokes: `POST {INVOKE_PATH}{channel}` with the JSON request; the body answers `Result<response>`. */
export const INVOKE_PATH = '/api/invoke/';
/** Events: one WebSocket per page. */
export const EVENTS_PATH = '/api/events';
/** Per-run secret: first page load carries `?token=`; the server then sets this HttpOnly cookie. */
export const TOKEN_QUERY = 'token';
export const TOKEN_COOKIE = 'bd_token';
/** Also accepted instead of the cookie (CLI, tests). */
export const TOKEN_HEADER = 'x-bedrock-desk-token';
/** Which WebSocket started a stream: its events go there, and closing it cancels them. */
export const CLIENT_HEADER = 'x-bedrock-desk-client';

/**
 * One WebSocket frame: every message main produced in one turn of its event loop, in order.
 * A burst of deltas costs one frame and one JSON.parse in the page instead of one each, and
 * nothing waits: the batch is flushed at the end of the same turn.
 */
export type ServerFrame = ServerMessage[];

export type ServerMessage =
  | { type: 'hello'; clientId: string }
  | { [E in EventName]: { type: 'event'; event: E; payload: EventPayload<E> } }[EventName];

export function invokeUrl(channel: InvokeChannel): string {
  return INVOKE_PATH + encodeURIComponent(channel);
}
