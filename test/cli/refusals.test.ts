/**
 * Keys that are accepted are honoured or refused, never ignored; problems are capped so the
 * first one is not buried; a fleet that serves nothing says so; a tolerance is never negative.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smallFleet } from '../helpers/scenario.ts';
import { expectNoStack, headroomIn } from '../helpers/cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-refusals-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('accepted keys do what they say', () => {
  it('proportional.includeUnschedulableNodes: true is accepted, and counts draining and NotReady nodes (sim/setup.ts proportionalDesired)', async () => {
    const text = smallFleet().replace('replicasPerCluster: 0', 'proportional: {coresPerReplica: 16, includeUnschedulableNodes: true}');
    const r = await headroomIn(['validate', scenario('cpa.yaml', text), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).clusters[0].overprovisioner[0].sizing.includeUnschedulableNodes).toBe(true);
  });

  it('a fleet without workloads is a clear notice: its SLO is met by default', async () => {
    const r = await headroomIn(['validate', scenario('empty.yaml', smallFleet()), '--set', 'workloads=[]']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*workloads: the fleet has no workloads: no request is served or failed, so latency and errors are 0 and the SLO is met by default/);
  });

  it('check --tolerance latencyMs.p99=-5 (a negative tolerance) is refused', async () => {
    const r = await headroomIn(['check', scenario('tol.yaml', smallFleet()), '--baseline', join(dir, 'none.json'), '--tolerance', 'latencyMs.p99=-5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--tolerance latencyMs\.p99=-5: a tolerance is never negative; latencyMs\.p99 is worse when higher, so give the allowance as 5/);
  });
});

describe('problems are capped', () => {
  it('20,000 unknown keys: the first 50, then a count', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `unknownkey${i}: ${i}\n`).join('');
    const r = await headroomIn(['validate', scenario('many.yaml', smallFleet().replace('name: small\n', `name: small\n${keys}`))]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toMatch(/many\.yaml:\d+:1: unknownkey0: unknown key "unknownkey0"/);
    expect(lines[50]).toBe('... and 19,950 more problems (20,000 in all)');
    expectNoStack(r.stderr);
  });

  it('a duplicate key is still a YAML error, at the second one', async () => {
    const r = await headroomIn(['validate', scenario('dup.yaml', smallFleet().replace('seed: 7', 'seed: 7\nseed: 8'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dup\.yaml:4:1: YAML: Map keys must be unique/);
  });
});
