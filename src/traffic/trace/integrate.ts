/**
 * One pass over a piecewise-linear rate function, fed segment by segment in increasing time,
 * that integrates it between consecutive query points.
 *
 * `out[j]` is the integral from `points[j-1]` to `points[j]` (from the start of the function for
 * j = 0). Keeping the increments rather than a running total means a step's requests are not the
 * difference of two large numbers, so a quiet minute at the end of a busy month keeps its digits.
 */
export class PointIntegrator {
  readonly out: Float64Array;
  private readonly points: Float64Array;
  private next = 0;
  private acc = 0;

  /** `points` must be ascending (equal neighbours are fine). */
  constructor(points: Float64Array) {
    this.points = points;
    this.out = new Float64Array(points.length);
  }

  /** Every query point has been passed: the rest of the function does not matter. */
  get done(): boolean {
    return this.next >= this.points.length;
  }

  /** The rate goes linearly from `r0` at `a` to `r1` at `b` (a < b). */
  segment(a: number, b: number, r0: number, r1: number): void {
    const q = this.points;
    const slope = (r1 - r0) / (b - a);
    let x = a;
    let rx = r0;
    while (this.next < q.length && q[this.next] <= b) {
      // a point before the function starts gets an empty interval
      const y = q[this.next] > x ? q[this.next] : x;
      const ry = y === b ? r1 : r0 + slope * (y - a);
      this.acc += ((y - x) * (rx + ry)) / 2;
      this.out[this.next++] = this.acc;
      this.acc = 0;
      x = y;
      rx = ry;
    }
    this.acc += ((b - x) * (rx + r1)) / 2;
  }

  /** The function is over (rate 0 from here on): settle the points not yet reached. */
  finish(): Float64Array {
    if (this.next < this.points.length) {
      this.out[this.next++] = this.acc;
      this.acc = 0;
    }
    while (this.next < this.points.length) this.out[this.next++] = 0;
    return this.out;
  }
}
