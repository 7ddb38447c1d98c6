/**
 * The sizing decision over a finished sweep. Each grid point is a candidate; its attainment is
 * the share of its seeds whose run met every SLO; its cost is the mean (and p95) over seeds. The
 * recommendation is the cheapest candidate by mean cost whose attainment reaches the confidence
 * (ties: lower p95 cost, then grid order), with the next cheapest such candidate as runner-up.
 * When none qualifies, the closest is the one with the best attainment, then the smallest
 * shortfall past the thresholds, then the lowest cost.
 */
import { HeadroomError } from '../errors.ts';
import { pointAt, pointCount, pointLabel, pointValues, type Grid } from './grid.ts';
import { metricOf } from './metrics.ts';
import type { SweepRow } from './outputs.ts';
import { sloMet, sloShortfall, type Slo } from './slo.ts';
import { mean } from '../check/stats.ts';
import { maxOf, minOf, percentile } from './stats.ts';
import { frontierOf, type Frontier } from './frontier.ts';

export const COST_METRIC = 'cost.total';
export const COST_PER_MONTH_METRIC = 'cost.perMonth';
export const P99_METRIC = 'latencyMs.p99';
export const ERROR_RATE_METRIC = 'requests.errorRate';
export const SLO_SECONDS_METRIC = 'sloViolationSeconds';

/** A number over a candidate's seeds. */
export interface Spread {
  mean: number;
  p95: number;
  min: number;
  max: number;
}

export interface Candidate {
  point: number;
  /** `replicasPerCluster=40`, for sentences and labels */
  label: string;
  values: Record<string, unknown>;
  seeds: number;
  seedsMet: number;
  /** seedsMet / seeds */
  attainment: number;
  costMean: number;
  costP95: number;
  /** mean over seeds of cost.perMonth (a month of 730 hours) */
  costPerMonthMean: number;
  p99: Spread;
  errorRate: Spread;
  sloViolationSeconds: Spread;
  /** each SLO judged, in order, with how many seeds met it */
  sloSeedsMet: { text: string; seedsMet: number }[];
  /** mean over seeds of the worst relative shortfall past any SLO (0 when every seed meets them) */
  shortfall: number;
  /** attainment reaches the confidence */
  qualifies: boolean;
}

export interface Recommendation {
  slos: Slo[];
  confidence: number;
  recommended: Candidate | null;
  runnerUp: Candidate | null;
  /** when nothing qualifies: the candidate that came closest */
  closest: Candidate | null;
  /** one plain sentence: the answer */
  answer: string;
  /** why: the runner-up, and the cheaper candidates that fell short */
  reasons: string[];
  candidates: Candidate[];
  /** set by `--search`: the smallest value found and what it took */
  searched?: Searched;
  /** two axes: the smallest value of the first for each value of the second */
  frontier?: Frontier;
}

export interface Searched {
  path: string;
  low: number;
  high: number;
  /** the smallest value that meets the SLOs at the confidence; null when none in range does (beside a --vary: the recommendation's value) */
  value: number | null;
  /** runs the search needed (values tried × seeds) */
  runs: number;
  /** values tried, in order, with whether each met (and beside a --vary, at which of its values) */
  probes: { value: number; meets: boolean; by?: unknown }[];
  /** runs a sweep of every value in range would need */
  exhaustiveRuns: number;
  /** beside a --vary: its path; the search ran for each of its values */
  by?: string;
}

export interface RecommendOptions {
  slos: Slo[];
  /** required attainment, in (0, 1] */
  confidence: number;
  currency?: string;
  /** only these grid points are candidates (a search's probes); default every point */
  points?: readonly number[];
}

export function checkConfidence(confidence: number): number {
  if (!Number.isFinite(confidence) || confidence <= 0 || confidence > 1) {
    throw new HeadroomError('usage', `--confidence must be a share in (0, 1] such as 0.95 or 95%, got ${confidence}`);
  }
  return confidence;
}

export function evaluateCandidates(grid: Grid, rows: readonly SweepRow[], opts: RecommendOptions): Candidate[] {
  const byPoint: SweepRow[][] = Array.from({ length: pointCount(grid) }, () => []);
  for (const r of rows) byPoint[r.point].push(r);
  return byPoint.map((runs, index) => {
    const point = pointAt(grid, index);
    const met = runs.filter((r) => opts.slos.every((s) => sloMet(s, r.metrics))).length;
    const cost = runs.map((r) => metricOf(r.metrics, COST_METRIC));
    const of = (metric: string) => spread(runs.map((r) => metricOf(r.metrics, metric)));
    const attainment = runs.length === 0 ? 0 : met / runs.length;
    return {
      point: index,
      label: pointLabel(grid, point),
      values: pointValues(grid, point),
      seeds: runs.length,
      seedsMet: met,
      attainment,
      costMean: mean(cost),
      costP95: percentile(cost, 0.95),
      costPerMonthMean: mean(runs.map((r) => metricOf(r.metrics, COST_PER_MONTH_METRIC))),
      p99: of(P99_METRIC),
      errorRate: of(ERROR_RATE_METRIC),
      sloViolationSeconds: of(SLO_SECONDS_METRIC),
      sloSeedsMet: opts.slos.map((s) => ({ text: s.text, seedsMet: runs.filter((r) => sloMet(s, r.metrics)).length })),
      shortfall: mean(runs.map((r) => Math.max(0, ...opts.slos.map((s) => Math.min(sloShortfall(s, r.metrics), 1e9))))),
      // A hair of slack so 19/20 reaches 0.95 despite floating point.
      qualifies: runs.length > 0 && attainment >= opts.confidence - 1e-12,
    };
  });
}

function spread(values: readonly number[]): Spread {
  return { mean: mean(values), p95: percentile(values, 0.95), min: minOf(values), max: maxOf(values) };
}

export function recommend(grid: Grid, rows: readonly SweepRow[], opts: RecommendOptions): Recommendation {
  checkConfidence(opts.confidence);
  const all = evaluateCandidates(grid, rows, opts);
  const candidates = opts.points ? all.filter((c) => opts.points!.includes(c.point)) : all;
  const byCost = [...candidates].sort(cheaper);
  const qualifying = byCost.filter((c) => c.qualifies);
  const recommended = qualifying[0] ?? null;
  const runnerUp = qualifying[1] ?? null;
  const closest = recommended ? null : ([...candidates].sort(closer)[0] ?? null);
  const say = new Sentences(opts);
  const reasons: string[] = [];
  let answer: string;
  if (recommended) {
    answer = say.recommended(recommended);
    // The nearest in cost first: they are the ones the reader would otherwise ask about.
    const fellShort = byCost.filter((c) => !c.qualifies && cheaper(c, recommended) < 0).reverse();
    if (runnerUp) reasons.push(say.runnerUp(runnerUp, recommended));
    else reasons.push(`No other candidate meets ${say.sloText()} in ${say.pct(opts.confidence)} of seeds, so there is no runner-up.`);
    if (fellShort.length > 0) reasons.push(say.fellShort(fellShort));
  } else {
    answer = say.none(closest);
  }
  const frontier = frontierOf(grid, candidates);
  return { slos: opts.slos, confidence: opts.confidence, recommended, runnerUp, closest, answer, reasons, candidates, ...(frontier ? { frontier } : {}) };
}

/** By mean cost, then p95 cost, then grid order; an unknown cost sorts last. */
function cheaper(a: Candidate, b: Candidate): number {
  return orderNum(a.costMean) - orderNum(b.costMean) || orderNum(a.costP95) - orderNum(b.costP95) || a.point - b.point;
}

function closer(a: Candidate, b: Candidate): number {
  return b.attainment - a.attainment || orderNum(a.shortfall) - orderNum(b.shortfall) || cheaper(a, b);
}

function orderNum(v: number): number {
  return Number.isFinite(v) ? v : Number.MAX_VALUE;
}

class Sentences {
  constructor(private readonly opts: RecommendOptions) {}

  pct(share: number): string {
    return `${Number((share * 100).toPrecision(4))}%`;
  }

  money(v: number): string {
    return Number.isFinite(v) ? `${v.toFixed(2)} ${this.opts.currency ?? 'USD'}` : 'an unknown cost';
  }

  /** "8,412.50 USD a month": the candidate's mean monthly rate (730 h), or nothing when unknown */
  monthly(c: Candidate): string {
    if (!Number.isFinite(c.costPerMonthMean)) return 'monthly rate unknown';
    const v = c.costPerMonthMean.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return `${v} ${this.opts.currency ?? 'USD'} a month`;
  }

  /** Which SLOs the candidate's seeds broke: "p99<=250ms in 5, errorRate<=0.1% in 2"; '' when none. */
  broken(c: Candidate): string {
    const broke = c.sloSeedsMet.filter((s) => s.seedsMet < c.seeds).map((s) => `${s.text} in ${c.seeds - s.seedsMet}`);
    return broke.length === 0 ? '' : ` (broken: ${broke.join(', ')})`;
  }

  ms(v: number): string {
    return Number.isFinite(v) ? `${Number(v.toPrecision(4))} ms` : 'unknown';
  }

  sloText(): string {
    const texts = this.opts.slos.map((s) => s.text);
    if (texts.length === 0) return 'no SLO';
    return texts.length === 1 ? texts[0] : `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}`;
  }

  seedsMet(c: Candidate): string {
    return `${c.seedsMet} of ${c.seeds} seed${c.seeds === 1 ? '' : 's'} (${this.pct(c.attainment)})`;
  }

  recommended(c: Candidate): string {
    return (
      `Recommended: ${c.label}. It meets ${this.sloText()} in ${this.seedsMet(c)}, at least the ${this.pct(this.opts.confidence)} asked for, ` +
      `at a mean cost of ${this.money(c.costMean)} per run (p95 ${this.money(c.costP95)}; ${this.monthly(c)}); p99 averages ${this.ms(c.p99.mean)}.`
    );
  }

  runnerUp(r: Candidate, best: Candidate): string {
    const extra = r.costMean - best.costMean;
    const rel = best.costMean !== 0 && Number.isFinite(extra) ? ` (+${this.pct(extra / best.costMean)})` : '';
    // what prints alike is the same to the reader: a difference below a cent is no difference
    const moreOnAverage = extra > 0 && this.money(r.costMean) !== this.money(best.costMean);
    const sameAtP95 = this.money(r.costP95) === this.money(best.costP95);
    const costs = moreOnAverage
      ? `costs ${this.money(extra)} more per run on average${rel}, ${this.monthly(r)}`
      : sameAtP95
        ? `costs the same (${this.money(r.costMean)} per run, p95 ${this.money(r.costP95)}) and comes later in the grid`
        : `costs the same on average but ${this.money(r.costP95)} at p95 against ${this.money(best.costP95)}`;
    return `Runner-up: ${r.label}, which also meets them in ${this.seedsMet(r)} but ${costs}.`;
  }

  fellShort(cs: Candidate[]): string {
    const shown = cs.slice(0, 3).map((c) => `${c.label} met them in ${this.seedsMet(c)}${this.broken(c)}`);
    const more = cs.length > 3 ? `, and ${cs.length - 3} more` : '';
    return `Cheaper candidates fall short: ${shown.join('; ')}${more}.`;
  }

  none(closest: Candidate | null): string {
    const head = `No candidate meets ${this.sloText()} in at least ${this.pct(this.opts.confidence)} of seeds.`;
    if (!closest) return `${head} The sweep has no runs.`;
    return (
      `${head} Closest: ${closest.label}, which met them in ${this.seedsMet(closest)}${this.broken(closest)}, with p99 averaging ${this.ms(closest.p99.mean)} ` +
      `at a mean cost of ${this.money(closest.costMean)} per run; try wider ranges.`
    );
  }
}
