/**
 * What one worker does for one cell: run the scenario, summary only, and keep its key numbers.
 * A runner module for the pool exports `runCell` with this signature; tests and benchmarks may
 * hand the pool another module with the same export.
 */
import { runScenario } from '../run.ts';
import type { Scenario } from '../scenario/index.ts';
import { pickMetrics, type RunMetrics } from './metrics.ts';

export async function runCell(scenario: Scenario): Promise<RunMetrics> {
  const result = await runScenario(scenario, { summaryOnly: true });
  return pickMetrics(result.summary);
}
