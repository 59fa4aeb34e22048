/** Latency figures computed from every response's own latency, not from a histogram's buckets. */
export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * The nearest-rank percentile of ascending values: the smallest value with at least `p` % of the values at or below
 * it (p99 of 1,000 values is the 990th). NaN for no values.
 *
 * @example
 * percentile([1, 2, 3, 4], 50); // 2
 */
export function percentile(ascending: ArrayLike<number>, p: number): number {
  if (ascending.length === 0) return Number.NaN;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: ${p} is not in (0, 100]`);
  const rank = Math.ceil((p / 100) * ascending.length);
  return ascending[Math.min(rank, ascending.length) - 1]!;
}

/**
 * p50, p99 and max of latencies in any order (milliseconds). autocannon's own histogram rounds to whole
 * milliseconds, too coarse for a 2 ms goal, so the bench keeps each response's exact latency and asks this instead.
 */
export function toLatencySummary(latenciesMs: ArrayLike<number>): LatencySummary {
  const ascending = Float64Array.from(latenciesMs).sort();
  return {
    count: ascending.length,
    p50Ms: percentile(ascending, 50),
    p99Ms: percentile(ascending, 99),
    maxMs: ascending.length ? ascending[ascending.length - 1]! : Number.NaN,
  };
}
