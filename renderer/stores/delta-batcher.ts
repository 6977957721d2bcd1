// Coalesces chat deltas so the store changes about once per animation frame, however many
// tokens arrive in between. Done/error flush first so no text is lost behind the final state.
//
// Latency: a delta that arrives when nothing was applied for a frame's time is applied at once
// (in a microtask, so the deltas of one socket message still go together); its text is then in
// the DOM before the next frame starts, and that frame only has to draw it. Deltas that follow
// quickly wait for the next animation frame, so a fast stream still costs one update per frame.
import type { EventPayload } from '../../shared/ipc';
import type { DeltaBatch } from './chat-store';

const FRAME_MS = 1000 / 60;

export interface DeltaBatcher {
  push(delta: EventPayload<'chat:delta'>): void;
  /** Apply everything pending now (before a stream's done/error). */
  flush(): void;
}

export function createDeltaBatcher(apply: (batches: ReadonlyMap<string, DeltaBatch>) => void): DeltaBatcher {
  let pending = new Map<string, DeltaBatch>();
  const lastSeq = new Map<string, number>();
  let scheduled = false;
  /** When the store last changed (performance.now()); -Infinity before the first time. */
  let lastApplied = -Infinity;

  function flush(): void {
    scheduled = false;
    if (pending.size === 0) return;
    const batches = pending;
    pending = new Map();
    lastApplied = performance.now();
    apply(batches);
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // A hidden window gets no animation frames; a timer keeps the text arriving anyway.
    if (document.hidden) setTimeout(flush, 50);
    else if (performance.now() - lastApplied >= FRAME_MS) queueMicrotask(flush);
    else requestAnimationFrame(flush);
  }

  return {
    push(delta) {
      // Ignore a replayed or duplicated delta (seq only grows within one stream).
      const previous = lastSeq.get(delta.requestId);
      if (previous !== undefined && delta.seq <= previous) return;
      lastSeq.set(delta.requestId, delta.seq);
      let batch = pending.get(delta.requestId);
      if (!batch) pending.set(delta.requestId, (batch = { text: '', reasoning: '' }));
      if (delta.kind === 'reasoning') batch.reasoning += delta.text;
      else batch.text += delta.text;
      schedule();
    },
    flush() {
      flush();
    },
  };
}
