/**
 * The key numbers of a run: where each lives in summary.json, how it reads, and which way is
 * better. The page header, the per-cluster table and the comparison all walk this one list.
 */
import { formatCount, formatMoney, formatMs, formatNumber, formatPercent, formatSeconds } from './format.ts';

export type MetricUnit = 'ms' | 'ratio' | 'seconds' | 'money' | 'moneyPerHour' | 'moneyPerMonth' | 'count' | 'nodeHours' | 'podSeconds';
export type Better = 'lower' | 'higher' | 'neutral';

export interface MetricDef {
  /** dotted path in summary.json (and in each perCluster entry) */
  path: string;
  label: string;
  unit: MetricUnit;
  better: Better;
  /** shown as a tile in the page header */
  headline?: boolean;
  /** fleet-wide only: not looked up per cluster */
  fleetOnly?: boolean;
  /** in summary.json only when the scenario uses what it measures; tables and comparisons leave out its row otherwise */
  optional?: boolean;
}

export const METRICS: readonly MetricDef[] = [
  { path: 'latencyMs.p99', label: 'p99 latency', unit: 'ms', better: 'lower', headline: true },
  { path: 'requests.errorRate', label: 'error rate', unit: 'ratio', better: 'lower', headline: true },
  { path: 'sloViolationSeconds', label: 'SLO violation', unit: 'seconds', better: 'lower', headline: true },
  { path: 'cost.total', label: 'cost per run', unit: 'money', better: 'lower', headline: true },
  { path: 'cost.perMonth', label: 'cost per month', unit: 'moneyPerMonth', better: 'lower', headline: true },
  { path: 'cost.headroom', label: 'headroom cost per run', unit: 'money', better: 'lower', headline: true },
  { path: 'cost.headroomPerMonth', label: 'headroom cost per month', unit: 'moneyPerMonth', better: 'lower' },
  { path: 'cost.perHour', label: 'cost per hour', unit: 'moneyPerHour', better: 'lower' },
  { path: 'pods.preemptions', label: 'preemptions', unit: 'count', better: 'lower', headline: true },
  { path: 'nodes.peak', label: 'peak nodes', unit: 'count', better: 'lower', headline: true },
  { path: 'latencyMs.p50', label: 'p50 latency', unit: 'ms', better: 'lower' },
  { path: 'latencyMs.p95', label: 'p95 latency', unit: 'ms', better: 'lower' },
  { path: 'latencyMs.mean', label: 'mean latency', unit: 'ms', better: 'lower' },
  { path: 'latencyMs.max', label: 'max latency', unit: 'ms', better: 'lower' },
  { path: 'requests.total', label: 'requests', unit: 'count', better: 'neutral' },
  { path: 'requests.served', label: 'requests served', unit: 'count', better: 'neutral' },
  { path: 'requests.failed', label: 'requests failed', unit: 'count', better: 'lower' },
  { path: 'pods.pendingSecondsTotal', label: 'pending pod time', unit: 'podSeconds', better: 'lower' },
  { path: 'pods.skewBlockedPendingSeconds', label: 'pending held by topology spread', unit: 'podSeconds', better: 'lower', optional: true },
  { path: 'pods.maxPending', label: 'max pending pods', unit: 'count', better: 'lower' },
  { path: 'pods.scheduleToReadyP95S', label: 'schedule to Ready p95', unit: 'seconds', better: 'lower' },
  { path: 'pods.placeholderPendingSecondsTotal', label: 'placeholder pending time', unit: 'podSeconds', better: 'lower' },
  { path: 'nodes.nodeHours', label: 'node hours', unit: 'nodeHours', better: 'lower' },
  { path: 'nodes.scaleUps', label: 'scale-ups', unit: 'count', better: 'neutral' },
  { path: 'nodes.scaleDowns', label: 'scale-downs', unit: 'count', better: 'neutral' },
  { path: 'nodes.nodesAdded', label: 'nodes added', unit: 'count', better: 'neutral' },
  { path: 'binPacking.cpuRequestedShare', label: 'cpu requested share', unit: 'ratio', better: 'higher' },
  { path: 'binPacking.memoryRequestedShare', label: 'memory requested share', unit: 'ratio', better: 'higher' },
  { path: 'binPacking.workloadCpuRequestedShare', label: 'cpu requested by workloads', unit: 'ratio', better: 'higher' },
  { path: 'binPacking.workloadMemoryRequestedShare', label: 'memory requested by workloads', unit: 'ratio', better: 'higher' },
  { path: 'engine.events', label: 'engine events', unit: 'count', better: 'neutral', fleetOnly: true },
];

export const HEADLINE_METRICS = METRICS.filter((m) => m.headline);

/** The number at a dotted path, or undefined if it is absent or not a finite number. */
export function metricValue(obj: unknown, path: string): number | undefined {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return typeof cur === 'number' && Number.isFinite(cur) ? cur : undefined;
}

export function formatMetric(def: MetricDef, v: number | undefined, currency = 'USD'): string {
  switch (def.unit) {
    case 'ms':
      return formatMs(v);
    case 'ratio':
      return formatPercent(v);
    case 'seconds':
      return formatSeconds(v);
    case 'money':
      return formatMoney(v, currency);
    case 'moneyPerHour':
      return v === undefined ? formatMoney(v) : `${formatMoney(v, currency)}/h`;
    case 'moneyPerMonth':
      return v === undefined ? formatMoney(v) : `${formatMoney(v, currency)}/month`;
    case 'count':
      return formatCount(v);
    case 'nodeHours':
      return v === undefined ? formatNumber(v) : `${formatNumber(v, 1)} node·h`;
    case 'podSeconds':
      return v === undefined ? formatNumber(v) : `${formatNumber(v, 0)} pod·s`;
  }
}

export type Verdict = 'better' | 'worse' | 'same' | 'changed' | 'n/a';

/** Whether going from a to b is an improvement, by the metric's direction. */
export function judge(def: MetricDef, a: number | undefined, b: number | undefined): Verdict {
  if (a === undefined || b === undefined) return 'n/a';
  // Differences below a part in a billion are float noise, not a change.
  if (Math.abs(b - a) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) return 'same';
  if (def.better === 'neutral') return 'changed';
  return (b < a) === (def.better === 'lower') ? 'better' : 'worse';
}
