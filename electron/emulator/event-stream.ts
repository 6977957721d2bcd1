// application/vnd.amazon.eventstream framing for ConverseStream, via the same codec the SDK
// uses to decode it.
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

// Bedrock pads every event with a `p` field of varying length so payload sizes do not leak the
// token text; clients must ignore it, so we send it too.
const PAD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
let padTurn = 0;
function padding(): string {
  padTurn = (padTurn + 7) % PAD.length;
  return PAD.slice(0, padTurn + 1);
}

export function eventFrame(eventType: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(JSON.stringify({ ...payload, p: padding() })),
  });
}

/** A modeled exception inside the stream (e.g. `modelStreamErrorException`, `throttlingException`). */
export function exceptionFrame(exceptionType: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}
