/** A configuration change rolled out one cluster at a time. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/run.ts';
import type { World } from '../../../src/sim/world.ts';
import { scenarioFromYaml, smallFleet } from '../../helpers/scenario.ts';
import { checkWorld } from '../../helpers/world-invariants.ts';
import { FILE, problems } from '../../scenario/fixture.ts';

const yaml = (override: string) =>
  smallFleet({
    clusters: '[az-a, az-b]',
    placeholders: 2,
    nodes: 4,
    extra: `changes:\n  - at: 5m\n    clusters: [az-b, az-a]\n    waitBetweenClusters: 5m\n    override: ${override}\n`,
  });

describe('override: one cluster at a time', () => {
  it('each cluster takes the settings in its turn, the wait apart', async () => {
    const s = scenarioFromYaml(yaml('{overprovisioner.0.replicasPerCluster: 6, clusterAutoscaler.expander: price, nodeGroups.0.max: 9}'));
    const seen: { t: number; a: number; b: number }[] = [];
    let world: World | undefined;
    const r = await runScenario(s, {
      recordEvents: true,
      inspect: (w, k) => {
        world = w;
        checkWorld(w);
        seen.push({ t: k * 10, a: w.clusters[0].placeholders[0].desired, b: w.clusters[1].placeholders[0].desired });
      },
    });
    const at = (t: number) => seen.find((x) => x.t === t)!;
    expect(at(290)).toEqual({ t: 290, a: 2, b: 2 });
    // az-b first at 5m; az-a once az-b's 5 minutes are over
    expect(at(300)).toEqual({ t: 300, a: 2, b: 6 });
    expect(at(590)).toEqual({ t: 590, a: 2, b: 6 });
    expect(at(600)).toEqual({ t: 600, a: 6, b: 6 });
    expect(world!.clusters.map((c) => [c.spec.clusterAutoscaler.expanders, c.spec.nodeGroups[0].max])).toEqual([
      [['price'], 9],
      [['price'], 9],
    ]);
    expect(r.summary.changes!.map((c) => [c.kind, c.cluster, c.start, c.end, c.finished])).toEqual([
      ['override', 'az-b', 300, 600, true],
      ['override', 'az-a', 600, 900, true],
    ]);
  });

  it('one cluster changed leaves the other as it was', async () => {
    const s = scenarioFromYaml(yaml('{nodeGroups.0.max: 9}').replace('clusters: [az-b, az-a]', 'clusters: [az-b]'));
    let world: World | undefined;
    await runScenario(s, { inspect: (w) => (world = w) });
    expect(world!.clusters.map((c) => c.spec.nodeGroups[0].max)).toEqual([50, 9]);
  });

  it.each([
    ['a key a running cluster cannot change', '{workloads.0.requests.cpu: 1}', 'changes.0.override.workloads.0.requests.cpu: workloads.0.requests.cpu is not a setting a running cluster can change'],
    ['an HPA the workload does not have', '{workloads.0.hpa.max: 9}', 'changes.0.override.workloads.0.hpa.max: workloads.0 has no hpa to change'],
    ['an unknown key', '{clusterAutoscaler.expandr: price}', 'changes.0.override.clusterAutoscaler.expandr: clusterAutoscaler.expandr is not a key of the scenario format'],
    ['a bad value, named with the cluster', '{clusterAutoscaler.expander: cheapest}', 'changes.0.override: in cluster az-b: clusterAutoscaler.expander:'],
  ])('%s', (_what, override, message) => {
    const got = problems(yaml(override));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(new RegExp(`^${FILE}:\\d+:\\d+: `));
    expect(got[0]).toContain(message);
  });
});

describe('override of an HPA, one cluster at a time', () => {
  const withHpa = (override: string) =>
    smallFleet({
      clusters: '[az-a, az-b]',
      placeholders: 2,
      nodes: 4,
      rate: 400,
      hpa: 'hpa: {min: 2, max: 20, targetCPUUtilization: 50}',
      bursts: '[{at: 10m, peak: 4000, rise: 30s, hold: 10m, fall: 1m}]',
      extra: `changes:\n  - at: 5m\n    clusters: [az-b]\n    override: ${override}\n`,
    });

  it("the cluster's HPA takes the new bounds from its next sync; the other cluster's keeps the workload's", async () => {
    const s = scenarioFromYaml(withHpa('{workloads.0.hpa.max: 6}'));
    expect(s.changes![0].action).toMatchObject({ kind: 'override', hpas: { 'az-b': [{ maxReplicas: 6 }] } });
    let most = { a: 0, b: 0 };
    await runScenario(s, {
      inspect: (w, k) => {
        checkWorld(w);
        if (k * 10 < 300) return;
        most = { a: Math.max(most.a, w.clusters[0].workloads[0].desired), b: Math.max(most.b, w.clusters[1].workloads[0].desired) };
      },
    });
    // the burst asks for far more than 6 pods in each cluster: az-b is held to 6, az-a is not
    expect(most.b).toBe(6);
    expect(most.a).toBeGreaterThan(6);
  });

  it('an override without HPA paths gains no key', () => {
    const s = scenarioFromYaml(withHpa('{nodeGroups.0.max: 9}'));
    expect('hpas' in (s.changes![0].action as object)).toBe(false);
  });
});
