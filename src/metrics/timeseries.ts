/** timeseries.csv and timeseries-workloads.csv: columns are a contract (add, never rename). */
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

/** Rows joined once at the end; cells arrive formatted, names already passed through csvCell. */
export class CsvBuilder {
  private readonly rows: string[] = [];
  constructor(private readonly columns: readonly string[]) {}

  row(cells: string[]): void {
    this.rows.push(cells.join(','));
  }

  text(): string {
    return `${this.columns.join(',')}\n${this.rows.join('\n')}${this.rows.length ? '\n' : ''}`;
  }
}

export function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
