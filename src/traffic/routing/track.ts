/**
 * A cluster's level of being in rotation over time, from 1 (takes its full share) to 0
 * (drained): straight ramps between knots, 1 before the first knot, the last level after the
 * last. At a knot shared by a jump the level after the jump counts.
 */
export class LevelTrack {
  readonly times: number[] = [];
  readonly levels: number[] = [];

  at(t: number): number {
    const n = this.times.length;
    if (n === 0 || t < this.times[0]) return 1;
    // last knot at or before t
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.times[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    if (lo === n - 1) return this.levels[lo];
    const t0 = this.times[lo];
    const t1 = this.times[lo + 1];
    return this.levels[lo] + ((this.levels[lo + 1] - this.levels[lo]) * (t - t0)) / (t1 - t0);
  }

  /**
   * From `startSec`, ramp in a straight line from wherever the level is to `target` over
   * `overSec` (0: a jump). A ramp still under way is cut where this one starts. Calls must come
   * in time order.
   */
  rampTo(startSec: number, target: number, overSec: number): void {
    const from = this.at(startSec);
    while (this.times.length > 0 && this.times[this.times.length - 1] > startSec) {
      this.times.pop();
      this.levels.pop();
    }
    this.times.push(startSec, startSec + overSec);
    this.levels.push(from, target);
  }
}
