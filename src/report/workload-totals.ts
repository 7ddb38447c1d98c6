/** Per cluster and workload totals, folded step by step from timeseries-workloads.csv's numbers. */
import type { WorkloadTotals } from './types.ts';

export class WorkloadTotalsFold {
  private readonly totals = new Map<string, WorkloadTotals>();

  constructor(
    /** each row weighs this many seconds */
    private readonly stepSec: number,
  ) {}

  /** One row; a blank (NaN) number adds nothing and raises no peak. */
  add(cluster: string, workload: string, arrivalRps: number, failedRps: number, p99Ms: number, readyPods: number, pendingPods: number): void {
    const key = `${cluster}\u0000${workload}`;
    let t = this.totals.get(key);
    if (!t) {
      t = { cluster, workload, requests: 0, failed: 0, peakArrivalRps: 0, worstP99Ms: 0, peakReadyPods: 0, peakPendingPods: 0 };
      this.totals.set(key, t);
    }
    if (arrivalRps >= 0) t.requests += arrivalRps * this.stepSec;
    if (failedRps >= 0) t.failed += failedRps * this.stepSec;
    if (arrivalRps > t.peakArrivalRps) t.peakArrivalRps = arrivalRps;
    if (p99Ms > t.worstP99Ms) t.worstP99Ms = p99Ms;
    if (readyPods > t.peakReadyPods) t.peakReadyPods = readyPods;
    if (pendingPods > t.peakPendingPods) t.peakPendingPods = pendingPods;
  }

  /** in the order each (cluster, workload) first appeared */
  values(): WorkloadTotals[] {
    return [...this.totals.values()];
  }
}
