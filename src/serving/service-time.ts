/**
 * Service-time laws as a scenario gives them. The mean comes from each step (1/μ); the shape is
 * fixed per workload: exponential (M/M/c), lognormal (by its mean or median, and its p99), gamma
 * (Erlang when the shape is whole), deterministic, or empirical (a measured histogram or
 * quantiles, its CDF linear between the points).
 */
import { HeadroomError } from '../errors.ts';
import { piecewiseScv } from '../maths/piecewise.ts';

export { piecewiseMoment } from '../maths/piecewise.ts';

export type ServiceTimeDist = 'exponential' | 'lognormal' | 'gamma' | 'deterministic' | 'empirical';

export interface ServiceTimeSpec {
  meanSec: number;
  dist: ServiceTimeDist;
  /** lognormal: the 99th percentile */
  p99Sec?: number;
  /** lognormal given by its median (and p99) rather than its mean */
  medianSec?: number;
  /** gamma: the shape k (SCV 1/k; Erlang-k when whole) */
  shape?: number;
  /** empirical: (seconds, cumulative share) ascending, the last share 1 */
  points?: [number, number][];
  /** empirical: the file it was read from */
  source?: string;
}

/** z of the standard normal's 99th percentile */
export const Z99 = 2.3263478740408408;

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

/** σ for a scenario's service time: 0 unless lognormal. */
export function serviceShapeSigma(spec: ServiceTimeSpec | undefined): number {
  if (!spec || spec.dist !== 'lognormal') return 0;
  if (spec.p99Sec === undefined) {
    throw new HeadroomError('scenario', 'a lognormal service time needs a p99', { path: 'serviceTime.p99' });
  }
  if (spec.medianSec !== undefined) return Math.log(spec.p99Sec / spec.medianSec) / Z99;
  return lognormalSigma(spec.meanSec, spec.p99Sec);
}

/** The squared coefficient of variation of a scenario's service time (1 for the exponential). */
export function serviceTimeScv(spec: ServiceTimeSpec | undefined): number {
  if (!spec) return 1;
  switch (spec.dist) {
    case 'exponential':
      return 1;
    case 'lognormal':
      return Math.expm1(serviceShapeSigma(spec) ** 2);
    case 'gamma':
      return 1 / (spec.shape as number);
    case 'deterministic':
      return 0;
    case 'empirical':
      return piecewiseScv(spec.points ?? []);
  }
}
