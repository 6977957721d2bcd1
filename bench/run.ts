// `npm run bench`: the app against the wire, side by side in one run. Every figure is a median of
// several runs (with min and max); ratios are app ÷ reference measured in the same run. Writes
// bench/results.json (+ bench/results.md, the table) and prints the table and the missed goals.
// Not part of `npm test`: benchmarks are not tests.
//   --quick     fewer runs (a smoke check of the harness, not figures to quote)
//   --profile   always take a CPU profile of one 50,000-token render (otherwise only when it misses)
import '../bin/quiet-sdk-notice.mjs';
import { cpus, loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildLargeCatalog, startEmulator, type Emulator } from '../electron/emulator/index.ts';
import { launchBareBrowser, type BareBrowser } from './lib/bare-browser.ts';
import { ROOT, cleanupAll, onCleanup, startWebHost, type WebHost } from './lib/host.ts';
import { longestTask, originalAt, topSelfTime } from './lib/profile.ts';
import { stat, type Stat } from './lib/stats.ts';
import { measureConversationsHeap, writeConversations, OPENED_CONVERSATIONS, STORED_CONVERSATIONS } from './scenarios/conversations.ts';
import { measureDiscovery, type DiscoveryRun } from './scenarios/discovery.ts';
import { measureFilter, type FilterRun } from './scenarios/filter.ts';
import { LONG_TOKENS, LONG_TOKENS_PER_SECOND, measureAppLongAnswer, measureSdkLongAnswer, type AppLongRun } from './scenarios/long-answer.ts';
import { measureStartup, type StartupRun } from './scenarios/startup.ts';
import { LATENCY_TOKENS, LATENCY_TOKEN_DELAY_MS, measureTokenLatency, type LatencyRun } from './scenarios/token-latency.ts';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const RUNS = {
  discovery: QUICK ? 2 : 5,
  startup: QUICK ? 2 : 5,
  latency: QUICK ? 1 : 3,
  long: QUICK ? 1 : 3,
  conversations: QUICK ? 1 : 3,
  filter: QUICK ? 1 : 3,
};
const WATCHDOG_MS = 10 * 60_000;
const FRAME_MS = 1000 / 60;

interface Goal {
  key: string;
  label: string;
  test: (value: number) => boolean;
  text: string;
}
const GOALS: Goal[] = [
  { key: 'tokenLatencyP95Ms', label: 'token latency p95', test: (v) => v <= FRAME_MS, text: '≤ 16.7 ms (one frame)' },
  { key: 'streamOverheadRatio', label: 'stream overhead', test: (v) => v <= 1.05, text: '≤ 1.05' },
  { key: 'maxLongTaskMs', label: 'max long task', test: (v) => v <= 50, text: '≤ 50 ms' },
  { key: 'cachedDiscoveryMs', label: 'cached discovery', test: (v) => v < 5, text: '< 5 ms' },
  { key: 'filterP95Ms', label: 'filter p95', test: (v) => v < 16, text: '< 16 ms' },
];

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function repeat<T>(name: string, runs: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out.push(await fn(i));
    log(`${name} ${i + 1}/${runs} (${Math.round(performance.now() - t0)} ms)`);
  }
  return out;
}

/** Runs a section; a failure becomes a null figure with the reason instead of ending the bench. */
async function section<T>(name: string, reasons: Record<string, string>, keys: string[], fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    log(`${name} failed: ${message}`);
    for (const key of keys) reasons[key] ??= `${name} failed: ${message}`;
    return undefined;
  }
}

async function emulatorFor(catalog?: ReturnType<typeof buildLargeCatalog>): Promise<Emulator> {
  const emulator = await startEmulator({ port: 0, ...(catalog ? { catalog } : {}) });
  onCleanup(() => emulator.close());
  return emulator;
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  const results: Record<string, unknown> = {};
  const reasons: Record<string, string> = {};
  const details: Record<string, unknown> = {};

  const largeEmulator = await emulatorFor(buildLargeCatalog(1000));
  const emulator = await emulatorFor();

  // Discovery: services in this process, against the 1,000-model catalog.
  const discovery = await section('discovery', reasons, ['cachedDiscoveryMs', 'coldDiscoveryRatio'], () => repeat('discovery', RUNS.discovery, () => measureDiscovery(largeEmulator)));
  if (discovery) {
    results.cachedDiscoveryMs = stat(discovery.map((r) => r.cachedMs), 3);
    results.coldDiscoveryRatio = stat(discovery.map((r) => r.coldAppMs / r.coldSdkMs), 3);
    details.discovery = {
      models: discovery[0]!.models,
      coldAppMs: stat(discovery.map((r) => r.coldAppMs)),
      coldSdkMs: stat(discovery.map((r) => r.coldSdkMs)),
      cachedWithCredentialsMs: stat(discovery.map((r) => r.cachedWithCredentialsMs)),
      memoryMs: stat(discovery.map((r) => r.memoryMs), 3),
      cachedRequests: [...new Set(discovery.flatMap((r: DiscoveryRun) => r.cachedRequests))],
    };
  }

  const browser: BareBrowser = await launchBareBrowser();

  const startup = await section('startup', reasons, ['startupMs'], () => repeat('startup', RUNS.startup, () => measureStartup(browser, emulator)));
  if (startup) {
    results.startupMs = stat(startup.map((r: StartupRun) => r.startupMs), 1);
    details.startup = { hostReadyMs: stat(startup.map((r) => r.hostReadyMs), 1), pageFcpMs: stat(startup.map((r) => r.pageFcpMs), 1) };
  }

  const host: WebHost = await startWebHost(emulator);

  const latency = await section('token latency', reasons, ['tokenLatencyP50Ms', 'tokenLatencyP95Ms'], () => repeat('token latency', RUNS.latency, () => measureTokenLatency(browser, emulator, host)));
  if (latency) {
    const hasAt = latency.every((r: LatencyRun) => r.hasAt);
    if (hasAt) {
      results.tokenLatencyP50Ms = stat(latency.map((r) => r.p50));
      results.tokenLatencyP95Ms = stat(latency.map((r) => r.p95));
      // The physical limit in the same run (see scenarios/token-latency.ts).
      results.tokenLatencyFloorP95Ms = stat(latency.map((r) => r.floorP95));
    } else {
      results.tokenLatencyP50Ms = results.tokenLatencyP95Ms = null;
      reasons.tokenLatencyP95Ms = reasons.tokenLatencyP50Ms = 'chat:delta payloads carry no `at` (main does not stamp them yet)';
    }
    details.tokenLatency = {
      tokens: LATENCY_TOKENS,
      tokenDelayMs: LATENCY_TOKEN_DELAY_MS,
      pageArrivalToPaintP95Ms: stat(latency.map((r) => r.pageP95)),
      frameDrawP95Ms: stat(latency.map((r) => r.drawP95)),
      mainToPageTransitP95Ms: hasAt ? stat(latency.map((r) => r.transitP95)) : null,
      drawnByNextFrameShare: hasAt ? stat(latency.map((r) => r.nextFrameShare), 3) : null,
      deltasPerRun: latency.map((r) => r.deltas),
      unmatchedDeltas: latency.reduce((n, r) => n + r.unmatched, 0),
      clockOffsetMs: latency.map((r) => Math.round(r.clockOffsetMs * 1000) / 1000),
      clockRttMs: stat(latency.map((r) => r.clockRttMs), 3),
    };
  }
  results.electronTokenLatencyP95Ms = null;
  reasons.electronTokenLatencyP95Ms = existsSync(join(ROOT, 'node_modules', 'electron', 'dist'))
    ? 'an Electron binary exists but the Electron IPC path is not measured by this harness yet'
    : 'no Electron binary on this machine (node_modules/electron/dist is absent: its installer downloads from outside the npm registry)';

  // 50,000 tokens: one untimed warm-up, then app and SDK runs interleaved, at the paced rate (the
  // goal figure) and unpaced (CPU-bound; see scenarios/long-answer.ts).
  const long = await section('long answer', reasons, ['streamOverheadRatio', 'maxLongTaskMs', 'rendererHeapMb'], async () => {
    const warm = await measureAppLongAnswer(browser, emulator, host, { tokensPerSecond: 0 });
    log(`long answer warm-up done (app ${Math.round(warm.wallMs)} ms)`);
    const app: AppLongRun[] = [];
    const sdk: number[] = [];
    const unpacedApp: AppLongRun[] = [];
    const unpacedSdk: number[] = [];
    for (let i = 0; i < RUNS.long; i++) {
      app.push(await measureAppLongAnswer(browser, emulator, host, { tokensPerSecond: LONG_TOKENS_PER_SECOND }));
      sdk.push((await measureSdkLongAnswer(emulator, warm.invokeId, LONG_TOKENS_PER_SECOND)).ms);
      log(`long answer ${i + 1}/${RUNS.long} at ${LONG_TOKENS_PER_SECOND}/s: app ${Math.round(app[i]!.wallMs)} ms, SDK ${Math.round(sdk[i]!)} ms, max long task ${Math.round(app[i]!.maxLongTaskMs)} ms`);
      unpacedApp.push(await measureAppLongAnswer(browser, emulator, host, { tokensPerSecond: 0 }));
      unpacedSdk.push((await measureSdkLongAnswer(emulator, warm.invokeId, 0)).ms);
      log(`long answer ${i + 1}/${RUNS.long} unpaced: app ${Math.round(unpacedApp[i]!.wallMs)} ms, SDK ${Math.round(unpacedSdk[i]!)} ms, max long task ${Math.round(unpacedApp[i]!.maxLongTaskMs)} ms`);
    }
    return { app, sdk, unpacedApp, unpacedSdk, invokeId: warm.invokeId };
  });
  if (long) {
    results.streamOverheadRatio = stat(long.app.map((r, i) => r.wallMs / long.sdk[i]!), 3);
    results.streamOverheadRatioUnpaced = stat(long.unpacedApp.map((r, i) => r.wallMs / long.unpacedSdk[i]!), 3);
    // The goal figure is the paced render's, like the ratio. Unpaced, main, emulator and browser
    // want more than the 2 cores, and a task the scheduler preempts counts the time it waited: its
    // long tasks are reported beside it (details.longAnswer.unpaced), with their source.
    results.maxLongTaskMs = stat(long.app.map((r) => r.maxLongTaskMs), 1);
    const all = [...long.app, ...long.unpacedApp];
    details.longAnswer = {
      tokens: LONG_TOKENS,
      tokensPerSecond: LONG_TOKENS_PER_SECOND,
      appWallMs: stat(long.app.map((r) => r.wallMs), 0),
      sdkWallMs: stat(long.sdk, 0),
      mainStreamMs: stat(long.app.map((r) => r.mainStreamMs ?? NaN), 0),
      doneHandledInPageMs: stat(long.app.map((r) => r.doneHandledMs ?? NaN), 0),
      unpaced: {
        appWallMs: stat(long.unpacedApp.map((r) => r.wallMs), 0),
        sdkWallMs: stat(long.unpacedSdk, 0),
        mainStreamMs: stat(long.unpacedApp.map((r) => r.mainStreamMs ?? NaN), 0),
        maxLongTaskMs: stat(long.unpacedApp.map((r) => r.maxLongTaskMs), 1),
      },
      framesOver50Ms: {
        count: all.map((r) => r.loafs.length),
        scriptMs: stat(all.flatMap((r) => r.loafs.map((l) => l.scriptMs)), 0),
        styleLayoutMs: stat(all.flatMap((r) => r.loafs.map((l) => l.styleLayoutMs)), 0),
        renderMs: stat(all.flatMap((r) => r.loafs.map((l) => l.renderMs)), 0),
      },
      longTasksPerRun: all.map((r) => r.longTasks),
      renderedChars: all.map((r) => r.renderedChars),
      worstFrames: all
        .flatMap((r) => r.loafs)
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 5)
        .map((l) => ({
          durationMs: Math.round(l.duration),
          scriptMs: Math.round(l.scriptMs),
          styleLayoutMs: Math.round(l.styleLayoutMs),
          blockingMs: Math.round(l.blockingDuration),
          scripts: l.scripts.map((s) => ({ ms: Math.round(s.duration), invoker: s.invoker, at: originalAt(s.sourceURL, s.sourceCharPosition, s.sourceFunctionName) })),
        })),
    };
    const heapAfterLong = stat(all.map((r) => r.heapMb), 1);
    results.rendererHeapMb = { afterLongAnswer: heapAfterLong, afterConversations: null };
    const missed = (results.streamOverheadRatio as Stat).median > 1.05 || (results.maxLongTaskMs as Stat).median > 50;
    if (missed || args.has('--profile')) {
      const profiled = await section('profile', reasons, [], async () => measureAppLongAnswer(browser, emulator, host, { tokensPerSecond: LONG_TOKENS_PER_SECOND, cpuProfile: true }));
      if (profiled?.profile) {
        await mkdir(join(ROOT, 'bench', 'profiles'), { recursive: true });
        await writeFile(join(ROOT, 'bench', 'profiles', 'long-answer.cpuprofile'), JSON.stringify(profiled.profile));
        details.longAnswerProfile = { file: 'bench/profiles/long-answer.cpuprofile', wallMs: Math.round(profiled.wallMs), topSelfTime: topSelfTime(profiled.profile), longestTask: longestTask(profiled.profile) };
      }
    }
  }

  const conversations = await section('conversations', reasons, ['rendererHeapMb.afterConversations', 'conversationListMs'], async () => {
    await writeConversations(host, long?.invokeId ?? 'anthropic.claude-3-haiku-20240307-v1:0');
    return repeat('conversations', RUNS.conversations, () => measureConversationsHeap(browser, host));
  });
  const heap = (results.rendererHeapMb ??= { afterLongAnswer: null, afterConversations: null }) as Record<string, Stat | null>;
  if (conversations) {
    heap.afterConversations = stat(conversations.map((r) => r.heapMb), 1);
    results.conversationListMs = stat(conversations.map((r) => r.listMs), 1);
    details.conversations = { stored: STORED_CONVERSATIONS, opened: OPENED_CONVERSATIONS, listed: conversations[0]!.listed, meanOpenMs: stat(conversations.map((r) => r.meanOpenMs), 1) };
  }
  await host.stop();

  const filterHost = await startWebHost(largeEmulator);
  const filter = await section('filter', reasons, ['filterP95Ms'], () => repeat('filter', RUNS.filter, () => measureFilter(browser, filterHost)));
  if (filter) {
    results.filterP95Ms = stat(filter.map((r: FilterRun) => r.p95), 1);
    results.filterInputToPaintP95Ms = stat(filter.map((r) => r.inputToPaintP95), 1);
    details.filter = {
      rows: filter[0]!.rows,
      keystrokesPerRun: filter[0]!.keystrokes,
      changedPerRun: filter.map((r) => r.changed),
      p50Ms: stat(filter.map((r) => r.p50), 1),
      maxMs: stat(filter.map((r) => r.max), 1),
    };
  }
  await filterHost.stop();

  results.machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, chromium: browser.version, platform: `${process.platform} ${process.arch}`,
    // Other work on the machine inflates every figure; ratios (same run, side by side) suffer least.
    loadAverage1m: { start: Math.round(loadAtStart * 100) / 100, end: Math.round(loadavg()[0]! * 100) / 100 } };
  const missedGoals = GOALS.filter((g) => {
    const value = results[g.key] as Stat | null | undefined;
    return value && !g.test(value.median);
  }).map((g) => `${g.key}: ${(results[g.key] as Stat).median} (goal ${g.text})`);
  const output = { ...results, goalsMissed: missedGoals, nullReasons: reasons, details, runs: RUNS, quick: QUICK, generatedAt: new Date().toISOString(), benchSeconds: Math.round((performance.now() - started) / 1000) };
  const table = renderTable(results, reasons);
  await writeFile(join(ROOT, 'bench', 'results.json'), JSON.stringify(output, null, 2) + '\n');
  await writeFile(join(ROOT, 'bench', 'results.md'), table + '\n');
  process.stdout.write(`\n${table}\n\n`);
  process.stdout.write(missedGoals.length ? `Goals missed:\n${missedGoals.map((m) => `  - ${m}`).join('\n')}\n` : 'Every goal met.\n');
  if (Object.keys(reasons).length) process.stdout.write(`Not measured:\n${Object.entries(reasons).map(([k, v]) => `  - ${k}: ${v}`).join('\n')}\n`);
  process.stdout.write(`Wrote bench/results.json (${output.benchSeconds} s).\n`);
}

function renderTable(results: Record<string, unknown>, reasons: Record<string, string>): string {
  const goalFor = (key: string) => GOALS.find((g) => g.key === key);
  const rows: string[][] = [];
  const add = (key: string, label: string, value: Stat | null | undefined, unit: string) => {
    const goal = goalFor(key);
    const fmt = (n: number) => `${n}${unit}`;
    rows.push([
      label,
      value ? fmt(value.median) : 'n/a',
      value ? `${fmt(value.min)} – ${fmt(value.max)}` : '',
      value ? String(value.runs) : '',
      goal ? goal.text : '',
      goal && value ? (goal.test(value.median) ? 'ok' : 'MISSED') : value ? '' : (reasons[key] ?? '').slice(0, 60),
    ]);
  };
  add('tokenLatencyP50Ms', 'tokenLatencyP50Ms', results.tokenLatencyP50Ms as Stat | null, ' ms');
  add('tokenLatencyP95Ms', 'tokenLatencyP95Ms', results.tokenLatencyP95Ms as Stat | null, ' ms');
  add('tokenLatencyFloorP95Ms', 'tokenLatencyFloorP95Ms (next frame, same run)', results.tokenLatencyFloorP95Ms as Stat | null, ' ms');
  add('electronTokenLatencyP95Ms', 'electronTokenLatencyP95Ms', null, '');
  add('streamOverheadRatio', `streamOverheadRatio (${LONG_TOKENS_PER_SECOND.toLocaleString('en-US')} tokens/s)`, results.streamOverheadRatio as Stat | null, '×');
  add('streamOverheadRatioUnpaced', 'streamOverheadRatioUnpaced (CPU-bound)', results.streamOverheadRatioUnpaced as Stat | null, '×');
  add('maxLongTaskMs', 'maxLongTaskMs', results.maxLongTaskMs as Stat | null, ' ms');
  add('cachedDiscoveryMs', 'cachedDiscoveryMs', results.cachedDiscoveryMs as Stat | null, ' ms');
  add('coldDiscoveryRatio', 'coldDiscoveryRatio', results.coldDiscoveryRatio as Stat | null, '×');
  add('filterP95Ms', 'filterP95Ms (work per keystroke)', results.filterP95Ms as Stat | null, ' ms');
  add('filterInputToPaintP95Ms', 'filterInputToPaintP95Ms (incl. frame wait)', results.filterInputToPaintP95Ms as Stat | null, ' ms');
  add('startupMs', 'startupMs', results.startupMs as Stat | null, ' ms');
  add('conversationListMs', `conversationListMs (${STORED_CONVERSATIONS} stored)`, results.conversationListMs as Stat | null, ' ms');
  const heap = (results.rendererHeapMb ?? {}) as Record<string, Stat | null>;
  add('rendererHeapMb.afterLongAnswer', 'rendererHeapMb (after 50k tokens)', heap.afterLongAnswer, ' MB');
  add('rendererHeapMb.afterConversations', `rendererHeapMb (after ${OPENED_CONVERSATIONS} conversations)`, heap.afterConversations, ' MB');
  const header = ['figure', 'median', 'min – max', 'runs', 'goal', ''];
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  const m = results.machine as { cpu: string; cores: number; node: string; chromium: string } | undefined;
  if (m) lines.push('', `Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, Chromium ${m.chromium}; 1-min load average ${(m as unknown as { loadAverage1m: { start: number; end: number } }).loadAverage1m.start} → ${(m as unknown as { loadAverage1m: { start: number; end: number } }).loadAverage1m.end}.`);
  return lines.join('\n');
}

const watchdog = setTimeout(() => {
  log(`watchdog: the bench ran past ${WATCHDOG_MS / 60_000} min; stopping`);
  void cleanupAll().finally(() => process.exit(2));
}, WATCHDOG_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanupAll().finally(() => process.exit(130)));
}

try {
  await main();
  clearTimeout(watchdog);
  await cleanupAll();
  process.exit(0);
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await cleanupAll();
  process.exit(1);
}
