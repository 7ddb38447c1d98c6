/**
 * `recommend --search` on the default scenario, shortened to its first burst so the test stays
 * short: the bisection finds the same smallest placeholder count as a sweep of every value of the
 * axis, in fewer runs. Both counts are printed.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createPoolRunner, executeSweep, parseSearch, planSweep, recommend, scenarioSlos, searchRecommendation } from '../../src/sweep/index.ts';
import { tempDirs } from './fixtures/tmp.ts';

const newDir = tempDirs();
const DEFAULT = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
const REPLICAS = 'overprovisioner.0.replicasPerCluster';
/** the first hour: the first burst only (the others start after the end) */
const SHORT = ['duration=1h', 'workloads.0.traffic.generator.bursts=[{at: 40m, peak: 18000, rise: 60s, hold: 10m, fall: 5m}]'];

describe('searching the default scenario for the smallest headroom', () => {
  it('finds what a sweep of every value finds, with fewer runs', async () => {
    const search = parseSearch(`${REPLICAS}=0:40`);
    const plan = planSweep({ file: DEFAULT, vary: [`${REPLICAS}=${search.axis.spec}`], sets: SHORT, seeds: 2 });
    const opts = { slos: scenarioSlos(plan.base), confidence: 0.95, currency: plan.base.currency };
    const pool = createPoolRunner({});
    try {
      const everyDir = newDir();
      const every = await executeSweep(plan, { outDir: everyDir, runner: pool.runner, concurrency: pool.workers });
      const swept = recommend(plan.grid, every.rows, opts);
      const smallest = swept.candidates.find((c) => c.qualifies)?.values[REPLICAS];

      const searchDir = newDir();
      const found = await searchRecommendation(
        plan,
        search,
        (cells) => executeSweep(plan, { outDir: searchDir, runner: pool.runner, concurrency: pool.workers, cells }),
        opts,
      );
      process.stdout.write(`search: ${found!.searched!.value} in ${found!.searched!.runs} runs; every value: ${smallest} in ${every.rows.length} runs\n`);
      // none is not an answer here: no headroom breaks the SLO in the burst, 40 placeholders a zone hold it
      expect(smallest).toBeGreaterThan(0);
      expect(found!.searched!.value).toBe(smallest);
      expect(found!.searched!.runs).toBeLessThan(every.rows.length);
      expect(found!.searched!.exhaustiveRuns).toBe(every.rows.length);
      // the search's runs are the sweep's runs of the same cells: the same numbers
      for (const c of found!.candidates) expect(c.attainment).toBe(swept.candidates[c.point].attainment);
    } finally {
      await pool.close();
    }
  }, 600_000);
});
