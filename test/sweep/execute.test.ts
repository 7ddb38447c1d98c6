import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { HeadroomError } from '../../src/errors.ts';
import { executeSweep, planSweep, readRunsLog, type CellRunner, type SweepArgs } from '../../src/sweep/index.ts';
import { fakeMetrics, fakeRunner, jitteryRunner } from './fixtures/fake-runner.ts';
import { tempDirs, TINY } from './fixtures/tmp.ts';

const newDir = tempDirs();
const REPLICAS = 'overprovisioner.0.replicasPerCluster';
// 5 replica counts x 2 expanders x 3 seeds = 30 runs
const ARGS: SweepArgs = { file: TINY, vary: [`${REPLICAS}=0:40:10`, 'clusterAutoscaler.expander=random,price'], seeds: 3 };

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

/** Every cell of runs.jsonl, sorted; duplicates would show twice. */
const loggedCells = (dir: string) => readRunsLog(dir).records.map((r) => r.cell).sort((a, b) => a - b);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function fullSweep(args: SweepArgs = ARGS, runner: CellRunner = fakeRunner, concurrency = 1): Promise<string> {
  const dir = newDir();
  const out = await executeSweep(planSweep(args), { outDir: dir, runner, concurrency });
  expect(out.complete).toBe(true);
  return dir;
}

describe('executeSweep', () => {
  it('runs every cell once and writes one row per run in grid order', async () => {
    const dir = await fullSweep();
    expect(loggedCells(dir)).toEqual(range(30));
    const lines = read(dir, 'sweep.csv').trimEnd().split('\n');
    expect(lines).toHaveLength(31);
    expect(lines[0]).toMatch(/^overprovisioner\.0\.replicasPerCluster,clusterAutoscaler\.expander,seed,latencyMs\.mean,.*,cost\.total,/);
    // first rows: replicas 0, random, seeds 7, 8, 9; then price
    expect(lines.slice(1, 5).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['0,random,7', '0,random,8', '0,random,9', '0,price,7']);
    const json = JSON.parse(read(dir, 'sweep.json'));
    expect(json.rows).toHaveLength(30);
    expect(json.vary[0]).toEqual({ path: REPLICAS, values: [0, 10, 20, 30, 40] });
    // cell 29: replicas 40, price, seed 9 -> p99 = 400 - 120 + 4 x (9 mod 5) = 296
    expect(json.rows[29]).toMatchObject({ values: { [REPLICAS]: 40, 'clusterAutoscaler.expander': 'price' }, seed: 9 });
    expect(json.rows[29].metrics['latencyMs.p99']).toBe(296);
    expect(json).not.toHaveProperty('shard');
  });

  it('gives the same bytes whatever the concurrency and the order runs finish in', async () => {
    const one = await fullSweep(ARGS, fakeRunner, 1);
    const many = await fullSweep(ARGS, jitteryRunner(seedrandom('order')), 6);
    expect(read(many, 'sweep.csv')).toBe(read(one, 'sweep.csv'));
    expect(read(many, 'sweep.json')).toBe(read(one, 'sweep.json'));
    // runs.jsonl is in finishing order, which is not part of the contract
    expect(loggedCells(many)).toEqual(range(30));
  });

  it('stops on the signal and, started again, runs only the missing cells', async () => {
    const reference = await fullSweep();
    const dir = newDir();
    const stop = new AbortController();
    const first = await executeSweep(planSweep(ARGS), {
      outDir: dir,
      runner: fakeRunner,
      concurrency: 3,
      signal: stop.signal,
      onProgress: (p) => p.done >= 12 && stop.abort(),
    });
    expect(first.complete).toBe(false);
    expect(existsSync(join(dir, 'sweep.csv'))).toBe(false);
    const saved = loggedCells(dir).length;
    // the three lanes each finish the run they are on: 12 to 14 saved
    expect(saved).toBeGreaterThanOrEqual(12);
    expect(saved).toBeLessThanOrEqual(14);

    const second = await executeSweep(planSweep(ARGS), { outDir: dir, runner: fakeRunner, concurrency: 2 });
    expect(second).toMatchObject({ complete: true, resumed: saved, ran: 30 - saved, total: 30 });
    expect(loggedCells(dir)).toEqual(range(30));
    expect(read(dir, 'sweep.csv')).toBe(read(reference, 'sweep.csv'));
    expect(read(dir, 'sweep.json')).toBe(read(reference, 'sweep.json'));
  });

  it('cuts off a torn last line of runs.jsonl (a write the process died in) and reruns that cell', async () => {
    const reference = await fullSweep();
    const dir = newDir();
    const stop = new AbortController();
    await executeSweep(planSweep(ARGS), { outDir: dir, runner: fakeRunner, signal: stop.signal, onProgress: (p) => p.done >= 10 && stop.abort() });
    appendFileSync(join(dir, 'runs.jsonl'), '{"cell":17,"seed":9,"metr');
    const again = await executeSweep(planSweep(ARGS), { outDir: dir, runner: fakeRunner });
    expect(again).toMatchObject({ complete: true, resumed: 10, ran: 20 });
    expect(loggedCells(dir)).toEqual(range(30));
    expect(read(dir, 'sweep.csv')).toBe(read(reference, 'sweep.csv'));
  });

  it('a finished sweep started again runs nothing and writes the same bytes', async () => {
    const dir = await fullSweep();
    const before = read(dir, 'sweep.json');
    const again = await executeSweep(planSweep(ARGS), { outDir: dir, runner: () => Promise.reject(new Error('must not run')) });
    expect(again).toMatchObject({ complete: true, resumed: 30, ran: 0 });
    expect(read(dir, 'sweep.json')).toBe(before);
  });

  it('ends with every cell present once wherever it is interrupted', async () => {
    const plan = planSweep({ file: TINY, vary: [`${REPLICAS}=0:30:10`], seeds: 3 }); // 12 runs
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 4 }), async (stops, lanes) => {
        const dir = newDir();
        for (const at of stops) {
          const stop = new AbortController();
          if (at === 0) stop.abort();
          await executeSweep(plan, { outDir: dir, runner: fakeRunner, concurrency: lanes, signal: stop.signal, onProgress: (p) => p.done >= at && stop.abort() });
        }
        await executeSweep(plan, { outDir: dir, runner: fakeRunner, concurrency: lanes });
        expect(loggedCells(dir)).toEqual(range(12));
      }),
      { numRuns: 25 },
    );
  });

  it.each([
    [{ ...ARGS, vary: [`${REPLICAS}=0:50:10`, 'clusterAutoscaler.expander=random,price'] }, /the values of overprovisioner\.0\.replicasPerCluster differ: was 0,10,20,30,40, now 0,10,20,30,40,50/],
    [{ ...ARGS, seeds: 2 }, /the seeds differ: was 7\.\.9, now 7,8/],
    [{ ...ARGS, sets: ['workloads.0.replicas=12'] }, /the scenario differs: .*--set was none, now workloads\.0\.replicas=12/],
    [{ ...ARGS, vary: [`${REPLICAS}=0:40:10`] }, /the varied keys differ/],
    [{ ...ARGS, shard: { index: 0, count: 2 } }, /the shard differs: was none \(the whole grid\), now 0\/2/],
  ])('refuses to resume a folder of another sweep (%#)', async (args, message) => {
    const dir = await fullSweep();
    const run = executeSweep(planSweep(args), { outDir: dir, runner: fakeRunner });
    await expect(run).rejects.toThrow(HeadroomError);
    await expect(executeSweep(planSweep(args), { outDir: dir, runner: fakeRunner })).rejects.toThrow(message);
  });

  it('refuses runs.jsonl without a manifest, and runs of cells outside the grid', async () => {
    const bare = newDir();
    mkdirSync(bare, { recursive: true });
    writeFileSync(join(bare, 'runs.jsonl'), '');
    await expect(executeSweep(planSweep(ARGS), { outDir: bare, runner: fakeRunner })).rejects.toThrow(/no manifest\.json/);

    const dir = await fullSweep();
    appendFileSync(join(dir, 'runs.jsonl'), `${JSON.stringify({ cell: 30, seed: 7, metrics: {} })}\n`);
    await expect(executeSweep(planSweep(ARGS), { outDir: dir, runner: fakeRunner })).rejects.toThrow(/cell 30 is not part of this sweep \(30 cells\)/);
  });

  it('stops at a failing run, naming it, and keeps the runs before it', async () => {
    const dir = newDir();
    const failing: CellRunner = async (s) => {
      if (s.clusters[0].overprovisioner[0].sizing.kind === 'fixed' && s.clusters[0].overprovisioner[0].sizing.replicasPerCluster === 20) {
        throw new HeadroomError('trace', 'cannot read the trace');
      }
      return fakeMetrics(s);
    };
    const run = executeSweep(planSweep(ARGS), { outDir: dir, runner: failing });
    await expect(run).rejects.toThrow(/run with replicasPerCluster=20, expander=random, seed 7: cannot read the trace/);
    // replicas 0 and 10: 2 x 2 x 3 = 12 runs before it
    expect(loggedCells(dir)).toEqual(range(12));
  });
});
