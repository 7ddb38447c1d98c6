/** What the comments of scenarios/layout-one-cluster.yaml and layout-four-clusters.yaml say to expect. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { loadScenario } from '../../src/scenario/index.ts';

async function summary(file: string, sets: string[] = []) {
  return (await runScenario(loadScenario(file, { sets }), { summaryOnly: true })).summary;
}

describe('one four-zone cluster beside four single-zone clusters', () => {
  it('pooled placeholders wait less than four clusters; the zone spread gives that back and more', async () => {
    const four = await summary('scenarios/layout-four-clusters.yaml');
    const one = await summary('scenarios/layout-one-cluster.yaml');
    const unspread = await summary('scenarios/layout-one-cluster.yaml', ['workloads.0.topologySpreadConstraints=[]']);
    // the same fleet at the start and the same traffic
    expect(one.requests.total).toBe(four.requests.total);
    expect(unspread.pods.pendingSecondsTotal).toBeLessThan(four.pods.pendingSecondsTotal);
    expect(one.pods.pendingSecondsTotal).toBeGreaterThan(1.5 * four.pods.pendingSecondsTotal);
    expect(one.requests.errorRate).toBeGreaterThan(four.requests.errorRate);
    expect(one.pods.preemptions).toBeGreaterThan(2 * four.pods.preemptions);
    // the figures the comment quotes
    expect(Math.round(four.pods.pendingSecondsTotal)).toBe(7530);
    expect(Math.round(one.pods.pendingSecondsTotal)).toBe(13048);
    // two thirds of that wait is the spread alone: a node had room, in a zone too far ahead
    expect(Math.round(one.pods.skewBlockedPendingSeconds!)).toBe(8786);
    expect('skewBlockedPendingSeconds' in four.pods).toBe(false);
    expect(Math.round(unspread.pods.pendingSecondsTotal)).toBe(5418);
    // --balance-similar-node-groups grows the zones together: less waiting, at no higher cost
    const balanced = await summary('scenarios/layout-one-cluster.yaml', ['clusterAutoscaler.balanceSimilarNodeGroups=true']);
    expect(Math.round(balanced.pods.pendingSecondsTotal)).toBe(9233);
    expect(balanced.cost.total).toBeLessThanOrEqual(one.cost.total);
  }, 120_000);
});
