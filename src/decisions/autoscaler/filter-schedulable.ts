/**
 * Before it estimates, the autoscaler drops pending pods that would fit on capacity the cluster
 * already has or is already getting (its FilterOutSchedulable pod-list processor, with upcoming
 * nodes injected as template copies), so that it does not ask again for nodes that are on their
 * way. Pods are tried in decreasing priority (stable), each first fit onto the given nodes in
 * order, each placement taking room from the next. A node must pass the placement filters too
 * (taints, node selectors, required node affinity; decisions/scheduler/filters.ts).
 */
import { addPod, cloneNodeInfo } from '../scheduler/nodeinfo.ts';
import { passesPlacement } from '../scheduler/filters.ts';
import { fitsRequests } from '../scheduler/plugins/noderesources/fit.ts';
import type { NodeInfo, PodInfo } from '../scheduler/types.ts';

export interface SchedulableSplit {
  /** pods that fit somewhere: no scale-up for them */
  schedulable: PodInfo[];
  /** pods to pass to computeScaleUp, in input order */
  unschedulable: PodInfo[];
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
 */
const NO_PLACEMENT = {};

export function filterOutSchedulable(pods: readonly PodInfo[], nodes: readonly NodeInfo[]): SchedulableSplit {
  if (nodes.length === 0) return { schedulable: [], unschedulable: pods.slice() };
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
    let n = byPlacement.get(placementKey) ?? 0;
    for (; n < nodes.length; n++) {
      const node = work[n] ?? nodes[n];
      if (!fitsRequests(pod, node) || !passesPlacement(pod, node)) continue;
      const writable = work[n] ?? (work[n] = cloneNodeInfo(nodes[n]));
      addPod(writable, pod);
      fits[i] = 1;
      break;
    }
    byPlacement.set(placementKey, n);
  }
  const schedulable: PodInfo[] = [];
  const unschedulable: PodInfo[] = [];
  pods.forEach((p, i) => (fits[i] ? schedulable : unschedulable).push(p));
  return { schedulable, unschedulable };
}
