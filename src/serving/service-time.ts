/**
 * Service-time shapes for the request-by-request model. The mean comes from each step (1/μ); the
 * shape is fixed per workload: exponential (M/M/c), or lognormal with a given p99 / mean ratio.
 */
import { HeadroomError } from '../errors.ts';

export interface ServiceTimeSpec {
  meanSec: number;
  /** exponential by default; lognormal with a given p99 in request mode */
  dist: 'exponential' | 'lognormal';
  p99Sec?: number;
}

/** z of the standard normal's 99th percentile */
const Z99 = 2.3263478740408408;

/**
 * The σ of ln(service time) for a lognormal with the given mean and p99: from
 * mean = e^(m + σ²/2) and p99 = e^(m + z·σ), σ²/2 − zσ + ln(p99/mean) = 0, and σ is the smaller
 * root. A lognormal can only have 1 < p99/mean <= e^(z²/2) ≈ 14.96; anything else is a scenario error.
 */
export function lognormalSigma(meanSec: number, p99Sec: number): number {
  const ratio = p99Sec / meanSec;
  const limit = Math.exp((Z99 * Z99) / 2);
  if (!(meanSec > 0) || !(ratio > 1) || !(ratio <= limit)) {
    throw new HeadroomError(
      'scenario',
      `a lognormal service time needs mean < p99 <= ${limit.toFixed(2)} × mean (got mean ${meanSec}s, p99 ${p99Sec}s)`,
      { path: 'serviceTime.p99' },
    );
  }
  const disc = Z99 * Z99 - 2 * Math.log(ratio);
  return Z99 - Math.sqrt(Math.max(0, disc));
}

/** σ for a scenario's service time: 0 for exponential. */
export function serviceShapeSigma(spec: ServiceTimeSpec | undefined): number {
  if (!spec || spec.dist === 'exponential') return 0;
  if (spec.p99Sec === undefined) {
    throw new HeadroomError('scenario', 'a lognormal service time needs a p99', { path: 'serviceTime.p99' });
  }
  return lognormalSigma(spec.meanSec, spec.p99Sec);
}
