/**
 * A distribution's probability mass in each bin of the latency sketch's log grid, worked out once
 * and then added to a sketch with any weight (`LatencySketch.addPoured`). A queue whose step has
 * the same latency distribution as the last one adds the same masses again without walking the
 * grid: the masses are kept as shares of one request, so w × share is the same number whether it
 * was just computed or kept.
 *
 * The walk: the CDF is evaluated exactly at cell ends and between them by cubic Hermite
 * interpolation in log-latency (exact values and densities at both ends). Cells start CELL_BINS
 * bins wide; one whose midpoint misses by more than the tolerance, or that holds a breakpoint, is
 * halved, down to single bins. Mass below `lowSec` goes to the first bin and the last 1e-9 to the
 * last one, so quantiles below about the 1st percentile of a distribution are not resolved.
 *
 * Each pour owns its scratch space (a queue keeps one), so nothing is shared between sketches and
 * nothing is allocated per step once the buffers have grown to the distribution's span.
 */
import type { LogMapping } from './log-mapping.ts';

/** A latency distribution that can be poured into a sketch, bin by bin. */
export interface LatencyDistribution {
  /** Writes P(latency <= t) into out[0] and the density at t into out[1]; t > 0, seconds. */
  evaluate(tSec: number, out: Float64Array): void;
  /** A latency (> 0) below which about 1% of the mass lies at most: the walk over bins starts there. */
  lowSec(): number;
  /** The exact mean, seconds. */
  meanSec(): number;
  /** Writes the points where the density is not smooth (kinks, jumps) into `out`; returns how many. */
  breakpoints(out: Float64Array): number;
}

/** Interpolation cells start this many bins wide and are halved until the CDF is smooth on them. */
const CELL_BINS = 32;
/**
 * Error of the interpolated CDF accepted on a cell, relative to min(F, 1 − F) there: a rank error
 * that small moves no quantile up to the 99.99th by more than a tenth of the sketch's own bound,
 * while letting smooth stretches go by in cells of 16–32 bins.
 */
const CELL_TOLERANCE = 3e-4;
/**
 * Below this share of the mass (in either tail) the tolerance stops shrinking: the deep tail's
 * masses are tiny, and holding them to relative accuracy would cost single-bin cells.
 */
const TOLERANCE_FLOOR = 1e-5;
/** The walk stops once less than this share of the mass lies above; the rest goes to the last bin. */
const TAIL_CUTOFF = 1e-9;
const MAX_WALK_BINS = 1 << 15;

/**
 * A distribution's mass over the sketch's bins, as shares of one request, in ascending keys: what
 * `LatencySketch.addPoured` adds with a weight. Filled by a DistributionPour walk, or by a model
 * that works its CDF out on the grid directly (grid-latency.ts).
 */
/** A holder of weight of some masses not yet written out, told before those masses change. */
export interface PendingPour {
  writePending(): void;
}

export class BinMasses {
  /** keys given mass, ascending (the last may repeat: the tail beyond the walk) */
  keys = new Int32Array(256);
  /** each key's share of the distribution's mass */
  shares = new Float64Array(256);
  /** the CDF reached at each key's upper edge */
  reached = new Float64Array(256);
  size = 0;
  /** the last key given mass */
  endKey = 0;
  /** the key whose bin takes the rounding crumb: where the CDF passes 1/2 */
  medianKey = 0;
  meanSec = NaN;
  protected poured = 0;
  /** the sketch holding weight of these masses that it has not written into its bins yet */
  pendingIn: PendingPour | undefined;

  constructor(readonly mapping: LogMapping) {}

  /** The first key at which the CDF reaches `level` (the last key if it never does). */
  keyReaching(level: number): number {
    // `reached` rises strictly (a key is recorded only when the CDF grew): the first entry at or
    // past `level` by bisection
    const reached = this.reached;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (reached[mid] >= level) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.size ? this.keys[lo] : this.endKey;
  }

  /** Starts over, for a distribution of mean `meanSec`. */
  begin(meanSec: number): void {
    // whoever still holds weight of the masses about to be overwritten writes it out first
    if (this.pendingIn) this.pendingIn.writePending();
    this.size = 0;
    this.poured = 0;
    this.meanSec = meanSec;
  }

  /** The CDF reaches `cdf` at the upper edge of `key` (keys ascending); nothing if it did not grow. */
  reach(key: number, cdf: number): void {
    if (cdf > this.poured) this.record(key, cdf - this.poured, cdf);
  }

  /** Gives what lies above to `endKey`'s bin and finds the median's key. */
  end(endKey: number): void {
    if (1 > this.poured) this.record(endKey, 1 - this.poured, 1);
    this.endKey = endKey;
    this.medianKey = this.keyReaching(0.5);
  }

  protected record(key: number, share: number, reached: number): void {
    if (this.size === this.keys.length) this.grow();
    const j = this.size++;
    this.keys[j] = key;
    this.shares[j] = share;
    this.reached[j] = reached;
    this.poured = reached;
  }

  private grow(): void {
    const n = this.keys.length * 2;
    const more = (from: Float64Array): Float64Array<ArrayBuffer> => {
      const to = new Float64Array(n);
      to.set(from);
      return to;
    };
    const keys = new Int32Array(n);
    keys.set(this.keys);
    this.keys = keys;
    this.shares = more(this.shares);
    this.reached = more(this.reached);
  }
}

export class DistributionPour extends BinMasses {
  /** the requested levels' quantiles (see `pour`) */
  readonly quantiles: Float64Array;

  private readonly ev = new Float64Array(2);
  private readonly breaks = new Float64Array(64);
  private nBreaks = 0;
  /** pending right ends of cells: (key, t, F, t·density) per entry */
  private readonly stack = new Float64Array(4 * 64);

  /**
   * @param levels ascending in (0, 1): each pour also finds the distribution's own quantiles at
   * these levels, read off the walk within a bin, then finished on the exact CDF
   */
  constructor(
    mapping: LogMapping,
    readonly levels: Float64Array = new Float64Array(0),
  ) {
    super(mapping);
    this.quantiles = new Float64Array(levels.length);
  }

  /** Works out the masses of `dist` over the grid, and its quantiles at the levels. */
  pour(dist: LatencyDistribution): void {
    const low = dist.lowSec();
    if (!(low > 0) || low === Infinity) throw new RangeError(`latency sketch: lowSec must be > 0, got ${low}`);
    this.begin(dist.meanSec());
    this.nBreaks = sortedBreakpoints(dist, this.breaks);
    const k0 = Math.ceil(Math.log(low) / this.mapping.lnGamma) - 1;
    // whatever lies above the walk goes to its last bin
    this.end(this.walk(dist, k0));
    this.findQuantiles(dist);
  }

  /** Walks cells from key k0 up until the tail is negligible; returns the last key. */
  private walk(dist: LatencyDistribution, k0: number): number {
    const lnG = this.mapping.lnGamma;
    const ev = this.ev;
    const stack = this.stack;
    let kA = k0;
    let tA = Math.exp(kA * lnG);
    dist.evaluate(tA, ev);
    let fA = ev[0];
    let dA = ev[1] * tA;
    for (;;) {
      const kTop = kA + CELL_BINS;
      const tTop = Math.exp(kTop * lnG);
      dist.evaluate(tTop, ev);
      stack[0] = kTop;
      stack[1] = tTop;
      stack[2] = ev[0];
      stack[3] = ev[1] * tTop;
      const last = 1 - ev[0] <= TAIL_CUTOFF || kTop - k0 >= MAX_WALK_BINS;
      let sp = 1;
      while (sp > 0) {
        const top = 4 * (sp - 1);
        const kB = stack[top];
        const fB = stack[top + 2];
        const dB = stack[top + 3];
        if (kB - kA > 1 && this.split(dist, kA, tA, fA, dA, stack[top + 1], fB, dB, kB, 4 * sp)) {
          sp++;
          continue;
        }
        // the cell is poured as one segment (a single bin) or as two interpolated halves, the
        // middle having been left on the stack above it by `split`
        if (kB - kA > 1) {
          const m = 4 * sp;
          const kM = stack[m];
          this.segment(kA, fA, dA, kM, stack[m + 2], stack[m + 3]);
          this.segment(kM, stack[m + 2], stack[m + 3], kB, fB, dB);
        } else {
          this.segment(kA, fA, dA, kB, fB, dB);
        }
        kA = kB;
        tA = stack[top + 1];
        fA = fB;
        dA = dB;
        sp--;
      }
      if (last) return kTop;
    }
  }

  /**
   * Evaluates the middle of cell (kA, kB] into stack[at..at+4) and says whether the cell must be
   * halved: it holds a breakpoint, or Hermite interpolation over the whole cell misses the middle.
   */
  private split(
    dist: LatencyDistribution,
    kA: number,
    tA: number,
    fA: number,
    dA: number,
    tB: number,
    fB: number,
    dB: number,
    kB: number,
    at: number,
  ): boolean {
    const lnG = this.mapping.lnGamma;
    const n = kB - kA;
    const kM = kA + (n >> 1);
    const tM = Math.exp(kM * lnG);
    const ev = this.ev;
    dist.evaluate(tM, ev);
    const fM = ev[0];
    const stack = this.stack;
    stack[at] = kM;
    stack[at + 1] = tM;
    stack[at + 2] = fM;
    stack[at + 3] = ev[1] * tM;
    const breaks = this.breaks;
    for (let i = 0; i < this.nBreaks; i++) {
      const x = breaks[i];
      if (x > tB) break;
      if (x > tA) return true;
    }
    const predicted = 0.5 * (fA + fB) + 0.125 * n * lnG * (dA - dB);
    const scale = Math.max(fM < 1 - fM ? fM : 1 - fM, TOLERANCE_FLOOR);
    return !(Math.abs(predicted - fM) <= CELL_TOLERANCE * scale);
  }

  /** Records the mass of each bin in (kP, kQ], interpolating the CDF between exact ends. */
  private segment(kP: number, fP: number, dP: number, kQ: number, fQ: number, dQ: number): void {
    const m = kQ - kP;
    if (m <= 0) return;
    const h = m * this.mapping.lnGamma;
    const hP = h * dP;
    const hQ = h * dQ;
    const inv = 1 / m;
    for (let j = 1; j <= m; j++) {
      let v = fQ;
      if (j < m) {
        const x = j * inv;
        const x2 = x * x;
        const x3 = x2 * x;
        v = (2 * x3 - 3 * x2 + 1) * fP + (x3 - 2 * x2 + x) * hP + (3 * x2 - 2 * x3) * fQ + (x3 - x2) * hQ;
        if (v > fQ) v = fQ;
      }
      if (v > this.poured) this.record(kP + j, v - this.poured, v);
    }
  }

  /** Each level's quantile: found within a bin, interpolated in log-latency, finished on the CDF. */
  private findQuantiles(dist: LatencyDistribution): void {
    const lnG = this.mapping.lnGamma;
    let j = 0;
    for (let i = 0; i < this.levels.length; i++) {
      const level = this.levels[i];
      while (j < this.size && this.reached[j] < level) j++;
      const key = j < this.size ? this.keys[j] : this.endKey;
      const below = j === 0 ? 0 : this.reached[j - 1];
      const above = j < this.size ? this.reached[j] : 1;
      const share = above > below ? (level - below) / (above - below) : 1;
      const t = Math.exp((key - 1 + Math.min(1, Math.max(0, share))) * lnG);
      // finish on the exact CDF within a bin either side of where the walk saw the crossing
      this.quantiles[i] = refineQuantile(dist, level, t, Math.exp((key - 2) * lnG), Math.exp((key + 1) * lnG), this.ev);
    }
  }
}

/**
 * Solves F(t) = q near `t` on [lo, hi]: Newton steps on the distribution's CDF and density, falling
 * back to bisection whenever a step would leave the bracket (a kink, a flat stretch). From the
 * walk's interpolated guess it usually needs two evaluations.
 */
function refineQuantile(dist: LatencyDistribution, q: number, t: number, lo: number, hi: number, ev: Float64Array): number {
  let x = t < lo || t > hi ? 0.5 * (lo + hi) : t;
  for (let iter = 0; iter < 60; iter++) {
    dist.evaluate(x, ev);
    const miss = ev[0] - q;
    if (Math.abs(miss) <= 1e-11) return x;
    if (miss < 0) lo = x;
    else hi = x;
    if (hi - lo <= 1e-12 * hi) break;
    const step = ev[1] > 0 ? x - miss / ev[1] : NaN;
    x = step > lo && step < hi ? step : 0.5 * (lo + hi);
  }
  return x;
}

function sortedBreakpoints(dist: LatencyDistribution, out: Float64Array): number {
  const n = Math.min(dist.breakpoints(out), out.length);
  for (let i = 1; i < n; i++) {
    const x = out[i];
    let j = i - 1;
    while (j >= 0 && out[j] > x) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = x;
  }
  return n;
}
