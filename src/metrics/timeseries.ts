/**
 * The columns of timeseries.csv and timeseries-workloads.csv, in their order: a contract (add,
 * never rename). Each name carries its unit; series.ts holds the numbers under the same names.
 */
export const CLUSTER_COLUMNS = [
  'time_s',
  'cluster',
  'arrival_rps',
  'capacity_rps',
  'served_rps',
  'failed_rps',
  'p50_ms',
  'p95_ms',
  'p99_ms',
  'ready_pods',
  'pending_pods',
  'placeholder_pods',
  'placeholder_pending',
  'nodes_ready',
  'nodes_requested',
  'cost_per_hour',
  'traffic_share',
  /** asked for and not Ready yet (the provisioning gap; nodes of a zone that is down are not in it) */
  'nodes_provisioning',
] as const;

export const WORKLOAD_COLUMNS = [
  'time_s',
  'cluster',
  'workload',
  'arrival_rps',
  'capacity_rps',
  'served_rps',
  'failed_rps',
  'p50_ms',
  'p95_ms',
  'p99_ms',
  'ready_pods',
  'pending_pods',
  'desired_replicas',
  'backlog',
] as const;

/** The numeric columns of one cluster (all but time and cluster). */
export type ClusterColumn = Exclude<(typeof CLUSTER_COLUMNS)[number], 'time_s' | 'cluster'>;
export const CLUSTER_SERIES = CLUSTER_COLUMNS.slice(2) as readonly ClusterColumn[];

/** The numeric columns of one workload in one cluster (all but time, cluster and workload). */
export type WorkloadColumn = Exclude<(typeof WORKLOAD_COLUMNS)[number], 'time_s' | 'cluster' | 'workload'>;
export const WORKLOAD_SERIES = WORKLOAD_COLUMNS.slice(3) as readonly WorkloadColumn[];

/**
 * The usage columns timeseries-workloads.csv gains after its own when the scenario has usage or
 * limits (every other run keeps its columns): per pod over the Ready pods, and the step's counts.
 */
export const WORKLOAD_USAGE_COLUMNS = [
  'cpu_milli_mean',
  'cpu_milli_max',
  'memory_mib_mean',
  'memory_mib_max',
  'throttled_pods',
  'cpu_shared_pods',
  'oom_kills',
  'restarts',
  'evictions',
] as const;
export type WorkloadUsageColumn = (typeof WORKLOAD_USAGE_COLUMNS)[number];
