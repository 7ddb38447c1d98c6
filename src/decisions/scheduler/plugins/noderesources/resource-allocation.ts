/**
 * NodeResourcesFit's score: a weighted mean over the configured resources of a per-resource
 * score, computed from the node's non-zero requests plus the pod's (kube-scheduler charges pods
 * that name no request at 100m / 200Mi when scoring, so best-effort pods still spread).
 *
 * LeastAllocated and MostAllocated take the mean of every resource, truncated;
 * RequestedToCapacityRatio leaves out a resource that scores 0 and rounds the mean
 * (requested_to_capacity_ratio.go, buildRequestedToCapacityRatioScorerFunction).
 */
import type { ResourceSpec, ScoringStrategy, UtilizationShapePoint } from '../../framework.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';
import { leastRequestedScore } from './least-allocated.ts';
import { mostRequestedScore } from './most-allocated.ts';
import { requestedToCapacityRatioScore } from './requested-to-capacity-ratio.ts';

/**
 * The node's score for the pod, 0..100. A resource the node has none of is left out of the mean,
 * and a node with nothing to weigh (or an empty resource list) scores 0. `scaledShape` is
 * RequestedToCapacityRatio's shape with scores already on 0..100 (scaledShape()), read only by
 * that strategy. Allocation-free.
 */
export function score(
  pod: PodInfo,
  node: NodeInfo,
  strategy: ScoringStrategy,
  resources: readonly ResourceSpec[],
  scaledShape?: readonly UtilizationShapePoint[],
): number {
  const most = strategy === 'MostAllocated';
  const ratio = strategy === 'RequestedToCapacityRatio';
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    let allocatable: number;
    let requested: number;
    if (r.name === 'cpu') {
      allocatable = node.allocCpuMilli;
      requested = node.nonZeroReqCpuMilli + pod.nonZeroCpuMilli;
    } else {
      allocatable = node.allocMemoryBytes;
      requested = node.nonZeroReqMemoryBytes + pod.nonZeroMemoryBytes;
    }
    if (allocatable === 0) continue;
    if (ratio) {
      const s = requestedToCapacityRatioScore(requested, allocatable, scaledShape!);
      if (s <= 0) continue;
      nodeScore += s * r.weight;
      weightSum += r.weight;
      continue;
    }
    const s = most ? mostRequestedScore(requested, allocatable) : leastRequestedScore(requested, allocatable);
    nodeScore += s * r.weight;
    weightSum += r.weight;
  }
  if (weightSum === 0) return 0;
  // Go's math.Round rounds halves away from zero; the scores are never negative here
  return ratio ? Math.round(nodeScore / weightSum) : Math.floor(nodeScore / weightSum);
}
