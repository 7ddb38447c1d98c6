/**
 * One scan's scale-up decision of the cluster-autoscaler, as a pure function of a plain snapshot
 * of the cluster: the simulation builds the snapshot from its world and `headroom decide
 * scale-up` from JSON, and both call planScaleUp, so decide explains what a run did.
 *
 * The steps, as the autoscaler's loop (core/static_autoscaler.go RunOnce, then the scale-up
 * orchestrator) takes them:
 *
 * 1. the pods it looks at: pending pods the scheduler marked unschedulable, less those waiting on
 *    a preemption they made (nominated to a node) and those below --expendable-pods-priority-cutoff;
 * 2. when every one of them is younger than the unschedulablePodTimeBuffer (2 s), more are
 *    probably on the way: it waits for the next loop (PodsWaiting), scaling neither up nor down;
 * 3. pods younger than --new-pod-scale-up-delay are left for a later loop;
 * 4. CapacityBuffers add their virtual pods (processors/capacitybuffer);
 * 5. pods that fit on capacity the cluster has or is getting are set aside
 *    (FilterOutSchedulable): Ready nodes with the room held for nominated preemptors taken, then
 *    the nodes asked for and not yet Ready as empty template copies;
 * 6. node groups backing off after a failed scale-up offer no option; if all are, NoFit;
 * 7. computeScaleUp (scaleup.ts): estimate per group, the expander picks; no option is NoFit.
 */
import { LABEL_HOSTNAME, UNSCHEDULABLE_POD_TIME_BUFFER_SEC } from '../defaults.ts';
import { addPod, cloneNodeInfo, newNodeInfo } from '../scheduler/nodeinfo.ts';
import type { NodeInfo, PodInfo } from '../scheduler/types.ts';
import { bufferPods, type CapacityBufferSpec } from './buffers.ts';
import { templateAdmits, type NodeTemplate } from './estimator/template.ts';
import type { ExpanderName } from './expander/types.ts';
import { groupPods } from './estimator/equivalence-groups.ts';
import { filterOutSchedulable } from './filter-schedulable.ts';
import { computeScaleUp, type GroupEstimate, type NodeGroupState } from './scaleup.ts';

/** A pending pod the scheduler marked unschedulable, as the autoscaler lists it. */
export interface PendingPod {
  pod: PodInfo;
  /** seconds since the pod was created */
  ageSec: number;
  /** it waits on a preemption of its own (status.nominatedNodeName is set) */
  nominated: boolean;
}

export interface ScaleUpNodeGroup extends NodeGroupState {
  /** backing off after a failed scale-up: offers no option this loop */
  backoff: boolean;
  /** too many of its nodes unready (cluster-health.ts): skipped as a backed-off group is; absent = healthy */
  unhealthy?: boolean;
}

export interface ScaleUpLoopOptions {
  expanders: readonly ExpanderName[];
  /** 0 = no limit */
  maxNodesTotal: number;
  /** undefined or 0 = no per-scale-up limit */
  maxNodesPerScaleUp?: number;
  expendablePodsPriorityCutoff: number;
  newPodScaleUpDelaySec: number;
  /** --balance-similar-node-groups (default false) */
  balanceSimilarNodeGroups?: boolean;
}

export interface ScaleUpSnapshot {
  pending: readonly PendingPod[];
  /** Ready nodes, with their bound pods and the pods nominated to them */
  nodes: readonly NodeInfo[];
  /** nodes asked for and not yet Ready, each as its group's template, in the order they were asked for */
  upcoming: readonly NodeTemplate[];
  /** every node group; `current` counts its upcoming nodes, and all of them make the cluster's total */
  groups: readonly ScaleUpNodeGroup[];
  buffers: readonly CapacityBufferSpec[];
  /** each workload's replicas now, for buffers sized as a share of one */
  workloadReplicas: Readonly<Record<string, number>>;
  options: ScaleUpLoopOptions;
}

export type ScaleUpOutcome =
  /** no pod needs a node: none pending, or all fit on capacity there or coming */
  | 'Nothing'
  /** every pending pod is brand new: wait a loop (no scale-down either) */
  | 'PodsWaiting'
  /** pods need nodes no node group can give */
  | 'NoFit'
  | 'ScaledUp';

export type NoFitReason = 'AllNodeGroupsBackingOff' | 'NoNodeGroupFits';

/** The autoscaler's words after "pod didn't trigger scale-up: " (its NotTriggerScaleUp event). */
export const NO_FIT_MESSAGES: Readonly<Record<NoFitReason, string>> = {
  AllNodeGroupsBackingOff: 'every node group is backing off after a failed scale-up',
  NoNodeGroupFits: 'no node group can hold them (at its max, or too small)',
};

export interface ScaleUpPlan {
  outcome: ScaleUpOutcome;
  /** ScaledUp: the node group and how many nodes it is asked for */
  nodeGroup: string | null;
  count: number;
  /** ScaledUp: the pods the new nodes are for; NoFit: the pods no group can help; else empty */
  pods: PodInfo[];
  /** NoFit: why */
  reason?: NoFitReason;
  /**
   * ScaledUp: pending pods no node group's template can ever hold (requests, taints, node
   * selectors, required node affinity), when there are any; they get NotTriggerScaleUp too
   */
  noGroupCanHold?: PodInfo[];
  /** every node group, in snapshot order; zero for groups skipped, backing off or of no help */
  estimates: Record<string, GroupEstimate>;
  /** ScaledUp with --balance-similar-node-groups: the nodes asked of each similar group (they replace nodeGroup/count) */
  balanced?: { nodeGroup: string; count: number }[];
}

export function planScaleUp(snapshot: ScaleUpSnapshot, rng: () => number): ScaleUpPlan {
  const estimates: Record<string, GroupEstimate> = {};
  for (const g of snapshot.groups) estimates[g.name] = { nodes: 0, pods: 0 };
  const plan = (outcome: ScaleUpOutcome, pods: PodInfo[] = [], reason?: NoFitReason): ScaleUpPlan => {
    const p: ScaleUpPlan = { outcome, nodeGroup: null, count: 0, pods, estimates };
    if (reason) p.reason = reason;
    return p;
  };

  const candidates = podsToHelp(snapshot);
  if (candidates === 'PodsWaiting') return plan('PodsWaiting');
  if (candidates.length === 0) return plan('Nothing');
  const { unschedulable, spread } = filterOutSchedulable(candidates, capacity(snapshot));
  if (unschedulable.length === 0) return plan('Nothing');

  // IsNodeGroupSafeToScaleUp (clusterstate.go): healthy and not backed off
  const groups = snapshot.groups.filter((g) => !g.backoff && g.unhealthy !== true);
  if (groups.length === 0) return plan('NoFit', unschedulable, 'AllNodeGroupsBackingOff');
  const { options } = snapshot;
  const decision = computeScaleUp(
    unschedulable,
    groups,
    {
      expanders: options.expanders,
      maxNodesTotal: options.maxNodesTotal,
      currentNodesTotal: snapshot.groups.reduce((n, g) => n + g.current, 0),
      maxNodesPerScaleUp: options.maxNodesPerScaleUp,
      balanceSimilarNodeGroups: options.balanceSimilarNodeGroups,
    },
    rng,
    spread,
  );
  Object.assign(estimates, decision.estimates);
  if (!decision.nodeGroup || decision.count <= 0) return plan('NoFit', unschedulable, 'NoNodeGroupFits');
  const scaled: ScaleUpPlan = { outcome: 'ScaledUp', nodeGroup: decision.nodeGroup, count: decision.count, pods: decision.scheduledPods, estimates };
  if (decision.balanced !== undefined) scaled.balanced = decision.balanced;
  const stranded: PodInfo[] = [];
  for (const group of groupPods(unschedulable)) {
    if (!snapshot.groups.some((g) => templateAdmits(g.template, group.pods[0]))) stranded.push(...group.pods);
  }
  if (stranded.length > 0) scaled.noGroupCanHold = stranded;
  return scaled;
}

/** Steps 1 to 4: the pods (and buffer pods) this loop tries to help, or PodsWaiting. */
function podsToHelp(snapshot: ScaleUpSnapshot): PodInfo[] | 'PodsWaiting' {
  const { expendablePodsPriorityCutoff, newPodScaleUpDelaySec } = snapshot.options;
  const pods: PodInfo[] = [];
  let helpable = 0;
  let brandNew = 0;
  for (const p of snapshot.pending) {
    if (p.nominated || p.pod.priority < expendablePodsPriorityCutoff) continue;
    helpable++;
    if (p.ageSec < UNSCHEDULABLE_POD_TIME_BUFFER_SEC) brandNew++;
    // --new-pod-scale-up-delay: young pods are left for a later loop, without holding scale-down
    if (p.ageSec >= newPodScaleUpDelaySec) pods.push(p.pod);
  }
  if (helpable > 0 && brandNew === helpable) return 'PodsWaiting';
  if (snapshot.buffers.length > 0) for (const b of bufferPods(snapshot.buffers, snapshot.workloadReplicas)) pods.push(b);
  return pods;
}

/** A node of the template as the snapshot holds it: its labels, taints and DaemonSet pods on it. */
export function templateNodeInfo(t: NodeTemplate, name: string): NodeInfo {
  const node = newNodeInfo(name, { cpuMilli: t.allocCpuMilli, memoryBytes: t.allocMemoryBytes, pods: t.allocPods });
  // each upcoming node is its own host (topology spread over hostnames counts it apart)
  if (t.labels !== undefined) node.labels = LABEL_HOSTNAME in t.labels ? { ...t.labels, [LABEL_HOSTNAME]: name } : t.labels;
  if (t.taints !== undefined) node.taints = t.taints;
  if (t.daemonSetPods !== undefined) for (const p of t.daemonSetPods) addPod(node, p);
  return node;
}

/**
 * Step 5's capacity: Ready nodes with the room held for preemptors waiting on their victims taken
 * (the autoscaler adds nominated pods to its snapshot first), then the upcoming nodes, so the
 * same pods do not ask twice.
 */
function capacity(snapshot: ScaleUpSnapshot): NodeInfo[] {
  const nodes: NodeInfo[] = snapshot.nodes.map((info) => {
    if (info.nominated.length === 0) return info;
    const copy = cloneNodeInfo(info);
    for (const p of info.nominated) addPod(copy, p);
    return copy;
  });
  snapshot.upcoming.forEach((t, i) => nodes.push(templateNodeInfo(t, `upcoming-${i}`)));
  return nodes;
}
