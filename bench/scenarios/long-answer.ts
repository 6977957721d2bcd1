// The 50,000-token answer: wall time until it is fully drawn in the app (Enter → the frame that
// shows data-status="done", everything flushed before it) against the raw SDK consuming the same
// emulator stream in its own process; long tasks during the render; renderer heap afterwards.
//
// Two paces. At LONG_TOKENS_PER_SECOND (10,000/s: 20–50× the fastest Bedrock models, 5 s for the
// answer) the wire sets the time, as it does for a user, and the ratio shows whether the app
// keeps up with it: that is `streamOverheadRatio`. Unpaced, the emulator writes as fast as this
// machine can encode and the reference is CPU-bound on both cores, so the app's ratio there is
// the CPU a browser and a renderer cost next to the SDK: reported beside it, not the goal figure.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { EMULATOR_CREDENTIALS, type Emulator } from '../../electron/emulator/index.ts';
import type { BareBrowser } from '../lib/bare-browser.ts';
import { openApp, openChat, sendAndWait } from '../lib/chat.ts';
import { ROOT, onCleanup, type WebHost } from '../lib/host.ts';
import { probe, type ProbeState } from '../lib/probe.ts';

export const LONG_TOKENS = 50_000;
export const LONG_TOKENS_PER_SECOND = 10_000;
export const LONG_PROMPT = 'Write a very long answer.';

/** The emulator script of a 50,000-token answer; `tokensPerSecond` 0 = unpaced. */
function longScript(tokensPerSecond: number) {
  return tokensPerSecond > 0 ? { tokens: LONG_TOKENS, tokensPerSecond, firstTokenDelayMs: 0 } : { tokens: LONG_TOKENS, tokenDelayMs: 0 };
}

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

export async function measureAppLongAnswer(
  browser: BareBrowser,
  emulator: Emulator,
  host: WebHost,
  opts: { tokensPerSecond: number; cpuProfile?: boolean },
): Promise<AppLongRun & { profile?: unknown }> {
  emulator.setScript(longScript(opts.tokensPerSecond));
  const page = await openApp(browser, host, { captureDeltas: false });
  try {
    await openChat(page);
    if (opts.cpuProfile) {
      await page.cdp.Profiler.enable();
      await page.cdp.Profiler.setSamplingInterval({ interval: 200 });
      await page.cdp.Profiler.start();
    }
    const requestsBefore = emulator.requests.length;
    await sendAndWait(page, LONG_PROMPT, 180_000);
    await page.waitFor('window.__bench.donePaintAt !== null');
    const profile = opts.cpuProfile ? (await page.cdp.Profiler.stop()).profile : undefined;
    const s = await probe(page, (st) => ({ sendAt: st.sendAt, donePaintAt: st.donePaintAt, longTasks: st.longTasks, loafs: st.loafs, done: st.done }));
    if (s.sendAt === null || s.donePaintAt === null) throw new Error('no send or done time recorded');
    const during = s.longTasks.filter((t) => t.start >= s.sendAt! && t.start <= s.donePaintAt!);
    const renderedChars = await page.evaluate<number>(`[...document.querySelectorAll('[data-testid="assistant-message"]')].at(-1).textContent.length`);
    const stream = emulator.requests.slice(requestsBefore).find((r) => r.operation === 'ConverseStream');
    if (!stream || stream.deltasSent !== LONG_TOKENS) throw new Error(`the emulator sent ${stream?.deltasSent} deltas, expected ${LONG_TOKENS}`);
    return {
      wallMs: s.donePaintAt - s.sendAt,
      maxLongTaskMs: Math.max(0, ...during.map((t) => t.duration)),
      longTasks: during.length,
      heapMb: await page.heapUsedMb(),
      renderedChars,
      loafs: s.loafs.filter((l) => l.start >= s.sendAt! && l.start <= s.donePaintAt!),
      invokeId: stream.modelId ?? '',
      mainStreamMs: s.done?.mainTotalMs ?? null,
      doneHandledMs: s.done ? s.done.arrive - s.sendAt : null,
      ...(profile ? { profile } : {}),
    };
  } finally {
    await page.close();
  }
}

export async function measureSdkLongAnswer(emulator: Emulator, modelId: string, tokensPerSecond: number): Promise<{ ms: number; deltas: number; chars: number }> {
  // The child's warm-up stream is a short one; the timed one gets the real script.
  emulator.setScript({ tokens: 200, tokenDelayMs: 0 });
  const arg = JSON.stringify({ endpoint: emulator.url, modelId, prompt: LONG_PROMPT, ...EMULATOR_CREDENTIALS });
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'sdk-stream-child.ts'), arg], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const stop = onCleanup(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    if (line === 'ready') {
      emulator.setScript(longScript(tokensPerSecond));
      child.stdin.write('go\n');
    }
  });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    // 'close', not 'exit': the last stdout line has been read by then.
    child.once('close', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  await stop();
  if (code !== 0) throw new Error(`SDK reference exited with ${code}: ${err}`);
  const result = JSON.parse(lines.at(-1) ?? '{}') as { ms: number; deltas: number; chars: number };
  if (result.deltas !== LONG_TOKENS) throw new Error(`SDK reference read ${result.deltas} deltas, expected ${LONG_TOKENS}`);
  return result;
}
