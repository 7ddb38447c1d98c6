/**
 * A search run as a recommendation: each value the bisection tries is one grid point of the axis
 * LOW..HIGH, run over every seed (resumably, in the recommend folder); the recommendation is then
 * drawn over the values tried, and carries what the search found and what it took.
 */
import type { SweepOutcome } from './execute.ts';
import type { SweepPlan } from './plan.ts';
import { evaluateCandidates, recommend, type Recommendation, type RecommendOptions } from './recommend.ts';
import { bisectSmallest, type SearchAxis } from './search.ts';

/** Runs the given cells of the plan (all of them already run is fine: it then only writes sweep.csv). */
export type RunCells = (cells: number[]) => Promise<SweepOutcome>;

/** null when the runs were interrupted; the folder then resumes where it stopped. */
export async function searchRecommendation(plan: SweepPlan, search: SearchAxis, run: RunCells, opts: RecommendOptions): Promise<Recommendation | null> {
  const seeds = plan.grid.seeds.length;
  const cellsOf = (points: readonly number[]) => points.flatMap((p) => Array.from({ length: seeds }, (_, k) => p * seeds + k));
  const result = await bisectSmallest(search.low, search.high, async (value) => {
    const point = value - search.low;
    const outcome = await run(cellsOf([point]));
    if (!outcome.complete) return null;
    return evaluateCandidates(plan.grid, outcome.rows, opts)[point].qualifies;
  });
  if (!result) return null;
  const points = result.probes.map((p) => p.value - search.low).sort((a, b) => a - b);
  const all = await run(cellsOf(points));
  if (!all.complete) return null;
  const rec = recommend(plan.grid, all.rows, { ...opts, points });
  return {
    ...rec,
    searched: {
      path: search.path,
      low: search.low,
      high: search.high,
      value: result.value,
      runs: result.probes.length * seeds,
      probes: result.probes,
      exhaustiveRuns: (search.high - search.low + 1) * seeds,
    },
  };
}

/** One line for stdout and the pages: the value found and what it took. */
export function searchedSentence(rec: Recommendation): string {
  const s = rec.searched;
  if (!s) return '';
  const took = `${s.probes.length} values tried, ${s.runs} runs (every value would take ${s.exhaustiveRuns})`;
  if (s.value === null) return `Searched ${s.path} over ${s.low}..${s.high}: not even ${s.high} meets the SLOs at the attainment asked; ${took}.`;
  const below = s.value > s.low ? `; ${s.value - 1} does not` : `, the lowest in range`;
  return `Smallest ${s.path} that meets the SLOs at the attainment asked: ${s.value}${below} (bisection over ${s.low}..${s.high}, assuming more never hurts; ${took}).`;
}
