/**
 * Latency of one step over several queues (a cluster's workloads, or the whole fleet), weighted by
 * the requests each served: the mixture CDF Σ sᵢ·Fᵢ(t) / Σ sᵢ. Its quantiles come from a root
 * search bracketed by the parts' own quantiles (the mixture's q-quantile lies between the
 * smallest and the largest of them), so nothing is sketched or allocated per step.
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

  reset(): void {
    this.n = 0;
    this.total = 0;
  }

  add(queue: ServingQueue, r: ServingStepResult): void {
    if (!(r.served > 0) || Number.isNaN(r.p50Sec)) return;
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
