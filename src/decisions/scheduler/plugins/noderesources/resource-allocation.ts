/**
 * NodeResourcesFit's score: a weighted mean over the configured resources of a per-resource
 * score, computed from the node's non-zero requests plus the pod's (kube-scheduler charges pods
 * that name no request at 100m / 200Mi when scoring, so best-effort pods still spread).
 */
import type { ResourceSpec, ScoringStrategy } from '../../framework.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';
import { leastRequestedScore } from './least-allocated.ts';
import { mostRequestedScore } from './most-allocated.ts';

/**
 * The node's score for the pod, 0..100. A resource the node has none of is left out of the mean,
 * and a node with nothing to weigh (or an empty resource list) scores 0. Allocation-free.
 */
export function score(
  pod: PodInfo,
  node: NodeInfo,
  strategy: ScoringStrategy,
  resources: readonly ResourceSpec[],
): number {
  const most = strategy === 'MostAllocated';
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
    const s = most ? mostRequestedScore(requested, allocatable) : leastRequestedScore(requested, allocatable);
    nodeScore += s * r.weight;
    weightSum += r.weight;
  }
  if (weightSum === 0) return 0;
  return Math.floor(nodeScore / weightSum);
}
