/** Timing helpers for `npm run bench`: medians of repeated runs, never asserted in tests. */
import { performance } from 'node:perf_hooks';

/** Median wall time in ms of `runs` calls of fn (after one warm-up call). */
export function medianMs(fn: () => unknown, runs = 7): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
