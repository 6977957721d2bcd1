// The real Electron app, driven through Playwright's _electron where a binary exists. Here the
// binary cannot be downloaded, so the suite reports itself skipped with the reason.
import { _electron as electron, test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

function electronBinary(): { path?: string; reason?: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    if (existsSync(path)) return { path };
    return { reason: `electron binary not found at ${path}` };
  } catch (error) {
    return { reason: `electron binary not installed: ${(error as Error).message.split('\n')[0]}` };
  }
}

const binary = electronBinary();
if (!binary.path) console.log(`[e2e] skipping the _electron suite: ${binary.reason}`);

test.describe('Electron shell', () => {
  test.skip(!binary.path, `electron binary missing: ${binary.reason}`);

  test('hardened window serves the renderer and blocks navigation and new windows', async () => {
    const app = await electron.launch({ executablePath: binary.path, args: [ROOT, '--sandbox'], env: { ...process.env, ELECTRON_DISABLE_SECURITY_WARNINGS: '1' } });
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('credential-indicator')).toContainText('Sandbox');
      // Node is unreachable from the page (nodeIntegration off, sandboxed, isolated context);
      // only the verb-shaped bridge is there.
      const exposure = await page.evaluate(() => {
        const g = globalThis as unknown as Record<string, unknown> & { bedrockDesk?: { models?: { list?: unknown } } };
        return { require: typeof g.require, process: typeof g.process, api: typeof g.bedrockDesk?.models?.list, ipc: typeof g.ipcRenderer };
      });
      expect(exposure).toEqual({ require: 'undefined', process: 'undefined', api: 'function', ipc: 'undefined' });
      const before = page.url();
      await page.evaluate(() => { (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'; });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(before);
      expect(await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/'))).toBeNull();
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
