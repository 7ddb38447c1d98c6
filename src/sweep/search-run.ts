/**
 * A search run as a recommendation: each value the bisection tries is one grid point of the axis
 * LOW..HIGH (beside a --vary, of that axis and one of the other's values), run over every seed
 * (resumably, in the recommend folder); the recommendation is then drawn over the values tried,
 * and carries what the search found and what it took.
 */
import type { SweepOutcome } from './execute.ts';
import type { SweepPlan } from './plan.ts';
import { evaluateCandidates, recommend, type Recommendation, type RecommendOptions } from './recommend.ts';
import { bisectSmallest, type SearchAxis, type SearchResult } from './search.ts';

/** Runs the given cells of the plan (all of them already run is fine: it then only writes sweep.csv). */
export type RunCells = (cells: number[]) => Promise<SweepOutcome>;

/**
 * null when the runs were interrupted; the folder then resumes where it stopped. With a `--vary`
 * beside the search (the plan's second axis), the bisection runs once for each of its values.
 */
export async function searchRecommendation(plan: SweepPlan, search: SearchAxis, run: RunCells, opts: RecommendOptions): Promise<Recommendation | null> {
  const seeds = plan.grid.seeds.length;
  const other = plan.grid.axes[1];
  const across = other?.values.length ?? 1;
  // grid points go the search axis outermost: point = (value − low) × across + the other's index
  const pointOf = (value: number, b: number) => (value - search.low) * across + b;
  const cellsOf = (points: readonly number[]) => points.flatMap((p) => Array.from({ length: seeds }, (_, k) => p * seeds + k));
  const results: SearchResult[] = [];
  for (let b = 0; b < across; b++) {
    const result = await bisectSmallest(search.low, search.high, async (value) => {
      const point = pointOf(value, b);
      const outcome = await run(cellsOf([point]));
      if (!outcome.complete) return null;
      return evaluateCandidates(plan.grid, outcome.rows, opts)[point].qualifies;
    });
    if (!result) return null;
    results.push(result);
  }
  const points = results.flatMap((r, b) => r.probes.map((p) => pointOf(p.value, b))).sort((x, y) => x - y);
  const all = await run(cellsOf(points));
  if (!all.complete) return null;
  const rec = recommend(plan.grid, all.rows, { ...opts, points });
  const probes = results.flatMap((r, b) => r.probes.map((p) => (other ? { ...p, by: other.values[b].value } : p)));
  // Beside a --vary, the value is the recommendation's; the frontier has the smallest for each of the other's values.
  const value = other ? ((rec.recommended?.values[search.path] as number | undefined) ?? null) : results[0].value;
  return {
    ...rec,
    searched: {
      path: search.path,
      low: search.low,
      high: search.high,
      value,
      runs: probes.length * seeds,
      probes,
      exhaustiveRuns: (search.high - search.low + 1) * across * seeds,
      ...(other ? { by: other.path } : {}),
    },
  };
}

/** One line for stdout and the pages: the value found and what it took. */
export function searchedSentence(rec: Recommendation): string {
  const s = rec.searched;
  if (!s) return '';
  const took = `${s.probes.length} values tried, ${s.runs} runs (every value would take ${s.exhaustiveRuns})`;
  if (s.by !== undefined && rec.frontier) {
    const each = rec.frontier.rows.map((r) => `${String(r.by)}: ${r.value === null ? `none up to ${s.high}` : String(r.value)}`).join(', ');
    return `Smallest ${s.path} that meets the SLOs at the attainment asked, for each ${s.by}: ${each} (a bisection over ${s.low}..${s.high} for each, assuming more never hurts; ${took}).`;
  }
  if (s.value === null) return `Searched ${s.path} over ${s.low}..${s.high}: not even ${s.high} meets the SLOs at the attainment asked; ${took}.`;
  const below = s.value > s.low ? `; ${s.value - 1} does not` : `, the lowest in range`;
  return `Smallest ${s.path} that meets the SLOs at the attainment asked: ${s.value}${below} (bisection over ${s.low}..${s.high}, assuming more never hurts; ${took}).`;
}
