// Model browser over 1,000 models (the emulator's buildLargeCatalog(1000), everything listed with
// "Include filtered out"): per keystroke in "Search models", keydown → the frame that drew the
// last list change it caused (the list renders from a deferred value, so that may be a later
// frame than the one showing the typed character). Measured in the page by the probe.
import type { Browser, Page } from '@playwright/test';
import { openApp } from '../lib/chat.ts';
import type { WebHost } from '../lib/host.ts';
import { probe } from '../lib/probe.ts';
import { percentile } from '../lib/stats.ts';

const QUERY = 'synthetic 12';

export interface FilterRun {
  p95: number;
  p50: number;
  max: number;
  keystrokes: number;
  /** Keystrokes whose list actually changed. */
  changed: number;
  /** p95 over the keystrokes that changed the list. */
  changedP95: number;
  rows: number;
}

async function typeMeasured(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForFunction(() => !(window as unknown as { __bench: { keyPending: boolean } }).__bench.keyPending, null, { polling: 'raf', timeout: 10_000 });
}

export async function openModelsWithAll(browser: Browser, host: WebHost): Promise<{ page: Page; rows: number }> {
  const page = await openApp(browser, host, { captureDeltas: false });
  await page.getByRole('button', { name: 'Models', exact: true }).click();
  await page.getByTestId('model-row').first().waitFor();
  await page.getByLabel('Include filtered out').check();
  await page.waitForFunction(() => /of 1,?000$/.test(document.querySelector('[data-testid="models-count"]')?.textContent ?? ''));
  const rows = Number((await page.getByTestId('models-count').innerText()).replace(/,/g, '').split(' of ')[1]);
  return { page, rows };
}

export async function measureFilter(browser: Browser, host: WebHost): Promise<FilterRun> {
  const { page, rows } = await openModelsWithAll(browser, host);
  try {
    const search = page.getByLabel('Search models');
    // Search alone, then search within a provider filter; typing narrows, Backspace widens again.
    for (const provider of ['', 'anthropic']) {
      await page.getByLabel('Provider').selectOption(provider);
      await search.click();
      for (const ch of QUERY) await typeMeasured(page, ch === ' ' ? 'Space' : ch);
      for (let i = 0; i < QUERY.length; i++) await typeMeasured(page, 'Backspace');
    }
    const keys = await probe(page, (s) => s.keys);
    const latencies = keys.map((k) => k.end - k.start).filter((v) => v > 0);
    if (latencies.length !== keys.length) throw new Error(`${keys.length - latencies.length} keystrokes had no frame`);
    return { p95: percentile(latencies, 95), p50: percentile(latencies, 50), max: Math.max(...latencies), keystrokes: keys.length, changed: keys.filter((k) => k.mutated).length, changedP95: percentile(keys.filter((k) => k.mutated).map((k) => k.end - k.start), 95), rows };
  } finally {
    await page.context().close();
  }
}
