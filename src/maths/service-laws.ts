/**
 * Service-time laws of unit mean: a request of a workload whose mean service time is 1/μ takes
 * S/μ, S drawn from one of these. Each gives its CDF (what the fluid model convolves with the
 * wait) and the moments the wait approximation reads (squared coefficient of variation, E[S³]).
 *
 * The special functions come from stdlib (the complementary error function and the regularized
 * incomplete gamma function, ports of the Cephes and Boost implementations). Each takes 0.1–0.2 s
 * to load, so it is loaded when a law first needs it: a scenario of exponential service times
 * (and `--version`, `validate`) never pays for them.
 */
import { createRequire } from 'node:module';
import { type CdfPoints, piecewiseMoment } from './piecewise.ts';

const load = createRequire(import.meta.url);
let erfcFn: ((x: number) => number) | undefined;
let gammaincFn: ((x: number, a: number) => number) | undefined;
const erfc = (x: number): number => (erfcFn ??= load('@stdlib/math-base-special-erfc') as (x: number) => number)(x);
const gammainc = (x: number, a: number): number => (gammaincFn ??= load('@stdlib/math-base-special-gammainc') as (x: number, a: number) => number)(x, a);

export interface ServiceLaw {
  /** squared coefficient of variation, Var[S] / E[S]² */
  readonly scv: number;
  /** E[S³] for the unit mean */
  readonly thirdMoment: number;
  /** P(S <= x), x in units of the mean */
  cdf(x: number): number;
}

export const exponentialLaw: ServiceLaw = {
  scv: 1,
  thirdMoment: 6,
  cdf: (x) => (x > 0 ? -Math.expm1(-x) : 0),
};

export const deterministicLaw: ServiceLaw = {
  scv: 0,
  thirdMoment: 1,
  cdf: (x) => (x >= 1 ? 1 : 0),
};

/** ln S ~ N(−σ²/2, σ²): unit mean, SCV e^(σ²) − 1, E[S³] = e^(3σ²). */
export function lognormalLaw(sigma: number): ServiceLaw {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`lognormal: σ must be > 0, got ${sigma}`);
  const shift = 0.5 * sigma * sigma;
  const scale = 1 / (sigma * Math.SQRT2);
  return {
    scv: Math.expm1(sigma * sigma),
    thirdMoment: Math.exp(3 * sigma * sigma),
    cdf: (x) => (x > 0 ? 0.5 * erfc(-(Math.log(x) + shift) * scale) : 0),
  };
}

/** Gamma of shape k and scale 1/k (Erlang-k when k is whole): SCV 1/k, E[S³] = (k+1)(k+2)/k². */
export function gammaLaw(shape: number): ServiceLaw {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gamma: shape must be > 0, got ${shape}`);
  return {
    scv: 1 / shape,
    thirdMoment: ((shape + 1) * (shape + 2)) / (shape * shape),
    cdf: (x) => (x > 0 ? gammainc(shape * x, shape) : 0),
  };
}

/**
 * A measured distribution: the CDF runs linearly between the points (seconds ascending, shares
 * ascending from 0 to 1), as a histogram's requests are taken to spread evenly over each bucket.
 * Scaled here to unit mean.
 */
export function empiricalLaw(points: CdfPoints): ServiceLaw {
  const mean = piecewiseMoment(points, 1);
  const x = Float64Array.from(points, ([sec]) => sec / mean);
  const f = Float64Array.from(points, ([, share]) => share);
  const m2 = piecewiseMoment(points, 2) / (mean * mean);
  return {
    scv: m2 - 1,
    thirdMoment: piecewiseMoment(points, 3) / (mean * mean * mean),
    cdf: (t) => {
      if (t <= x[0]) return t < x[0] ? 0 : f[0];
      let lo = 0;
      let hi = x.length - 1;
      if (t >= x[hi]) return 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (x[mid] <= t) lo = mid;
        else hi = mid;
      }
      return f[lo] + ((f[hi] - f[lo]) * (t - x[lo])) / (x[hi] - x[lo]);
    },
  };
}

/**
 * The SCV of the time until the first of `servers` busy servers frees, each with the residual of a
 * service time in progress (the equilibrium law, density (1 − G(x))/E[S]): P(R > t) = (1 − Gₑ(t))^c,
 * Gₑ(t) = ∫₀ᵗ (1 − G). For one server 4E[S³]/(3E[S²]²) − 1; for many it tends to 1 (exponential).
 * Integrated numerically over a log grid of the law's CDF.
 */
export function residualMinScv(law: ServiceLaw, servers: number): number {
  return residualMin(law, servers).scv;
}

/**
 * c·E[R] for that time R (the service law of unit mean): how much longer than the exponential's
 * the first of c busy servers takes to free (1 for the exponential, whatever c). It is the
 * light-traffic stretch of the M/G/c mean wait (mgc.ts lightTrafficStretch); for one server
 * (1 + c_s²)/2, the Pollaczek–Khinchine factor.
 */
export function residualMinStretch(law: ServiceLaw, servers: number): number {
  return residualMin(law, servers).stretch;
}

export interface ResidualMin {
  scv: number;
  stretch: number;
}

function residualMin(law: ServiceLaw, servers: number): ResidualMin {
  const c = Math.max(1, Math.floor(servers));
  // Pools of one law resize all run long: Gₑ is worked out once per law, the result once per size.
  const g = equilibriumOf(law);
  const known = g.byServers.get(c);
  if (known !== undefined) return known;
  const { t, ge, total } = g;
  const n = RESIDUAL_GRID;
  let m1 = 0;
  let m2 = 0;
  let tPrev = 0;
  let rPrev = 1;
  for (let i = 0; i <= n && rPrev > 0; i++) {
    const r = Math.pow(Math.max(0, 1 - ge[i] / total), c);
    m1 += 0.5 * (r + rPrev) * (t[i] - tPrev);
    m2 += (t[i] * r + tPrev * rPrev) * (t[i] - tPrev);
    tPrev = t[i];
    rPrev = r;
  }
  // the grid's t is in units of the law's mean (1), and Gₑ's total is that mean up to rounding
  // (for one server the stretch is (1 + c_s²)/2 in closed form: the Pollaczek–Khinchine mean wait stays exact)
  const result = { scv: m2 / (m1 * m1) - 1, stretch: c === 1 ? (1 + law.scv) / 2 : (c * m1) / total };
  g.byServers.set(c, result);
  return result;
}

/**
 * A law tabulated on a log grid of 16 decades (t = e^(lnLo + i·step), in units of its mean): its
 * CDF G and its equilibrium distribution Gₑ(t) = ∫₀ᵗ (1 − G), unnormalized, with its total.
 */
export interface Equilibrium {
  t: Float64Array;
  g: Float64Array;
  ge: Float64Array;
  total: number;
  lnLo: number;
  step: number;
  byServers: Map<number, ResidualMin>;
}

const equilibria = new WeakMap<ServiceLaw, Equilibrium>();

/** Gₑ (the law's equilibrium distribution, unnormalized) on the log grid, and its total (once per law). */
export function equilibriumOf(law: ServiceLaw): Equilibrium {
  let g = equilibria.get(law);
  if (g !== undefined) return g;
  const lo = Math.log(1e-8);
  const hi = Math.log(1e8);
  const n = RESIDUAL_GRID;
  const h = (hi - lo) / n;
  // Gₑ on the grid, then normalized so that it ends at 1 whatever the integration's rounding
  const t = new Float64Array(n + 1);
  const cdf = new Float64Array(n + 1);
  const ge = new Float64Array(n + 1);
  let sPrev = 1;
  for (let i = 0; i <= n; i++) {
    t[i] = Math.exp(lo + i * h);
    cdf[i] = law.cdf(t[i]);
    const s = 1 - cdf[i];
    ge[i] = (i > 0 ? ge[i - 1] : 0) + 0.5 * (s + sPrev) * (t[i] - (i > 0 ? t[i - 1] : 0));
    sPrev = s;
  }
  g = { t, g: cdf, ge, total: ge[n], lnLo: lo, step: h, byServers: new Map() };
  equilibria.set(law, g);
  return g;
}

/** points of the log grid residualMinScv integrates over (16 decades) */
const RESIDUAL_GRID = 8000;
