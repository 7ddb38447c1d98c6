/**
 * A mergeable latency distribution with a relative-error bound, DDSketch's design
 * (@datadog/sketches-js): values are keyed on a logarithmic grid (log-mapping.ts, the library's own
 * keys) into dense bins (dense-bins.ts), so any quantile it answers is within `relativeAccuracy`
 * (0.5% by default) of the true quantile of what was added, whatever the spread of the values, and
 * a run's percentiles come from merging every step's requests, never from averaging per-step
 * percentiles. The bins are our own typed arrays rather than the library's store, because the
 * fluid model adds a whole distribution per step (a thousand bins at a time) and the request
 * model a million values per second; test/maths/latency-sketch.test.ts holds the sketch to the
 * library's answers.
 *
 * What it adds to DDSketch:
 * - weights (requests) everywhere, and a compensated weighted sum, so the mean is exact;
 * - `addPoured`: a whole step's latency distribution from the fluid model, added as the
 *   probability mass of each of the sketch's own bins (distribution-pour.ts), so percentiles of
 *   merged steps keep the sketch's bound instead of a handful of sample points' coarseness;
 * - quantiles defined for fractional weights (DDSketch's rank q·(n − 1) breaks below n = 1);
 * - a plain-JSON form, canonical (the same content gives the same JSON), for worker threads and shards.
 * Deterministic: the same adds and merges in the same order give the same sketch.
 */
import { HeadroomError } from '../errors.ts';
import { DenseBins } from './dense-bins.ts';
import { type BinMasses, DistributionPour, type LatencyDistribution, type PendingPour } from './distribution-pour.ts';
import { LogMapping } from './log-mapping.ts';

export type { LatencyDistribution } from './distribution-pour.ts';

export const DEFAULT_RELATIVE_ACCURACY = 0.005;

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

export class LatencySketch implements PendingPour {
  readonly mapping: LogMapping;
  private readonly bins = new DenseBins();
  private zeroCount = 0;
  private total = 0;
  private lowest = Infinity;
  private highest = -Infinity;
  private sumHi = 0;
  private sumLo = 0;
  /** for `addDistribution`, made on first use */
  private ownPour: DistributionPour | undefined;
  /**
   * The masses last added and the weight added with them since, not yet in the bins: a queue
   * whose steps keep one distribution adds it once, when the distribution changes or the bins
   * are read (each bin then gets share × the summed weight instead of the weights one by one).
   */
  private pending: BinMasses | undefined;
  private pendingWeight = 0;

  constructor(readonly relativeAccuracy = DEFAULT_RELATIVE_ACCURACY) {
    this.mapping = new LogMapping(relativeAccuracy);
  }

  /** Total weight (requests). */
  get count(): number {
    return this.total;
  }

  /** Exact weighted sum of the values, seconds. */
  get sum(): number {
    return this.sumHi + this.sumLo;
  }

  /** Exact weighted mean, seconds; NaN when empty. */
  get mean(): number {
    return this.total > 0 ? this.sum / this.total : NaN;
  }

  /** Largest value added (for a distribution: about the latency of its slowest request); NaN when empty. */
  get max(): number {
    return this.total > 0 ? this.highest : NaN;
  }

  /** Smallest value added; NaN when empty. */
  get min(): number {
    return this.total > 0 ? this.lowest : NaN;
  }

  /** Empties the sketch, keeping its bins allocated: a sketch reused every step costs nothing to make. */
  clear(): void {
    this.dropPending();
    this.bins.clear();
    this.zeroCount = 0;
    this.total = 0;
    this.lowest = Infinity;
    this.highest = -Infinity;
    this.sumHi = 0;
    this.sumLo = 0;
  }

  /** Adds `weight` requests of latency `valueSec` (>= 0). */
  add(valueSec: number, weight = 1): void {
    if (!(valueSec >= 0) || valueSec === Infinity || !(weight > 0) || weight === Infinity) {
      throw new RangeError(`latency sketch: need a finite value >= 0 and weight > 0 (got ${valueSec}, ${weight})`);
    }
    this.writePending();
    if (valueSec > this.mapping.minPossible) this.bins.add(Math.ceil(Math.log2(valueSec) * this.mapping.multiplier), weight);
    else this.zeroCount += weight;
    this.total += weight;
    if (valueSec < this.lowest) this.lowest = valueSec;
    if (valueSec > this.highest) this.highest = valueSec;
    this.addToSum(valueSec * weight);
  }

  /**
   * Adds values[0..count) with weight 1 each, in order: the same sketch as calling `add` on each,
   * in one tight loop (the request-by-request model hands over its latencies this way).
   */
  addAll(values: Float64Array, count: number): void {
    this.writePending();
    const store = this.bins;
    const multiplier = this.mapping.multiplier;
    const minPossible = this.mapping.minPossible;
    let bins = store.bins;
    let offset = store.offset;
    let lo = store.minKey;
    let hi = store.maxKey;
    let zeros = 0;
    let min = this.lowest;
    let max = this.highest;
    let sumHi = this.sumHi;
    let sumLo = this.sumLo;
    for (let i = 0; i < count; i++) {
      const v = values[i];
      if (!(v >= 0) || v === Infinity) throw new RangeError(`latency sketch: need a finite value >= 0, got ${v}`);
      if (v > minPossible) {
        const key = Math.ceil(Math.log2(v) * multiplier);
        if (key >= lo && key <= hi) {
          bins[key - offset] += 1;
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
    this.zeroCount += zeros;
    this.total += count;
    this.lowest = min;
    this.highest = max;
    this.sumHi = sumHi;
    this.sumLo = sumLo;
  }

  /**
   * Adds `weight` requests distributed as `dist` (see distribution-pour.ts). With `levels`
   * (ascending, in (0, 1)), also writes the distribution's own quantiles at those levels into
   * `quantilesOut`. A caller that adds a distribution every step keeps a DistributionPour of its
   * own and calls `addPoured`, which lets it skip the walk when the distribution has not changed.
   */
  addDistribution(dist: LatencyDistribution, weight: number, levels?: ArrayLike<number>, quantilesOut?: Float64Array): void {
    if (weight === 0) return;
    const lv = levels === undefined ? new Float64Array(0) : Float64Array.from(levels);
    let pour = this.ownPour;
    if (!pour || !sameLevels(pour.levels, lv)) pour = this.ownPour = new DistributionPour(this.mapping, lv);
    pour.pour(dist);
    this.addPoured(pour, weight);
    if (quantilesOut) quantilesOut.set(pour.quantiles.subarray(0, Math.min(quantilesOut.length, lv.length)));
  }

  /**
   * Adds `weight` requests distributed as the last distribution `pour` worked out: each bin gets
   * weight × its share. The shares sum to 1 up to rounding, and the crumb goes to the median's bin,
   * so the bins grow by exactly `weight`. Count, sum and extremes are updated now; the bins when
   * the masses change or are read (`pending`).
   */
  addPoured(pour: BinMasses, weight: number): void {
    if (weight === 0) return;
    if (!(weight > 0) || weight === Infinity) {
      throw new RangeError(`latency sketch: distribution weight must be finite and > 0, got ${weight}`);
    }
    if (pour.mapping.relativeAccuracy !== this.relativeAccuracy) {
      throw new RangeError(`a pour for relative accuracy ${pour.mapping.relativeAccuracy} into a sketch of ${this.relativeAccuracy}`);
    }
    if (this.pending !== pour) {
      this.writePending();
      pour.pendingIn?.writePending();
      this.pending = pour;
      pour.pendingIn = this;
    }
    this.pendingWeight += weight;
    this.total += weight;
    const lowest = this.mapping.value(pour.keys[0]);
    if (lowest < this.lowest) this.lowest = lowest;
    // about the slowest of `weight` requests: where the CDF reaches 1 − 1/(2·weight)
    const highest = Math.exp(pour.keyReaching(Math.max(0.5, 1 - 0.5 / weight)) * this.mapping.lnGamma);
    if (highest > this.highest) this.highest = highest;
    this.addToSum(weight * pour.meanSec);
  }

  /** Writes the pending masses into the bins (see `pending`); the pour calls it before it changes. */
  writePending(): void {
    const pour = this.pending;
    if (pour === undefined) return;
    const weight = this.pendingWeight;
    this.dropPending();
    const n = pour.size;
    const keys = pour.keys;
    const shares = pour.shares;
    const first = keys[0];
    const store = this.bins;
    store.reserve(first, pour.endKey);
    const bins = store.bins;
    const offset = store.offset;
    let added = 0;
    // keys ascend one by one but for gaps where the CDF stood still and a last key that may repeat:
    // without gaps the bins are written at a running index
    const run = n - 1;
    if (run > 0 && keys[run - 1] - first === run - 1) {
      const base = first - offset;
      for (let j = 0; j < run; j++) {
        const mass = shares[j] * weight;
        bins[base + j] += mass;
        added += mass;
      }
    } else {
      for (let j = 0; j < run; j++) {
        const mass = shares[j] * weight;
        bins[keys[j] - offset] += mass;
        added += mass;
      }
    }
    if (run >= 0) {
      const mass = shares[run] * weight;
      bins[keys[run] - offset] += mass;
      added += mass;
    }
    bins[pour.medianKey - offset] += weight - added;
    store.cover(first, pour.endKey);
  }

  private dropPending(): void {
    if (this.pending && this.pending.pendingIn === this) this.pending.pendingIn = undefined;
    this.pending = undefined;
    this.pendingWeight = 0;
  }

  /** Adds everything in `other` (same relative accuracy) to this sketch. */
  merge(other: LatencySketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new RangeError(
        `cannot merge latency sketches of relative accuracy ${this.relativeAccuracy} and ${other.relativeAccuracy}`,
      );
    }
    if (other.total === 0) return;
    this.writePending();
    other.writePending();
    this.bins.merge(other.bins);
    this.zeroCount += other.zeroCount;
    this.total += other.total;
    if (other.lowest < this.lowest) this.lowest = other.lowest;
    if (other.highest > this.highest) this.highest = other.highest;
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
    if (!(this.total > 0)) return NaN;
    if (q === 0) return this.lowest;
    this.writePending();
    const rank = q * this.total;
    let cumulative = this.zeroCount;
    if (cumulative >= rank) return 0;
    const store = this.bins;
    const bins = store.bins;
    for (let key = store.minKey; key <= store.maxKey; key++) {
      cumulative += bins[key - store.offset];
      if (cumulative >= rank) {
        // clamp to the exact extremes when they fall in this very bin (a distribution's maximum is
        // an estimate below its tail, so it does not cap the bins above it)
        const lowerEdge = Math.exp((key - 1) * this.mapping.lnGamma);
        const v = this.mapping.value(key);
        if (v > this.highest && this.highest > lowerEdge) return this.highest;
        if (v < this.lowest && this.lowest > lowerEdge) return this.lowest;
        return v;
      }
    }
    return this.highest;
  }

  toJSON(): LatencySketchJson {
    this.writePending();
    const store = this.bins;
    let lo = store.minKey;
    let hi = store.maxKey;
    while (lo <= hi && !(store.get(lo) > 0)) lo++;
    while (hi >= lo && !(store.get(hi) > 0)) hi--;
    const counts: number[] = [];
    for (let key = lo; key <= hi; key++) counts.push(store.get(key));
    const empty = !(this.total > 0);
    return {
      relativeAccuracy: this.relativeAccuracy,
      minKey: counts.length > 0 ? lo : 0,
      counts,
      zeroCount: this.zeroCount,
      count: this.total,
      sum: [this.sumHi, this.sumLo],
      min: empty ? null : this.lowest,
      max: empty ? null : this.highest,
    };
  }

  /** Rebuilds a sketch from `toJSON` output; malformed input is a HeadroomError naming `source`. */
  static fromJSON(json: unknown, source?: string): LatencySketch {
    const j = checkJson(json, source);
    const sketch = new LatencySketch(j.relativeAccuracy);
    for (let i = 0; i < j.counts.length; i++) {
      if (j.counts[i] > 0) sketch.bins.add(j.minKey + i, j.counts[i]);
    }
    sketch.zeroCount = j.zeroCount;
    sketch.total = j.count;
    if (j.min !== null) sketch.lowest = j.min;
    if (j.max !== null) sketch.highest = j.max;
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

function sameLevels(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
