/**
 * Two runs' key numbers side by side: for every metric, overall and per cluster, both values,
 * the difference (B − A, absolute and relative to A) and whether B is better or worse.
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

/** Cluster names of A, then those only B has. */
export function clusterUnion(a: RunSummary, b: RunSummary, seriesA: string[] = [], seriesB: string[] = []): string[] {
  const out: string[] = [];
  for (const name of [...seriesA, ...Object.keys(a.perCluster ?? {}), ...seriesB, ...Object.keys(b.perCluster ?? {})]) {
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

export function diffSummaries(a: RunSummary, b: RunSummary, clusters: string[]): DiffScope[] {
  const scope = (cluster: string, sa: unknown, sb: unknown): DiffScope => ({
    cluster,
    rows: METRICS.filter((d) => !(cluster && d.fleetOnly))
      .map((d) => diffRow(d, metricValue(sa, d.path), metricValue(sb, d.path)))
      .filter((r) => r.a !== undefined || r.b !== undefined),
  });
  return [scope('', a, b), ...clusters.map((c) => scope(c, a.perCluster?.[c], b.perCluster?.[c]))];
}

const sign = (v: number): string => (v > 0 ? '+' : v < 0 ? '−' : '±');

/** The absolute difference in the metric's unit, signed: +12.5 ms, −$3.20, +0.05 pp. */
export function formatDelta(def: MetricDef, d: number | undefined, currency = 'USD'): string {
  if (d === undefined || !Number.isFinite(d)) return DASH;
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
  const t: Record<Verdict, number> = { better: 0, worse: 0, same: 0, changed: 0, 'n/a': 0 };
  for (const r of scopes[0]?.rows ?? []) t[r.verdict]++;
  return t;
}
