import { describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerSweepCommands } from '../../src/cli/sweep-commands.ts';
import { executeSweep, planSweep } from '../../src/sweep/index.ts';
import { fakeRunner } from './fixtures/fake-runner.ts';
import { tempDirs, TINY } from './fixtures/tmp.ts';

const newDir = tempDirs();
const VARY = 'overprovisioner.0.replicasPerCluster=0:20:10';

async function cli(...args: string[]): Promise<number | undefined> {
  let code: number | undefined;
  const program = new Command('headroom').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerSweepCommands(program, (c) => {
    code = c;
  });
  await program.parseAsync(['node', 'headroom', ...args]);
  return code;
}

describe('sweep commands', () => {
  it.each([
    [['sweep', TINY, '--vary', 'overprovisioner.0.replicas=1,2', '--quiet'], /--vary overprovisioner\.0\.replicas=1,2: .*not a key of the scenario format/],
    [['sweep', TINY, '--vary', VARY, '--shard', '2/2', '--quiet'], /shard index 2 is out of range/],
    [['sweep', TINY, '--vary', VARY, '--seeds', '0'], /--seeds must be a whole number of at least 1, got "0"/],
    [['sweep', TINY, '--vary', VARY, '--workers', 'many'], /--workers must be a whole number/],
    [['sweep', TINY, '--vary', VARY, '--set', 'overprovisioner.0.replicasPerCluster=5'], /given by both --set and --vary/],
    [['recommend', TINY, '--slo', 'p99<=250ms'], /recommend needs at least one --vary/],
    [['recommend', TINY, '--vary', VARY, '--slo', 'p99<=fast'], /--slo p99<=fast/],
    [['recommend', TINY, '--vary', VARY, '--confidence', '1.5'], /--confidence 1\.5: a share in \(0, 1\]/],
    [['recommend', TINY, '--vary', 'workloads.0.hpa.max=100,200', '--vary', 'workloads.0.hpa.min=5,6', '--search', 'overprovisioner.0.replicasPerCluster=0:20'], /--search takes at most one --vary beside it/],
    [['recommend', TINY, '--vary', VARY, '--search', 'overprovisioner.0.replicasPerCluster=0:20'], /overprovisioner\.0\.replicasPerCluster is given twice/],
    [['recommend', TINY, '--search', 'overprovisioner.0.replicasPerCluster=0:20:5'], /--search .*: expected path=LOW:HIGH with whole numbers/],
    [['merge', newDir(), '--out', newDir()], /is not a sweep folder/],
  ])('refuses %j before running anything', async (args, message) => {
    await expect(cli(...args)).rejects.toThrow(message);
  });

  it('searches an axis: prints the smallest value and the runs it took, and writes them to recommendation.json', async () => {
    const out = newDir();
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let code: number | undefined;
    let printed = '';
    try {
      code = await cli('recommend', TINY, '--search', 'overprovisioner.0.replicasPerCluster=0:20', '--seeds', '1', '--workers', '1', '--quiet', '--out', out);
      printed = stdout.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      stdout.mockRestore();
    }
    const rec = JSON.parse(readFileSync(join(out, 'recommendation.json'), 'utf8'));
    expect(rec.searched).toMatchObject({ path: 'overprovisioner.0.replicasPerCluster', low: 0, high: 20, exhaustiveRuns: 21 });
    expect(rec.searched.runs).toBe(rec.searched.probes.length);
    expect(printed).toContain(`values tried, ${rec.searched.runs} runs (every value would take 21)`);
    if (rec.searched.value === null) expect(code).toBe(1);
    else {
      expect(code).toBe(0);
      expect(printed).toContain(`that meets the SLOs at the attainment asked: ${rec.searched.value}`);
      // the candidates are the values tried, and the recommended one meets
      expect(rec.candidates.map((c: { values: Record<string, number> }) => c.values['overprovisioner.0.replicasPerCluster'])).toEqual(
        rec.searched.probes.map((p: { value: number }) => p.value).sort((a: number, b: number) => a - b),
      );
    }
  }, 120_000);

  it('merges shard folders', async () => {
    const shards = await Promise.all(
      [0, 1].map(async (index) => {
        const dir = newDir();
        await executeSweep(planSweep({ file: TINY, vary: [VARY], shard: { index, count: 2 } }), { outDir: dir, runner: fakeRunner });
        return dir;
      }),
    );
    const out = newDir();
    expect(await cli('merge', ...shards, '--out', out, '--quiet')).toBe(0);
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(4);
  });
});
