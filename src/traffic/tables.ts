/**
 * A run's traffic as two tables on the step grid: each workload's total rate per step, and each
 * cluster's share of it per step. The serving loop multiplies the two; the HPA's metrics window
 * averages the product.
 */
import type { Scenario } from '../scenario/types.ts';
import { loadRates } from './load.ts';
import { routeShares } from './routing/shares.ts';

export interface TrafficTables {
  /** per workload: mean total arrival rate of each step */
  rates: Float64Array[];
  /** per cluster: share of each step's traffic */
  shares: Float64Array[];
}

/** Each workload's traffic draws from its own named stream (`traffic/<workload>`). */
export async function loadTraffic(scenario: Scenario, seedStream: (name: string) => () => number): Promise<TrafficTables> {
  const grid = { durationSec: scenario.durationSec, stepSec: scenario.stepSec };
  const rates = await Promise.all(
    scenario.workloads.map((w) => loadRates(w.traffic, { ...grid, rng: seedStream(`traffic/${w.name}`) })),
  );
  const shares = routeShares(
    scenario.routing,
    scenario.clusters.map((c) => c.name),
    scenario.durationSec,
    scenario.stepSec,
  );
  return { rates, shares };
}
