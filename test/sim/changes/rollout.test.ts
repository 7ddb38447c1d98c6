/** Rollouts in whole runs: the rolling steps, a rollback that fires, a stuck rollout, and the outputs. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/run.ts';
import type { World } from '../../../src/sim/world.ts';
import { scenarioFromYaml, smallFleet } from '../../helpers/scenario.ts';
import { checkWorld } from '../../helpers/world-invariants.ts';

const withChange = (change: string, opts: Parameters<typeof smallFleet>[0] = {}) =>
  scenarioFromYaml(smallFleet({ rate: 200, replicas: 8, nodes: 3, clusters: '[az-a, az-b]', ...opts, extra: `changes:\n${change}` }));

const events = (lines: readonly string[], reason: string) => lines.map((l) => JSON.parse(l)).filter((e) => e.reason === reason);

describe('a RollingUpdate in a run', () => {
  it('replaces every pod, surging at most maxSurge, one cluster after the other', async () => {
    const s = withChange(`  - at: 5m
    clusters: all
    waitBetweenClusters: 1m
    rollout: {workload: web, maxSurge: 2, maxUnavailable: 0, template: {requests: {cpu: 750m}}}
`);
    let world: World | undefined;
    const r = await runScenario(s, { recordEvents: true, inspect: (w) => ((world = w), checkWorld(w)) });
    const changes = r.summary.changes!;
    expect(changes.map((c) => [c.kind, c.cluster, c.finished, c.surgedPods])).toEqual([
      ['rollout', 'az-a', true, 2],
      ['rollout', 'az-b', true, 2],
    ]);
    // the second cluster starts a minute after the first ended
    expect(changes[1].start).toBe(changes[0].end + 60);
    expect(changes[0].start).toBe(300);
    // every pod is of the new template now
    for (const c of world!.clusters) {
      expect(c.workloads[0].replicaSets).toBeUndefined();
      expect(c.workloads[0].pods.every((p) => p.info.cpuMilli === 750)).toBe(true);
    }
    const scaled = events(r.events, 'ScalingReplicaSet').filter((e) => e.cluster === 'az-a');
    expect(scaled[0].message).toBe('Scaled up replica set web-v2 from 0 to 2');
    expect(scaled.at(-1).message).toMatch(/^Scaled down replica set web-v1 from \d+ to 0$/);
    expect(events(r.events, 'ChangeEnded')).toHaveLength(2);
  });

  it('Recreate takes every old pod down before the new ones come', async () => {
    const s = withChange(`  - at: 5m
    clusters: [az-a]
    rollout: {workload: web, strategy: Recreate, template: {concurrency: 8}}
`);
    const r = await runScenario(s, { recordEvents: true, inspect: checkWorld });
    const scaled = events(r.events, 'ScalingReplicaSet').map((e) => e.message);
    expect(scaled).toEqual(['Scaled down replica set web-v1 from 8 to 0', 'Scaled up replica set web-v2 from 0 to 8']);
    expect(r.summary.changes![0]).toMatchObject({ finished: true, surgedPods: 0 });
    // nothing serves while the old pods are gone and the new ones start (20 s): requests past the 2 s timeout fail
    expect(r.summary.changes![0].errorRate).toBeGreaterThan(0.5);
  });
});

describe('rollback', () => {
  it('fires when the new revision is slow: RolledBack, the old template back, finished false', async () => {
    // the new revision serves 5x slower: 8 pods × 4 at 250 ms is 128 req/s for 100 req/s, p99 far above 300 ms
    const s = withChange(`  - at: 5m
    clusters: [az-a, az-b]
    rollout:
      workload: web
      maxSurge: 1
      maxUnavailable: 0
      template: {serviceTime: 250ms}
      rollbackWhen: {p99Above: 300ms, for: 30s}
`);
    let world: World | undefined;
    const r = await runScenario(s, { recordEvents: true, inspect: (w) => ((world = w), checkWorld(w)) });
    const rolled = events(r.events, 'RolledBack');
    expect(rolled).toHaveLength(1);
    expect(rolled[0].message).toMatch(/^Rolled back deployment web to web-v1: p99 \d+ms above 300ms for \d+s$/);
    // az-a rolled back; a staged rollout stops there, az-b is never touched
    expect(r.summary.changes!.map((c) => [c.cluster, c.finished])).toEqual([['az-a', false]]);
    // the old revision serves again (pods made since keep its template)
    const dep = world!.clusters[0].workloads[0];
    expect(dep.revision?.serviceMeanSec).toBe(0.05);
    expect(dep.pods.some((p) => p.replicaSet?.name === 'web-v2')).toBe(false);
    expect(rolled[0].time_s % 10).toBe(0);
    expect(r.annotations.some((a) => a.reason === 'RolledBack')).toBe(true);
  });

  it('fires when the progress deadline passes (pods that never become Ready)', async () => {
    const s = withChange(`  - at: 5m
    clusters: [az-a]
    rollout:
      workload: web
      progressDeadline: 2m
      template: {startupDelay: {fixed: 1h}}
      rollbackWhen: {progressDeadlineExceeded: true}
`);
    const r = await runScenario(s, { recordEvents: true, inspect: checkWorld });
    const stuck = events(r.events, 'ProgressDeadlineExceeded');
    expect(stuck).toHaveLength(1);
    expect(stuck[0].message).toBe('ReplicaSet "web-v2" has timed out progressing.');
    // 25% of 8: 2 surged at 300, 2 old scaled down at 301 (2 unavailable allowed), 2 more new at 302;
    // none ever Ready, so no progress after 302: past the 2 min deadline at the sync of 423
    expect(stuck[0].time_s).toBe(423);
    expect(events(r.events, 'RolledBack')[0].message).toContain('progress deadline (120s) was exceeded');
    expect(r.summary.changes![0].finished).toBe(false);
  });

  it('without a gate, a stuck rollout only says so and runs until the end', async () => {
    const s = withChange(`  - at: 5m\n    clusters: [az-a]\n    rollout: {workload: web, progressDeadline: 2m, template: {startupDelay: {fixed: 1h}}}\n`);
    const r = await runScenario(s, { recordEvents: true });
    expect(events(r.events, 'ProgressDeadlineExceeded')).toHaveLength(1);
    expect(events(r.events, 'RolledBack')).toHaveLength(0);
    expect(r.summary.changes![0]).toMatchObject({ finished: false, end: 1800 });
  });
});
