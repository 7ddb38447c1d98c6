/**
 * What the report reads from a run folder, as plain data. The simulator's files are the
 * contract (DESIGN.md, Outputs); these types are the report's tolerant view of them: every field
 * may be missing, and unknown fields and columns are carried along untouched.
 */
import type { EventType } from './event-types.ts';
import { CLUSTER_SERIES, type ClusterColumn } from '../metrics/timeseries.ts';

/** summary.json as written by `headroom run`; read loosely, looked up by dotted path. */
export type RunSummary = Record<string, unknown> & {
  scenario?: string;
  seed?: number;
  simulatedSeconds?: number;
  /** sampling step in seconds; older files call it step */
  stepSeconds?: number;
  step?: number | string;
  slo?: { latencyP99Ms?: number; errorRate?: number; met?: boolean; violationBursts?: number };
  cost?: { total?: number; headroom?: number; currency?: string };
  perCluster?: Record<string, Record<string, unknown>>;
};

/** Columns of timeseries.csv the charts use (all but time and cluster); any may be absent from a given run. */
export const SERIES_COLUMNS = CLUSTER_SERIES;

export type SeriesColumn = ClusterColumn;

/** One cluster's samples, column by column; a blank or unparsable cell is NaN. */
export interface ClusterSeries {
  cluster: string;
  timeSec: Float64Array;
  columns: Partial<Record<SeriesColumn, Float64Array>>;
}

/** One line of events.jsonl (or annotations.json). */
export interface RunEvent {
  timeSec: number;
  cluster?: string;
  /** the object's kind, e.g. ClusterAutoscaler */
  kind: string;
  /** the event's reason, e.g. TriggeredScaleUp */
  reason?: string;
  message?: string;
  /** what the report makes of kind and reason */
  type: EventType;
}

/** Totals of one workload in one cluster, folded from timeseries-workloads.csv. */
export interface WorkloadTotals {
  cluster: string;
  workload: string;
  /** sum of arrival_rps x step: requests that arrived */
  requests: number;
  /** sum of failed_rps x step */
  failed: number;
  peakArrivalRps: number;
  worstP99Ms: number;
  peakReadyPods: number;
  peakPendingPods: number;
  /** from the usage columns, when the run has them: per pod (means weighted by Ready pods), throttled share of Ready pod time, counts */
  usage?: WorkloadUsageTotals;
}

export interface WorkloadUsageTotals {
  cpuMilliMean: number;
  cpuMilliMax: number;
  memoryMibMean: number;
  memoryMibMax: number;
  throttledShare: number;
  oomKills: number;
  restarts: number;
  evictions: number;
}

/** Everything the report knows about one run. */
export interface RunData {
  dir: string;
  summary: RunSummary;
  /** seconds between samples: summary.step, else the most common gap in the series */
  stepSec: number;
  /** cluster names in the order they first appear (series, then summary.perCluster) */
  clusters: string[];
  series: ClusterSeries[];
  /** notable events only (all but the per-pod ones), oldest first; see eventCounts for all */
  events: RunEvent[];
  /** where the events came from: events.jsonl, else annotations.json (the few the charts mark) */
  eventsSource?: 'events.jsonl' | 'annotations.json';
  /** how many events of each reason (or kind) the source holds, per cluster ('' for fleet-wide) */
  eventCounts: Record<string, Record<string, number>>;
  workloads: WorkloadTotals[];
  /** files that were looked for and not found, for the page's footnote */
  missing: string[];
  /** what the run's "how much headroom to buy" command is built from (run-info.json); absent in older folders */
  planning?: PlanningInfo;
}

/** What a run records for its report's "how much headroom to buy" line: kept in run-info.json, so `headroom report` gives the same page. */
export interface PlanningInfo {
  /** the scenario file as the run was given it */
  scenarioFile?: string;
  /** the flags that widened what the scenario could read, as given (`--allow-read DIR`, ...) */
  readFlags: string[];
  /** the scenario's over-provisioners in order: a fixed count per cluster, or null when cluster-proportional */
  overprovisioners: { name: string; replicasPerCluster: number | null }[];
}
