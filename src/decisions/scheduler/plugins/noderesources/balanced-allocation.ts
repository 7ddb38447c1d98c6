/**
 * NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go): favours the node whose
 * resources would be used in equal shares after the pod. Each configured resource's fraction is
 * requested / allocatable, capped at 1; the score is (1 − standard deviation of the fractions) × 100,
 * truncated. It counts the pods' requests as given (useRequested: no 100m / 200Mi charge for a
 * missing request, unlike NodeResourcesFit's score), leaves out a resource the node has none of,
 * and skips a pod that requests nothing (PreScore answers Skip: every node scores 0), so best-effort
 * pods are not all sent to one node (kubernetes/kubernetes#129138). Resource weights play no part.
 */
import { MAX_NODE_SCORE, type ResourceSpec } from '../../framework.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';

export const NAME = 'NodeResourcesBalancedAllocation';

/** isBestEffortPod over the resources scored: the plugin skips such a pod. */
export function skipsPod(pod: PodInfo, resources: readonly ResourceSpec[]): boolean {
  for (const r of resources) if ((r.name === 'cpu' ? pod.cpuMilli : pod.memoryBytes) !== 0) return false;
  return true;
}

/** balancedResourceScorer on one node, 0..100. Allocation-free. */
export function balancedAllocationScore(pod: PodInfo, node: NodeInfo, resources: readonly ResourceSpec[]): number {
  if (skipsPod(pod, resources)) return 0;
  let n = 0;
  let first = 0;
  let second = 0;
  for (const r of resources) {
    const allocatable = r.name === 'cpu' ? node.allocCpuMilli : node.allocMemoryBytes;
    if (allocatable === 0) continue;
    const requested = r.name === 'cpu' ? node.reqCpuMilli + pod.cpuMilli : node.reqMemoryBytes + pod.memoryBytes;
    const fraction = Math.min(1, requested / allocatable);
    if (n === 0) first = fraction;
    else if (n === 1) second = fraction;
    n++;
  }
  // headroom weighs cpu and memory only: with two fractions the standard deviation is
  // |f1 − f2| / 2 (upstream's own short form), with one it is 0.
  const std = n === 2 ? Math.abs((first - second) / 2) : 0;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
