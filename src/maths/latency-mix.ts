/**
 * The latency distribution of the requests one fluid step served: a weighted mixture of a few
 * closed-form parts, each "a wait W, then an exponential service S ~ Exp(μ)":
 *
 * - FIXED:     W = w0 (w0 = 0: served at once; w0 = timeout: served just before giving up)
 * - UNIFORM:   W uniform on [w0, w1] (a draining or growing backlog: the wait changes linearly
 *              while requests are served at a constant rate)
 * - TRUNC_EXP: W with density ∝ e^(−θw) on (0, τ] (the M/M/c wait, cut at the timeout)
 * - TABLED:    W of mean w0 with a law held elsewhere, cut at τ (the exact M/G/1 wait, mg1-wait.ts):
 *              only grid-latency.ts reads its shape; the closed forms here take it as the fixed
 *              wait w0 (it only ever comes with a general service law, whose latency is the grid's)
 *
 * Each part has a closed-form CDF and density, so the mixture gives exact quantiles (by root
 * search) and pours itself into a LatencySketch bin by bin. Storage is flat typed arrays reused
 * from step to step.
 */
import type { LatencyDistribution } from './distribution-pour.ts';
import { solveIncreasing } from './root.ts';

export const FIXED = 0;
export const UNIFORM = 1;
export const TRUNC_EXP = 2;
export const TABLED = 3;

/** Parts a mixture can hold; past this, new parts are folded into the last one. */
export const MIX_CAPACITY = 32;

/**
 * Where the walk into a sketch starts, as a share of the mean service time: P(S < 0.01/μ) ≈ 1%,
 * so the lowest percent of a step's latencies share the first bin. Nothing reads percentiles that
 * low, and the decade below would cost the walk a fifth of its bins.
 */
const LOW_SERVICE_SHARE = 1e-2;

export class LatencyMix implements LatencyDistribution {
  /** number of parts in use */
  size = 0;
  /** total weight (requests) */
  totalMass = 0;
  // the parts, read by other models of the service time (grid-latency.ts), written only here
  readonly kind = new Uint8Array(MIX_CAPACITY);
  readonly mass = new Float64Array(MIX_CAPACITY);
  readonly mu = new Float64Array(MIX_CAPACITY);
  /** FIXED, UNIFORM: lower wait; TRUNC_EXP: θ; TABLED: mean wait */
  readonly a = new Float64Array(MIX_CAPACITY);
  /** UNIFORM: upper wait; TRUNC_EXP, TABLED: τ (may be Infinity) */
  readonly b = new Float64Array(MIX_CAPACITY);
  /** TRUNC_EXP: normalizer ∫₀^τ e^(−θw) dw */
  private readonly norm = new Float64Array(MIX_CAPACITY);
  /** TRUNC_EXP: J(τ) = ∫₀^τ e^(−θw)·e^(−μ(τ−w)) dw, from which the tail past τ decays as e^(−μ(t−τ)) */
  private readonly atTimeout = new Float64Array(MIX_CAPACITY);
  private readonly evalOut = new Float64Array(2);
  private readonly cdfFn = (t: number): number => this.cdf(t);

  reset(): void {
    this.size = 0;
    this.totalMass = 0;
  }

  /**
   * Is this the same distribution as `other`, number for number (the same parts in the same order,
   * each with the same share of the mass)? Then whatever was worked out from one holds for the other.
   */
  sameDistribution(other: LatencyMix): boolean {
    if (other.size !== this.size || !(this.totalMass > 0) || !(other.totalMass > 0)) return false;
    for (let i = 0; i < this.size; i++) {
      if (
        other.kind[i] !== this.kind[i] ||
        other.mu[i] !== this.mu[i] ||
        other.a[i] !== this.a[i] ||
        other.b[i] !== this.b[i] ||
        other.mass[i] / other.totalMass !== this.mass[i] / this.totalMass
      ) {
        return false;
      }
    }
    return true;
  }

  /** Makes this mixture a copy of `other`. */
  copyFrom(other: LatencyMix): void {
    this.size = other.size;
    this.totalMass = other.totalMass;
    this.kind.set(other.kind);
    this.mass.set(other.mass);
    this.mu.set(other.mu);
    this.a.set(other.a);
    this.b.set(other.b);
    this.norm.set(other.norm);
    this.atTimeout.set(other.atTimeout);
  }

  /** `mass` requests that waited exactly `waitSec`. */
  addFixedWait(mass: number, serviceRateMu: number, waitSec: number): void {
    if (!(mass > 0)) return;
    const i = this.slot(mass);
    if (i < 0) return this.foldIntoLast(mass, waitSec, waitSec);
    this.kind[i] = FIXED;
    this.mass[i] = mass;
    this.mu[i] = serviceRateMu;
    this.a[i] = waitSec;
    this.b[i] = waitSec;
  }

  /** `mass` requests whose waits are spread evenly over [loSec, hiSec]. */
  addUniformWait(mass: number, serviceRateMu: number, loSec: number, hiSec: number): void {
    if (!(mass > 0)) return;
    // a range too narrow to matter is a fixed wait, and spares the uniform formulas their limit
    if (hiSec - loSec <= 1e-9 * (hiSec + 1 / serviceRateMu)) {
      return this.addFixedWait(mass, serviceRateMu, 0.5 * (loSec + hiSec));
    }
    const i = this.slot(mass);
    if (i < 0) return this.foldIntoLast(mass, loSec, hiSec);
    this.kind[i] = UNIFORM;
    this.mass[i] = mass;
    this.mu[i] = serviceRateMu;
    this.a[i] = loSec;
    this.b[i] = hiSec;
  }

  /**
   * `mass` requests that waited with density ∝ e^(−θw) on (0, τ]; θ >= 0 (θ = 0: uniform on (0, τ]),
   * or θ < 0 with |θ|τ below about 700; τ may be Infinity when θ > 0.
   */
  addTruncatedExpWait(mass: number, serviceRateMu: number, theta: number, tauSec: number): void {
    if (!(mass > 0)) return;
    if (!(tauSec > 0)) return this.addFixedWait(mass, serviceRateMu, 0);
    if (tauSec === Infinity && !(theta > 0)) throw new RangeError('an unbounded wait needs a positive decay rate');
    const i = this.slot(mass);
    if (i < 0) return this.foldIntoLast(mass, 0, tauSec === Infinity ? 1 / theta : tauSec);
    this.kind[i] = TRUNC_EXP;
    this.mass[i] = mass;
    this.mu[i] = serviceRateMu;
    this.a[i] = theta;
    this.b[i] = tauSec;
    this.norm[i] = tauSec === Infinity ? 1 / theta : tauSec * oneMinusExpOver(theta * tauSec);
    const mu = serviceRateMu;
    this.atTimeout[i] =
      tauSec === Infinity
        ? 0
        : mu >= theta
          ? Math.exp(-theta * tauSec) * tauSec * oneMinusExpOver((mu - theta) * tauSec)
          : Math.exp(-mu * tauSec) * tauSec * oneMinusExpOver((theta - mu) * tauSec);
  }

  /**
   * `mass` requests that waited a wait of mean `meanWaitSec` whose law another part of the model
   * holds (grid-latency.ts's TabledWait), cut at the timeout `tauSec` (may be Infinity).
   */
  addTabledWait(mass: number, serviceRateMu: number, meanWaitSec: number, tauSec: number): void {
    if (!(mass > 0)) return;
    const i = this.slot(mass);
    if (i < 0) return this.foldIntoLast(mass, 0, tauSec === Infinity ? 2 * meanWaitSec : tauSec);
    this.kind[i] = TABLED;
    this.mass[i] = mass;
    this.mu[i] = serviceRateMu;
    this.a[i] = meanWaitSec;
    this.b[i] = tauSec;
  }

  /** P(latency <= t) over the whole mixture. */
  cdf(tSec: number): number {
    // the step mixtures' root searches ask for the CDF alone, thousands of times a step
    this.evaluateParts(tSec, this.evalOut, false);
    return this.evalOut[0];
  }

  evaluate(tSec: number, out: Float64Array): void {
    this.evaluateParts(tSec, out, true);
  }

  /** P(latency <= t) into out[0] and, with `density`, the density into out[1] (else 0). */
  private evaluateParts(tSec: number, out: Float64Array, density: boolean): void {
    // the parts' formulas are written out here rather than called, and e^(−μt) is shared by the
    // parts of one service rate: this runs a few hundred times per step, the fluid model's inner loop
    const t = tSec;
    const total = this.totalMass;
    if (!(total > 0)) {
      out[0] = 0;
      out[1] = 0;
      return;
    }
    let f = 0;
    let d = 0;
    let lastMu = NaN;
    let eMu = 0;
    for (let i = 0; i < this.size; i++) {
      const kind = this.kind[i];
      // shares rather than masses: a trickle of a step (masses near the smallest double) would
      // otherwise underflow
      const m = this.mass[i] / total;
      const mu = this.mu[i];
      const a = this.a[i];
      if (kind === FIXED || kind === TABLED) {
        const x = t - a;
        if (x > 0) {
          let e: number;
          if (a === 0) {
            if (mu !== lastMu) {
              lastMu = mu;
              eMu = Math.exp(-mu * t);
            }
            e = eMu;
          } else {
            e = Math.exp(-mu * x);
          }
          f += m * (1 - e);
          if (density) d += m * mu * e;
        }
      } else if (kind === UNIFORM) {
        const x = t - a;
        if (x > 0) {
          const b = this.b[i];
          const width = b - a;
          if (t <= b) {
            // share of the waits already passed, each with its service done: (μx − (1 − e^(−μx))) / (μ·width)
            const y = mu * x;
            f += (m * expRemainder(y)) / (mu * width);
            if (density) d += (m * -Math.expm1(-y)) / width;
          } else {
            const e = Math.exp(-mu * (t - b));
            const g = oneMinusExpOver(mu * width);
            f += m * (1 - e * g);
            if (density) d += m * e * mu * g;
          }
        }
      } else if (t > 0) {
        // TRUNC_EXP: with u = min(t, τ), A = ∫₀^u e^(−θw) dw and J = ∫₀^u e^(−θw)·e^(−μ(t−w)) dw,
        // the CDF is (A − J)/norm and the density μJ/norm
        const theta = a;
        const tau = this.b[i];
        const norm = this.norm[i];
        if (t < tau) {
          const eTheta = Math.exp(-theta * t);
          const x = theta * t;
          const area = x > 1e-3 || x < -1e-3 ? (1 - eTheta) / theta : t * oneMinusExpOver(x);
          const spread = (mu - theta) * t;
          let j: number;
          if (spread > 1e-3 || spread < -1e-3) {
            if (mu !== lastMu) {
              lastMu = mu;
              eMu = Math.exp(-mu * t);
            }
            j = (eTheta - eMu) / (mu - theta);
          } else {
            j = eTheta * t * oneMinusExpOver(spread);
          }
          f += (m * (area - j)) / norm;
          if (density) d += (m * mu * j) / norm;
        } else {
          const j = Math.exp(-mu * (t - tau)) * this.atTimeout[i];
          f += m * (1 - j / norm);
          if (density) d += (m * mu * j) / norm;
        }
      }
    }
    out[0] = f < 1 ? f : 1;
    out[1] = d;
  }

  meanSec(): number {
    if (!(this.totalMass > 0)) return NaN;
    let s = 0;
    const total = this.totalMass;
    for (let i = 0; i < this.size; i++) {
      s += (this.mass[i] / total) * partMean(this.kind[i], this.mu[i], this.a[i], this.b[i]);
    }
    return s;
  }

  lowSec(): number {
    let low = Infinity;
    for (let i = 0; i < this.size; i++) {
      const start = this.kind[i] === TRUNC_EXP || this.kind[i] === TABLED ? 0 : this.a[i];
      const l = start + LOW_SERVICE_SHARE / this.mu[i];
      if (l < low) low = l;
    }
    return low;
  }

  breakpoints(out: Float64Array): number {
    let n = 0;
    for (let i = 0; i < this.size && n + 2 <= out.length; i++) {
      const k = this.kind[i];
      if (k === FIXED) {
        if (this.a[i] > 0) out[n++] = this.a[i];
      } else if (k === UNIFORM) {
        if (this.a[i] > 0) out[n++] = this.a[i];
        out[n++] = this.b[i];
      } else if (k === TABLED) {
        if (this.a[i] > 0) out[n++] = this.a[i];
      } else if (this.b[i] !== Infinity) {
        out[n++] = this.b[i];
      }
    }
    return n;
  }

  /**
   * The q-quantile of the mixture, seconds (NaN when empty). A bracket [loSec, hiSec] known to hold
   * it (from a walk into a sketch) saves most of the search; hiSec may be Infinity.
   */
  quantileSec(q: number, loSec = 0, hiSec = Infinity): number {
    if (!(this.totalMass > 0)) return NaN;
    let lo = loSec;
    let hi = hiSec;
    let slowest = Infinity;
    let start = Infinity;
    let finish = 0;
    for (let i = 0; i < this.size; i++) {
      const k = this.kind[i];
      const s = k === TRUNC_EXP ? 0 : this.a[i];
      const f = k === TRUNC_EXP ? (this.b[i] === Infinity ? 1 / this.a[i] : this.b[i]) : k === TABLED ? this.a[i] : this.b[i];
      if (s < start) start = s;
      if (f > finish) finish = f;
      if (this.mu[i] < slowest) slowest = this.mu[i];
    }
    if (lo < start) lo = start;
    if (hi !== Infinity && this.cdf(hi) < q) hi = Infinity;
    if (hi === Infinity) {
      hi = Math.max(lo, finish) + 1 / slowest;
      // widen until the bracket holds the quantile (an exponential tail needs a few doublings at most)
      for (let n = 0; n < 200 && this.cdf(hi) < q; n++) hi = 2 * hi + 1 / slowest;
    }
    if (this.cdf(lo) > q) lo = start;
    return solveIncreasing(this.cdfFn, q, lo, hi, 1e-12);
  }

  private slot(mass: number): number {
    if (this.size >= MIX_CAPACITY) return -1;
    this.totalMass += mass;
    return this.size++;
  }

  /** Out of parts: widen the last part into a uniform wait that covers the new one too. */
  private foldIntoLast(mass: number, loSec: number, hiSec: number): void {
    const i = this.size - 1;
    const k = this.kind[i];
    const lastLo = k === TRUNC_EXP || k === TABLED ? 0 : this.a[i];
    const lastHi =
      k === TRUNC_EXP ? (this.b[i] === Infinity ? 1 / this.a[i] : this.b[i]) : k === TABLED ? (this.b[i] === Infinity ? 2 * this.a[i] : this.b[i]) : this.b[i];
    const lo = Math.min(lastLo, loSec);
    const hi = Math.max(lastHi, hiSec);
    this.totalMass += mass;
    this.mass[i] += mass;
    this.a[i] = lo;
    this.b[i] = hi;
    this.kind[i] = hi - lo > 1e-9 * (hi + 1 / this.mu[i]) ? UNIFORM : FIXED;
  }
}

function partMean(kind: number, mu: number, a: number, b: number): number {
  if (kind === FIXED || kind === TABLED) return a + 1 / mu;
  if (kind === UNIFORM) return 0.5 * (a + b) + 1 / mu;
  const theta = a;
  if (b === Infinity) return 1 / theta + 1 / mu;
  // E[W] = τ·h(θτ)/g(θτ), h(x) = (1 − e^(−x)(1 + x))/x², g(x) = (1 − e^(−x))/x
  const x = theta * b;
  return (b * secondMoment(x)) / oneMinusExpOver(x) + 1 / mu;
}

/** (1 − e^(−x)) / x, accurate near 0. */
function oneMinusExpOver(x: number): number {
  if (Math.abs(x) < 1e-8) return 1 - 0.5 * x;
  return -Math.expm1(-x) / x;
}

/** x − (1 − e^(−x)), accurate near 0. */
function expRemainder(x: number): number {
  if (x < 1e-2) return x * x * (0.5 - x * (1 / 6 - x * (1 / 24 - x * (1 / 120 - x / 720))));
  return x + Math.expm1(-x);
}

/** (1 − e^(−x)(1 + x)) / x², accurate near 0. */
function secondMoment(x: number): number {
  if (Math.abs(x) < 1e-3) return 0.5 - x / 3 + (x * x) / 8 - (x * x * x) / 30;
  return (-Math.expm1(-x) - x * Math.exp(-x)) / (x * x);
}
