/**
 * Service times for the request-by-request model, drawn from a scenario's law with mean 1/μ.
 * The exponential takes one uniform (inversion), the lognormal normals by Box–Muller (two per
 * pair of draws), the gamma Marsaglia and Tsang's squeeze (ACM TOMS 26(3), 2000; shape below 1
 * boosted by u^(1/k)), the empirical one uniform through its piecewise-linear inverse, the
 * deterministic none.
 */
import { piecewiseInverse } from '../maths/piecewise.ts';
import { type ServiceTimeSpec, serviceShapeSigma } from './service-time.ts';
import type { Rng } from './types.ts';

export class ServiceDraws {
  private readonly dist: ServiceTimeSpec['dist'];
  private readonly sigma: number;
  private readonly shape: number;
  /** empirical: the points in units of the mean */
  private readonly x = new Float64Array(0);
  private readonly f = new Float64Array(0);
  private spareNormal = NaN;

  constructor(
    spec: ServiceTimeSpec | undefined,
    private readonly rng: Rng,
  ) {
    this.dist = spec?.dist ?? 'exponential';
    this.sigma = serviceShapeSigma(spec);
    this.shape = spec?.shape ?? 1;
    if (spec?.dist === 'empirical' && spec.points) {
      this.x = Float64Array.from(spec.points, ([sec]) => sec / spec.meanSec);
      this.f = Float64Array.from(spec.points, ([, share]) => share);
    }
  }

  /** One service time, seconds, for mean 1/μ. */
  draw(mu: number): number {
    switch (this.dist) {
      case 'exponential':
        return -Math.log(1 - this.rng()) / mu;
      case 'lognormal': {
        // lognormal of mean 1/μ: ln S ~ N(−ln μ − σ²/2, σ²)
        const s = this.sigma;
        return Math.exp(s * this.normal() - 0.5 * s * s) / mu;
      }
      case 'gamma':
        return this.gamma() / mu;
      case 'deterministic':
        return 1 / mu;
      case 'empirical':
        return piecewiseInverse(this.x, this.f, this.rng()) / mu;
    }
  }

  private normal(): number {
    let z = this.spareNormal;
    if (z === z) {
      this.spareNormal = NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.rng()));
    const angle = 2 * Math.PI * this.rng();
    z = r * Math.cos(angle);
    this.spareNormal = r * Math.sin(angle);
    return z;
  }

  /** Gamma of shape k and mean 1. */
  private gamma(): number {
    const k = this.shape;
    const boost = k < 1 ? Math.pow(1 - this.rng(), 1 / k) : 1;
    const d = (k < 1 ? k + 1 : k) - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = this.normal();
      const t = 1 + c * z;
      if (t <= 0) continue;
      const v = t * t * t;
      const u = 1 - this.rng();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (boost * d * v) / k;
    }
  }
}
