// Attribution for figures that miss: a CPU profile (CDP Profiler) summarised by self time, and
// long-animation-frame script positions, both mapped through the renderer's source maps
// (vite builds with `sourcemap: true`) back to the file and function in renderer/ or node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { ROOT } from './host.ts';

const ASSETS = join(ROOT, 'dist', 'renderer', 'assets');
const consumers = new Map<string, SourceMapConsumer | null>();

function consumerFor(url: string): SourceMapConsumer | null {
  const file = url.split('?')[0]!.split('/').pop() ?? '';
  if (!consumers.has(file)) {
    const mapPath = join(ASSETS, `${file}.map`);
    consumers.set(file, existsSync(mapPath) ? new SourceMapConsumer(JSON.parse(readFileSync(mapPath, 'utf8')) as RawSourceMap) : null);
  }
  return consumers.get(file) ?? null;
}

/** `renderer/…/file.ts:line (name)` for a 0-based line and column in a built asset. */
export function original(url: string, line: number, column: number, fallbackName = ''): string {
  const consumer = consumerFor(url);
  if (!consumer) return `${url.split('/').pop() ?? url}:${line + 1}:${column + 1} ${fallbackName}`.trim();
  const pos = consumer.originalPositionFor({ line: line + 1, column });
  if (!pos.source) return `${url.split('/').pop()}:${line + 1}:${column + 1} ${fallbackName}`.trim();
  const source = pos.source.replace(/^(\.\.\/)+/, '');
  const where = source.includes('node_modules/') ? source.slice(source.lastIndexOf('node_modules/')) : relative(ROOT, join(ROOT, source)) || source;
  return `${where}:${pos.line}${pos.name ? ` (${pos.name})` : fallbackName ? ` (${fallbackName})` : ''}`;
}

/** A character offset in a built asset → its original position. */
export function originalAt(url: string, charPosition: number, fallbackName = ''): string {
  const file = join(ASSETS, url.split('?')[0]!.split('/').pop() ?? '');
  if (!existsSync(file) || charPosition < 0) return `${url} ${fallbackName}`.trim();
  const before = readFileSync(file, 'utf8').slice(0, charPosition);
  const line = before.split('\n').length - 1;
  const column = charPosition - (before.lastIndexOf('\n') + 1);
  return original(url, line, column, fallbackName);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Top functions by self time, ms, with their share of the profiled wall time. */
export function topSelfTime(profile: unknown, limit = 12): { where: string; selfMs: number; share: number }[] {
  const p = profile as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i]!);
    if (!node) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const key = url ? original(url, lineNumber, columnNumber, functionName) : `(${functionName || 'program'})`;
    // timeDeltas[i] is the time before sample i; attribute the interval after it to the sample.
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const total = (p.endTime - p.startTime) / 1000;
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, ms]) => ({ where, selfMs: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
}

/**
 * The longest stretch of samples under one JS entry point (the same child of the profile's root,
 * nothing idle in between): about the longest task the profile saw, with the functions that took
 * its time (inclusive, ms), so a long task can be traced to its code.
 */
export function longestTask(profile: unknown, limit = 12): { entry: string; ms: number; atMs: number; inclusive: { where: string; ms: number }[] } | null {
  const p = profile as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const rootId = p.nodes[0]?.id;
  const entryOf = (id: number): number | undefined => {
    let node: number | undefined = id;
    while (node !== undefined && parent.get(node) !== rootId) node = parent.get(node);
    return node;
  };
  let t = p.startTime;
  interface Stretch {
    entry: number;
    start: number;
    end: number;
    samples: number[];
  }
  let best: Stretch | null = null;
  let current: Stretch | null = null;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    const id = p.samples[i]!;
    const node = byId.get(id);
    const entry = node?.callFrame.url ? entryOf(id) : undefined;
    if (entry !== undefined && current && current.entry === entry) {
      current.end = t;
      current.samples.push(id);
      continue;
    }
    if (current && (!best || current.end - current.start > best.end - best.start)) best = current;
    current = entry !== undefined ? { entry, start: t, end: t, samples: [id] } : null;
  }
  if (current && (!best || current.end - current.start > best.end - best.start)) best = current;
  if (!best) return null;
  const name = (id: number) => {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    return url ? original(url, lineNumber, columnNumber, functionName) : `(${functionName || 'native'})`;
  };
  const perSample = (best.end - best.start) / 1000 / Math.max(1, best.samples.length - 1);
  const inclusive = new Map<string, number>();
  for (const id of best.samples) {
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined && node !== rootId; node = parent.get(node)) {
      const key = name(node);
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + perSample);
      seen.add(key);
    }
  }
  return {
    entry: name(best.entry),
    ms: Math.round((best.end - best.start) / 100) / 10,
    atMs: Math.round((best.start - p.startTime) / 1000),
    inclusive: [...inclusive.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([where, ms]) => ({ where, ms: Math.round(ms * 10) / 10 })),
  };
}
