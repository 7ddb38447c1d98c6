/**
 * A piecewise-linear CDF through points (value ascending, cumulative share ascending to 1): each
 * segment's share spread evenly over it, as a histogram's requests are taken to spread over each
 * bucket. Its moments, and its inverse for sampling.
 */
export type CdfPoints = readonly (readonly [number, number])[];

/**
 * E[Xⁿ]: each segment adds share·(b^(n+1) − a^(n+1)) / ((n + 1)(b − a)); a share already at the
 * first point (an atom) adds share·x₀ⁿ.
 */
export function piecewiseMoment(points: CdfPoints, n: number): number {
  let m = points.length > 0 ? points[0][1] * points[0][0] ** n : 0;
  for (let i = 1; i < points.length; i++) {
    const [a, fa] = points[i - 1];
    const [b, fb] = points[i];
    const share = fb - fa;
    if (!(share > 0)) continue;
    m += b > a ? (share * (b ** (n + 1) - a ** (n + 1))) / ((n + 1) * (b - a)) : share * b ** n;
  }
  return m;
}

/** Squared coefficient of variation, Var / mean². */
export function piecewiseScv(points: CdfPoints): number {
  const mean = piecewiseMoment(points, 1);
  return piecewiseMoment(points, 2) / (mean * mean) - 1;
}

/** The value at cumulative share u in [0, 1), from flat arrays of the points. */
export function piecewiseInverse(x: Float64Array, f: Float64Array, u: number): number {
  if (u <= f[0]) return x[0];
  let lo = 0;
  let hi = f.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (f[mid] <= u) lo = mid;
    else hi = mid;
  }
  const span = f[hi] - f[lo];
  return span > 0 ? x[lo] + ((u - f[lo]) / span) * (x[hi] - x[lo]) : x[hi];
}
