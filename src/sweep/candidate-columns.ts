/**
 * The candidates' table, column by column, for recommendation.md and recommendation.html alike:
 * what each candidate cost, what its seeds saw of every SLO the recommendation judged (p99, error
 * rate and SLO-violation time beside each other), and how many seeds met each SLO.
 */
import { formatSeconds } from '../report/format.ts';
import { axisNames, type Grid } from './grid.ts';
import type { Candidate, Recommendation } from './recommend.ts';

export interface CandidateColumn {
  head: string;
  /** the grid's own axes: left-aligned */
  key?: boolean;
  cell: (c: Candidate) => string;
  /** the cell reads as a miss (an SLO some seed broke, an attainment short of the confidence) */
  miss?: (c: Candidate) => boolean;
}

export function candidateColumns(rec: Recommendation, info: { grid: Grid; currency: string }): CandidateColumn[] {
  const axes: CandidateColumn[] = axisNames(info.grid).map((name, i) => ({ head: name, key: true, cell: (c) => String(Object.values(c.values)[i]) }));
  const perSlo: CandidateColumn[] = rec.slos.map((slo, i) => ({
    head: `${slo.text} seeds`,
    cell: (c) => `${c.sloSeedsMet[i]?.seedsMet ?? 0}/${c.seeds}`,
    miss: (c) => (c.sloSeedsMet[i]?.seedsMet ?? 0) < c.seeds,
  }));
  return [
    ...axes,
    { head: 'attainment', cell: (c) => pct(c.attainment), miss: (c) => !c.qualifies },
    { head: 'seeds met', cell: (c) => `${c.seedsMet}/${c.seeds}` },
    { head: `cost mean (${info.currency}/run)`, cell: (c) => num(c.costMean, 2) },
    { head: 'cost p95', cell: (c) => num(c.costP95, 2) },
    { head: `cost (${info.currency}/month)`, cell: (c) => num(c.costPerMonthMean, 0) },
    { head: 'p99 mean (ms)', cell: (c) => num(c.p99.mean, 1) },
    { head: 'p99 max', cell: (c) => num(c.p99.max, 1) },
    { head: 'error rate mean', cell: (c) => share(c.errorRate.mean) },
    { head: 'error rate max', cell: (c) => share(c.errorRate.max) },
    { head: 'SLO violation mean', cell: (c) => seconds(c.sloViolationSeconds.mean) },
    { head: 'SLO violation max', cell: (c) => seconds(c.sloViolationSeconds.max) },
    ...perSlo,
    { head: 'verdict', cell: (c) => verdict(rec, c) },
  ];
}

export function verdict(rec: Recommendation, c: Candidate): string {
  if (c === rec.recommended) return 'recommended';
  if (c === rec.runnerUp) return 'runner-up';
  if (c === rec.closest) return 'closest';
  return c.qualifies ? 'meets' : '';
}

export function pct(v: number): string {
  return `${Number((v * 100).toPrecision(4))}%`;
}

function share(v: number): string {
  return Number.isFinite(v) ? pct(v) : '—';
}

function seconds(v: number): string {
  return Number.isFinite(v) ? formatSeconds(v) : '—';
}

function num(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '—';
}
