/**
 * Weights in consecutive integer keys, one typed array that grows in chunks: the store behind the
 * latency sketch (what DDSketch calls a dense store). `minKey..maxKey` spans every key that was
 * given weight; keys outside it read as 0.
 */
const CHUNK = 128;

export class DenseBins {
  /** bins[key − offset] is the weight of `key` */
  bins = new Float64Array(0);
  offset = 0;
  minKey = Infinity;
  maxKey = -Infinity;

  get isEmpty(): boolean {
    return this.minKey > this.maxKey;
  }

  /** Weight at `key` (0 outside the range). */
  get(key: number): number {
    const i = key - this.offset;
    return i >= 0 && i < this.bins.length ? this.bins[i] : 0;
  }

  /** Adds `weight` at `key`. */
  add(key: number, weight: number): void {
    this.reserve(key, key);
    this.bins[key - this.offset] += weight;
    if (key < this.minKey) this.minKey = key;
    if (key > this.maxKey) this.maxKey = key;
  }

  /**
   * Makes room for keys lo..hi without giving them weight; the bins may move, so read `bins` and
   * `offset` again afterwards. A caller that then writes into bins directly calls `cover` for the
   * keys it wrote.
   */
  reserve(lo: number, hi: number): void {
    const bins = this.bins;
    const offset = this.offset;
    if (lo >= offset && hi < offset + bins.length) return;
    const from = bins.length === 0 ? lo : Math.min(lo, offset);
    const to = bins.length === 0 ? hi : Math.max(hi, offset + bins.length - 1);
    const start = from - CHUNK;
    const grown = new Float64Array(to - start + 1 + CHUNK);
    if (bins.length > 0) grown.set(bins, offset - start);
    this.bins = grown;
    this.offset = start;
  }

  /** Widens the range to take in keys lo..hi (written directly into `bins`). */
  cover(lo: number, hi: number): void {
    if (lo < this.minKey) this.minKey = lo;
    if (hi > this.maxKey) this.maxKey = hi;
  }

  /** Adds every weight of `other`, key by key. */
  merge(other: DenseBins): void {
    if (other.isEmpty) return;
    this.reserve(other.minKey, other.maxKey);
    const to = this.bins;
    const from = other.bins;
    const shift = other.offset - this.offset;
    for (let i = other.minKey - other.offset; i <= other.maxKey - other.offset; i++) to[i + shift] += from[i];
    this.cover(other.minKey, other.maxKey);
  }

  /** No weight anywhere; the array stays allocated. */
  clear(): void {
    this.bins.fill(0);
    this.minKey = Infinity;
    this.maxKey = -Infinity;
  }
}
