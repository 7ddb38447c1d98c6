/**
 * Where the scheduler puts a pod: the feasible node (every filter answers Success, filters.ts)
 * with the highest weighted score (scores.ts).
 *
 * kube-scheduler breaks score ties at random; headroom takes the lowest index so a run is a pure
 * function of its inputs (the simulation keeps nodes in creation order).
 */
import type { ResourceSpec, ScoringStrategy } from './framework.ts';
import { runFilters } from './filters.ts';
import { SUCCESS } from './plugins/noderesources/fit.ts';
import { score } from './plugins/noderesources/resource-allocation.ts';
import { placementScoresMatter, scoreNodes } from './scores.ts';
import type { NodeInfo, PodInfo } from './types.ts';

/** Index of the chosen node, or -1 when the pod fits nowhere. Allocation-free unless placement scores matter. */
export function selectHost(
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  strategy: ScoringStrategy,
  resources: readonly ResourceSpec[],
): number {
  if (placementScoresMatter(pod, nodes)) return selectByAllScores(pod, nodes, strategy, resources);
  // TaintToleration and NodeAffinity score every node alike here: NodeResourcesFit decides.
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (runFilters(pod, node) !== SUCCESS) continue;
    const s = score(pod, node, strategy, resources);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  return best;
}

function selectByAllScores(pod: PodInfo, nodes: readonly NodeInfo[], strategy: ScoringStrategy, resources: readonly ResourceSpec[]): number {
  const feasible: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (runFilters(pod, nodes[i]) === SUCCESS) feasible.push(i);
  if (feasible.length === 0) return -1;
  const { total } = scoreNodes(pod, feasible.map((i) => nodes[i]), strategy, resources);
  let best = 0;
  for (let k = 1; k < total.length; k++) if (total[k] > total[best]) best = k;
  return feasible[best];
}
