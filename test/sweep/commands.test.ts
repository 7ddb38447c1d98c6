import { describe, expect, it } from 'vitest';
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
    [['merge', newDir(), '--out', newDir()], /is not a sweep folder/],
  ])('refuses %j before running anything', async (args, message) => {
    await expect(cli(...args)).rejects.toThrow(message);
  });

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
