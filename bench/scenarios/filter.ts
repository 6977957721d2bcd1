// Model browser over 1,000 models (the emulator's buildLargeCatalog(1000), everything listed with
// "Include filtered out"): typing queries into "Search models" and erasing them, alone and within
// a provider filter. Measured in the page by the probe, per keystroke:
// - work (`filterP95Ms`): keydown → the app's input handling done (React renders and commits the
//   filtered list synchronously) + the rendering step of the frame that drew the result (style,
//   layout, paint). What the page spends on a keystroke; under 16 ms, typing drops no frame.
// - input → paint: keydown → the end of that frame, which adds the wait for the next 60 Hz frame.
//   Keys are pressed at random phases of the frame, so that wait is spread over 0–16.7 ms as a
//   typist's would be.
import type { BareBrowser, BarePage } from '../lib/bare-browser.ts';
import { openApp, openScreen } from '../lib/chat.ts';
import type { WebHost } from '../lib/host.ts';
import { probe } from '../lib/probe.ts';
import { percentile } from '../lib/stats.ts';

/** Each query narrows the list on most keystrokes; Backspace widens it again. */
const QUERIES = ['meta 4', 'synthetic 12', 'cohere 9', '707'];
const FRAME_MS = 1000 / 60;

export interface FilterRun {
  p95: number;
  p50: number;
  max: number;
  /** keydown → the end of the frame that drew the change, p95 (includes the frame wait). */
  inputToPaintP95: number;
  keystrokes: number;
  /** Keystrokes whose list actually changed. */
  changed: number;
  rows: number;
}

async function typeMeasured(page: BarePage, key: string): Promise<void> {
  await page.evaluate(`new Promise((r) => setTimeout(r, ${(Math.random() * FRAME_MS).toFixed(1)}))`);
  await page.press(key);
  await page.waitFor('!window.__bench.keyPending', 10_000);
}

async function openModelsWithAll(browser: BareBrowser, host: WebHost): Promise<{ page: BarePage; rows: number }> {
  const page = await openApp(browser, host, { captureDeltas: false });
  const count = `document.querySelector('[data-testid="models-count"]')?.textContent ?? ''`;
  await openScreen(page, 'models');
  await page.waitFor(`document.querySelector('[data-testid="model-row"]')`);
  await page.click('label', 'Include filtered out');
  await page.waitFor(`/of 1,?000$/.test(${count})`);
  const rows = Number((await page.evaluate<string>(count)).replace(/,/g, '').split(' of ')[1]);
  return { page, rows };
}

async function selectProvider(page: BarePage, provider: string): Promise<void> {
  // A <select> takes its value and a change event, as a pick from its list does.
  await page.evaluate(`(() => {
    const select = document.querySelector('select[aria-label="Provider"]');
    select.value = ${JSON.stringify(provider)};
    select.dispatchEvent(new Event('change', { bubbles: true }));
  })()`);
}

export async function measureFilter(browser: BareBrowser, host: WebHost): Promise<FilterRun> {
  const { page, rows } = await openModelsWithAll(browser, host);
  try {
    for (const provider of ['', 'meta']) {
      await selectProvider(page, provider);
      await page.fill('[aria-label="Search models"]', '');
      for (const query of QUERIES) {
        for (const ch of query) await typeMeasured(page, ch);
        for (let i = 0; i < query.length; i++) await typeMeasured(page, 'Backspace');
      }
    }
    const keys = await probe(page, (s) => s.keys);
    const unfinished = keys.filter((k) => k.end === 0 || k.handled === 0);
    if (unfinished.length > 0) throw new Error(`${unfinished.length} of ${keys.length} keystrokes were never handled or drawn`);
    const work = keys.map((k) => Math.max(k.handled, k.lastMutation) - k.start + (k.end - k.endFrameStart));
    const inputToPaint = keys.map((k) => k.end - k.start);
    return {
      p95: percentile(work, 95),
      p50: percentile(work, 50),
      max: Math.max(...work),
      inputToPaintP95: percentile(inputToPaint, 95),
      keystrokes: keys.length,
      changed: keys.filter((k) => k.mutated).length,
      rows,
    };
  } finally {
    await page.close();
  }
}
