// Startup: spawn of the web host process → first contentful paint of its page in Chromium
// (the browser is already running, as a user's would be). FCP is mapped to this process's clock.
import type { Emulator } from '../../electron/emulator/index.ts';
import type { BareBrowser } from '../lib/bare-browser.ts';
import { openApp } from '../lib/chat.ts';
import { startWebHost } from '../lib/host.ts';
import { clockOffset, probe } from '../lib/probe.ts';

export interface StartupRun {
  startupMs: number;
  /** Spawn → the host printed its URL. */
  hostReadyMs: number;
  /** Page navigation start → FCP. */
  pageFcpMs: number;
}

export async function measureStartup(browser: BareBrowser, emulator: Emulator): Promise<StartupRun> {
  const host = await startWebHost(emulator);
  try {
    const page = await openApp(browser, host, { captureDeltas: false });
    try {
      await page.waitFor('window.__bench.fcp !== null', 20_000);
      const fcp = (await probe(page, (s) => s.fcp)) as number;
      const nav = await page.evaluate<number>('performance.timeOrigin');
      const { offsetMs } = await clockOffset(page);
      return { startupMs: fcp - offsetMs - host.spawnedAt, hostReadyMs: host.readyAt - host.spawnedAt, pageFcpMs: fcp - nav };
    } finally {
      await page.close();
    }
  } finally {
    await host.stop();
  }
}
