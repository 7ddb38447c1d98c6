import { describe, it, expect } from 'vitest';
import { linearReplicas } from '../../../src/decisions/overprovisioner/proportional.ts';

const base = { coresPerReplica: 16, nodesPerReplica: 4, min: 1, max: 100, preventSinglePointFailure: false };

describe('linearReplicas (cluster-proportional-autoscaler linear mode)', () => {
  it.each([
    // cores, nodes, params, want
    [48, 6, base, 3], // max(ceil(48/16)=3, ceil(6/4)=2) = 3
    [40, 20, base, 5], // max(ceil(40/16)=3, ceil(20/4)=5) = 5
    [0, 0, base, 1], // nothing yet: the floor of min=1
    [10_000, 625, base, 100], // ceil(10000/16)=625 clamped to max=100
    [8, 2, { ...base, min: 0, preventSinglePointFailure: true }, 2], // 1 replica, but two nodes: 2
    [8, 1, { ...base, min: 0, preventSinglePointFailure: true }, 1], // one node: no second replica
    [64, 3, { ...base, nodesPerReplica: 0 }, 4], // nodes term left out: 64/16 = 4
  ])('cores=%d nodes=%d -> %#', (cores, nodes, p, want) => {
    expect(linearReplicas(cores, nodes, p)).toBe(want);
  });
});
