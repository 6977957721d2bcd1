// Small statistics helpers: every figure in results.json is a Stat over several runs.

export interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One figure per run → {median, min, max, runs}, rounded for reading. */
export function stat(perRun: number[], digits = 2): Stat | null {
  const values = perRun.filter((v) => Number.isFinite(v));
  if (values.length === 0) return null;
  return { median: round(median(values), digits), min: round(Math.min(...values), digits), max: round(Math.max(...values), digits), runs: values.length };
}

/** Wall clock with sub-ms precision, comparable across processes on this machine (epoch ms). */
export const epochNow = (): number => performance.timeOrigin + performance.now();
