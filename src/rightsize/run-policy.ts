/** A pool thread's task for a policy's requests: the run's figures, no samples. */
import type { Scenario } from '../scenario/types.ts';
import { measureRun, type RunFigures } from './measure-run.ts';

export async function runCell(scenario: Scenario): Promise<RunFigures> {
  return measureRun(scenario, { samples: false });
}
