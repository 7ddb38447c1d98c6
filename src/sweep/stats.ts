/**
 * Statistics over a candidate's seeds: few values (often 5 to 20), so nothing approximate. Each
 * skips the values that are not finite, as check/stats.ts's mean does.
 */

/**
 * Nearest-rank percentile of the finite values (q in (0, 1]): the smallest value with at least
 * q of the values at or below it. Over 5 seeds, p95 is the largest; over 20, the 19th.
 */
export function percentile(values: readonly number[], q: number): number {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * xs.length - 1e-9));
  return xs[Math.min(rank, xs.length) - 1];
}

export function minOf(values: readonly number[]): number {
  const xs = values.filter(Number.isFinite);
  return xs.length === 0 ? NaN : Math.min(...xs);
}

export function maxOf(values: readonly number[]): number {
  const xs = values.filter(Number.isFinite);
  return xs.length === 0 ? NaN : Math.max(...xs);
}
