/**
 * Issue 6's question on the real default scenario: the cheapest placeholders per cluster over
 * 0..100 in steps of 10, five seeds each, that meet the scenario's own SLOs (p99 <= 250 ms,
 * error rate <= 0.1%) with 95% confidence. Runs on the worker pool, as `headroom recommend` does.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createPoolRunner, executeSweep, planSweep, recommend, scenarioSlos } from '../../src/sweep/index.ts';
import { tempDirs } from './fixtures/tmp.ts';

const newDir = tempDirs();
const DEFAULT = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
const REPLICAS = 'overprovisioner.0.replicasPerCluster';

describe('recommending headroom for the default scenario', () => {
  it('names the cheapest size that meets the SLO, and more headroom always costs more', async () => {
    const plan = planSweep({ file: DEFAULT, vary: [`${REPLICAS}=0:100:10`], seeds: 5 });
    const pool = createPoolRunner({});
    try {
      const outcome = await executeSweep(plan, { outDir: newDir(), runner: pool.runner, concurrency: pool.workers });
      expect(outcome.complete).toBe(true);
      expect(outcome.rows).toHaveLength(55);
      const rec = recommend(plan.grid, outcome.rows, { slos: scenarioSlos(plan.base), confidence: 0.95, currency: plan.base.currency });
      expect(rec.recommended, rec.answer).not.toBeNull();
      const chosen = rec.recommended!.values[REPLICAS] as number;
      // no headroom misses the SLO; somewhat more than none meets it
      expect(chosen).toBeGreaterThan(0);
      expect(chosen).toBeLessThanOrEqual(50);
      // every cheaper candidate falls short
      for (const c of rec.candidates) {
        if ((c.values[REPLICAS] as number) < chosen) expect(c.attainment).toBeLessThan(0.95);
      }
      // on each seed, cost rises with every step of headroom
      for (const seed of plan.grid.seeds) {
        const cost = outcome.rows.filter((r) => r.seed === seed).map((r) => r.metrics['cost.total'] as number);
        for (let i = 1; i < cost.length; i++) expect(cost[i]).toBeGreaterThan(cost[i - 1]);
      }
    } finally {
      await pool.close();
    }
  }, 300_000);
});
