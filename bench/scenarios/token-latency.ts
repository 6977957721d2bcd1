// Token latency: `chat:delta.at` (main got the delta from the SDK) → the frame that drew it,
// through the web host in Chromium. The answer is plain marker words (`w0x w1x …`) so each
// delta can be recognised in the rendered text, paced like a fast real model.
//
// The physical limit, measured in the same run: a delta can be drawn no earlier than by the
// first frame that starts after main has it, so its floor is that frame's end − `at`. Deltas
// arrive at every phase of the 60 Hz frame, so the floor alone is ~16 ms at p95.
import type { Emulator } from '../../electron/emulator/index.ts';
import type { BareBrowser } from '../lib/bare-browser.ts';
import { openApp, openChat, sendAndWait } from '../lib/chat.ts';
import type { WebHost } from '../lib/host.ts';
import { clockOffset, probe } from '../lib/probe.ts';
import { percentile } from '../lib/stats.ts';

export const LATENCY_TOKENS = 240;
export const LATENCY_TOKEN_DELAY_MS = 20;

export function markerText(tokens: number): string {
  return Array.from({ length: tokens }, (_, i) => `${i === 0 ? '' : i % 40 === 0 ? '\n\n' : ' '}w${i}x`).join('');
}

export interface LatencyRun {
  p50: number;
  p95: number;
  /** Same, from the delta reaching the page (WebSocket message) to its frame: the renderer's share. */
  pageP95: number;
  /** main → page transit (WebSocket), p95. */
  transitP95: number;
  deltas: number;
  unmatched: number;
  clockOffsetMs: number;
  clockRttMs: number;
  /** Share of deltas drawn by the first frame that started after main received them. */
  nextFrameShare: number;
  /** The floor (see the header), p95: what p95 would be if every delta were drawn by that frame. */
  floorP95: number;
  /** Frames that drew a delta: their start (rAF) → end of their rendering step, p95. */
  drawP95: number;
  /** False when the payloads carry no `at` (the contract field is not emitted yet). */
  hasAt: boolean;
}

export async function measureTokenLatency(browser: BareBrowser, emulator: Emulator, host: WebHost): Promise<LatencyRun> {
  emulator.setScript({ text: markerText(LATENCY_TOKENS), tokenDelayMs: LATENCY_TOKEN_DELAY_MS, firstTokenDelayMs: 50 });
  const page = await openApp(browser, host, { captureDeltas: true });
  try {
    await openChat(page);
    const clock = await clockOffset(page);
    await page.evaluate('window.__bench.sampling = true');
    await sendAndWait(page, 'Count for me.', 60_000);
    // Let two more frames land so the last delta has its sample.
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    const { deltas, frames } = await probe(page, (s) => ({ deltas: s.deltas, frames: s.frames }));
    const after = await clockOffset(page, 5);
    const offset = (clock.offsetMs + after.offsetMs) / 2;
    const hasAt = deltas.length > 0 && deltas.every((d) => d.at !== null);
    const total: number[] = [];
    const pageShare: number[] = [];
    const transit: number[] = [];
    const floor: number[] = [];
    const drawing = new Set<(typeof frames)[number]>();
    let unmatched = 0;
    let nextFrame = 0;
    let f = 0;
    for (const d of deltas) {
      if (d.token < 0) continue;
      // Frames are in time order and the shown marker only grows: the first frame showing it.
      while (f < frames.length && (frames[f]!.maxToken < d.token || frames[f]!.at < d.arrive)) f++;
      const shown = frames[f];
      if (!shown) {
        unmatched++;
        continue;
      }
      pageShare.push(shown.at - d.arrive);
      drawing.add(shown);
      if (d.at !== null) {
        total.push(shown.at - offset - d.at);
        transit.push(d.arrive - offset - d.at);
        const atPage = d.at + offset;
        const firstFrame = frames.findIndex((fr) => fr.rafAt >= atPage);
        if (firstFrame === f) nextFrame++;
        if (firstFrame >= 0) floor.push(frames[firstFrame]!.at - atPage);
      }
    }
    return {
      p50: hasAt ? percentile(total, 50) : NaN,
      p95: hasAt ? percentile(total, 95) : NaN,
      pageP95: percentile(pageShare, 95),
      transitP95: hasAt ? percentile(transit, 95) : NaN,
      nextFrameShare: total.length ? nextFrame / total.length : NaN,
      floorP95: hasAt ? percentile(floor, 95) : NaN,
      drawP95: percentile([...drawing].map((fr) => fr.at - fr.rafAt), 95),
      deltas: deltas.length,
      unmatched,
      clockOffsetMs: offset,
      clockRttMs: clock.rttMs,
      hasAt,
    };
  } finally {
    await page.close();
  }
}
