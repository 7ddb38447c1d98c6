/**
 * timeseries.csv and timeseries-workloads.csv from a run's series: one row per step per cluster
 * (and per workload), the columns of metrics/timeseries.ts, each at its own precision.
 */
import type { RunSeries } from '../metrics/series.ts';
import {
  CLUSTER_COLUMNS,
  CLUSTER_SERIES,
  WORKLOAD_COLUMNS,
  WORKLOAD_SERIES,
  WORKLOAD_USAGE_COLUMNS,
  type ClusterColumn,
  type WorkloadColumn,
} from '../metrics/timeseries.ts';
import { csvField } from './csv.ts';
import { formatDecimal } from './decimal.ts';

/** Decimals written: rates and milliseconds to a thousandth, money and shares to 1e-4, counts whole. */
export const TIME_DIGITS = 3;
/** the columns both files have: what was served, and its latency */
const SERVING_DIGITS = { arrival_rps: 3, capacity_rps: 3, served_rps: 3, failed_rps: 3, p50_ms: 3, p95_ms: 3, p99_ms: 3, ready_pods: 0, pending_pods: 0 } as const;
export const CLUSTER_DIGITS: Record<ClusterColumn, number> = {
  ...SERVING_DIGITS,
  placeholder_pods: 0,
  placeholder_pending: 0,
  nodes_ready: 0,
  nodes_requested: 0,
  cost_per_hour: 4,
  traffic_share: 4,
  nodes_provisioning: 0,
};
export const WORKLOAD_DIGITS: Record<WorkloadColumn, number> = {
  ...SERVING_DIGITS,
  desired_replicas: 0,
  backlog: 1,
};
/** cpu (millicores) and memory (MiB) to a thousandth, counts whole */
export const USAGE_DIGITS = { cpu_milli_mean: 3, cpu_milli_max: 3, memory_mib_mean: 3, memory_mib_max: 3, throttled_pods: 0, cpu_shared_pods: 0, oom_kills: 0, restarts: 0, evictions: 0 } as const;

/** One row per step and cluster, steps first. */
export function clusterSeriesCsv(s: RunSeries): string {
  const digits = CLUSTER_SERIES.map((c) => CLUSTER_DIGITS[c]);
  const rows = s.clusterNames.map((name, ci) => ({
    prefix: `,${csvField(name)}`,
    cols: CLUSTER_SERIES.map((c) => s.clusters[ci][c]),
  }));
  return seriesCsv(CLUSTER_COLUMNS, s, rows, digits);
}

/** One row per step, cluster and workload, steps first, then clusters. */
export function workloadSeriesCsv(s: RunSeries): string {
  // a run with usage or limits gains the usage columns after the others
  const usage = s.workloadUsage;
  const digits = [...WORKLOAD_SERIES.map((c) => WORKLOAD_DIGITS[c]), ...(usage ? WORKLOAD_USAGE_COLUMNS.map((c) => USAGE_DIGITS[c]) : [])];
  const rows = s.clusterNames.flatMap((cluster, ci) =>
    s.workloadNames.map((workload, wi) => ({
      prefix: `,${csvField(cluster)},${csvField(workload)}`,
      cols: [...WORKLOAD_SERIES.map((c) => s.workloads[ci][wi][c]), ...(usage ? WORKLOAD_USAGE_COLUMNS.map((c) => usage[ci][wi][c]) : [])],
    })),
  );
  return seriesCsv(usage ? [...WORKLOAD_COLUMNS, ...WORKLOAD_USAGE_COLUMNS] : WORKLOAD_COLUMNS, s, rows, digits);
}

function seriesCsv(header: readonly string[], s: RunSeries, rows: { prefix: string; cols: Float64Array[] }[], digits: number[]): string {
  const lines: string[] = [header.join(',')];
  // cells joined once per row: a flat string, where += would keep a chain of pieces per row
  const cells: string[] = [];
  for (let k = 0; k < s.length; k++) {
    const time = formatDecimal(s.timeSec[k], TIME_DIGITS);
    for (const { prefix, cols } of rows) {
      cells[0] = time + prefix;
      for (let j = 0; j < cols.length; j++) cells[j + 1] = formatDecimal(cols[j][k], digits[j]);
      lines.push(cells.join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
