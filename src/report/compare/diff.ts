/**
 * Runs' key numbers side by side: for every metric, overall and per cluster, each run's value and
 * each later run's difference from the first (absolute and relative) and whether it is better or worse.
 */
import { formatCount, formatMoney, formatMs, formatNumber, formatSeconds, DASH } from '../format.ts';
import { METRICS, judge, metricValue } from '../metrics.ts';
import type { MetricDef, Verdict } from '../metrics.ts';
import type { RunSummary } from '../types.ts';

export interface DiffRow {
  def: MetricDef;
  a: number | undefined;
  b: number | undefined;
  /** b − a */
  abs: number | undefined;
  /** (b − a) / |a|, undefined when a is 0 or either is missing */
  rel: number | undefined;
  verdict: Verdict;
}

export interface DiffScope {
  /** '' for the fleet */
  cluster: string;
  rows: DiffRow[];
}

export function diffRow(def: MetricDef, a: number | undefined, b: number | undefined): DiffRow {
  const abs = a !== undefined && b !== undefined ? b - a : undefined;
  const rel = abs !== undefined && a !== 0 ? abs / Math.abs(a!) : abs === 0 ? 0 : undefined;
  return { def, a, b, abs, rel, verdict: judge(def, a, b) };
}

/** Cluster names of the first run, then those only later runs have, in run order. */
export function clusterUnion(runs: readonly { summary: RunSummary; clusters?: readonly string[] }[]): string[] {
  const out: string[] = [];
  for (const run of runs) {
    for (const name of [...(run.clusters ?? []), ...Object.keys(run.summary.perCluster ?? {})]) {
      if (!out.includes(name)) out.push(name);
    }
  }
  return out;
}

/** One metric over several runs: each run's value, and each later run's difference from the first. */
export interface SeriesRow {
  def: MetricDef;
  values: (number | undefined)[];
  /** diffs[i] is run i + 1 against run 0 */
  diffs: DiffRow[];
}

export interface SeriesScope {
  /** '' for the fleet */
  cluster: string;
  rows: SeriesRow[];
}

/** Every metric a run has, fleet-wide and per cluster, each later run against the first. */
export function diffRuns(summaries: readonly RunSummary[], clusters: string[]): SeriesScope[] {
  const scope = (cluster: string, of: (s: RunSummary) => unknown): SeriesScope => ({
    cluster,
    rows: METRICS.filter((d) => !(cluster && d.fleetOnly)).flatMap((def) => {
      const values = summaries.map((s) => metricValue(of(s), def.path));
      if (values.every((v) => v === undefined)) return [];
      return [{ def, values, diffs: values.slice(1).map((v) => diffRow(def, values[0], v)) }];
    }),
  });
  return [scope('', (s) => s), ...clusters.map((c) => scope(c, (s) => s.perCluster?.[c]))];
}

/** The first later run against the first, as rows of two. */
export function pairScopes(scopes: SeriesScope[]): DiffScope[] {
  return scopes.map((s) => ({ cluster: s.cluster, rows: s.rows.map((r) => r.diffs[0]) }));
}

const sign = (v: number): string => (v > 0 ? '+' : v < 0 ? '−' : '±');

/**
 * A count's difference as the two counts print: when both print whole (a fluid model's request
 * counts are fractional, and print whole from 100 up), the difference of the whole numbers, so the
 * three figures on a row add up and no fraction of a request shows.
 */
function countDelta(d: number, ends: readonly [number | undefined, number | undefined] | undefined): number {
  const whole = (v: number | undefined) => v !== undefined && (Number.isInteger(v) || Math.abs(v) >= 100);
  if (ends === undefined || !whole(ends[0]) || !whole(ends[1])) return d;
  return Math.round(ends[1]!) - Math.round(ends[0]!);
}

/**
 * The absolute difference in the metric's unit, signed: +12.5 ms, −$3.20, +0.05 pp. `ends` (the
 * two values) lets a count's difference follow how they print.
 */
export function formatDelta(
  def: MetricDef,
  delta: number | undefined,
  currency = 'USD',
  ends?: readonly [number | undefined, number | undefined],
): string {
  if (delta === undefined || !Number.isFinite(delta)) return DASH;
  const d = def.unit === 'count' ? countDelta(delta, ends) : delta;
  const m = Math.abs(d);
  switch (def.unit) {
    case 'ms':
      return `${sign(d)}${formatMs(m)}`;
    case 'ratio':
      // A difference of two percentages is in percentage points, not in percent of anything.
      return `${sign(d)}${Number((m * 100).toPrecision(3))} pp`;
    case 'seconds':
      return `${sign(d)}${formatSeconds(m)}`;
    case 'money':
      return `${sign(d)}${formatMoney(m, currency)}`;
    case 'moneyPerHour':
      return `${sign(d)}${formatMoney(m, currency)}/h`;
    case 'moneyPerMonth':
      return `${sign(d)}${formatMoney(m, currency)}/month`;
    case 'nodeHours':
      return `${sign(d)}${formatNumber(m, 1)} node·h`;
    case 'podSeconds':
      return `${sign(d)}${formatNumber(m, 0)} pod·s`;
    case 'count':
      // whole from 100 up, as the counts themselves read: a fluid model's requests are fractional
      return `${sign(d)}${formatCount(m)}`;
  }
}

export function formatRelative(rel: number | undefined): string {
  if (rel === undefined || !Number.isFinite(rel)) return DASH;
  if (rel === 0) return '0%';
  const pct = Math.abs(rel * 100);
  return `${sign(rel)}${pct >= 100 ? Math.round(pct).toLocaleString('en-US') : Number(pct.toPrecision(2))}%`;
}

export function tally(scopes: DiffScope[]): Record<Verdict, number> {
  return tallyRows((scopes[0]?.rows ?? []).map((r) => r.verdict));
}

/** Run i + 1's verdicts against the first run, fleet-wide. */
export function tallyAgainstFirst(scopes: SeriesScope[], i: number): Record<Verdict, number> {
  return tallyRows((scopes[0]?.rows ?? []).map((r) => r.diffs[i].verdict));
}

function tallyRows(verdicts: Verdict[]): Record<Verdict, number> {
  const t: Record<Verdict, number> = { better: 0, worse: 0, same: 0, changed: 0, 'n/a': 0 };
  for (const v of verdicts) t[v]++;
  return t;
}
