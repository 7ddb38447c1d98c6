/**
 * A baseline: the key numbers of one or more scenarios, recorded by `headroom baseline` and read
 * by `headroom check`. Stored as JSON; the shape is a contract (fields may be added, not renamed).
 */

/** Flat key numbers by dotted path (`latencyMs.p99`); only finite numbers are kept. */
export type Numbers = Record<string, number>;

/** What one seed's run gave. */
export interface RunNumbers {
  seed: number;
  /** the fleet's numbers */
  numbers: Numbers;
  /** cluster name -> that cluster's numbers */
  perCluster: Record<string, Numbers>;
  slo: { latencyP99Ms: number; errorRate: number; met: boolean };
}

export interface BaselineEntry {
  scenario: string;
  /** the file as it was named when recorded, for messages */
  scenarioFile: string;
  /** scenarioHash of the file loaded with `sets` and its own seed: changes when the file does */
  scenarioHash: string;
  headroomVersion: string;
  /** the `--set` overrides the numbers were recorded with */
  sets: string[];
  currency: string;
  /** one entry per seed: seed, seed + 1, ... */
  runs: RunNumbers[];
}

export const BASELINE_FORMAT = 'headroom-baseline';
export const BASELINE_FORMAT_VERSION = 1;

export interface BaselineFile {
  format: typeof BASELINE_FORMAT;
  formatVersion: typeof BASELINE_FORMAT_VERSION;
  scenarios: BaselineEntry[];
}
