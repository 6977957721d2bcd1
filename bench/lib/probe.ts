// What the bench installs in the page (before any of its scripts) — no app code changes. Times are page
// epoch ms (performance.timeOrigin + performance.now()); the harness maps them to its own clock
// with the offset measured by `clockOffset`.
//
// "Painted" means: the main thread finished the rendering step of a frame that shows the change.
// A rAF loop posts a MessageChannel message at the start of every frame; that task runs right after
// the frame's rendering (style, layout, paint records). Our rAF callback is registered a frame
// ahead, so it runs before any callback the app schedules (e.g. its per-frame delta flush), and
// a DOM read in the posted task sees exactly what that frame drew.
import type { BarePage } from './bare-browser.ts';
import { epochNow } from './stats.ts';

export interface ProbeOptions {
  /** Wrap WebSocket to record every chat:delta's `at`, seq and text as it reaches the page. */
  captureDeltas: boolean;
}

export interface DeltaArrival {
  seq: number;
  /** `chat:delta.at` (main's clock), null when the payload has none. */
  at: number | null;
  /** The bench's marker number carried by the delta's text (`w<N>x`), -1 if none. */
  token: number;
  /** When the WebSocket message reached the page (before the app's handler ran). */
  arrive: number;
}

export interface FrameSample {
  /** Post-frame time. */
  at: number;
  /** The frame's rAF callback time (its start). */
  rafAt: number;
  /** Highest `w<N>x` marker shown by the last assistant message. */
  maxToken: number;
  textLength: number;
}

export interface KeySample {
  key: string;
  /** keydown event time (includes any input queueing delay). */
  start: number;
  /** When the app's `input` handling (React's sync render and commit) had finished. */
  handled: number;
  /** Post-frame time of the frame that drew the last change caused by the key. */
  end: number;
  /** That frame's start (its rAF time): end − endFrameStart is the frame's rendering work. */
  endFrameStart: number;
  /** The last DOM change in the Models screen the key caused (0 if none). */
  lastMutation: number;
  mutated: boolean;
}

export interface LoafScript {
  invoker: string;
  sourceURL: string;
  sourceFunctionName: string;
  sourceCharPosition: number;
  duration: number;
}

export interface ProbeState {
  longTasks: { start: number; duration: number }[];
  loafs: { start: number; duration: number; blockingDuration: number; scriptMs: number; styleLayoutMs: number; renderMs: number; scripts: LoafScript[] }[];
  /** chat:done as it reached the page: main's own stream time (`metrics.totalMs`). */
  done: { arrive: number; mainTotalMs: number | null } | null;
  fcp: number | null;
  deltas: DeltaArrival[];
  frames: FrameSample[];
  sampling: boolean;
  /** Enter keydown in the Message field. */
  sendAt: number | null;
  /** An assistant message turned data-status="done", and the frame that drew it. */
  doneMutationAt: number | null;
  donePaintAt: number | null;
  keys: KeySample[];
  keyPending: boolean;
}

/** Runs in the page before any of its scripts. Self-contained: Playwright ships its source. */
export function installProbe(options: ProbeOptions): void {
  const now = () => performance.timeOrigin + performance.now();
  const state: ProbeState = {
    longTasks: [],
    loafs: [],
    fcp: null,
    deltas: [],
    frames: [],
    sampling: false,
    sendAt: null,
    doneMutationAt: null,
    donePaintAt: null,
    done: null,
    keys: [],
    keyPending: false,
  };
  (window as unknown as { __bench: ProbeState }).__bench = state;

  const observe = (type: string, fn: (entries: PerformanceEntry[]) => void) => {
    try {
      new PerformanceObserver((list) => fn(list.getEntries())).observe({ type, buffered: true });
    } catch {
      // entry type not supported by this browser
    }
  };
  observe('longtask', (entries) => {
    for (const e of entries) state.longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
  });
  observe('long-animation-frame', (entries) => {
    for (const e of entries) {
      const loaf = e as PerformanceEntry & { blockingDuration: number; renderStart: number; styleAndLayoutStart: number; scripts: (LoafScript & { duration: number })[] };
      if (loaf.duration < 50) continue;
      const end = loaf.startTime + loaf.duration;
      state.loafs.push({
        start: performance.timeOrigin + loaf.startTime,
        duration: loaf.duration,
        blockingDuration: loaf.blockingDuration,
        scriptMs: loaf.scripts.reduce((sum, s) => sum + s.duration, 0),
        // rAF callbacks + style/layout + paint, and the style/layout part alone.
        renderMs: loaf.renderStart > 0 ? end - loaf.renderStart : 0,
        styleLayoutMs: loaf.styleAndLayoutStart > 0 ? end - loaf.styleAndLayoutStart : 0,
        scripts: [...loaf.scripts]
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 3)
          .map((s) => ({ invoker: s.invoker, sourceURL: s.sourceURL, sourceFunctionName: s.sourceFunctionName, sourceCharPosition: s.sourceCharPosition, duration: s.duration })),
      });
    }
  });
  observe('paint', (entries) => {
    for (const e of entries) if (e.name === 'first-contentful-paint') state.fcp = performance.timeOrigin + e.startTime;
  });

  {
    const Native = window.WebSocket;
    class ProbedWebSocket extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        // Added before the app sets onmessage, so it runs first: the arrival time excludes the app's work.
        this.addEventListener('message', (event: MessageEvent) => {
          const arrive = now();
          if (typeof event.data !== 'string') return;
          // A frame is an array of messages (shared/web-protocol.ts ServerFrame); it is only
          // parsed when it holds chat:done, or deltas while they are captured.
          const wantsDone = state.done === null && event.data.includes('"chat:done"');
          const wantsDeltas = options.captureDeltas && event.data.includes('"chat:delta"');
          if (!wantsDone && !wantsDeltas) return;
          const frame = JSON.parse(event.data) as { type?: string; event?: string; payload?: { seq: number; at?: number; text: string; metrics?: { totalMs?: number } } }[];
          for (const message of frame) {
            if (wantsDone && message.event === 'chat:done') state.done = { arrive, mainTotalMs: message.payload?.metrics?.totalMs ?? null };
            if (!wantsDeltas || message.event !== 'chat:delta' || !message.payload) continue;
            const marker = /w(\d+)x/.exec(message.payload.text);
            state.deltas.push({ seq: message.payload.seq, at: typeof message.payload.at === 'number' ? message.payload.at : null, token: marker ? Number(marker[1]) : -1, arrive });
          }
        });
      }
    }
    window.WebSocket = ProbedWebSocket;
  }

  let lastMutation = 0;
  let mutationsSinceKey = false;
  let keyQuietFrames = 0;
  const lastAssistant = () => {
    const all = document.querySelectorAll('[data-testid="assistant-message"]');
    return all[all.length - 1];
  };

  let rafAt = 0;
  const afterFrame = () => {
    const t = now();
    if (state.sampling) {
      const text = lastAssistant()?.textContent ?? '';
      let maxToken = -1;
      for (const m of text.slice(-600).matchAll(/w(\d+)x/g)) maxToken = Math.max(maxToken, Number(m[1]));
      state.frames.push({ at: t, rafAt, maxToken, textLength: text.length });
    }
    if (state.doneMutationAt !== null && state.donePaintAt === null) state.donePaintAt = t;
    const key = state.keys[state.keys.length - 1];
    if (state.keyPending && key) {
      if (mutationsSinceKey && lastMutation <= t && lastMutation >= key.start) {
        // This frame drew a change; keep waiting in case a deferred render follows.
        key.end = t;
        key.endFrameStart = rafAt;
        key.lastMutation = lastMutation;
        key.mutated = true;
        mutationsSinceKey = false;
        keyQuietFrames = 0;
      } else {
        // Nothing changed yet: the frame that drew the keystroke itself (once it was handled).
        if (key.end === 0 && key.handled > 0 && rafAt >= key.handled) {
          key.end = t;
          key.endFrameStart = rafAt;
        }
        keyQuietFrames += 1;
        if (keyQuietFrames >= 6) state.keyPending = false;
      }
    }
  };
  const channel = new MessageChannel();
  channel.port1.onmessage = afterFrame;
  const frame = () => {
    rafAt = now();
    requestAnimationFrame(frame);
    channel.port2.postMessage(null);
  };
  requestAnimationFrame(frame);

  document.addEventListener(
    'keydown',
    (event) => {
      const target = event.target as HTMLElement | null;
      const label = target?.getAttribute('aria-label');
      const start = performance.timeOrigin + event.timeStamp;
      if (label === 'Message' && event.key === 'Enter') state.sendAt = start;
      if (label === 'Search models') {
        state.keys.push({ key: event.key, start, handled: 0, end: 0, endFrameStart: 0, lastMutation: 0, mutated: false });
        state.keyPending = true;
        mutationsSinceKey = false;
        keyQuietFrames = 0;
      }
    },
    true,
  );

  // Bubbling, on window: runs after React's root listener has rendered and committed the change.
  window.addEventListener('input', (event) => {
    const key = state.keys[state.keys.length - 1];
    if (state.keyPending && key && (event.target as HTMLElement | null)?.getAttribute('aria-label') === 'Search models') key.handled = now();
  });

  const watch = () => {
    new MutationObserver((records) => {
      const t = now();
      for (const r of records) {
        const target = (r.target.nodeType === 1 ? r.target : r.target.parentElement) as Element | null;
        if (!target) continue;
        if (r.type === 'attributes' && r.attributeName === 'data-status' && target.getAttribute('data-testid') === 'assistant-message' && target.getAttribute('data-status') === 'done') {
          state.doneMutationAt ??= t;
        }
        if (state.keyPending && target.closest('[data-testid="models-screen"]') && !target.closest('[data-testid="discovery-status"]')) {
          lastMutation = t;
          mutationsSinceKey = true;
        }
      }
    }).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-status', 'class', 'style', 'data-model-id'] });
  };
  if (document.documentElement) watch();
  else document.addEventListener('DOMContentLoaded', watch, { once: true });
}

/**
 * The init script's source. tsx compiles with esbuild's keepNames, which wraps functions in a
 * `__name` helper the page does not have; a no-op one is defined first.
 */
export function probeScript(options: ProbeOptions): string {
  return `var __name = globalThis.__name || ((f) => f); (${installProbe.toString()})(${JSON.stringify(options)});`;
}

export function probe<T>(page: BarePage, pick: (state: ProbeState) => T): Promise<T> {
  return page.evaluate<T>(`(${pick.toString()})(window.__bench)`);
}

/**
 * page clock − harness clock, ms. Round trips through page.evaluate; the sample with the shortest
 * round trip wins, its page reading compared with the midpoint of the trip.
 */
export async function clockOffset(page: BarePage, samples = 15): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Infinity };
  for (let i = 0; i < samples; i++) {
    const t0 = epochNow();
    const pageNow = await page.evaluate<number>('performance.timeOrigin + performance.now()');
    const t1 = epochNow();
    if (t1 - t0 < best.rttMs) best = { offsetMs: pageNow - (t0 + t1) / 2, rttMs: t1 - t0 };
  }
  return best;
}
