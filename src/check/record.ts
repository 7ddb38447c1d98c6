/** `headroom baseline`: run each scenario and keep its key numbers, hash and version. */
import type { BaselineEntry } from './types.ts';
import { assertDistinctNames, checkSeedCount, loadForCheck, runSeeds, simulateSummary, type SummaryRunner } from './runs.ts';
import { headroomVersion } from '../version.ts';
import type { ReadScope } from '../input/files.ts';
import type { Scenario } from '../scenario/types.ts';

export interface RecordOptions {
  /** `path=value` overrides, as on `run` */
  sets?: readonly string[];
  /** runs per scenario: the scenario's seed, seed + 1, ... (default 1) */
  seeds?: number;
  run?: SummaryRunner;
  /** defaults to package.json's version */
  headroomVersion?: string;
  onRun?: (scenario: string, seed: number) => void;
  /** where the scenarios' files may be read from */
  reads?: ReadScope;
  /** told of every scenario and its number of runs once all are loaded, before the first run (budgets) */
  beforeRuns?: (planned: readonly { scenario: Scenario; runs: number }[]) => void;
}

export async function recordBaseline(files: readonly string[], opts: RecordOptions = {}): Promise<BaselineEntry[]> {
  const seeds = checkSeedCount(opts.seeds ?? 1);
  const sets = [...(opts.sets ?? [])];
  // every file is loaded before anything runs: a typo in the third scenario fails in a second, not after two runs
  const loaded = files.map((f) => loadForCheck(f, sets, opts.reads));
  assertDistinctNames(loaded);
  opts.beforeRuns?.(loaded.map((l) => ({ scenario: l.scenario, runs: seeds })));

  const entries: BaselineEntry[] = [];
  for (const l of loaded) {
    const runs = await runSeeds(l, seeds, opts.run ?? simulateSummary, opts.onRun);
    entries.push({
      scenario: l.scenario.name,
      scenarioFile: l.file,
      scenarioHash: l.hash,
      headroomVersion: opts.headroomVersion ?? headroomVersion(),
      sets,
      currency: l.scenario.currency,
      runs,
    });
  }
  return entries;
}
