/**
 * The report model: everything the page shows, computed from a run's data, before any HTML.
 * Charts are vega-lite specs here; build.ts renders them to SVG and html/report-page.ts lays
 * the page out.
 */
import { planningHint, type PlanningHint } from './planning.ts';
import { buildAnnotations, buildTimeline } from './annotations.ts';
import type { Timeline } from './annotations.ts';
import type { ChartContext } from './charts/run-charts.ts';
import { formatCount, formatMs, formatPercent, formatSeconds } from './format.ts';
import { HEADLINE_METRICS, METRICS, formatMetric, metricValue } from './metrics.ts';
import type { MetricDef } from './metrics.ts';
import { chartSections } from './sections/index.ts';
import type { ChartSection } from './sections/types.ts';
import type { RunData, WorkloadTotals } from './types.ts';

export interface Kpi {
  def: MetricDef;
  value: number | undefined;
  text: string;
  /** 'bad' when the number breaks the SLO */
  status?: 'ok' | 'bad';
}

export interface SloVerdict {
  status: 'met' | 'missed' | 'unknown';
  checks: { label: string; actual: string; bound: string; ok: boolean }[];
  /** the banner: "SLO met over the run; broken for 2 m in 3 bursts" */
  headline: string;
  /** which rule the verdict judges by */
  rule: string;
}

/** The rule summary.slo.met judges by, in words. */
export const SLO_RULE = 'judged on the whole run: its p99 over every served request and its error rate';

export interface ClusterColumn {
  /** '' for the fleet */
  cluster: string;
  label: string;
  values: Record<string, number | undefined>;
}

export interface ReportModel {
  title: string;
  meta: string[];
  kpis: Kpi[];
  verdict: SloVerdict;
  sections: ChartSection[];
  currency: string;
  metrics: readonly MetricDef[];
  clusterColumns: ClusterColumn[];
  workloads: WorkloadTotals[];
  /** summary.perWorkload: exact fleet-wide numbers per workload, when the run has them */
  workloadSummaries: { workload: string; values: Record<string, number | undefined> }[];
  timeline: Timeline;
  eventTotals: { kind: string; count: number }[];
  eventsSource?: RunData['eventsSource'];
  notes: string[];
  summary: RunData['summary'];
  /** the command that answers "how much headroom should I buy" for this run, when the run recorded what it needs */
  planning?: PlanningHint;
}

export interface ModelOptions {
  /** at most this many points per series in a chart (default 1000) */
  maxPointsPerSeries?: number;
}

export const DEFAULT_MAX_POINTS = 1000;

export function runDurationSec(run: RunData): number {
  const s = run.summary.simulatedSeconds;
  if (typeof s === 'number' && s > 0) return s;
  let last = 0;
  for (const cs of run.series) if (cs.timeSec.length > 0) last = Math.max(last, cs.timeSec[cs.timeSec.length - 1]);
  return last + run.stepSec;
}

export function sloVerdict(summary: RunData['summary']): SloVerdict {
  const p99 = metricValue(summary, 'latencyMs.p99');
  const err = metricValue(summary, 'requests.errorRate');
  const p99Bound = metricValue(summary, 'slo.latencyP99Ms');
  const errBound = metricValue(summary, 'slo.errorRate');
  const checks: SloVerdict['checks'] = [];
  if (p99 !== undefined && p99Bound !== undefined) {
    checks.push({ label: 'p99 latency', actual: formatMs(p99), bound: formatMs(p99Bound), ok: p99 <= p99Bound });
  }
  if (err !== undefined && errBound !== undefined) {
    checks.push({ label: 'error rate', actual: formatPercent(err), bound: formatPercent(errBound), ok: err <= errBound });
  }
  const status = checks.length === 0 ? 'unknown' : checks.every((c) => c.ok) ? 'met' : 'missed';
  return { status, checks, headline: sloHeadline(status, summary), rule: SLO_RULE };
}

/**
 * The verdict over the run, and the time within it the SLO was broken step by step: a run can
 * meet its p99 overall while bursts break it, and the banner must not hide that.
 */
function sloHeadline(status: SloVerdict['status'], summary: RunData['summary']): string {
  if (status === 'unknown') return 'no SLO in summary.json';
  const head = status === 'met' ? 'SLO met over the run' : 'SLO missed over the run';
  const seconds = metricValue(summary, 'sloViolationSeconds');
  if (seconds === undefined) return head;
  if (seconds === 0) return `${head}; not broken at any step`;
  const bursts = metricValue(summary, 'slo.violationBursts');
  const inBursts = bursts === undefined ? '' : ` in ${formatCount(bursts)} burst${bursts === 1 ? '' : 's'}`;
  return `${head}; broken for ${formatSeconds(seconds)}${inBursts}`;
}

function kpis(run: RunData, currency: string): Kpi[] {
  const s = run.summary;
  const p99Bound = metricValue(s, 'slo.latencyP99Ms');
  const errBound = metricValue(s, 'slo.errorRate');
  return HEADLINE_METRICS.map((def) => {
    const value = metricValue(s, def.path);
    let status: Kpi['status'];
    if (value !== undefined && def.path === 'latencyMs.p99' && p99Bound !== undefined) status = value <= p99Bound ? 'ok' : 'bad';
    if (value !== undefined && def.path === 'requests.errorRate' && errBound !== undefined) status = value <= errBound ? 'ok' : 'bad';
    if (value !== undefined && def.path === 'sloViolationSeconds') status = value === 0 ? 'ok' : 'bad';
    return { def, value, text: formatMetric(def, value, currency), status };
  });
}

function workloadSummaries(s: RunData['summary']): ReportModel['workloadSummaries'] {
  const per = s.perWorkload;
  if (per === null || typeof per !== 'object') return [];
  return Object.entries(per as Record<string, unknown>).map(([workload, v]) => ({
    workload,
    values: Object.fromEntries(
      ['requests.total', 'requests.failed', 'requests.errorRate', 'latencyMs.p50', 'latencyMs.p95', 'latencyMs.p99', 'latencyMs.max'].map((k) => [k, metricValue(v, k)]),
    ),
  }));
}

export function buildReportModel(run: RunData, opts: ModelOptions = {}): ReportModel {
  const s = run.summary;
  const currency = typeof s.cost?.currency === 'string' ? s.cost.currency : 'USD';
  const durationSec = runDurationSec(run);
  const maxPoints = Math.max(10, opts.maxPointsPerSeries ?? DEFAULT_MAX_POINTS);
  // Marks closer than ~1/300 of the run would overlap on a panel a few hundred pixels wide.
  const mergeSec = durationSec / 300;
  const annotations = buildAnnotations(run.events, durationSec, mergeSec);
  const sloP99Ms = metricValue(s, 'slo.latencyP99Ms');
  const ctx: ChartContext = { startSec: 0, endSec: durationSec, maxPoints, annotations, sloP99Ms, currency };
  return {
    title: typeof s.scenario === 'string' ? s.scenario : 'headroom run',
    meta: runMeta(run, durationSec),
    kpis: kpis(run, currency),
    verdict: sloVerdict(s),
    sections: chartSections(run, ctx),
    currency,
    metrics: METRICS,
    clusterColumns: clusterColumns(run),
    workloads: run.workloads,
    workloadSummaries: workloadSummaries(s),
    timeline: buildTimeline(run.events, Math.max(60, durationSec / 200)),
    eventsSource: run.eventsSource,
    eventTotals: eventTotals(run),
    notes: notes(run, maxPoints),
    summary: s,
    ...(run.planning ? { planning: planningHint(run.planning, s) } : {}),
  };
}

/** The line under the title: seed, length, step, sizes and the --set overrides. */
function runMeta(run: RunData, durationSec: number): string[] {
  const s = run.summary;
  const workloadNames = new Set(run.workloads.map((w) => w.workload));
  const meta = [
    `seed ${s.seed ?? '—'}`,
    `${formatSeconds(durationSec)} simulated`,
    `step ${formatSeconds(run.stepSec)}`,
    `${run.clusters.length} cluster${run.clusters.length === 1 ? '' : 's'}`,
    ...(workloadNames.size > 0 ? [`${workloadNames.size} workload${workloadNames.size === 1 ? '' : 's'}`] : []),
  ];
  // which variant of the scenario this is: the --set overrides it ran with
  if (Array.isArray(s.overrides)) for (const o of s.overrides) meta.push(`--set ${String(o)}`);
  // no wall-clock time: the page is byte-identical for the same scenario and seed
  return meta;
}

/** Every key number for the fleet, then for each cluster. */
function clusterColumns(run: RunData): ClusterColumn[] {
  const s = run.summary;
  return [
    { cluster: '', label: 'fleet', values: Object.fromEntries(METRICS.map((m) => [m.path, metricValue(s, m.path)])) },
    ...run.clusters.map((name) => ({
      cluster: name,
      label: name,
      values: Object.fromEntries(METRICS.map((m) => [m.path, m.fleetOnly ? undefined : metricValue(s.perCluster?.[name], m.path)])),
    })),
  ];
}

/** How many events of each reason the run had, over all clusters, most first. */
function eventTotals(run: RunData): ReportModel['eventTotals'] {
  const totals = new Map<string, number>();
  for (const byKind of Object.values(run.eventCounts)) for (const [k, n] of Object.entries(byKind)) totals.set(k, (totals.get(k) ?? 0) + n);
  return [...totals].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count);
}

/** The page's footnotes: what was missing from the run, and how the charts thin their points. */
function notes(run: RunData, maxPoints: number): string[] {
  const out: string[] = [];
  for (const f of run.missing) {
    if (f === 'timeseries.csv') out.push('timeseries.csv is missing: no charts.');
    else if (f === 'events.jsonl') {
      out.push(
        run.eventsSource === 'annotations.json'
          ? 'events.jsonl is missing (run with --events for every event): the marks and the timeline come from annotations.json.'
          : 'Neither events.jsonl nor annotations.json is there: no scale-up, preemption or outage marks, and no timeline.',
      );
    } else out.push(`${f} is missing.`);
  }
  out.push(
    `Charts show at most ${maxPoints.toLocaleString('en-US')} points per series: each time bucket keeps its lowest and highest sample, so spikes stay visible. ` +
      'Every number in the tables comes from summary.json or from every sample.',
  );
  return out;
}
