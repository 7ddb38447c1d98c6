/** scenarios/rollout-at-peak.yaml: what its comments say the runs show. */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.ts';
import { runScenario } from '../../src/run.ts';

const FILE = 'scenarios/rollout-at-peak.yaml';

describe('rollout-at-peak: the placeholders absorb the surge', () => {
  it('fewer pending pod-seconds and a shorter rollout with placeholders', { timeout: 120_000 }, async () => {
    const withHeadroom = (await runScenario(loadScenario(FILE), { summaryOnly: true })).summary;
    const without = (await runScenario(loadScenario(FILE, { sets: ['overprovisioner.0.replicasPerCluster=0'] }), { summaryOnly: true })).summary;
    const a = withHeadroom.changes![0];
    const b = without.changes![0];
    expect([a.kind, a.cluster, a.finished, b.finished]).toEqual(['rollout', 'az-a', true, true]);
    // 25% of the ~113 replicas the HPA asked for
    expect(a.surgedPods).toBe(28);
    // measured: 75 s and 557 pod-seconds with placeholders, 226 s and 5,092 without
    expect(a.end - a.start).toBe(75);
    expect(b.end - b.start).toBe(226);
    expect(Math.round(a.pendingPodSeconds)).toBe(557);
    expect(Math.round(b.pendingPodSeconds)).toBe(5092);
    expect(b.pendingPodSeconds).toBeGreaterThan(5 * a.pendingPodSeconds);
    // maxUnavailable 0 keeps capacity: 115 ms while it runs, no errors
    expect(Math.round(a.p99Ms)).toBe(115);
    expect(a.errorRate).toBe(0);
    // the surge used the headroom up: az-a's run p99 ~297 ms against ~155 ms in az-b
    expect(Math.round(withHeadroom.perCluster['az-a'].latencyMs.p99)).toBe(297);
    expect(Math.round(withHeadroom.perCluster['az-b'].latencyMs.p99)).toBe(155);
    // without placeholders the burst broke both zones first (p99 at the 2 s timeout)
    expect(without.perCluster['az-b'].latencyMs.p99).toBeGreaterThan(2000);
  });
});
