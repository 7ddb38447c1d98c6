/** `layout: one-cluster`: a fleet written as a cluster per zone, run as one cluster over those zones. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { parseVary } from '../../src/sweep/vary.ts';
import { scenarioFromYaml, smallFleet } from '../helpers/scenario.ts';

describe('layout', () => {
  it('one-cluster: one cluster over the zones, the per-cluster counts times the zones, outages of a cluster become of its zone', () => {
    const s = scenarioFromYaml(smallFleet({ clusters: '[az-a, az-b, az-c]', hpa: 'hpa: {min: 2, max: 10}', replicas: 4, placeholders: 5 }), [
      'layout=one-cluster',
      'routing.outages=[{at: 5m, cluster: az-b, for: 10m}]',
    ]);
    expect(s.clusters.map((c) => [c.name, c.zones])).toEqual([['fleet', ['az-a', 'az-b', 'az-c']]]);
    expect(s.clusters[0].nodeGroups.map((g) => [g.name, g.zone, g.initial])).toEqual([['general-az-a', 'az-a', 3], ['general-az-b', 'az-b', 3], ['general-az-c', 'az-c', 3]]);
    expect(s.workloads[0].hpa).toMatchObject({ minReplicas: 6, maxReplicas: 30 });
    expect(s.clusters[0].replicas.web).toBe(12);
    expect(s.clusters[0].overprovisioner[0]).toMatchObject({ sizing: { kind: 'fixed', replicasPerCluster: 15 } });
    expect(s.routing.outages.map((o) => [o.cluster, o.zone])).toEqual([['fleet', 'az-b']]);
  });

  it('cluster-per-zone: as written', () => {
    const yaml = smallFleet({ clusters: '[az-a, az-b]' });
    expect(scenarioFromYaml(yaml, ['layout=cluster-per-zone']).clusters).toEqual(scenarioFromYaml(yaml).clusters);
  });

  it.each([
    ['clusters with zones', '[{name: one, zones: [a, b]}]', [], /layout: layout: one-cluster needs the fleet written as a cluster per zone: every cluster given by its name alone/],
    ['uneven weights', '[az-a, az-b]', ['routing.weights={az-a: 2, az-b: 1}'], /equal routing weights/],
    ['planned shifts', '[az-a, az-b]', ['routing.shifts=[{at: 1m, drain: az-a}]'], /no routing\.shifts/],
  ])('refuses a fleet not written as a cluster per zone: %s', (_what, clusters, sets, want) => {
    expect(() => scenarioFromYaml(smallFleet({ clusters }), ['layout=one-cluster', ...sets])).toThrow(want);
  });

  it('layout-four-clusters.yaml as one cluster is layout-one-cluster.yaml without its spread, to the byte', async () => {
    const run = async (file: string, sets: string[]) => {
      const { summary } = await runScenario(loadScenario(file, { sets }), { summaryOnly: true });
      return { ...summary, scenario: '', overrides: [] };
    };
    const four = await run('scenarios/layout-four-clusters.yaml', ['layout=one-cluster']);
    const one = await run('scenarios/layout-one-cluster.yaml', ['workloads.0.topologySpreadConstraints=[]']);
    expect(JSON.stringify(four)).toBe(JSON.stringify(one));
  }, 120_000);

  it('is a sweep axis', () => {
    expect(parseVary('layout=cluster-per-zone,one-cluster').values.map((v) => v.text)).toEqual(['cluster-per-zone', 'one-cluster']);
  });
});
