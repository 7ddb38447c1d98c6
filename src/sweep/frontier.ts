/**
 * The frontier of a two-axis recommendation: for each value of the second axis, the smallest value
 * of the first that meets the SLOs at the attainment asked, with what it costs. "Smallest" is the
 * lowest number when the first axis is numeric, else the first in the order given. Over a grid
 * every point was run; over a search only the values tried are candidates, and the bisection has
 * left the smallest that meets among them.
 */
import type { Grid } from './grid.ts';

/** What the frontier needs of a candidate (recommend.ts's Candidate has it). */
export interface JudgedPoint {
  point: number;
  qualifies: boolean;
  attainment: number;
  costMean: number;
  costPerMonthMean: number;
  p99: { mean: number };
}

export interface FrontierRow {
  /** the second axis's value, typed as in sweep.json */
  by: unknown;
  /** the smallest value of the first axis that meets; null when none of those run does */
  value: unknown;
  /** the candidate at (value, by), null with value */
  attainment: number | null;
  costMean: number | null;
  costPerMonthMean: number | null;
  p99Mean: number | null;
}

export interface Frontier {
  /** the axis whose smallest value is found */
  path: string;
  /** one row per value of this axis, in its order */
  by: string;
  rows: FrontierRow[];
}

/** The frontier of a grid of exactly two axes; undefined for any other. */
export function frontierOf(grid: Grid, candidates: readonly JudgedPoint[]): Frontier | undefined {
  if (grid.axes.length !== 2) return undefined;
  const [first, second] = grid.axes;
  const numeric = first.values.every((v) => typeof v.value === 'number');
  const n = second.values.length;
  const rows = second.values.map((b, bi): FrontierRow => {
    // grid points go first axis outermost: point = a × n + b
    const meeting = candidates.filter((c) => c.point % n === bi && c.qualifies);
    const order = (c: JudgedPoint) => (numeric ? (first.values[Math.floor(c.point / n)].value as number) : Math.floor(c.point / n));
    const best = meeting.reduce<JudgedPoint | null>((m, c) => (m === null || order(c) < order(m) ? c : m), null);
    if (!best) return { by: b.value, value: null, attainment: null, costMean: null, costPerMonthMean: null, p99Mean: null };
    return {
      by: b.value,
      value: first.values[Math.floor(best.point / n)].value,
      attainment: best.attainment,
      costMean: best.costMean,
      costPerMonthMean: best.costPerMonthMean,
      p99Mean: best.p99.mean,
    };
  });
  return { path: first.path, by: second.path, rows };
}
