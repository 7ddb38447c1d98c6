/**
 * The budget, applied before any work: past a limit the command stops with the estimate in its
 * message (exit 2) unless --force; near one it says so and goes on.
 */
import type { Command } from 'commander';
import { HeadroomError } from '../errors.ts';
import { estimateWork, judgeWork } from '../scenario/budget.ts';
import type { Scenario } from '../scenario/types.ts';

export interface BudgetFlags {
  force?: boolean;
  quiet?: boolean;
}

export function addBudgetOption(cmd: Command): Command {
  return cmd.option('--force', 'go on past the work budget (time-series rows, pods and nodes at the maxima, runs)');
}

/** One scenario run `runs` times (`summaryOnly`: without time series, as sweeps and checks run). */
export function enforceBudget(scenario: Scenario, flags: BudgetFlags, opts: { runs?: number; summaryOnly?: boolean } = {}): void {
  const verdict = judgeWork(estimateWork(scenario, opts));
  const what = `${scenario.name}${scenario.file ? ` (${scenario.file})` : ''}`;
  if (verdict.over.length > 0 && !flags.force) {
    throw new HeadroomError(
      'usage',
      `${what} is past the work budget: ${verdict.over.join('; ')}. Use a longer step, a shorter duration, smaller maxima or fewer runs, or pass --force to run it anyway`,
    );
  }
  const said = flags.force ? [...verdict.over, ...verdict.near] : verdict.near;
  if (said.length > 0 && !flags.quiet) process.stderr.write(`headroom: warning: ${what} is a large run: ${said.join('; ')}\n`);
}
