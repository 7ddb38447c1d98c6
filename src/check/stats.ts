/** The little statistics a seeded comparison (and a sweep's candidates) need: over few values, exact. */

/** Mean of the finite values; NaN when there are none (a run that lacks a number does not count). */
export function mean(values: readonly number[]): number {
  const xs = values.filter(Number.isFinite);
  if (xs.length === 0) return NaN;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Sample standard deviation (n - 1) of the finite values; 0 for fewer than two. */
export function sampleStdDev(values: readonly number[]): number {
  const xs = values.filter(Number.isFinite);
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/** How many standard errors of seed noise the allowance is widened by. */
export const NOISE_STANDARD_ERRORS = 2;

/**
 * The widening for comparing a mean over `nowCount` seeds with a mean over the baseline's seeds:
 * two standard errors of the difference of the two means, taking the baseline's seed-to-seed
 * spread as the spread of both. Zero with a single baseline seed (no spread is known).
 */
export function noiseAllowance(baselineSamples: readonly number[], nowCount: number): number {
  if (baselineSamples.length < 2 || nowCount < 1) return 0;
  const sd = sampleStdDev(baselineSamples);
  return NOISE_STANDARD_ERRORS * sd * Math.sqrt(1 / baselineSamples.length + 1 / nowCount);
}
