/**
 * Work that cannot finish is refused before it starts, and work that is merely large is
 * announced (the estimate: test/scenario/budget.test.ts; progress: progress.test.ts).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smallFleet } from '../helpers/scenario.ts';
import { expectNoStack, headroomIn } from '../helpers/cli.ts';

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-budget-'));
  file = join(dir, 'small.yaml');
  writeFileSync(file, smallFleet({ duration: '10m', hpa: 'hpa: {min: 4, max: 20}' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('refused before any work, unless --force', () => {
  it.each([
    ['10,000,000 one-second steps', ['--set', 'duration=10000000s', '--set', 'step=1s'], /20,000,000 time-series rows \(10,000,000 steps × 1 clusters × \(1 \+ 1 workloads\)\)/],
    ['a node group of 1e8 nodes', ['--set', 'nodeGroups.0.max=100000000'], /100,000,000 nodes in a cluster with every node group at its maximum \(the limit is 50,000\)/],
    ['an HPA of 1e8 pods', ['--set', 'workloads.0.hpa.max=100000000'], /100,000,000 pods in a cluster with every HPA and over-provisioner at its maximum/],
  ])('run with %s', async (_what, sets, message) => {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const r = await headroomIn(['run', file, ...sets, '--quiet', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is past the work budget/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/pass --force to run it anyway/);
    expectNoStack(r.stderr);
    expect(existsSync(out)).toBe(false);
  });

  it('sweep --seeds 1000000000 is refused at once (it used to run out of memory listing the seeds)', async () => {
    const r = await headroomIn(['sweep', file, '--seeds', '1000000000', '--quiet', '--out', join(dir, 'sweep')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/1,000,000,000 runs \(the limit is 200,000\)/);
  });

  it('baseline and check hold every scenario to it before the first run', async () => {
    expect((await headroomIn(['baseline', file, '--quiet', '--out', join(dir, 'base.json')])).code).toBe(0);
    for (const args of [
      ['baseline', file, '--set', 'nodeGroups.0.max=100000000', '--out', join(dir, 'base2.json')],
      ['check', file, '--set', 'nodeGroups.0.max=100000000', '--baseline', join(dir, 'base.json')],
    ]) {
      const r = await headroomIn(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr).toMatch(/is past the work budget: 100,000,000 nodes/);
      expect(r.stderr).not.toMatch(/running small/);
    }
  });

  it('--force runs it, saying how large it is', async () => {
    const r = await headroomIn(['run', file, '--set', 'nodeGroups.0.max=100000000', '--force', '--no-report', '--out', join(dir, 'forced')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: small .* is a large run: 100,000,000 nodes/);
  });
});

describe('near the budget: a warning, and the work goes on', () => {
  it('6,000 nodes at the maximum is more than Kubernetes supports in a cluster', async () => {
    const r = await headroomIn(['run', file, '--set', 'nodeGroups.0.max=6000', '--no-report', '--out', join(dir, 'near')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: .* is a large run: 6,000 nodes in a cluster with every node group at its maximum \(more than 5,000; the limit is 50,000\)/);
  });
});
