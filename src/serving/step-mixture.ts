/**
 * Latency of one step over several queues (a cluster's workloads, or the whole fleet), weighted by
 * the requests each served: the mixture CDF Σ sᵢ·Fᵢ(t) / Σ sᵢ. Its quantiles come from a root
 * search bracketed by the parts' own quantiles (the mixture's q-quantile lies between the
 * smallest and the largest of them), so nothing is sketched or allocated per step. A mixture the
 * same as another of its step (alike zones) takes that one's answers instead of searching again.
 */
import type { ServingQueue, ServingStepResult } from './types.ts';
import { solveIncreasing } from '../maths/root.ts';

export class StepMixture {
  private parts: ServingQueue[] = [];
  private served: number[] = [];
  private p50: number[] = [];
  private p95: number[] = [];
  private p99: number[] = [];
  private n = 0;
  private total = 0;
  private readonly cdfFn = (t: number): number => this.cdf(t);
  /** this step's answers so far, by level (0: p50, 1: p95, 2: p99); `known` has bit k set once the k-th is in */
  private readonly answers = new Float64Array(3);
  private known = 0;
  /** a mixture of this step found the same as this one (sameAs): its answers are this one's */
  private leader: StepMixture | null = null;

  reset(): void {
    this.n = 0;
    this.total = 0;
    this.known = 0;
    this.leader = null;
  }

  /**
   * Is `other` this step's mixture exactly: the same requests served by queues giving the same
   * step CDFs, in the same order? Then every quantile and every cdf value is the same, bit for bit
   * (the same numbers go through the same search), as for a fleet of alike zones.
   */
  sameAs(other: StepMixture): boolean {
    if (other.n !== this.n || other.total !== this.total) return false;
    for (let i = 0; i < this.n; i++) {
      if (other.served[i] !== this.served[i] || other.p50[i] !== this.p50[i] || other.p95[i] !== this.p95[i] || other.p99[i] !== this.p99[i]) return false;
      const mine = this.parts[i];
      const theirs = other.parts[i];
      if (mine !== theirs && mine.sameStepCdf?.(theirs) !== true) return false;
    }
    return true;
  }

  /** Until the next reset, answer with `leader`'s quantiles (found sameAs this mixture), each searched once. */
  follow(leader: StepMixture): void {
    this.leader = leader.leader ?? leader;
  }

  add(queue: ServingQueue, r: ServingStepResult): void {
    if (!(r.served > 0) || Number.isNaN(r.p50Sec)) return;
    this.known = 0;
    this.leader = null;
    const i = this.n++;
    this.parts[i] = queue;
    this.served[i] = r.served;
    this.p50[i] = r.p50Sec;
    this.p95[i] = r.p95Sec;
    this.p99[i] = r.p99Sec;
    this.total += r.served;
  }

  get count(): number {
    return this.total;
  }

  /** Share of the step's served requests with latency <= t. */
  cdf(tSec: number): number {
    let f = 0;
    for (let i = 0; i < this.n; i++) f += this.served[i] * this.parts[i].stepCdf(tSec);
    return f / this.total;
  }

  /** The q-quantile for q in {0.5, 0.95, 0.99}; NaN when nothing was served. */
  quantile(q: 0.5 | 0.95 | 0.99): number {
    if (this.leader !== null) return this.leader.quantile(q);
    const k = q === 0.5 ? 0 : q === 0.95 ? 1 : 2;
    if ((this.known & (1 << k)) === 0) {
      this.answers[k] = this.search(q);
      this.known |= 1 << k;
    }
    return this.answers[k];
  }

  private search(q: 0.5 | 0.95 | 0.99): number {
    if (this.n === 0) return NaN;
    const own = q === 0.5 ? this.p50 : q === 0.95 ? this.p95 : this.p99;
    if (this.n === 1) return own[0];
    let lo = Infinity;
    let hi = 0;
    for (let i = 0; i < this.n; i++) {
      if (own[i] < lo) lo = own[i];
      if (own[i] > hi) hi = own[i];
    }
    if (hi - lo <= 1e-9 * hi) return hi;
    return solveIncreasing(this.cdfFn, q, lo, hi, 1e-6);
  }

  /** Is more than 1 − q of the step's requests slower than `sloSec`? (the step's p-q above the SLO) */
  exceeds(q: number, sloSec: number): boolean {
    return this.n > 0 && this.cdf(sloSec) < q - 1e-12;
  }
}
