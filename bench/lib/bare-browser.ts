// Debian's Chromium, driven over the DevTools protocol with only the domains a step needs
// (Page, Runtime, Input; Profiler and HeapProfiler when asked) — never Network. Playwright enables
// Network on every page, and then Chromium reports each WebSocket frame to the driver: measured on
// this machine, 3,000 frames cost the browser process 260 ms and the renderer 210 ms more than in
// an undriven page, and the driver's own process (which hosts the emulator) parses every report.
// A streaming answer is thousands of frames, so the bench measures pages nothing instruments.
import CDP from 'chrome-remote-interface';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CHROMIUM_ARGS } from '../../playwright.config.ts';
import { onCleanup, tempDir } from './host.ts';

const VIEWPORT = { width: 1280, height: 800 };

export interface BarePage {
  /** Evaluates an expression (awaiting a promise result) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Polls `expression` once per animation frame until it is truthy. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  /** Clicks the first element matching `selector` (optionally: whose trimmed text is `text`). */
  click(selector: string, text?: string): Promise<void>;
  /** Focuses `selector`, selects its content and types `text` over it (input events, like a user). */
  fill(selector: string, text: string): Promise<void>;
  /** A key press (keydown + keyup) in the focused element: 'Enter', 'Backspace', ' ' or a letter. */
  press(key: string): Promise<void>;
  /** JS heap in use after a full garbage collection, MB. */
  heapUsedMb(): Promise<number>;
  /** The DevTools client of this page, e.g. for the Profiler. */
  cdp: CDP.Client;
  close(): Promise<void>;
}

export interface BareBrowser {
  version: string;
  /** A page in a fresh browser context (no cookies or storage shared), with `initScript` run before any page script. */
  open(url: string, initScript: string): Promise<BarePage>;
}

const KEYS: Record<string, { code: string; keyCode: number; text?: string }> = {
  Enter: { code: 'Enter', keyCode: 13, text: '\r' },
  Backspace: { code: 'Backspace', keyCode: 8 },
  ' ': { code: 'Space', keyCode: 32, text: ' ' },
};

function keyInfo(key: string): { code: string; keyCode: number; text?: string } {
  if (KEYS[key]) return KEYS[key];
  if (/^[a-z]$/i.test(key)) return { code: `Key${key.toUpperCase()}`, keyCode: key.toUpperCase().charCodeAt(0), text: key };
  if (/^[0-9]$/.test(key)) return { code: `Digit${key}`, keyCode: key.charCodeAt(0), text: key };
  throw new Error(`bare-browser: no key mapping for ${JSON.stringify(key)}`);
}

export async function launchBareBrowser(): Promise<BareBrowser> {
  const profile = await tempDir('bd-bench-chromium-');
  const child = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [
      ...CHROMIUM_ARGS,
      '--headless',
      // As Playwright launches it: a page in the background must not be throttled.
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      '--hide-scrollbars',
      `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  let stderr = '';
  const wsUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port in 30 s:\n${stderr}`)), 30_000);
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderr += line + '\n';
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited with ${code}:\n${stderr}`)));
  });
  const { port } = new URL(wsUrl);
  const browser = await CDP({ target: wsUrl, local: true });
  onCleanup(() => browser.close());
  const { product } = await browser.Browser.getVersion();

  return {
    version: product.replace(/^[^/]*\//, ''),
    async open(url, initScript) {
      const { browserContextId } = await browser.Target.createBrowserContext({});
      const { targetId } = await browser.Target.createTarget({ url: 'about:blank', browserContextId });
      const cdp = await CDP({ port: Number(port), target: targetId, local: true });
      const close = onCleanup(async () => {
        await cdp.close().catch(() => undefined);
        await browser.Target.disposeBrowserContext({ browserContextId }).catch(() => undefined);
      });
      await cdp.Page.enable();
      await cdp.Page.addScriptToEvaluateOnNewDocument({ source: initScript });
      const loaded = new Promise<void>((resolve) => cdp.on('Page.loadEventFired', () => resolve()));
      await cdp.Page.navigate({ url });
      await loaded;
      return barePage(cdp, close);
    },
  };
}

function barePage(cdp: CDP.Client, close: () => Promise<void>): BarePage {
  const evaluate = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = await cdp.Runtime.evaluate({ expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  };
  const target = (selector: string, text?: string) =>
    `[...document.querySelectorAll(${JSON.stringify(selector)})].find((el) => ${text === undefined ? 'true' : `el.textContent.trim() === ${JSON.stringify(text)}`})`;
  const press = async (key: string) => {
    const { code, keyCode, text } = keyInfo(key);
    const base = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
    await cdp.Input.dispatchKeyEvent({ type: text ? 'keyDown' : 'rawKeyDown', ...base, ...(text ? { text, unmodifiedText: text } : {}) });
    await cdp.Input.dispatchKeyEvent({ type: 'keyUp', ...base });
  };
  return {
    cdp,
    evaluate,
    async waitFor(expression, timeoutMs = 30_000) {
      const ok = await evaluate<boolean>(`new Promise((resolve) => {
        const until = performance.now() + ${timeoutMs};
        const check = () => {
          if (${expression}) resolve(true);
          else if (performance.now() > until) resolve(false);
          else requestAnimationFrame(check);
        };
        check();
      })`);
      if (!ok) throw new Error(`page: timed out after ${timeoutMs} ms waiting for ${expression}`);
    },
    async click(selector, text) {
      const found = await evaluate<boolean>(`(() => { const el = ${target(selector, text)}; if (!el) return false; el.click(); return true; })()`);
      if (!found) throw new Error(`page: nothing to click at ${selector}${text === undefined ? '' : ` "${text}"`}`);
    },
    async fill(selector, text) {
      const found = await evaluate<boolean>(`(() => { const el = ${target(selector)}; if (!el) return false; el.focus(); el.select?.(); return true; })()`);
      if (!found) throw new Error(`page: nothing to fill at ${selector}`);
      await cdp.Input.insertText({ text });
    },
    press,
    async heapUsedMb() {
      await cdp.HeapProfiler.collectGarbage();
      const { usedSize } = await cdp.Runtime.getHeapUsage();
      return usedSize / (1024 * 1024);
    },
    close,
  };
}
