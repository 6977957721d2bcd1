// The 50,000-token answer: wall time until it is fully drawn in the app (Enter → the frame that
// shows data-status="done", everything flushed before it) against the raw SDK consuming the same
// emulator stream in its own process; long tasks during the render; renderer heap afterwards.
import type { Browser, Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EMULATOR_CREDENTIALS, type Emulator } from '../../electron/emulator/index.ts';
import { closePage, openApp, openChat, sendAndWait } from '../lib/chat.ts';
import { ROOT, onCleanup, type WebHost } from '../lib/host.ts';
import { probe, type ProbeState } from '../lib/probe.ts';

export const LONG_TOKENS = 50_000;
export const LONG_PROMPT = 'Write a very long answer.';

export interface AppLongRun {
  wallMs: number;
  maxLongTaskMs: number;
  longTasks: number;
  heapMb: number;
  renderedChars: number;
  loafs: ProbeState['loafs'];
  invokeId: string;
  /** Main's own stream time (chat:done metrics.totalMs): request → last event, in the web host. */
  mainStreamMs: number | null;
  /** Enter → the page handled chat:done (after every delta before it). */
  doneHandledMs: number | null;
}

export async function heapUsedMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / (1024 * 1024);
  } finally {
    await cdp.detach();
  }
}

export async function measureAppLongAnswer(browser: Browser, emulator: Emulator, host: WebHost, opts: { cpuProfile?: boolean } = {}): Promise<AppLongRun & { profile?: unknown }> {
  emulator.setScript({ tokens: LONG_TOKENS, tokenDelayMs: 0 });
  const page = await openApp(browser, host, { captureDeltas: false });
  try {
    await openChat(page);
    const cdp = opts.cpuProfile ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const requestsBefore = emulator.requests.length;
    await sendAndWait(page, LONG_PROMPT, 180_000);
    await page.waitForFunction(() => (window as unknown as { __bench: ProbeState }).__bench.donePaintAt !== null);
    const profile = cdp ? ((await cdp.send('Profiler.stop')) as { profile: unknown }).profile : undefined;
    if (cdp) await cdp.detach();
    const s = await probe(page, (st) => ({ sendAt: st.sendAt, donePaintAt: st.donePaintAt, longTasks: st.longTasks, loafs: st.loafs, done: st.done }));
    if (s.sendAt === null || s.donePaintAt === null) throw new Error('no send or done time recorded');
    const during = s.longTasks.filter((t) => t.start >= s.sendAt! && t.start <= s.donePaintAt!);
    const renderedChars = await page.getByTestId('assistant-message').last().evaluate((el) => el.textContent?.length ?? 0);
    const stream = emulator.requests.slice(requestsBefore).find((r) => r.operation === 'ConverseStream');
    if (!stream || stream.deltasSent !== LONG_TOKENS) throw new Error(`the emulator sent ${stream?.deltasSent} deltas, expected ${LONG_TOKENS}`);
    return {
      wallMs: s.donePaintAt - s.sendAt,
      maxLongTaskMs: Math.max(0, ...during.map((t) => t.duration)),
      longTasks: during.length,
      heapMb: await heapUsedMb(page),
      renderedChars,
      loafs: s.loafs.filter((l) => l.start >= s.sendAt! && l.start <= s.donePaintAt!),
      invokeId: stream.modelId ?? '',
      mainStreamMs: s.done?.mainTotalMs ?? null,
      doneHandledMs: s.done ? s.done.arrive - s.sendAt : null,
      ...(profile ? { profile } : {}),
    };
  } finally {
    await closePage(page);
  }
}

export async function measureSdkLongAnswer(emulator: Emulator, modelId: string): Promise<{ ms: number; deltas: number; chars: number }> {
  emulator.setScript({ tokens: LONG_TOKENS, tokenDelayMs: 0 });
  const arg = JSON.stringify({ endpoint: emulator.url, modelId, prompt: LONG_PROMPT, ...EMULATOR_CREDENTIALS });
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'sdk-stream-child.ts'), arg], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = onCleanup(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  await stop();
  if (code !== 0) throw new Error(`SDK reference exited with ${code}: ${err}`);
  const result = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; deltas: number; chars: number };
  if (result.deltas !== LONG_TOKENS) throw new Error(`SDK reference read ${result.deltas} deltas, expected ${LONG_TOKENS}`);
  return result;
}
