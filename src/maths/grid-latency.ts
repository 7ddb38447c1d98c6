/**
 * The latency of one fluid step for any service-time law: the step's waits (a LatencyMix's parts:
 * fixed, uniform, or exponential cut at the timeout) convolved with the law, worked out directly
 * at the upper edge of every bin of the sketch's log grid. Nothing here needs the law's closed
 * form beyond its CDF, tabulated once per service rate at the same edges:
 *
 * - a fixed wait w:             F(t) = G(t − w)
 * - a wait uniform on [a, b]:   F(t) = (H(t − a) − H(t − b)) / (b − a),  H(x) = ∫₀ˣ G
 * - a wait θe^(−θw) cut at τ:   F(t) = (Q(t) − e^(−θτ)·Q(t − τ)) / (1 − e^(−θτ)),  Q = P(Exp(θ) + S <= t)
 * - a tabled wait (the exact M/G/1 wait, mg1-wait.ts): F(t) read off its own table of wait + service
 *
 * Q follows Q' = θ(G − Q), integrated edge to edge exactly for G linear between edges:
 * Q(t₁) = e^(−θΔ)Q(t₀) + G(t₀)(1 − e^(−θΔ)) + (G(t₁) − G(t₀))(1 − (1 − e^(−θΔ))/(θΔ)).
 * Between edges G is taken as linear (H then quadratic): the bins are under 1% wide, so a law
 * with a jump (a deterministic service time) is smeared over one bin, within the sketch's bound.
 */
import { BinMasses } from './distribution-pour.ts';
import { FIXED, type LatencyMix, TABLED, UNIFORM } from './latency-mix.ts';
import type { LogMapping } from './log-mapping.ts';
import type { ServiceLaw } from './service-laws.ts';

/**
 * The service table spans the law from where its CDF passes this to where its survival passes
 * HIGH_SHARE; the lowest tenth of a percent of a step's latencies share its first bin (nothing
 * reads percentiles that low, and the decades below would cost most of the bins).
 */
const LOW_SHARE = 1e-3;
const HIGH_SHARE = 1e-12;
/** How far the exponential wait is followed, in mean waits (e^−40 of its mass is beyond). */
const WAIT_TAIL_MEANS = 40;
const MAX_BINS = 1 << 15;

/** A wait whose response time (wait + service) is tabulated elsewhere, in units of the mean service time. */
export interface TabledWait {
  /** P(wait + service <= x), x in mean service times */
  responseCdf(xMeans: number): number;
  /** beyond this wait (mean service times) there is none */
  readonly reachMeans: number;
}

export class GridLatency {
  readonly masses: BinMasses;
  readonly quantiles: Float64Array;
  /** service rate the table was made for */
  private tableMu = NaN;
  /** first key of the table and of every step's CDF */
  private kLo = 0;
  private kHi = 0;
  /** G and H at the upper edges of keys kLo..kHi */
  private g = new Float64Array(0);
  private h = new Float64Array(0);
  /** the step's CDF at the upper edges of keys kLo..kEnd */
  private f = new Float64Array(0);
  private q = new Float64Array(0);
  private kEnd = 0;
  private computed = false;
  /** upper edges of keys kLo − 1 … : edges[j + 1] is the upper edge of key kLo + j */
  private edges = new Float64Array(0);

  constructor(
    private readonly law: ServiceLaw,
    readonly mapping: LogMapping,
    readonly levels: Float64Array,
  ) {
    this.masses = new BinMasses(mapping);
    this.quantiles = new Float64Array(levels.length);
  }

  /**
   * Works out the step's CDF over the grid from the waits in `mix` (all at one service rate);
   * `tabled` is the law of its TABLED part, if it has one.
   */
  compute(mix: LatencyMix, tabled?: TabledWait): void {
    const mu = mix.mu[0];
    if (mu !== this.tableMu) this.tabulate(mu);
    const total = mix.totalMass;
    let reach = 0;
    for (let i = 0; i < mix.size; i++) reach = Math.max(reach, waitReach(mix, i, tabled));
    const lnG = this.mapping.lnGamma;
    const kEnd = Math.min(this.kLo + MAX_BINS, Math.max(this.kHi, Math.ceil(Math.log(this.edge(this.kHi) + reach) / lnG)));
    const n = kEnd - this.kLo + 1;
    if (this.f.length < n) {
      this.f = new Float64Array(n);
      this.q = new Float64Array(n);
    }
    if (this.edges.length < n + 1) {
      this.edges = new Float64Array(n + 1);
      for (let j = 0; j <= n; j++) this.edges[j] = this.edge(this.kLo + j - 1);
    }
    const f = this.f;
    f.fill(0, 0, n);
    for (let i = 0; i < mix.size; i++) {
      const share = mix.mass[i] / total;
      if (mix.kind[i] === FIXED) this.addFixed(share, mix.a[i], n);
      else if (mix.kind[i] === UNIFORM) this.addUniform(share, mix.a[i], mix.b[i], n);
      else if (mix.kind[i] === TABLED) this.addTabled(share, tabled as TabledWait, mu, n);
      else this.addTruncatedExp(share, mix.a[i], mix.b[i], n);
    }
    this.kEnd = kEnd;
    const masses = this.masses;
    masses.begin(mix.meanSec());
    let last = 0;
    for (let j = 0; j < n; j++) {
      // rounding must not make the CDF fall back or pass 1
      last = f[j] = Math.min(1, Math.max(last, f[j]));
      masses.reach(this.kLo + j, last);
    }
    masses.end(kEnd);
    for (let i = 0; i < this.levels.length; i++) this.quantiles[i] = this.quantileOnGrid(this.levels[i]);
    this.computed = true;
  }

  /**
   * P(latency <= t) of the last step computed, from the grid (log-linear between edges): f[j] is
   * the CDF at the upper edge of key kLo + j, γ^(kLo + j), where x below is j, as quantileOnGrid
   * reads it; what lies under the first edge is spread over the bin below it.
   */
  cdf(tSec: number): number {
    if (!this.computed || !(tSec > 0)) return 0;
    const x = Math.log(tSec) / this.mapping.lnGamma - this.kLo;
    const f = this.f;
    if (x <= 0) return x <= -1 ? 0 : f[0] * (x + 1);
    const n = this.kEnd - this.kLo;
    if (x >= n) return 1;
    const j = Math.floor(x);
    return f[j] + (f[j + 1] - f[j]) * (x - j);
  }

  private quantileOnGrid(level: number): number {
    const f = this.f;
    const n = this.kEnd - this.kLo + 1;
    let j = 0;
    while (j < n - 1 && f[j] < level) j++;
    const below = j === 0 ? 0 : f[j - 1];
    const share = f[j] > below ? (level - below) / (f[j] - below) : 1;
    return Math.exp((this.kLo + j - 1 + Math.min(1, Math.max(0, share))) * this.mapping.lnGamma);
  }

  private edge(key: number): number {
    return Math.exp(key * this.mapping.lnGamma);
  }

  /** Tabulates G and H for service rate μ over the keys where the law has its mass. */
  private tabulate(mu: number): void {
    const law = this.law;
    const m = this.mapping;
    const kMean = m.key(1 / mu);
    let kLo = kMean;
    while (kLo > kMean - MAX_BINS && law.cdf(this.edge(kLo) * mu) > LOW_SHARE) kLo--;
    let kHi = kMean;
    while (kHi < kMean + MAX_BINS && 1 - law.cdf(this.edge(kHi) * mu) > HIGH_SHARE) kHi++;
    const n = kHi - kLo + 1;
    const g = new Float64Array(n);
    const h = new Float64Array(n);
    let tPrev = 0;
    let gPrev = 0;
    let area = 0;
    for (let j = 0; j < n; j++) {
      const t = this.edge(kLo + j);
      g[j] = law.cdf(t * mu);
      area += 0.5 * (gPrev + g[j]) * (t - tPrev);
      h[j] = area;
      tPrev = t;
      gPrev = g[j];
    }
    this.g = g;
    this.h = h;
    this.edges = new Float64Array(0);
    this.kLo = kLo;
    this.kHi = kHi;
    this.tableMu = mu;
  }

  /** G(t), linear between the table's edges: 0 below it, 1 above. */
  private gAt(t: number): number {
    if (!(t > 0)) return 0;
    const j = Math.ceil(Math.log(t) / this.mapping.lnGamma) - this.kLo;
    if (j <= 0) return j === 0 ? (this.g[0] * t) / this.edges[1] : 0;
    if (j >= this.g.length) return 1;
    const t0 = this.edges[j];
    return this.g[j - 1] + ((this.g[j] - this.g[j - 1]) * (t - t0)) / (this.edges[j + 1] - t0);
  }

  /** H(t) = ∫₀ᵗ G, exact for G linear between the edges. */
  private hAt(t: number): number {
    if (!(t > 0)) return 0;
    const j = Math.ceil(Math.log(t) / this.mapping.lnGamma) - this.kLo;
    const last = this.g.length - 1;
    if (j <= 0) return j === 0 ? (0.5 * this.g[0] * t * t) / this.edges[1] : 0;
    if (j > last) return this.h[last] + (t - this.edges[last + 1]);
    const t0 = this.edges[j];
    const d = t - t0;
    const slope = (this.g[j] - this.g[j - 1]) / (this.edges[j + 1] - t0);
    return this.h[j - 1] + this.g[j - 1] * d + 0.5 * slope * d * d;
  }

  private addFixed(share: number, waitSec: number, n: number): void {
    const f = this.f;
    if (waitSec === 0) {
      const g = this.g;
      for (let j = 0; j < n; j++) f[j] += share * (j < g.length ? g[j] : 1);
      return;
    }
    const edges = this.edges;
    for (let j = 0; j < n; j++) f[j] += share * this.gAt(edges[j + 1] - waitSec);
  }

  private addUniform(share: number, lo: number, hi: number, n: number): void {
    const f = this.f;
    const per = share / (hi - lo);
    const edges = this.edges;
    for (let j = 0; j < n; j++) {
      const t = edges[j + 1];
      f[j] += per * (this.hAt(t - lo) - this.hAt(t - hi));
    }
  }

  private addTabled(share: number, tabled: TabledWait, mu: number, n: number): void {
    const f = this.f;
    const edges = this.edges;
    for (let j = 0; j < n; j++) f[j] += share * tabled.responseCdf(edges[j + 1] * mu);
  }

  private addTruncatedExp(share: number, theta: number, tau: number, n: number): void {
    const f = this.f;
    const q = this.q;
    const edges = this.edges;
    let qPrev = 0;
    let tPrev = edges[0];
    let gPrev = 0;
    for (let j = 0; j < n; j++) {
      const t = edges[j + 1];
      const g = j < this.g.length ? this.g[j] : 1;
      const x = theta * (t - tPrev);
      const e = Math.exp(-x);
      const linear = x > 1e-6 ? 1 - -Math.expm1(-x) / x : 0.5 * x;
      qPrev = q[j] = e * qPrev + gPrev * (1 - e) + (g - gPrev) * linear;
      tPrev = t;
      gPrev = g;
    }
    if (tau === Infinity) {
      for (let j = 0; j < n; j++) f[j] += share * q[j];
      return;
    }
    const cut = Math.exp(-theta * tau);
    const norm = -Math.expm1(-theta * tau);
    for (let j = 0; j < n; j++) {
      f[j] += (share * (q[j] - cut * this.qAt(edges[j + 1] - tau))) / norm;
    }
  }

  /** Q(t) from the values just computed, linear between edges (0 below the grid). */
  private qAt(t: number): number {
    if (!(t > 0)) return 0;
    const j = Math.ceil(Math.log(t) / this.mapping.lnGamma) - this.kLo;
    if (j <= 0) return 0;
    const t0 = this.edges[j];
    return this.q[j - 1] + ((this.q[j] - this.q[j - 1]) * (t - t0)) / (this.edges[j + 1] - t0);
  }
}

/** How far past the service time part i's wait reaches, seconds. */
function waitReach(mix: LatencyMix, i: number, tabled: TabledWait | undefined): number {
  const kind = mix.kind[i];
  if (kind === FIXED) return mix.a[i];
  if (kind === TABLED) return Math.min(mix.b[i], (tabled as TabledWait).reachMeans / mix.mu[i]);
  if (kind === UNIFORM) return mix.b[i];
  return Math.min(mix.b[i], WAIT_TAIL_MEANS / mix.a[i]);
}
