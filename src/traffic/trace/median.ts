/**
 * Median of a trace's row intervals, in memory bounded by the number of distinct intervals.
 *
 * Real traces are sampled on a grid (1 s, 10 s, 60 s), so a handful of distinct values cover
 * millions of rows and the median is exact. A trace with many distinct gaps is counted in
 * buckets of four significant digits once it has more than MAX_DISTINCT of them: the median is
 * then right to 0.05%, which is all the last row's hold needs.
 */
const MAX_DISTINCT = 4096;

export class IntervalMedian {
  private counts = new Map<number, number>();
  private n = 0;
  private bucketed = false;

  add(intervalSec: number): void {
    const key = this.bucketed ? bucket(intervalSec) : intervalSec;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.n++;
    if (!this.bucketed && this.counts.size > MAX_DISTINCT) this.rebucket();
  }

  get count(): number {
    return this.n;
  }

  /** The median interval, or NaN before any interval was added. */
  median(): number {
    if (this.n === 0) return NaN;
    const keys = [...this.counts.keys()].sort((a, b) => a - b);
    // the lower and upper middle elements (the same one when n is odd)
    const lo = Math.floor((this.n - 1) / 2);
    const hi = Math.floor(this.n / 2);
    let seen = 0;
    let loValue = NaN;
    for (const k of keys) {
      const c = this.counts.get(k) ?? 0;
      if (Number.isNaN(loValue) && seen + c > lo) loValue = k;
      if (seen + c > hi) return (loValue + k) / 2;
      seen += c;
    }
    return loValue;
  }

  private rebucket(): void {
    const old = this.counts;
    this.counts = new Map();
    this.bucketed = true;
    for (const [k, c] of old) {
      const b = bucket(k);
      this.counts.set(b, (this.counts.get(b) ?? 0) + c);
    }
  }
}

function bucket(x: number): number {
  return Number(x.toPrecision(4));
}
