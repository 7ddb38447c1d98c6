/**
 * A mergeable latency distribution with a relative-error bound: a thin wrapper over DDSketch
 * (@datadog/sketches-js). Any quantile it answers is within `relativeAccuracy` (0.5% by default) of
 * the true quantile of what was added, whatever the spread of the values, so a run's percentiles
 * come from merging every step's requests, never from averaging per-step percentiles.
 *
 * What the wrapper adds to DDSketch:
 * - weights (requests) everywhere, and a compensated weighted sum, so the mean is exact;
 * - `addDistribution`: a whole step's latency distribution from the fluid model, added as the
 *   probability mass of each of the sketch's own bins, so percentiles of merged steps keep the
 *   sketch's bound instead of a handful of sample points' coarseness;
 * - quantiles defined for fractional weights (DDSketch's rank q·(n − 1) breaks below n = 1);
 * - a plain-JSON form, canonical (the same content gives the same JSON), for worker threads and shards.
 * Deterministic: the same adds and merges in the same order give the same sketch.
 */
import { DDSketch } from '@datadog/sketches-js';
import { HeadroomError } from '../errors.ts';

export const DEFAULT_RELATIVE_ACCURACY = 0.005;

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

export interface LatencySketchJson {
  relativeAccuracy: number;
  /** the bin key of counts[0]; bin k holds values in (γ^(k−1), γ^k], γ = (1 + α)/(1 − α) */
  minKey: number;
  counts: number[];
  /** weight of values too small to key (0) */
  zeroCount: number;
  count: number;
  /** the weighted sum as two parts (value + compensation), so merging keeps it exact */
  sum: [number, number];
  min: number | null;
  max: number | null;
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
/** Bins reserved ahead of the walk at a time: growing a DenseStore moves all its bins. */
const RESERVE_AHEAD = 1024;

// Scratch space of the walk over bins, shared by every sketch: a walk runs start to end without
// yielding, and sketches are made often (one per step and workload), so they should cost little to
// create. The walk keeps doubles in typed arrays and locals: passing them through calls would box
// each one, and the walk handles a thousand bins per step.
const walk = {
  ev: new Float64Array(2),
  breaks: new Float64Array(64),
  /** pending right ends of cells: (key, t, F, t·density) per entry */
  stack: new Float64Array(4 * 64),
  /** where each requested level was crossed: the bin's upper edge key, and the CDF at both its edges */
  levelKeys: new Float64Array(16),
  levelBelow: new Float64Array(16),
  levelAbove: new Float64Array(16),
  noLevels: new Float64Array(0),
  /** results: the last key walked, total weight added, first key given mass, key of the maximum */
  end: 0,
  added: 0,
  firstKey: NaN,
  maxKey: NaN,
};

export class LatencySketch {
  private readonly dd: DDSketch;
  private readonly lnGamma: number;
  private readonly keyMultiplier: number;
  private sumHi = 0;
  private sumLo = 0;

  constructor(readonly relativeAccuracy = DEFAULT_RELATIVE_ACCURACY) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new RangeError(`relative accuracy must be in (0, 1), got ${relativeAccuracy}`);
    }
    this.dd = new DDSketch({ relativeAccuracy });
    this.lnGamma = Math.log(this.dd.mapping.gamma);
    // the same key as mapping.key(v) = ceil(log2(v)·multiplier) for the logarithmic mapping
    this.keyMultiplier = (this.dd.mapping as unknown as { _multiplier: number })._multiplier;
  }

  /** Total weight (requests). */
  get count(): number {
    return this.dd.count;
  }

  /** Exact weighted sum of the values, seconds. */
  get sum(): number {
    return this.sumHi + this.sumLo;
  }

  /** Exact weighted mean, seconds; NaN when empty. */
  get mean(): number {
    return this.dd.count > 0 ? this.sum / this.dd.count : NaN;
  }

  /** Largest value added (for a distribution: about the latency of its slowest request); NaN when empty. */
  get max(): number {
    return this.dd.count > 0 ? this.dd.max : NaN;
  }

  /** Smallest value added; NaN when empty. */
  get min(): number {
    return this.dd.count > 0 ? this.dd.min : NaN;
  }

  /** Empties the sketch, keeping its bins allocated: a sketch reused every step costs nothing to make. */
  clear(): void {
    const dd = this.dd;
    const store = dd.store;
    store.bins.fill(0);
    store.count = 0;
    store.minKey = Infinity;
    store.maxKey = -Infinity;
    dd.zeroCount = 0;
    dd.count = 0;
    dd.sum = 0;
    dd.min = Infinity;
    dd.max = -Infinity;
    this.sumHi = 0;
    this.sumLo = 0;
  }

  /** Adds `weight` requests of latency `valueSec` (>= 0). */
  add(valueSec: number, weight = 1): void {
    if (!(valueSec >= 0) || valueSec === Infinity || !(weight > 0) || weight === Infinity) {
      throw new RangeError(`latency sketch: need a finite value >= 0 and weight > 0 (got ${valueSec}, ${weight})`);
    }
    const dd = this.dd;
    if (valueSec > dd.mapping.minPossible) {
      // DDSketch.accept, less its generality: this runs once per simulated request
      const key = Math.ceil(Math.log2(valueSec) * this.keyMultiplier);
      const store = dd.store;
      if (key >= store.minKey && key <= store.maxKey) {
        store.bins[key - store.offset] += weight;
        store.count += weight;
      } else {
        store.add(key, weight);
      }
    } else {
      dd.zeroCount += weight;
    }
    dd.count += weight;
    if (valueSec < dd.min) dd.min = valueSec;
    if (valueSec > dd.max) dd.max = valueSec;
    this.addToSum(valueSec * weight);
  }

  /**
   * Adds values[0..count) with weight 1 each, in order: the same sketch as calling `add` on each,
   * in one tight loop (the request-by-request model hands over its latencies this way).
   */
  addAll(values: Float64Array, count: number): void {
    const dd = this.dd;
    const store = dd.store;
    const multiplier = this.keyMultiplier;
    const minPossible = dd.mapping.minPossible;
    let bins = store.bins;
    let offset = store.offset;
    let lo = store.minKey;
    let hi = store.maxKey;
    let inStore = 0;
    let zeros = 0;
    let min = dd.min;
    let max = dd.max;
    let sumHi = this.sumHi;
    let sumLo = this.sumLo;
    for (let i = 0; i < count; i++) {
      const v = values[i];
      if (!(v >= 0) || v === Infinity) throw new RangeError(`latency sketch: need a finite value >= 0, got ${v}`);
      if (v > minPossible) {
        const key = Math.ceil(Math.log2(v) * multiplier);
        if (key >= lo && key <= hi) {
          bins[key - offset] += 1;
          inStore++;
        } else {
          store.add(key, 1);
          bins = store.bins;
          offset = store.offset;
          lo = store.minKey;
          hi = store.maxKey;
        }
      } else {
        zeros++;
      }
      if (v < min) min = v;
      if (v > max) max = v;
      const t = sumHi + v;
      if (Math.abs(sumHi) >= v) sumLo += sumHi - t + v;
      else sumLo += v - t + sumHi;
      sumHi = t;
    }
    store.count += inStore;
    dd.zeroCount += zeros;
    dd.count += count;
    dd.min = min;
    dd.max = max;
    this.sumHi = sumHi;
    this.sumLo = sumLo;
  }

  /**
   * Adds `weight` requests distributed as `dist`: each bin of the sketch gets the probability mass
   * the distribution puts in it. The CDF is evaluated exactly at cell ends and between them by
   * cubic Hermite interpolation in log-latency (exact values and densities at both ends); a cell
   * whose midpoint misses by more than the tolerance, or that holds a breakpoint, is halved, down to
   * single bins. Mass below `lowSec` goes to the first bin and the last 1e-9 to the last one, so
   * quantiles below about the 1st percentile of a distribution are not resolved.
   *
   * With `levels` (ascending, in (0, 1)), also writes the distribution's own quantiles at those
   * levels into `quantilesOut`, read off the walk: found within a bin, interpolated in log-latency
   * between its edges, then finished by safeguarded Newton steps on the exact CDF.
   */
  addDistribution(
    dist: LatencyDistribution,
    weight: number,
    levels?: ArrayLike<number>,
    quantilesOut?: Float64Array,
  ): void {
    if (weight === 0) return;
    if (!(weight > 0) || weight === Infinity) {
      throw new RangeError(`latency sketch: distribution weight must be finite and > 0, got ${weight}`);
    }
    const low = dist.lowSec();
    if (!(low > 0) || low === Infinity) throw new RangeError(`latency sketch: lowSec must be > 0, got ${low}`);
    const lnG = this.lnGamma;
    const dd = this.dd;
    const k0 = Math.ceil(Math.log(low) / lnG) - 1;
    const lv = levels === undefined ? walk.noLevels : levels instanceof Float64Array ? levels : Float64Array.from(levels);
    if (walk.levelKeys.length < lv.length) {
      walk.levelKeys = new Float64Array(lv.length);
      walk.levelBelow = new Float64Array(lv.length);
      walk.levelAbove = new Float64Array(lv.length);
    }
    pourDistribution(dd, lnG, dist, weight, k0, lv);

    const end = walk.end;
    const store = dd.store;
    store.count += walk.added;
    dd.count += walk.added;
    if (walk.firstKey === walk.firstKey) {
      const lowest = dd.mapping.value(walk.firstKey);
      if (lowest < dd.min) dd.min = lowest;
    }
    const highest = Math.exp((walk.maxKey === walk.maxKey ? walk.maxKey : end) * lnG);
    if (highest > dd.max) dd.max = highest;
    this.addToSum(weight * dist.meanSec());

    if (quantilesOut) {
      for (let i = 0; i < lv.length; i++) {
        const key = walk.levelKeys[i];
        const below = walk.levelBelow[i];
        const above = walk.levelAbove[i];
        const share = above > below ? (lv[i] - below) / (above - below) : 1;
        const t = Math.exp((key - 1 + Math.min(1, Math.max(0, share))) * lnG);
        // finish on the exact CDF within a bin either side of where the walk saw the crossing
        const next = refineQuantile(dist, lv[i], t, Math.exp((key - 2) * lnG), Math.exp((key + 1) * lnG));
        quantilesOut[i] = next;
      }
    }
  }

  /** Adds everything in `other` (same relative accuracy) to this sketch. */
  merge(other: LatencySketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new RangeError(
        `cannot merge latency sketches of relative accuracy ${this.relativeAccuracy} and ${other.relativeAccuracy}`,
      );
    }
    if (other.dd.count === 0) return;
    this.dd.merge(other.dd);
    this.addToSum(other.sumHi);
    this.addToSum(other.sumLo);
  }

  /**
   * The q-quantile: the value of the first bin at which the cumulative weight reaches q·count,
   * within the relative accuracy of the true one (and never past the exact min or max of added
   * values). NaN when empty.
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
    const dd = this.dd;
    if (!(dd.count > 0)) return NaN;
    if (q === 0) return dd.min;
    const rank = q * dd.count;
    let cumulative = dd.zeroCount;
    if (cumulative >= rank) return 0;
    const store = dd.store;
    const bins = store.bins;
    for (let key = store.minKey; key <= store.maxKey; key++) {
      cumulative += bins[key - store.offset];
      if (cumulative >= rank) {
        // clamp to the exact extremes when they fall in this very bin (a distribution's maximum is
        // an estimate below its tail, so it does not cap the bins above it)
        const lowerEdge = Math.exp((key - 1) * this.lnGamma);
        const v = dd.mapping.value(key);
        if (v > dd.max && dd.max > lowerEdge) return dd.max;
        if (v < dd.min && dd.min > lowerEdge) return dd.min;
        return v;
      }
    }
    return dd.max;
  }

  toJSON(): LatencySketchJson {
    const dd = this.dd;
    const store = dd.store;
    let lo = store.minKey;
    let hi = store.maxKey;
    while (lo <= hi && !(store.bins[lo - store.offset] > 0)) lo++;
    while (hi >= lo && !(store.bins[hi - store.offset] > 0)) hi--;
    const counts: number[] = [];
    for (let key = lo; key <= hi; key++) counts.push(store.bins[key - store.offset]);
    const empty = !(dd.count > 0);
    return {
      relativeAccuracy: this.relativeAccuracy,
      minKey: counts.length > 0 ? lo : 0,
      counts,
      zeroCount: dd.zeroCount,
      count: dd.count,
      sum: [this.sumHi, this.sumLo],
      min: empty ? null : dd.min,
      max: empty ? null : dd.max,
    };
  }

  /** Rebuilds a sketch from `toJSON` output; malformed input is a HeadroomError naming `source`. */
  static fromJSON(json: unknown, source?: string): LatencySketch {
    const j = checkJson(json, source);
    const sketch = new LatencySketch(j.relativeAccuracy);
    const dd = sketch.dd;
    for (let i = 0; i < j.counts.length; i++) {
      if (j.counts[i] > 0) dd.store.add(j.minKey + i, j.counts[i]);
    }
    dd.zeroCount = j.zeroCount;
    dd.count = j.count;
    if (j.min !== null) dd.min = j.min;
    if (j.max !== null) dd.max = j.max;
    sketch.sumHi = j.sum[0];
    sketch.sumLo = j.sum[1];
    return sketch;
  }

  /** A copy that shares nothing with this sketch. */
  clone(): LatencySketch {
    return LatencySketch.fromJSON(this.toJSON());
  }

  // Neumaier summation: the weighted sum stays exact to rounding over millions of steps.
  private addToSum(x: number): void {
    const s = this.sumHi + x;
    if (Math.abs(this.sumHi) >= Math.abs(x)) this.sumLo += this.sumHi - s + x;
    else this.sumLo += x - s + this.sumHi;
    this.sumHi = s;
  }

}

type Store = DDSketch['store'];

/** Makes the store's bins cover keys [lo, hi] (it may move them: reread bins and offset after). */
function reserve(store: Store, lo: number, hi: number): void {
  store.add(lo, 0);
  store.add(hi, 0);
}

/**
 * The walk of `addDistribution`: pours `weight` × the mass of `dist` in each bin from k0 + 1 up
 * into the store, and leaves its findings in `walk`. Cells of CELL_BINS bins are taken left to
 * right; a cell is accepted when cubic Hermite interpolation between its ends predicts the CDF at
 * its middle within tolerance (its two halves are then interpolated from exact ends), or split,
 * pending right ends kept on a stack.
 */
function pourDistribution(
  dd: DDSketch,
  lnG: number,
  dist: LatencyDistribution,
  weight: number,
  k0: number,
  levels: Float64Array,
): void {
  const store = dd.store;
  const ev = walk.ev;
  const stack = walk.stack;
  const breaks = walk.breaks;
  const nBreaks = sortedBreakpoints(dist, breaks);
  const levelKeys = walk.levelKeys;
  const levelBelow = walk.levelBelow;
  const levelAbove = walk.levelAbove;
  const nLevels = levels.length;
  const maxLevel = Math.max(0.5, 1 - 0.5 / weight);
  // the walk reserves bins ahead, and the store's range is cut back to what it used at the end
  const maxKeyBefore = store.maxKey;
  let reservedTo = k0 + RESERVE_AHEAD;
  reserve(store, k0 + 1, reservedTo);
  let bins = store.bins;
  let offset = store.offset;

  let poured = 0;
  let added = 0;
  let firstKey = NaN;
  let maxKey = NaN;
  let nextLevel = 0;
  // the key where the CDF passes 1/2: its bin is sure to hold mass, and takes the rounding crumb
  let medianKey = NaN;
  // the next CDF value at which a bin needs bookkeeping (first mass, median, maximum, a level)
  let watch = 0;

  let kA = k0;
  let tA = Math.exp(kA * lnG);
  dist.evaluate(tA, ev);
  let fA = ev[0];
  let dA = ev[1] * tA;
  let end = k0;
  let last = false;
  while (!last) {
    const kTop = kA + CELL_BINS;
    if (kTop > reservedTo) {
      reservedTo = kTop + RESERVE_AHEAD;
      reserve(store, kTop, reservedTo);
      bins = store.bins;
      offset = store.offset;
    }
    const tTop = Math.exp(kTop * lnG);
    dist.evaluate(tTop, ev);
    stack[0] = kTop;
    stack[1] = tTop;
    stack[2] = ev[0];
    stack[3] = ev[1] * tTop;
    let sp = 1;
    if (1 - ev[0] <= TAIL_CUTOFF || kTop - k0 >= MAX_WALK_BINS) {
      last = true;
      end = kTop;
    }
    while (sp > 0) {
      const top = 4 * (sp - 1);
      const kB = stack[top];
      const tB = stack[top + 1];
      const fB = stack[top + 2];
      const dB = stack[top + 3];
      const n = kB - kA;
      // the cell is poured as one segment (a single bin) or as two interpolated halves
      let kM = kB;
      let fM = fB;
      let dM = dB;
      if (n > 1) {
        kM = kA + (n >> 1);
        const tM = Math.exp(kM * lnG);
        dist.evaluate(tM, ev);
        fM = ev[0];
        dM = ev[1] * tM;
        let split = false;
        for (let i = 0; i < nBreaks; i++) {
          const x = breaks[i];
          if (x > tB) break;
          if (x > tA) {
            split = true;
            break;
          }
        }
        if (!split) {
          // Hermite over the whole cell, at its middle
          const predicted = 0.5 * (fA + fB) + 0.125 * n * lnG * (dA - dB);
          const scale = Math.max(fM < 1 - fM ? fM : 1 - fM, TOLERANCE_FLOOR);
          split = !(Math.abs(predicted - fM) <= CELL_TOLERANCE * scale);
        }
        if (split) {
          const at = 4 * sp++;
          stack[at] = kM;
          stack[at + 1] = tM;
          stack[at + 2] = fM;
          stack[at + 3] = dM;
          continue;
        }
      }
      for (let seg = 0; seg < 2; seg++) {
        const kP = seg === 0 ? kA : kM;
        const fP = seg === 0 ? fA : fM;
        const kQ = seg === 0 ? kM : kB;
        const fQ = seg === 0 ? fM : fB;
        const m = kQ - kP;
        if (m <= 0) continue;
        const h = m * lnG;
        const hP = h * (seg === 0 ? dA : dM);
        const hQ = h * (seg === 0 ? dM : dB);
        const inv = 1 / m;
        if (fQ < watch) {
          // nothing to note in this segment: masses only
          for (let j = 1; j <= m; j++) {
            let v = fQ;
            if (j < m) {
              const x = j * inv;
              const x2 = x * x;
              const x3 = x2 * x;
              v = (2 * x3 - 3 * x2 + 1) * fP + (x3 - 2 * x2 + x) * hP + (3 * x2 - 2 * x3) * fQ + (x3 - x2) * hQ;
              if (v > fQ) v = fQ;
            }
            if (v > poured) {
              const mass = (v - poured) * weight;
              bins[kP + j - offset] += mass;
              added += mass;
              poured = v;
            }
          }
          continue;
        }
        for (let j = 1; j <= m; j++) {
          let v = fQ;
          if (j < m) {
            const x = j * inv;
            const x2 = x * x;
            const x3 = x2 * x;
            v = (2 * x3 - 3 * x2 + 1) * fP + (x3 - 2 * x2 + x) * hP + (3 * x2 - 2 * x3) * fQ + (x3 - x2) * hQ;
            if (v > fQ) v = fQ;
          }
          if (v > poured) {
            const key = kP + j;
            const before = poured;
            const mass = (v - before) * weight;
            bins[key - offset] += mass;
            added += mass;
            poured = v;
            if (firstKey !== firstKey) firstKey = key;
            if (v >= 0.5 && medianKey !== medianKey) medianKey = key;
            if (v >= maxLevel && maxKey !== maxKey) maxKey = key;
            while (nextLevel < nLevels && v >= levels[nextLevel]) {
              levelKeys[nextLevel] = key;
              levelBelow[nextLevel] = before;
              levelAbove[nextLevel++] = v;
            }
          }
        }
        watch = 2;
        if (medianKey !== medianKey) watch = 0.5;
        if (maxKey !== maxKey && maxLevel < watch) watch = maxLevel;
        if (nextLevel < nLevels && levels[nextLevel] < watch) watch = levels[nextLevel];
      }
      kA = kB;
      tA = tB;
      fA = fB;
      dA = dB;
      sp--;
    }
  }
  // whatever lies above the walk goes to its last bin
  if (1 > poured) {
    const mass = (1 - poured) * weight;
    bins[end - offset] += mass;
    added += mass;
    if (firstKey !== firstKey) firstKey = end;
  }
  if (maxKey !== maxKey) maxKey = end;
  while (nextLevel < nLevels) {
    levelKeys[nextLevel] = end;
    levelBelow[nextLevel] = poured;
    levelAbove[nextLevel++] = 1;
  }
  // the masses sum to the weight up to rounding: give the crumb to the median's bin, so that the
  // count stays exactly the number of requests
  bins[(medianKey === medianKey ? medianKey : end) - offset] += weight - added;
  added = weight;
  store.maxKey = Math.max(maxKeyBefore, end);
  walk.end = end;
  walk.added = added;
  walk.firstKey = firstKey;
  walk.maxKey = maxKey;
}

/**
 * Solves F(t) = q near `t` on [lo, hi]: Newton steps on the distribution's CDF and density, falling
 * back to bisection whenever a step would leave the bracket (a kink, a flat stretch). From the
 * walk's interpolated guess it usually needs two evaluations.
 */
function refineQuantile(dist: LatencyDistribution, q: number, t: number, lo: number, hi: number): number {
  const ev = walk.ev;
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

function checkJson(json: unknown, source?: string): LatencySketchJson {
  const fail = (why: string): never => {
    throw new HeadroomError('input', `not a latency sketch: ${why}`, source ? { file: source } : {});
  };
  if (typeof json !== 'object' || json === null) return fail('expected an object');
  const j = json as Record<string, unknown>;
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!finite(j.relativeAccuracy) || !(j.relativeAccuracy > 0 && j.relativeAccuracy < 1)) {
    fail('relativeAccuracy must be a number in (0, 1)');
  }
  if (!Number.isInteger(j.minKey)) fail('minKey must be an integer');
  if (!Array.isArray(j.counts) || !j.counts.every((c) => finite(c) && c >= 0)) {
    fail('counts must be an array of numbers >= 0');
  }
  if (!finite(j.zeroCount) || j.zeroCount < 0) fail('zeroCount must be a number >= 0');
  if (!finite(j.count) || j.count < 0) fail('count must be a number >= 0');
  if (!Array.isArray(j.sum) || j.sum.length !== 2 || !j.sum.every(finite)) fail('sum must be two numbers');
  for (const key of ['min', 'max'] as const) {
    if (j[key] !== null && !finite(j[key])) fail(`${key} must be a number or null`);
  }
  return j as unknown as LatencySketchJson;
}
