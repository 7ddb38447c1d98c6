import { describe, expect, it } from 'vitest';
import { load, minimal, problemsOf } from './fixture.ts';

function fleet(overrides: Record<string, unknown>) {
  const raw = minimal();
  raw.nodeGroups[0].initial = 4;
  raw.overprovisioner = [
    { name: 'headroom', requests: { cpu: '500m', memory: '512Mi' }, replicasPerCluster: 4 },
    { name: 'spare', requests: { cpu: '250m', memory: '256Mi' }, replicasPerCluster: 2 },
  ];
  raw.clusterAutoscaler = { scanInterval: '20s', expander: 'least-waste' };
  raw.clusters = ['az-a', { name: 'az-b', overrides }];
  return raw;
}

describe('cluster overrides', () => {
  it('leave the other clusters alone', () => {
    const s = load(fleet({ scheduler: { scoring: 'MostAllocated' } }));
    expect(s.clusters[0].scheduler.scoring).toBe('LeastAllocated');
    expect(s.clusters[1].scheduler.scoring).toBe('MostAllocated');
  });

  it('merge cluster-autoscaler keys over the fleet-wide ones', () => {
    const [a, b] = load(fleet({ clusterAutoscaler: { expander: 'priority,least-waste' } })).clusters;
    expect(a.clusterAutoscaler).toMatchObject({ scanIntervalSec: 20, expanders: ['least-waste'] });
    expect(b.clusterAutoscaler).toMatchObject({ scanIntervalSec: 20, expanders: ['priority', 'least-waste'] });
  });

  it('merge over-provisioners by position', () => {
    const b = load(fleet({ overprovisioner: [{ replicasPerCluster: 8 }, { requests: { cpu: '1' } }] })).clusters[1];
    expect(b.overprovisioner.map((o) => [o.name, o.sizing, o.requests])).toEqual([
      ['headroom', { kind: 'fixed', replicasPerCluster: 8 }, { cpuMilli: 500, memoryBytes: 512 * 2 ** 20 }],
      ['spare', { kind: 'fixed', replicasPerCluster: 2 }, { cpuMilli: 1000, memoryBytes: 256 * 2 ** 20 }],
    ]);
  });

  it('switch an over-provisioner from fixed to proportional sizing', () => {
    const b = load(fleet({ overprovisioner: [{ proportional: { nodesPerReplica: 2 } }] })).clusters[1];
    expect(b.overprovisioner[0].sizing).toMatchObject({ kind: 'proportional', nodesPerReplica: 2 });
  });

  it('merge node groups by name, key by key inside allocatable', () => {
    const b = load(fleet({ nodeGroups: [{ name: 'general', initial: 6, allocatable: { cpu: '8' } }] })).clusters[1];
    expect(b.nodeGroups).toHaveLength(1);
    expect(b.nodeGroups[0]).toMatchObject({ initial: 6, allocatable: { cpuMilli: 8000, memoryBytes: 16 * 2 ** 30, pods: 110 }, max: 10 });
  });

  it('add a node group of a new name to that cluster only', () => {
    const large = { name: 'large', allocatable: { cpu: 16, memory: '64Gi' }, pricePerHour: 0.8, max: 5, provisioningDelay: '2m', expanderPriority: 10 };
    const [a, b] = load(fleet({ nodeGroups: [large] })).clusters;
    expect(a.nodeGroups.map((g) => g.name)).toEqual(['general']);
    expect(b.nodeGroups.map((g) => g.name)).toEqual(['general', 'large']);
    expect(b.nodeGroups[1]).toMatchObject({ min: 0, initial: 0, expanderPriority: 10, provisioningDelay: { kind: 'fixed', sec: 120 } });
  });

  it('set workload replicas by name', () => {
    const [a, b] = load(fleet({ workloads: [{ name: 'web', replicas: 3 }] })).clusters;
    expect(a.replicas).toEqual({ web: 1 });
    expect(b.replicas).toEqual({ web: 3 });
  });

  it.each([
    [
      'a new node group given in part',
      { nodeGroups: [{ name: 'large', max: 5 }] },
      /clusters\.1\.overrides\.nodeGroups\.0\.provisioningDelay: is required \(node group "large" is not in the fleet's nodeGroups, so this override defines a new one\)/,
    ],
    ['an over-provisioner index the fleet lacks', { overprovisioner: [{}, {}, { replicasPerCluster: 1 }] }, /clusters\.1\.overrides\.overprovisioner\.2: the fleet has 2 overprovisioner entries, so there is no index 2 to override/],
    ['an unknown workload', { workloads: [{ name: 'wbe', replicas: 1 }] }, /clusters\.1\.overrides\.workloads\.0\.name: unknown workload "wbe" \(did you mean "web"\?\)/],
    ['a merged value that breaks a cross-check, at the override', { nodeGroups: [{ name: 'general', initial: 20 }] }, /clusters\.1\.overrides\.nodeGroups\.0\.initial: initial \(20\) must be between min \(0\) and max \(10\)/],
    ['an unknown expander', { clusterAutoscaler: { expander: 'most-pod' } }, /clusters\.1\.overrides\.clusterAutoscaler\.expander: unknown expander "most-pod" \(did you mean "most-pods"\?\)/],
  ])('refuse %s', (_what, overrides, want) => {
    expect(problemsOf(fleet(overrides)).join('\n')).toMatch(want);
  });

  it('report a fleet-wide problem once, not once per cluster', () => {
    const raw = fleet({});
    raw.nodeGroups[0].initial = 11;
    expect(problemsOf(raw).filter((p) => p.includes('nodeGroups.0.initial'))).toHaveLength(1);
  });
});
