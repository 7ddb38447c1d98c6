/**
 * Where the scheduler puts a pod: the feasible node (every filter answers Success, filters.ts)
 * with the highest weighted score (scores.ts) under the cluster's profile (profile.ts).
 *
 * kube-scheduler breaks score ties at random; headroom takes the lowest index so a run is a pure
 * function of its inputs (the simulation keeps nodes in creation order).
 */
import { runFilters, cycleStateFor } from './filters.ts';
import { SUCCESS } from './plugins/noderesources/fit.ts';
import { NEVER_TERMINATING, type IsTerminating } from './plugins/podtopologyspread/common.ts';
import type { SchedulerSpec } from './profile.ts';
import { nodeResourceScore, placementScoresMatter, scoreNodes } from './scores.ts';
import type { NodeInfo, PodInfo } from './types.ts';

/**
 * Index of the chosen node among `nodes` (the cluster's schedulable nodes), or -1 when the pod fits
 * nowhere. Allocation-free unless placement scores matter or the pod spreads.
 * `isTerminating` tells which bound pods are on their way out (topology spread does not count them).
 */
export function selectHost(pod: PodInfo, nodes: readonly NodeInfo[], spec: SchedulerSpec, isTerminating: IsTerminating = NEVER_TERMINATING): number {
  if (placementScoresMatter(pod, nodes)) return selectByAllScores(pod, nodes, spec, isTerminating);
  const spread = cycleStateFor(pod, nodes, isTerminating);
  // TaintToleration and NodeAffinity score every node alike here: the resource scores decide.
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (runFilters(pod, node, spread) !== SUCCESS) continue;
    const s = nodeResourceScore(pod, node, spec);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  return best;
}

function selectByAllScores(pod: PodInfo, nodes: readonly NodeInfo[], spec: SchedulerSpec, isTerminating: IsTerminating): number {
  const spread = cycleStateFor(pod, nodes, isTerminating);
  const feasible: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (runFilters(pod, nodes[i], spread) === SUCCESS) feasible.push(i);
  if (feasible.length === 0) return -1;
  const { total } = scoreNodes(
    pod,
    feasible.map((i) => nodes[i]),
    spec,
    nodes,
    isTerminating,
  );
  let best = 0;
  for (let k = 1; k < total.length; k++) if (total[k] > total[best]) best = k;
  return feasible[best];
}
