/**
 * The two-axis frontier as a table, for recommendation.md and recommendation.html alike: one row
 * per value of the second axis, with the smallest value of the first that meets and its cost.
 */
import { shortPath } from './grid.ts';
import type { Frontier, FrontierRow } from './frontier.ts';
import { pct } from './candidate-columns.ts';

export interface FrontierColumn {
  head: string;
  cell: (r: FrontierRow) => string;
}

export function frontierColumns(f: Frontier, currency: string): FrontierColumn[] {
  const num = (v: number | null, digits: number) =>
    v === null || !Number.isFinite(v) ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return [
    { head: shortPath(f.by), cell: (r) => String(r.by) },
    { head: `smallest ${shortPath(f.path)}`, cell: (r) => (r.value === null ? 'none meets' : String(r.value)) },
    { head: 'attainment', cell: (r) => (r.attainment === null ? '—' : pct(r.attainment)) },
    { head: `cost mean (${currency}/run)`, cell: (r) => num(r.costMean, 2) },
    { head: `cost (${currency}/month)`, cell: (r) => num(r.costPerMonthMean, 0) },
    { head: 'p99 mean (ms)', cell: (r) => num(r.p99Mean, 1) },
  ];
}

/** The heading and sentence above the table. */
export function frontierTitle(f: Frontier): string {
  return `Smallest ${shortPath(f.path)} for each ${shortPath(f.by)}`;
}

export function frontierNote(f: Frontier): string {
  return (
    `For each ${f.by}, the smallest ${f.path} that meets the SLOs at the attainment asked, among the values run, ` +
    'with its mean cost per run and per month; "none meets" when no value run does.'
  );
}
