/**
 * Sweeps over the real simulation: a short version of the default scenario (30 minutes, one burst
 * at 5m), a small headroom grid, three seeds, run in-process.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { executeSweep, parseSlo, planSweep, recommend, type CellRunner, type SweepOutcome, type SweepRow } from '../../src/sweep/index.ts';
import { runCell } from '../../src/sweep/run-cell.ts';
import { tempDirs } from './fixtures/tmp.ts';

const newDir = tempDirs();
const DEFAULT = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
const SHORT = ['duration=30m', 'workloads.0.traffic.generator.bursts=[{at: 5m, peak: 22000, rise: 60s, hold: 5m, fall: 5m}]'];
const REPLICAS = 'overprovisioner.0.replicasPerCluster';
const simulate: CellRunner = (s) => runCell(s);

describe('sweep of the default scenario', () => {
  // 0, 30, 60 placeholders per cluster x seeds 42, 43, 44 = 9 runs
  const plan = planSweep({ file: DEFAULT, sets: SHORT, vary: [`${REPLICAS}=0:60:30`], seeds: 3 });
  let outcome: SweepOutcome;
  beforeAll(async () => {
    outcome = await executeSweep(plan, { outDir: newDir(), runner: simulate, concurrency: 1 });
  });
  const bySeed = (seed: number): SweepRow[] => outcome.rows.filter((r) => r.seed === seed);

  it('runs every cell', () => {
    expect(outcome).toMatchObject({ complete: true, ran: 9 });
  });

  it('costs more with more headroom, on every seed', () => {
    for (const seed of plan.grid.seeds) {
      const cost = bySeed(seed).map((r) => r.metrics['cost.total'] as number);
      for (let i = 1; i < cost.length; i++) expect(cost[i], `seed ${seed}: ${cost.join(' < ')}`).toBeGreaterThan(cost[i - 1]);
    }
  });

  it('never makes p99 worse with more headroom on the same seed, beyond noise (5% or 5 ms)', () => {
    for (const seed of plan.grid.seeds) {
      const p99 = bySeed(seed).map((r) => r.metrics['latencyMs.p99'] as number);
      for (let i = 1; i < p99.length; i++) {
        expect(p99[i], `seed ${seed}: p99 ${p99.join(', ')}`).toBeLessThanOrEqual(Math.max(p99[i - 1] * 1.05, p99[i - 1] + 5));
      }
    }
  });

  it('recommends a headroom size that gets pods Ready in time', () => {
    // what placeholders buy first: pods that start on room already there instead of waiting for a node
    const rec = recommend(plan.grid, outcome.rows, {
      slos: [parseSlo('pods.scheduleToReadyP95S<=90s'), parseSlo('errorRate<=1%')],
      confidence: 0.6,
      currency: plan.base.currency,
    });
    expect(rec.recommended, rec.answer).not.toBeNull();
    expect([0, 30, 60]).toContain(rec.recommended!.values[REPLICAS]);
    expect(rec.answer).toMatch(/^Recommended: replicasPerCluster=\d+\./);
  });
});
