/** A pool thread's task for today's requests: the run's figures and every workload's usage samples. */
import type { Scenario } from '../scenario/types.ts';
import { measureRun, type RunFigures } from './measure-run.ts';

export async function runCell(scenario: Scenario): Promise<RunFigures> {
  return measureRun(scenario, { samples: true });
}
