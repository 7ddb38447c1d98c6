/**
 * End to end: the seed fleet asking for twice what its pods use (docs/examples/rightsize/
 * twice-usage.yaml), packed by its own MostAllocated and spread by LeastAllocated. Rightsize's
 * recommendation must cut node cost by at least a quarter inside the SLO with no OOM kill and be
 * written as a scenario that runs as it is to the same numbers; a policy at the working set's median (p50 of
 * per-minute peaks) must show its OOM kills and be refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_DEFAULTS } from '../../src/decisions/rightsize/policies.ts';
import { planRightsize, runRightsize } from '../../src/rightsize/scenario-rightsize.ts';
import { renderRightsize } from '../../src/rightsize/scenario-output.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { runScenario } from '../../src/run.ts';

const FILE = 'docs/examples/rightsize/twice-usage.yaml';
const SETS = ['scheduler.scoring=LeastAllocated'];

/** What any recommendation must be: a quarter off the node cost inside the SLO, the cheapest that qualifies, written as a scenario that reruns to the same numbers. */
async function expectRecommendation(plan: ReturnType<typeof planRightsize>, r: Awaited<ReturnType<typeof runRightsize>>) {
  expect(r.recommended).not.toBeNull();
  const rec = r.policies.find((p) => p.name === r.recommended)!;
  const base = r.baseline.figures;
  expect(rec.figures.cost).toBeLessThanOrEqual(0.75 * base.cost);
  expect(rec.figures.p99Ms).toBeLessThanOrEqual(r.scenario.slo.latencyP99Sec * 1000);
  expect(rec.figures.errorRate).toBeLessThanOrEqual(r.scenario.slo.errorRate);
  expect(rec.figures.oomKills).toBe(0);
  // the cheapest of those that qualify
  for (const p of r.policies) if (p.misses.length === 0) expect(p.figures.cost).toBeGreaterThanOrEqual(rec.figures.cost);
  // the placeholders, one backend-a pod each, follow its new request
  expect(rec.applied.placeholders).toEqual([{ name: 'headroom', workload: 'backend-a', pods: 1, requests: rec.applied.requests['backend-a'] }]);

  const { files } = await renderRightsize(r, plan);
  expect(JSON.parse(files['rightsize.json']).recommended).toBe(r.recommended);
  const dir = mkdtempSync(join(tmpdir(), 'rightsized-'));
  writeFileSync(join(dir, 'rightsized.yaml'), files['rightsized.yaml']);
  const rerun = await runScenario(loadScenario(join(dir, 'rightsized.yaml')), { summaryOnly: true });
  expect(rerun.summary.cost.total).toBe(rec.figures.cost);
  expect(rerun.summary.latencyMs.p99).toBe(rec.figures.p99Ms);
  return rec;
}

describe('rightsize on the seed fleet at twice its usage', () => {
  it('as written (MostAllocated): the targets that keep today\'s replicas starve packed pods in bursts; the burst-room targets cut node cost by a quarter or more inside the SLO', async () => {
    const plan = planRightsize(FILE);
    const r = await runRightsize(plan, { workers: 2 });
    const first = r.policies.filter((p) => p.targets === 'replicas');
    expect(first.map((p) => p.name)).toEqual(['vpa', 'goldilocks-guaranteed', 'goldilocks-burstable', 'krr']);
    for (const p of first) {
      expect(p.misses).toContain('p99');
      // short of cpu on a packed node, or held at its own cpu limit (goldilocks-guaranteed)
      expect(p.figures.cpuSharedShare + p.figures.throttledShare).toBeGreaterThan(0);
    }
    const rec = await expectRecommendation(plan, r);
    expect(rec.targets).toBe('burst-room');
    expect(rec.name).toBe(`${rec.policy}-burst-room`);
    // its requests are its policy's; only the targets differ, and by the rule: today's × old ÷ max(new, peak)
    const same = r.policies.find((p) => p.name === rec.policy)!;
    expect(rec.applied.requests).toEqual(same.applied.requests);
    const t = rec.applied.hpaTargets['backend-a'];
    // backend-a's pods used up to their full-load 250m in the bursts: 25% × 500m ÷ 250m = 50%
    expect(t.keepsBurstRoom).toBe(50);
    expect(t.percent).toBe(50);
    expect(t.keepsReplicas).toBe(same.applied.hpaTargets['backend-a'].percent);
    expect(rec.figures.cpuSharedShare).toBeLessThan(Math.min(...first.map((p) => p.figures.cpuSharedShare + p.figures.throttledShare)));
  }, 300_000);

  it('spread by LeastAllocated: a policy with the targets that keep today\'s replicas qualifies, so nothing runs again', async () => {
    const plan = planRightsize(FILE, { sets: SETS });
    const r = await runRightsize(plan, { workers: 2 });
    expect(r.policies.every((p) => p.targets === 'replicas')).toBe(true);
    const rec = await expectRecommendation(plan, r);
    // the targets that move with the requests keep today's replicas (within 5% on the mean)
    for (const [w, today] of Object.entries(r.baseline.figures.hpaReplicas)) expect(Math.abs(rec.figures.hpaReplicas[w].mean - today.mean) / today.mean).toBeLessThan(0.05);
  }, 300_000);

  it('a policy at the p50 of per-minute memory peaks, as a Guaranteed limit, is OOM-killed and refused', async () => {
    const options = {
      ...POLICY_DEFAULTS,
      aggregation: { ...POLICY_DEFAULTS.aggregation, memoryAggregationIntervalSec: 60 },
      recommender: { ...POLICY_DEFAULTS.recommender, targetPercentile: { ...POLICY_DEFAULTS.recommender.targetPercentile, memory: 0.5 } },
    };
    const r = await runRightsize(planRightsize(FILE, { sets: SETS }), { workers: 2, policyOptions: options });
    const guaranteed = r.policies.find((p) => p.name === 'goldilocks-guaranteed')!;
    // backend-a's working set reaches 128Mi + 2 × 64Mi = 256Mi at full load; the median, at the VPA's 250Mi floor, is under it
    expect(guaranteed.applied.limits['backend-a'].memoryBytes).toBeLessThan(256 * 2 ** 20);
    expect(guaranteed.figures.oomKills).toBeGreaterThan(0);
    expect(guaranteed.misses).toContain('oomKills');
    expect(r.recommended).not.toBe('goldilocks-guaranteed');
  }, 300_000);
});

describe('rightsize on a scenario from a usage export', () => {
  it("takes the export's samples for the workloads it has and leaves the others as they are", async () => {
    // backend-a's two pods: 100m and 200 MiB, a sample a minute for an hour
    const series = (pod: string, name: string | undefined, value: number) => ({
      metric: { ...(name ? { __name__: name } : {}), pod, container: 'app' },
      values: Array.from({ length: 60 }, (_, i) => [1_700_000_000 + 60 * i, String(value)]),
    });
    const pods = ['backend-a-7d4b9c8f6d-x2kqp', 'backend-a-7d4b9c8f6d-q8zlm'];
    const doc = (name: string | undefined, value: number) => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: pods.map((p) => series(p, name, value)) } });
    const dir = mkdtempSync(join(tmpdir(), 'rightsize-export-'));
    writeFileSync(join(dir, 'cpu.json'), doc(undefined, 0.1));
    writeFileSync(join(dir, 'memory.json'), doc('container_memory_working_set_bytes', 200 * 2 ** 20));
    const plan = planRightsize(FILE, { sets: [...SETS, 'duration=30m', 'workloads.0.traffic.generator.bursts=[]'], usageFiles: [join(dir, 'cpu.json'), join(dir, 'memory.json')] });
    const r = await runRightsize(plan, { workers: 2 });
    expect(r.source).toBe('export');
    const krr = r.policies.find((p) => p.name === 'krr')!;
    // KRR: the p95 of a flat 100m is 100m; memory 200 MiB × 1.15 = 230 MiB
    expect(krr.applied.requests['backend-a']).toEqual({ cpuMilli: 100, memoryBytes: 230 * 2 ** 20 });
    // no samples for search: today's requests
    expect(krr.applied.requests.search).toEqual(r.baseline.applied.requests.search);
  }, 300_000);
});
