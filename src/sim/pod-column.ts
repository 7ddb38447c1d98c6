/** A per-pod number, indexed by pod uid, grown as pods are created. */
export class PodColumn {
  values = new Float64Array(256);

  fit(n: number): void {
    if (n <= this.values.length) return;
    const next = new Float64Array(Math.max(n, this.values.length * 2));
    next.set(this.values);
    this.values = next;
  }
}
