/**
 * Where the scheduler puts a pod: the feasible node (the filter's Status is Success) with the
 * highest NodeResourcesFit score.
 *
 * kube-scheduler breaks score ties at random; headroom takes the lowest index so a run is a pure
 * function of its inputs (the simulation keeps nodes in creation order).
 */
import type { ResourceSpec, ScoringStrategy } from './framework.ts';
import { filter, SUCCESS } from './plugins/noderesources/fit.ts';
import { score } from './plugins/noderesources/resource-allocation.ts';
import type { NodeInfo, PodInfo } from './types.ts';

/** Index of the chosen node, or -1 when the pod fits nowhere. Allocation-free. */
export function selectHost(
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  strategy: ScoringStrategy,
  resources: readonly ResourceSpec[],
): number {
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (filter(pod, node) !== SUCCESS) continue;
    const s = score(pod, node, strategy, resources);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  return best;
}
