/**
 * The library's entry point for one run: scenario in, outputs (in memory) out. The CLI, sweeps,
 * checks and tests all call this; it never prints and never exits.
 */
import type { Scenario } from './scenario/types.ts';
import type { Summary } from './metrics/summary-types.ts';
import type { SimEvent } from './sim/event-log.ts';
import { simulate } from './sim/simulation.ts';
import type { World } from './sim/world.ts';

export interface RunOptions {
  /** keep every event for events.jsonl */
  recordEvents?: boolean;
  /** fraction of simulated time done, in [0, 1] */
  onProgress?: (fraction: number) => void;
  /** skip the time series (sweeps only need the summary) */
  summaryOnly?: boolean;
  /** the `--set` overrides the scenario was loaded with, recorded in summary.json */
  overrides?: readonly string[];
  /** called after every sample step with the live world (tests check invariants here) */
  inspect?: (world: World, stepIndex: number) => void;
}

export interface RunResult {
  scenario: Scenario;
  summary: Summary;
  /** timeseries.csv: one row per cluster per step */
  timeseriesCsv: string;
  /** timeseries-workloads.csv: one row per cluster per workload per step */
  workloadsCsv: string;
  /** events.jsonl (empty unless recordEvents) */
  eventsJsonl: string;
  /** scale-ups, outages, shifts: what the report marks on its time axes */
  annotations: SimEvent[];
  /** things the run has to say (never in summary.json), e.g. where the fluid model is approximate */
  warnings?: string[];
}

export async function runScenario(scenario: Scenario, opts: RunOptions = {}): Promise<RunResult> {
  return simulate(scenario, opts);
}
