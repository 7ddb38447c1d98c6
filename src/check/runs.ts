/**
 * Loading a scenario file and running it over consecutive seeds: shared by `baseline` and `check`.
 * The runner is injected so the comparison can be tested without the simulation.
 */
import { HeadroomError } from '../errors.ts';
import type { Summary } from '../metrics/summary-types.ts';
import { loadScenario, scenarioHash } from '../scenario/index.ts';
import type { Scenario } from '../scenario/types.ts';
import type { ReadScope } from '../input/files.ts';
import { runNumbers } from './numbers.ts';
import type { RunNumbers } from './types.ts';

/** One simulation: scenario in, summary out. */
export type SummaryRunner = (scenario: Scenario) => Promise<Summary>;

/** The real simulation, imported on first use so loading this module stays light. */
export const simulateSummary: SummaryRunner = async (scenario) => {
  const { runScenario } = await import('../run.ts');
  return (await runScenario(scenario, { summaryOnly: true })).summary;
};

export const MAX_SEEDS = 1000;

export function checkSeedCount(seeds: number): number {
  if (!Number.isSafeInteger(seeds) || seeds < 1 || seeds > MAX_SEEDS) {
    throw new HeadroomError('usage', `--seeds must be a whole number from 1 to ${MAX_SEEDS}, got ${seeds}`);
  }
  return seeds;
}

/** A scenario file loaded with its overrides: what is run, and the hash a baseline keeps. */
export interface LoadedScenario {
  file: string;
  sets: string[];
  scenario: Scenario;
  hash: string;
  /** where its files may be read from, for the runs of its other seeds */
  reads?: ReadScope;
}

export function loadForCheck(file: string, sets: readonly string[], reads?: ReadScope): LoadedScenario {
  const scenario = loadScenario(file, { sets, reads });
  return { file, sets: [...sets], scenario, hash: scenarioHash(scenario), reads };
}

/** Two files naming the same scenario would share a baseline entry: refuse up front. */
export function assertDistinctNames(loaded: readonly LoadedScenario[]): void {
  const byName = new Map<string, string>();
  for (const l of loaded) {
    const other = byName.get(l.scenario.name);
    if (other !== undefined) {
      throw new HeadroomError('usage', `${other} and ${l.file} are both named "${l.scenario.name}"; a baseline keeps one entry per scenario name`);
    }
    byName.set(l.scenario.name, l.file);
  }
}

/** Runs seeds seed, seed + 1, ... of a loaded scenario, one after another. */
export async function runSeeds(
  loaded: LoadedScenario,
  count: number,
  run: SummaryRunner,
  onRun?: (scenario: string, seed: number) => void,
): Promise<RunNumbers[]> {
  const out: RunNumbers[] = [];
  const first = loaded.scenario.seed;
  for (let i = 0; i < count; i++) {
    const seed = first + i;
    const scenario = i === 0 ? loaded.scenario : loadScenario(loaded.file, { sets: loaded.sets, seed, reads: loaded.reads });
    onRun?.(scenario.name, seed);
    // the summary's own seed is what the run used; that is what gets recorded
    out.push(runNumbers(await run(scenario)));
  }
  return out;
}
