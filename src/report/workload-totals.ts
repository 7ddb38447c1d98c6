/** Per cluster and workload totals, folded step by step from timeseries-workloads.csv's numbers. */
import type { WorkloadTotals } from './types.ts';
import { WORKLOAD_USAGE_COLUMNS } from '../metrics/timeseries.ts';

/** The usage columns a row may carry, in WORKLOAD_USAGE_COLUMNS' order. */
export const USAGE_FOLD_COLUMNS = WORKLOAD_USAGE_COLUMNS;
const [CPU_MEAN, CPU_MAX, MEM_MEAN, MEM_MAX, THROTTLED, , OOM, RESTARTS, EVICTIONS] = USAGE_FOLD_COLUMNS.map((_, i) => i);

interface UsageFold {
  readyPods: number;
  cpu: number;
  memory: number;
  cpuMax: number;
  memoryMax: number;
  throttled: number;
  oomKills: number;
  restarts: number;
  evictions: number;
}

export class WorkloadTotalsFold {
  private readonly totals = new Map<string, WorkloadTotals>();
  private readonly usage = new Map<string, UsageFold>();

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

  /** One row's usage columns (USAGE_FOLD_COLUMNS' order), after its add(); a row whose cpu mean is blank has none. */
  addUsage(cluster: string, workload: string, readyPods: number, u: ArrayLike<number>): void {
    if (!(u[CPU_MEAN] >= 0)) return;
    const key = `${cluster}\u0000${workload}`;
    let f = this.usage.get(key);
    if (!f) {
      f = { readyPods: 0, cpu: 0, memory: 0, cpuMax: 0, memoryMax: 0, throttled: 0, oomKills: 0, restarts: 0, evictions: 0 };
      this.usage.set(key, f);
    }
    const ready = readyPods >= 0 ? readyPods : 0;
    f.readyPods += ready;
    f.cpu += u[CPU_MEAN] * ready;
    f.memory += u[MEM_MEAN] * ready;
    if (u[CPU_MAX] > f.cpuMax) f.cpuMax = u[CPU_MAX];
    if (u[MEM_MAX] > f.memoryMax) f.memoryMax = u[MEM_MAX];
    f.throttled += u[THROTTLED] >= 0 ? u[THROTTLED] : 0;
    f.oomKills += u[OOM] >= 0 ? u[OOM] : 0;
    f.restarts += u[RESTARTS] >= 0 ? u[RESTARTS] : 0;
    f.evictions += u[EVICTIONS] >= 0 ? u[EVICTIONS] : 0;
  }

  /** in the order each (cluster, workload) first appeared */
  values(): WorkloadTotals[] {
    return [...this.totals].map(([key, t]) => {
      const f = this.usage.get(key);
      if (!f) return t;
      const per = (x: number) => (f.readyPods > 0 ? x / f.readyPods : 0);
      return {
        ...t,
        usage: {
          cpuMilliMean: per(f.cpu),
          cpuMilliMax: f.cpuMax,
          memoryMibMean: per(f.memory),
          memoryMibMax: f.memoryMax,
          throttledShare: per(f.throttled),
          oomKills: f.oomKills,
          restarts: f.restarts,
          evictions: f.evictions,
        },
      };
    });
  }
}
