/**
 * cluster-proportional-autoscaler's linear controller, held to its own tests
 * (pkg/autoscaler/controller/linearcontroller/linear_controller_test.go) and to the README's
 * worked example; then the two cases where headroom's validation and simulation used to disagree.
 */
import { describe, it, expect } from 'vitest';
import { clusterCores, linearReplicas, type LinearParams } from '../../../src/decisions/overprovisioner/proportional.ts';

const cores = (n: number) => n * 1000;

describe('TestScaleFromSingleParam: coresPerReplica 2, min 2, max 100', () => {
  // The node term is left out (nodesPerReplica 0 counts as 1 replica), so only the cores term shows.
  const p: LinearParams = { coresPerReplica: 2, nodesPerReplica: 0, min: 2, max: 100, preventSinglePointFailure: false };
  it.each([
    [0, 2], // ceil(0/2) = 0, raised to min 2
    [1, 2],
    [2, 2],
    [3, 2], // ceil(3/2) = 2
    [4, 2],
    [6, 3],
    [10, 5],
    [11, 6], // ceil(5.5)
    [19, 10],
    [20, 10],
    [21, 11],
    [30, 15],
    [40, 20],
  ])('%d cores -> %d replicas', (c, want) => {
    expect(linearReplicas(0, cores(c), p)).toBe(want);
  });
});

describe('TestScaleFromMultipleParams: coresPerReplica 2, nodesPerReplica 2.5, min 1, max 100, preventSinglePointFailure', () => {
  const p: LinearParams = { coresPerReplica: 2, nodesPerReplica: 2.5, min: 1, max: 100, preventSinglePointFailure: true };
  it.each([
    // cores, nodes, want
    [0, 0, 1], // both terms 0, raised to min 1; no second node, no guard
    [1, 2, 2], // cores ceil(0.5) = 1, nodes ceil(0.8) = 1, two nodes: the guard makes it 2
    [2, 3, 2],
    [3, 4, 2], // cores ceil(1.5) = 2, nodes ceil(1.6) = 2
    [4, 4, 2],
    [6, 4, 3], // cores 3
    [6, 5, 3],
    [8, 5, 4], // cores 4, nodes 2
    [8, 15, 6], // nodes ceil(6) = 6
    [8, 16, 7], // nodes ceil(6.4) = 7
    [19, 21, 10], // cores ceil(9.5) = 10, nodes ceil(8.4) = 9
    [23, 20, 12], // cores ceil(11.5) = 12, nodes 8
    [26, 38, 16], // cores 13, nodes ceil(15.2) = 16
    [30, 49, 20], // cores 15, nodes ceil(19.6) = 20
    [40, 20, 20], // cores 20, nodes 8
  ])('%d cores, %d nodes -> %d replicas', (c, nodes, want) => {
    expect(linearReplicas(nodes, cores(c), p)).toBe(want);
  });
});

describe('the README example: coresPerReplica 2, nodesPerReplica 1, min 1, max 100', () => {
  it('4 nodes and 13 cores need max(4/1, ceil(13/2)) = 7 replicas', () => {
    const p: LinearParams = { coresPerReplica: 2, nodesPerReplica: 1, min: 1, max: 100, preventSinglePointFailure: true };
    expect(linearReplicas(4, cores(13), p)).toBe(7);
  });
});

describe('where validation and the simulation used to disagree', () => {
  it('the single-point-of-failure guard comes after the clamp: min 1, max 1, 3 nodes -> 2', () => {
    const p: LinearParams = { coresPerReplica: 16, nodesPerReplica: 4, min: 1, max: 1, preventSinglePointFailure: true };
    // nodes term ceil(3/4) = 1 (clamped to [1, 1]), then raised to 2 by the guard; cores term 1
    expect(linearReplicas(3, cores(24), p)).toBe(2);
  });

  it('cores are summed and rounded up to a whole core: 16.9 cores at 16 per replica -> 2', () => {
    const p: LinearParams = { coresPerReplica: 16, nodesPerReplica: 0, min: 1, max: 0, preventSinglePointFailure: false };
    expect(clusterCores(16_900)).toBe(17); // Quantity.Value() rounds up
    expect(linearReplicas(2, 16_900, p)).toBe(2); // ceil(17/16)
    expect(linearReplicas(2, 16_000, p)).toBe(1);
  });

  it('max 0 is no maximum', () => {
    const p: LinearParams = { coresPerReplica: 1, nodesPerReplica: 0, min: 1, max: 0, preventSinglePointFailure: false };
    expect(linearReplicas(1, cores(5000), p)).toBe(5000);
  });
});
