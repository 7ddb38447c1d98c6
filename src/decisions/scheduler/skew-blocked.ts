/**
 * Is a pod that found no node held back by topology spread alone? Read from the same filter
 * Statuses its FailedScheduling diagnosis is made of (kube-scheduler's Diagnosis.NodeToStatus,
 * pkg/scheduler/schedule_one.go findNodesThatFitPod): the pod is skew-blocked when at least one
 * Ready node passes NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit and
 * InterPodAffinity, and PodTopologySpread refuses it there with `Unschedulable` ("node(s) didn't
 * match pod topology spread constraints": a DoNotSchedule constraint's skew would exceed maxSkew).
 * A node without the constraint's topology label (UnschedulableAndUnresolvable) does not count:
 * no amount of spreading puts the pod there. Without room anywhere but in a domain the spread
 * forbids, the pod waits for the other domains to grow: that wait is what the skew costs.
 */
import { placementFilter } from './filters.ts';
import { filter as fitFilter, SUCCESS } from './plugins/noderesources/fit.ts';
import { filter as spreadFilter } from './plugins/podtopologyspread/filtering.ts';
import { filter as affinityFilter } from './plugins/interpodaffinity/filtering.ts';
import type { CycleState } from './cycle-state.ts';
import type { NodeInfo, PodInfo } from './types.ts';

/** `state` is the pod's cycleStateFor over `nodes`; a pod without DoNotSchedule constraints is never skew-blocked. */
export function skewBlocked(pod: PodInfo, nodes: readonly NodeInfo[], state: CycleState | null): boolean {
  if (state === null || state.spread === null) return false;
  for (const node of nodes) {
    if (placementFilter(pod, node) !== SUCCESS || fitFilter(pod, node) !== SUCCESS) continue;
    if (spreadFilter(pod, node, state.spread, SUCCESS).code !== 'Unschedulable') continue;
    if (state.affinity === null || affinityFilter(pod, node, state.affinity, SUCCESS) === SUCCESS) return true;
  }
  return false;
}
