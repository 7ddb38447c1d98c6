/**
 * Sweep throughput: runs per second of the default scenario, on one worker
 * thread and on one per core. Each pool is warmed up first (a thread's start, with its TypeScript
 * loader, is paid once per sweep, not per run), then timed over a grid a few runs deep per thread.
 * Run alone with `node bin/run-ts.mjs bench/sweep.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPoolRunner, executeSweep, planSweep, type PoolRunner, type SweepArgs, type SweepPlan } from '../src/sweep/index.ts';

const SCENARIO = fileURLToPath(new URL('../scenarios/default.yaml', import.meta.url));

/**
 * The default scenario as it is (4 h, three bursts): the runs a headroom sweep is made of. Shorter
 * runs measure the per-task overhead of the pool as much as the simulation.
 */
const SHORT: string[] = [];

function args(runs: number): SweepArgs {
  // distinct headroom values so no two runs are the same work twice
  return { file: SCENARIO, sets: SHORT, vary: [`overprovisioner.0.replicasPerCluster=0:${runs - 1}:1`], seeds: 1 };
}

/** Runs per second of one timed sweep on a warm pool. */
async function timedRound(pool: PoolRunner, plan: SweepPlan, outDir: string): Promise<number> {
  const started = performance.now();
  const out = await executeSweep(plan, { outDir, runner: pool.runner, concurrency: pool.workers });
  return out.ran / ((performance.now() - started) / 1000);
}

/**
 * Both pools are started and warmed first, then timed in alternating rounds, and each keeps its
 * best round: the machine may be shared, and alternating gives both the same background, while the
 * best round is the one least disturbed by it.
 */
export async function benchSweep(runsPerWorker = 8, rounds = 3): Promise<Record<string, number>> {
  const root = mkdtempSync(join(tmpdir(), 'headroom-bench-sweep-'));
  const cores = availableParallelism();
  const pools = [createPoolRunner({ workers: 1 }), createPoolRunner({ workers: cores })];
  try {
    const plans = pools.map((p) => planSweep(args(p.workers * runsPerWorker)));
    for (const p of pools) {
      await executeSweep(planSweep(args(p.workers)), { outDir: join(root, `warm-${p.workers}`), runner: p.runner, concurrency: p.workers });
    }
    const best = [0, 0];
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < pools.length; i++) {
        best[i] = Math.max(best[i], await timedRound(pools[i], plans[i], join(root, `timed-${pools[i].workers}-${r}`)));
      }
    }
    const [single, perCore] = best;
    const round = (v: number) => Math.round(v * 100) / 100;
    return {
      'sweep.runsPerSec.1worker': round(single),
      [`sweep.runsPerSec.${cores}workers`]: round(perCore),
      'sweep.speedup': round(perCore / single),
      'sweep.cores': cores,
    };
  } finally {
    await Promise.all(pools.map((p) => p.close()));
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchSweep();
  for (const [k, v] of Object.entries(r)) process.stdout.write(`${k.padEnd(32)} ${v}\n`);
}
