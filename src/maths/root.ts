/**
 * Root finding for the latency quantiles: solve F(t) = target for a continuous nondecreasing F on a
 * bracket [lo, hi] with F(lo) <= target <= F(hi).
 *
 * Illinois false position: superlinear on the smooth CDFs we solve, and it keeps the bracket, so
 * it cannot wander off where a Newton step would. A bisection step is forced whenever the
 * bracket stops shrinking fast enough, which bounds the work on flat or kinked stretches.
 */
export function solveIncreasing(
  f: (t: number) => number,
  target: number,
  lo: number,
  hi: number,
  relTol = 1e-12,
): number {
  let a = lo;
  let b = hi;
  let fa = f(a) - target;
  let fb = f(b) - target;
  if (fa >= 0) return a;
  if (fb <= 0) return b;
  let side = 0;
  let lastWidth = b - a;
  for (let iter = 0; iter < 200; iter++) {
    const width = b - a;
    if (width <= relTol * Math.abs(b) || width <= Number.MIN_VALUE) break;
    let t: number;
    if (width > 0.5 * lastWidth && iter > 1) {
      // false position is crawling from one side: bisect instead
      t = a + 0.5 * width;
      side = 0;
    } else {
      t = (a * fb - b * fa) / (fb - fa);
      if (!(t > a && t < b)) t = a + 0.5 * width;
    }
    lastWidth = width;
    const ft = f(t) - target;
    if (ft === 0) return t;
    if (ft < 0) {
      a = t;
      fa = ft;
      if (side === -1) fb *= 0.5;
      side = -1;
    } else {
      b = t;
      fb = ft;
      if (side === 1) fa *= 0.5;
      side = 1;
    }
  }
  // the point of the bracket whose value is nearer the target
  return -fa < fb ? a : b;
}
