/**
 * What the stateful filters compute once per pod and scheduling cycle over the whole cluster
 * (their PreFilter), and keep up to date as pods are added to or removed from a node in a
 * simulation of the cluster (their AddPod / RemovePod: preemption's dry run, the autoscaler's
 * snapshot): PodTopologySpread's domain counts and InterPodAffinity's topology pairs. A pod that
 * neither spreads nor meets pod (anti-)affinity has no state (null), and the filters skip.
 */
import type { Status } from './framework.ts';
import type { NodeInfo, PodInfo } from './types.ts';
import { hasConstraints, NEVER_TERMINATING, type IsTerminating, type SpreadNode } from './plugins/podtopologyspread/common.ts';
import {
  cloneSpreadState,
  filter as spreadFilter,
  preFilter as spreadPreFilter,
  updateWithPod as updateSpread,
  type SpreadState,
} from './plugins/podtopologyspread/filtering.ts';
import {
  cloneAffinityState,
  filter as affinityFilter,
  preFilter as affinityPreFilter,
  updateWithPod as updateAffinity,
  type AffinityState,
} from './plugins/interpodaffinity/filtering.ts';

export interface CycleState {
  spread: SpreadState | null;
  affinity: AffinityState | null;
}

/** The pod's state over the cluster's nodes, or null when no stateful filter has anything to check. */
export function cycleStateFor(pod: PodInfo, nodes: readonly SpreadNode[], isTerminating: IsTerminating = NEVER_TERMINATING): CycleState | null {
  const spread = hasConstraints(pod, 'DoNotSchedule') ? spreadPreFilter(pod, nodes, isTerminating) : null;
  const affinity = affinityPreFilter(pod, nodes);
  return spread === null && affinity === null ? null : { spread, affinity };
}

/** PodTopologySpread, then InterPodAffinity, as the default profile orders them. */
export function statefulFilter(pod: PodInfo, node: Pick<NodeInfo, 'labels'>, state: CycleState, success: Status): Status {
  if (state.spread !== null) {
    const s = spreadFilter(pod, node, state.spread, success);
    if (s !== success) return s;
  }
  return state.affinity === null ? success : affinityFilter(pod, node, state.affinity, success);
}

/** AddPod (delta 1) / RemovePod (−1) of `changed` on `node`, in every stateful filter's counts. */
export function updateCycleState(state: CycleState, pod: PodInfo, changed: PodInfo, node: Pick<SpreadNode, 'name' | 'labels' | 'taints'>, delta: number): void {
  if (state.spread !== null) updateSpread(state.spread, pod, changed, node, delta);
  if (state.affinity !== null) updateAffinity(state.affinity, pod, changed, node, delta);
}

export function cloneCycleState(state: CycleState): CycleState {
  return {
    spread: state.spread === null ? null : cloneSpreadState(state.spread),
    affinity: state.affinity === null ? null : cloneAffinityState(state.affinity),
  };
}
