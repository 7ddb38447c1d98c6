/** What the comments of scenarios/karpenter.yaml and scenarios/karpenter-spot-reclaim.yaml (and the README) say to expect. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { loadScenario } from '../../src/scenario/index.ts';

async function summary(file: string, sets: string[] = []) {
  return (await runScenario(loadScenario(file, { sets }), { summaryOnly: true })).summary;
}

describe('scenarios/karpenter.yaml', () => {
  it("Karpenter's consolidation costs less than the cluster-autoscaler over the diurnal day, and fails no request", async () => {
    const karpenter = await summary('scenarios/karpenter.yaml');
    const ca = await summary('scenarios/karpenter.yaml', ['autoscaler=cluster-autoscaler']);
    expect(karpenter.karpenter.consolidations).toBeGreaterThan(0);
    expect(ca.karpenter.consolidations).toBe(0);
    expect(karpenter.cost.total).toBeLessThan(ca.cost.total);
    // the figures the scenario and the README give: 156.89 and 177.89 USD, 11.8% less
    expect(karpenter.cost.total).toBeCloseTo(156.89, 1);
    expect(ca.cost.total).toBeCloseTo(177.89, 1);
    expect(karpenter.requests.failed).toBe(0);
    expect(ca.requests.failed).toBe(0);
    expect(karpenter.binPacking.cpuRequestedShare).toBeGreaterThan(ca.binPacking.cpuRequestedShare);
  }, 60_000);
});

describe('scenarios/karpenter-spot-reclaim.yaml', () => {
  it('a reclaim wave during a burst fails more requests without placeholders than with them under Karpenter too', async () => {
    const noHeadroom = ['overprovisioner.0.replicasPerCluster=0'];
    const noWave = ['faults.reclaims.0.share=0'];
    const withHeadroom = await summary('scenarios/karpenter-spot-reclaim.yaml');
    const without = await summary('scenarios/karpenter-spot-reclaim.yaml', noHeadroom);
    expect(withHeadroom.faults.spotInterruptions).toBeGreaterThan(0);
    expect(without.requests.failed).toBeGreaterThan(withHeadroom.requests.failed);
    expect(withHeadroom.requests.failed).toBeGreaterThan((await summary('scenarios/karpenter-spot-reclaim.yaml', noWave)).requests.failed);
    expect(without.requests.failed).toBeGreaterThan((await summary('scenarios/karpenter-spot-reclaim.yaml', [...noWave, ...noHeadroom])).requests.failed);
    // 3.40% and 5.20%, as the scenario says
    expect(withHeadroom.requests.errorRate).toBeCloseTo(0.034, 3);
    expect(without.requests.errorRate).toBeCloseTo(0.052, 3);
  }, 60_000);
});
