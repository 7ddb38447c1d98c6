import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeSweep, mergeSweeps, planSweep, readRunsLog, type Shard, type SweepArgs } from '../../src/sweep/index.ts';
import { fakeRunner } from './fixtures/fake-runner.ts';
import { tempDirs, TINY } from './fixtures/tmp.ts';

const newDir = tempDirs();
// 4 replica counts x 3 seeds = 12 runs
const ARGS: SweepArgs = { file: TINY, vary: ['overprovisioner.0.replicasPerCluster=0:30:10'], seeds: 3 };
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

async function sweep(shard: Shard | null, stopAfter?: number): Promise<string> {
  const dir = newDir();
  const stop = new AbortController();
  await executeSweep(planSweep({ ...ARGS, shard }), {
    outDir: dir,
    runner: fakeRunner,
    signal: stop.signal,
    onProgress: (p) => stopAfter !== undefined && p.done >= stopAfter && stop.abort(),
  });
  return dir;
}

describe('mergeSweeps', () => {
  it.each([2, 3, 5])('joins %i shards into what the unsharded sweep writes, byte for byte', async (count) => {
    const whole = await sweep(null);
    const shards = await Promise.all(Array.from({ length: count }, (_, index) => sweep({ index, count })));
    const out = newDir();
    // the order the folders are given in does not matter
    const merged = mergeSweeps([...shards].reverse(), out);
    expect(merged.rows).toHaveLength(12);
    expect(read(out, 'sweep.csv')).toBe(read(whole, 'sweep.csv'));
    expect(read(out, 'sweep.json')).toBe(read(whole, 'sweep.json'));
    // and it is a finished sweep folder: resuming it runs nothing
    const again = await executeSweep(planSweep(ARGS), { outDir: out, runner: () => Promise.reject(new Error('must not run')) });
    expect(again).toMatchObject({ complete: true, resumed: 12, ran: 0 });
    expect(readRunsLog(out).records.map((r) => r.cell)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('a shard folder holds only its slice, marked with its shard', async () => {
    const dir = await sweep({ index: 1, count: 3 });
    const json = JSON.parse(read(dir, 'sweep.json'));
    expect(json.shard).toEqual({ index: 1, count: 3 });
    // cells 1, 4, 7, 10: replicas 0 seed 8, replicas 10 seed 8, 20 seed 8, 30 seed 8
    expect(json.rows.map((r: { seed: number }) => r.seed)).toEqual([8, 8, 8, 8]);
  });

  it('refuses a gap: a missing shard, or one left unfinished', async () => {
    const a = await sweep({ index: 0, count: 3 });
    const b = await sweep({ index: 1, count: 3 });
    expect(() => mergeSweeps([a, b], newDir())).toThrow(/4 of 12 runs are missing; no folder given for shard 2\/3; missing: replicasPerCluster=0, seed 9 \(cell 2\)/);
    const c = await sweep({ index: 2, count: 3 }, 2);
    expect(() => mergeSweeps([a, b, c], newDir())).toThrow(/2 of 12 runs are missing; .*\(shard 2\/3\) is unfinished: 2 of 4 runs/);
  });

  it('refuses an overlap: the same shard twice, or a shard and the whole sweep', async () => {
    const a = await sweep({ index: 0, count: 2 });
    const b = await sweep({ index: 1, count: 2 });
    const copy = newDir();
    cpSync(a, copy, { recursive: true });
    expect(() => mergeSweeps([a, b, copy], newDir())).toThrow(/both hold the run replicasPerCluster=0, seed 7 \(cell 0\): the folders overlap/);
    const whole = await sweep(null);
    expect(() => mergeSweeps([whole, b], newDir())).toThrow(/the folders overlap/);
  });

  it('refuses folders of different sweeps, and folders that are not sweeps', async () => {
    const a = await sweep({ index: 0, count: 2 });
    const other = newDir();
    await executeSweep(planSweep({ ...ARGS, seeds: 2, shard: { index: 1, count: 2 } }), { outDir: other, runner: fakeRunner });
    expect(() => mergeSweeps([a, other], newDir())).toThrow(/holds a different sweep from .*: the seeds differ: was 7\.\.9, now 7,8/);
    expect(() => mergeSweeps([a, newDir()], newDir())).toThrow(/is not a sweep folder \(it has no manifest\.json\)/);
    expect(() => mergeSweeps([a], a)).toThrow(/also one of the folders to merge/);
  });
});
