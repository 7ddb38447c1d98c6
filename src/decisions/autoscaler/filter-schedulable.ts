/**
 * Before it estimates, the autoscaler drops pending pods that would fit on capacity the cluster
 * already has or is already getting (its FilterOutSchedulable pod-list processor, with upcoming
 * nodes injected as template copies), so that it does not ask again for nodes that are on their
 * way. Pods are tried in decreasing priority (stable), each first fit onto the given nodes in
 * order, each placement taking room from the next. A node must pass the placement filters too
 * (taints, node selectors, required node affinity; decisions/scheduler/filters.ts).
 */
import { addPod, cloneNodeInfo } from '../scheduler/nodeinfo.ts';
import { passesPlacement, spreadStateFor } from '../scheduler/filters.ts';
import { fitsRequests, SUCCESS } from '../scheduler/plugins/noderesources/fit.ts';
import { filter as spreadFilter, updateWithPod, type SpreadState } from '../scheduler/plugins/podtopologyspread/filtering.ts';
import type { NodeInfo, Placement, PodInfo } from '../scheduler/types.ts';

/**
 * PodTopologySpread's PreFilter state of each spreading pod shape (by its shared placement
 * object), over the nodes given, kept up to date as pods are placed on them.
 */
export type SpreadStates = Map<Placement, { pod: PodInfo; state: SpreadState }>;

export interface SchedulableSplit {
  /** pods that fit somewhere: no scale-up for them */
  schedulable: PodInfo[];
  /** pods to pass to computeScaleUp, in input order */
  unschedulable: PodInfo[];
  /** the spreading pods' states once the schedulable pods are placed: the estimator goes on from them */
  spread: SpreadStates;
}

/**
 * `nodes` are not modified (copies take the simulated pods).
 *
 * Nodes only lose room here, and whether a pod fits depends on its cpu and memory requests and
 * its placement rules alone (the rules' answer for a node never changes), so a pod with the same
 * requests and the same rules (one shared object, as a Deployment's pods share) as one placed
 * before cannot fit on a node that one skipped: its
 * first fit is searched from where the last such pod went (or not at all when that one found no
 * node). The answer is the plain first fit's; the cost is one pass over the nodes per pod shape
 * instead of one per pod, which is what a burst of thousands of identical pending pods needs.
 *
 * A pod with DoNotSchedule topology spread constraints also asks PodTopologySpread (the
 * autoscaler runs the scheduler's filters on its snapshot). A node its skew refuses may take it
 * later, once other domains fill, so its search starts at the first node each time; its state
 * follows every pod placed here.
 */
const NO_PLACEMENT = {};

export function filterOutSchedulable(pods: readonly PodInfo[], nodes: readonly NodeInfo[]): SchedulableSplit {
  const spread: SpreadStates = new Map();
  for (const pod of pods) {
    if (pod.placement === undefined || spread.has(pod.placement)) continue;
    const state = spreadStateFor(pod, nodes);
    if (state !== null) spread.set(pod.placement, { pod, state });
  }
  if (nodes.length === 0) return { schedulable: [], unschedulable: pods.slice(), spread };
  const work: (NodeInfo | undefined)[] = new Array(nodes.length);
  const order = pods.map((_, i) => i).sort((a, b) => pods[b].priority - pods[a].priority || a - b);
  const fits = new Uint8Array(pods.length);
  // cpuMilli -> memoryBytes -> placement rules (by reference) -> first node to try
  const resumeAt = new Map<number, Map<number, Map<object, number>>>();
  for (const i of order) {
    const pod = pods[i];
    let byMemory = resumeAt.get(pod.cpuMilli);
    if (byMemory === undefined) resumeAt.set(pod.cpuMilli, (byMemory = new Map()));
    let byPlacement = byMemory.get(pod.memoryBytes);
    if (byPlacement === undefined) byMemory.set(pod.memoryBytes, (byPlacement = new Map()));
    const placementKey = pod.placement ?? NO_PLACEMENT;
    const own = pod.placement === undefined ? undefined : spread.get(pod.placement)?.state;
    let n = own === undefined ? (byPlacement.get(placementKey) ?? 0) : 0;
    for (; n < nodes.length; n++) {
      const node = work[n] ?? nodes[n];
      if (!fitsRequests(pod, node) || !passesPlacement(pod, node)) continue;
      if (own !== undefined && spreadFilter(pod, node, own, SUCCESS) !== SUCCESS) continue;
      const writable = work[n] ?? (work[n] = cloneNodeInfo(nodes[n]));
      addPod(writable, pod);
      if (spread.size > 0) for (const s of spread.values()) updateWithPod(s.state, s.pod, pod, writable, 1);
      fits[i] = 1;
      break;
    }
    if (own === undefined) byPlacement.set(placementKey, n);
  }
  const schedulable: PodInfo[] = [];
  const unschedulable: PodInfo[] = [];
  pods.forEach((p, i) => (fits[i] ? schedulable : unschedulable).push(p));
  return { schedulable, unschedulable, spread };
}
