/**
 * Multiplicative noise factors, one per step: lognormal with mean 1 and standard deviation
 * `relativeSd`, so they are never negative and leave the expected requests unchanged.
 * Each factor takes exactly two draws from `rng` (Box–Muller), so step k's factor depends only
 * on the stream's state after k steps.
 */
export function noiseFactors(steps: number, relativeSd: number, rng: () => number): Float64Array {
  const factors = new Float64Array(steps);
  const sigma2 = Math.log(1 + relativeSd * relativeSd);
  const sigma = Math.sqrt(sigma2);
  const mu = -sigma2 / 2;
  for (let k = 0; k < steps; k++) {
    const u1 = 1 - rng(); // (0, 1]: log stays finite
    const u2 = rng();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    factors[k] = Math.exp(mu + sigma * z);
  }
  return factors;
}
