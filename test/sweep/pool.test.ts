import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPoolRunner, executeSweep, planSweep, type SweepArgs } from '../../src/sweep/index.ts';
import { fakeRunner } from './fixtures/fake-runner.ts';
import { tempDirs, TINY } from './fixtures/tmp.ts';

const newDir = tempDirs();
const FAKE_MODULE = new URL('./fixtures/fake-runner.ts', import.meta.url).href;
const FAILING_MODULE = new URL('./fixtures/failing-runner.ts', import.meta.url).href;
const ARGS: SweepArgs = { file: TINY, vary: ['overprovisioner.0.replicasPerCluster=0:40:10'], seeds: 4 };

describe('worker pool', () => {
  it('runs cells on worker threads with the same bytes as in-process', async () => {
    const inProcess = newDir();
    await executeSweep(planSweep(ARGS), { outDir: inProcess, runner: fakeRunner });
    const threaded = newDir();
    const pool = createPoolRunner({ workers: 2, runnerModule: FAKE_MODULE });
    try {
      const out = await executeSweep(planSweep(ARGS), { outDir: threaded, runner: pool.runner, concurrency: pool.workers });
      expect(out).toMatchObject({ complete: true, ran: 20 });
    } finally {
      await pool.close();
    }
    expect(readFileSync(join(threaded, 'sweep.csv'), 'utf8')).toBe(readFileSync(join(inProcess, 'sweep.csv'), 'utf8'));
  });

  it('brings a HeadroomError back from a thread as a HeadroomError', async () => {
    const pool = createPoolRunner({ workers: 1, runnerModule: FAILING_MODULE });
    try {
      const run = executeSweep(planSweep(ARGS), { outDir: newDir(), runner: pool.runner });
      await expect(run).rejects.toMatchObject({ name: 'HeadroomError', code: 'trace', file: 'traces/missing.csv' });
      await expect(executeSweep(planSweep(ARGS), { outDir: newDir(), runner: pool.runner })).rejects.toThrow(
        /run with replicasPerCluster=0, seed 7: cannot read the trace/,
      );
    } finally {
      await pool.close();
    }
  });

  it('refuses a worker count below one', () => {
    expect(() => createPoolRunner({ workers: 0 })).toThrow(/--workers must be a whole number of at least 1/);
  });
});
