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

/** The frame with one body byte flipped: its length and prelude are fine, its message CRC is not. */
export function corruptFrame(frame: Uint8Array): Uint8Array {
  const out = Uint8Array.from(frame);
  // Prelude (12 bytes) + headers come first; the byte before the 4-byte trailing CRC is body.
  const at = out.length - 5;
  out[at] = (out[at] as number) ^ 0xff;
  return out;
}

/** Bytes that are not a frame: a plausible total length, then noise (the prelude CRC fails). */
export function garbageFrame(length = 48): Uint8Array {
  const out = new Uint8Array(length);
  new DataView(out.buffer).setUint32(0, length, false);
  for (let i = 4; i < length; i++) out[i] = (i * 37 + 11) & 0xff;
  return out;
}
