/**
 * A run's time series as numbers: one typed array per column per cluster (and per workload in
 * each cluster), one entry per sample step, in the units the column names say. Nothing here is
 * text: report/ writes the CSV files from these arrays.
 */
import { CLUSTER_SERIES, WORKLOAD_SERIES, WORKLOAD_USAGE_COLUMNS, type ClusterColumn, type WorkloadColumn, type WorkloadUsageColumn } from './timeseries.ts';

export type ClusterColumns = Record<ClusterColumn, Float64Array>;
export type WorkloadColumns = Record<WorkloadColumn, Float64Array>;
export type WorkloadUsageSeries = Record<WorkloadUsageColumn, Float64Array>;

function columns<C extends string>(names: readonly C[], steps: number): Record<C, Float64Array> {
  const out = {} as Record<C, Float64Array>;
  for (const n of names) out[n] = new Float64Array(steps);
  return out;
}

export class RunSeries {
  /** steps recorded so far; every column holds this many values */
  length = 0;
  /** each step's start, seconds */
  readonly timeSec: Float64Array;
  /** [cluster] */
  readonly clusters: ClusterColumns[];
  /** [cluster][workload] */
  readonly workloads: WorkloadColumns[][];
  /** [cluster][workload]: the usage columns, when the scenario has usage or limits */
  readonly workloadUsage: WorkloadUsageSeries[][] | null;

  constructor(
    readonly clusterNames: readonly string[],
    readonly workloadNames: readonly string[],
    steps: number,
    withUsage = false,
  ) {
    this.timeSec = new Float64Array(steps);
    this.clusters = clusterNames.map(() => columns(CLUSTER_SERIES, steps));
    this.workloads = clusterNames.map(() => workloadNames.map(() => columns(WORKLOAD_SERIES, steps)));
    this.workloadUsage = withUsage ? clusterNames.map(() => workloadNames.map(() => columns(WORKLOAD_USAGE_COLUMNS, steps))) : null;
  }
}
