/** karpenter.sh/v1 NodePools read through include: into the scenario's nodePools, placed at their fields. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importManifests } from '../../src/import/manifests.ts';
import { loadScenarioResult } from '../../src/scenario/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'headroom-nodepool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NODEPOOL = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: general
spec:
  weight: 10
  template:
    metadata:
      labels: {team: web}
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - {key: node.kubernetes.io/instance-type, operator: In, values: [m5.large, m5.xlarge]}
        - {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}
        - {key: kubernetes.io/arch, operator: In, values: [amd64]}
      expireAfter: 336h
  limits:
    cpu: "200"
  disruption:
    consolidationPolicy: WhenEmptyOrUnderutilized
    consolidateAfter: CONSOLIDATE_AFTER
    budgets:
      - nodes: "20%"
      - nodes: "0"
        schedule: "0 9 * * mon-fri"
        duration: 8h
`;

const SCENARIO = `name: inc
duration: 30m
nodeGroups:
  - {name: general, instanceType: m5.xlarge, region: us-east-1, min: 1, max: 10, initial: 2, provisioningDelay: 60s}
karpenter: {region: us-east-1}
include: [nodepool.yaml]
workloads:
  - {name: web, requests: {cpu: 500m, memory: 512Mi}, serviceTime: 20ms, concurrency: 2, replicas: 4, traffic: {generator: {base: 50}}}
`;

function load(consolidateAfter: string) {
  writeFileSync(join(dir, 'nodepool.yaml'), NODEPOOL.replace('CONSOLIDATE_AFTER', consolidateAfter));
  writeFileSync(join(dir, 's.yaml'), SCENARIO);
  return loadScenarioResult(join(dir, 's.yaml'));
}

describe('NodePool manifests', () => {
  it('become the scenario nodePools, and the cluster runs Karpenter', () => {
    const { scenario, warnings } = load('1m');
    const k = scenario.clusters[0].karpenter!;
    expect(k).toBeDefined();
    const pool = k.nodePools[0];
    expect(pool).toMatchObject({ name: 'general', weight: 10, limits: { cpuMilli: 200_000, memoryBytes: Infinity } });
    expect(pool.disruption).toEqual({ consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfterSec: 60, budgets: [{ kind: 'percent', value: 20 }], expireAfterSec: 336 * 3600 });
    // m5.large and m5.xlarge, each spot and on-demand
    expect(pool.offerings.map((o) => scenario.clusters[0].nodeGroups[o].name)).toEqual([
      'general-m5.large-on-demand',
      'general-m5.large-spot',
      'general-m5.xlarge-on-demand',
      'general-m5.xlarge-spot',
    ]);
    expect(scenario.clusters[0].nodeGroups[pool.offerings[0]].labels).toMatchObject({ team: 'web', 'karpenter.sh/nodepool': 'general' });
    const messages = warnings.map((w) => w.message).join('\n');
    expect(messages).toContain('requirement kubernetes.io/arch In is not simulated');
    expect(messages).toContain('a scheduled budget is not simulated');
  });

  it('a bad field is named in the manifest, at its line', () => {
    expect(() => load('banana')).toThrow(/nodepool\.yaml:\d+:\d+: .*spec\.disruption\.consolidateAfter: duration "banana" is not a duration/);
  });

  it('headroom import writes a scenario that loads and runs Karpenter with them', () => {
    writeFileSync(join(dir, 'nodepool.yaml'), NODEPOOL.replace('CONSOLIDATE_AFTER', '1m'));
    const r = importManifests({ paths: [join(dir, 'nodepool.yaml')], outFile: join(dir, 'imported.yaml') });
    expect(r.problems).toEqual([]);
    expect(r.text).toContain('karpenter: {region: us-east-1');
    expect(r.scenario!.clusters[0].karpenter!.nodePools.map((p) => p.name)).toEqual(['general']);
  });
});
