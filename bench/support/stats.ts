/**
 * Small statistics and timing helpers. The benchmark reports medians because a 2-core
 * machine shared with other work produces outliers in both directions, and a median of a
 * few runs is stable where a mean is not.
 */

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export function now(): number {
  return performance.now();
}

/** Runs `body` and returns how long it took in milliseconds, together with its result. */
export async function timed<T>(body: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = now();
  const value = await body();
  return { ms: now() - start, value };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

/** Rounds for display and for the JSON file: more digits than this would only be noise. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A one-line description of the spread, so a reader can tell a stable median from a lucky one. */
export function spread(summary: Summary, unit = "ms"): string {
  return `n=${summary.runs}, min ${round(summary.min)} ${unit}, max ${round(summary.max)} ${unit}`;
}
