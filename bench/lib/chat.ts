// Drives the app the way a user does, in a bare page (bare-browser.ts): the nav buttons, the
// "Model" select, the "Message" field, Enter to send, and `[data-testid="assistant-message"]`
// with data-status streaming/done.
import type { BareBrowser, BarePage } from './bare-browser.ts';
import { probeScript, type ProbeOptions } from './probe.ts';
import type { WebHost } from './host.ts';

export function openApp(browser: BareBrowser, host: Pick<WebHost, 'url'>, options: ProbeOptions): Promise<BarePage> {
  return browser.open(host.url, probeScript(options));
}

export async function openScreen(page: BarePage, screen: 'chat' | 'models' | 'config' | 'connection'): Promise<void> {
  await page.waitFor(`document.querySelector('[data-testid="nav-${screen}"]')`);
  await page.click(`[data-testid="nav-${screen}"]`);
}

export async function openChat(page: BarePage): Promise<void> {
  await openScreen(page, 'chat');
  // The app picks a model once the list arrives.
  await page.waitFor(`document.querySelector('select[aria-label="Model"]')?.value`);
}

/** Types the prompt, presses Enter, and waits until a new assistant message is done. */
export async function sendAndWait(page: BarePage, prompt: string, timeoutMs: number): Promise<void> {
  const messages = `document.querySelectorAll('[data-testid="assistant-message"]')`;
  const before = await page.evaluate<number>(`${messages}.length`);
  await page.fill('[aria-label="Message"]', prompt);
  await page.press('Enter');
  await page.waitFor(`(() => { const all = ${messages}; return all.length > ${before} && all[all.length - 1].getAttribute('data-status') !== 'streaming'; })()`, timeoutMs);
  const status = await page.evaluate<string | null>(`(() => { const all = ${messages}; return all[all.length - 1].getAttribute('data-status'); })()`);
  if (status !== 'done') throw new Error(`the answer ended with data-status=${status}`);
}
