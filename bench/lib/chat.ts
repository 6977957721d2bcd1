// Drives the Chat screen the way a user does: nav "Chat", the "Model" select, the "Message"
// field, Enter to send, and `[data-testid="assistant-message"]` with data-status streaming/done.
import type { Browser, Page } from '@playwright/test';
import { probeScript, type ProbeOptions } from './probe.ts';
import type { WebHost } from './host.ts';

export async function openApp(browser: Browser, host: Pick<WebHost, 'url'>, options: ProbeOptions): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(probeScript(options));
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(host.url);
  return page;
}

export async function openChat(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  const select = page.getByLabel('Model', { exact: true });
  await select.waitFor();
  // The app picks a model once the list arrives.
  await page.waitForFunction(() => {
    const el = document.querySelector('select[aria-label="Model"]') as HTMLSelectElement | null;
    return !!el && el.value !== '';
  });
}

/** Types the prompt, presses Enter, and waits until a new assistant message is done. */
export async function sendAndWait(page: Page, prompt: string, timeoutMs: number): Promise<void> {
  const before = await page.getByTestId('assistant-message').count();
  await page.getByLabel('Message', { exact: true }).fill(prompt);
  await page.getByLabel('Message', { exact: true }).press('Enter');
  await page.waitForFunction(
    (n) => {
      const all = document.querySelectorAll('[data-testid="assistant-message"]');
      return all.length > n && all[all.length - 1]!.getAttribute('data-status') !== 'streaming';
    },
    before,
    { timeout: timeoutMs, polling: 100 },
  );
  const status = await page.getByTestId('assistant-message').last().getAttribute('data-status');
  if (status !== 'done') throw new Error(`the answer ended with data-status=${status}`);
}

export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}
