/**
 * The index of the highest score among n slots, kept as scores change one slot at a time: a
 * tournament tree over a flat Float64Array, each inner entry the winner of its two children, ties
 * to the lower index (the scheduler's tie-break, select-host.ts). Setting a slot costs log2(n);
 * reading the winner costs nothing. A slot of -Infinity never wins. Allocation-free after `reset`.
 */
export class BestScoreTree {
  /** one score per slot */
  private scores = new Float64Array(0);
  /** winners: the leaves at [size, 2·size), the overall winner at 1; -1 = no slot */
  private winners = new Int32Array(0);
  private size = 1;

  /** n slots, every one -Infinity. */
  reset(n: number): void {
    let size = 1;
    while (size < n) size *= 2;
    this.size = size;
    if (this.scores.length < size) {
      this.scores = new Float64Array(size);
      this.winners = new Int32Array(2 * size);
    }
    this.scores.fill(-Infinity, 0, size);
    this.winners.fill(-1, 0, 2 * size);
    for (let i = 0; i < n; i++) this.winners[size + i] = i;
  }

  /** Writes the slots' scores at once (after reset(scores.length)), in time linear in n. */
  setAll(scores: Float64Array, n: number): void {
    this.scores.set(scores.subarray(0, n));
    for (let k = this.size - 1; k >= 1; k--) this.winners[k] = this.better(this.winners[2 * k], this.winners[2 * k + 1]);
  }

  set(slot: number, score: number): void {
    if (this.scores[slot] === score) return;
    this.scores[slot] = score;
    for (let k = (this.size + slot) >> 1; k >= 1; k >>= 1) {
      const w = this.better(this.winners[2 * k], this.winners[2 * k + 1]);
      if (this.winners[k] === w && w !== slot) break;
      this.winners[k] = w;
    }
  }

  /** The slot with the highest score (the lowest such index), or -1 when every slot is -Infinity. */
  best(): number {
    const w = this.winners[1];
    return w >= 0 && this.scores[w] > -Infinity ? w : -1;
  }

  /** `a` lies left of `b`: it wins ties. */
  private better(a: number, b: number): number {
    if (a < 0) return b;
    if (b < 0) return a;
    return this.scores[b] > this.scores[a] ? b : a;
  }
}
