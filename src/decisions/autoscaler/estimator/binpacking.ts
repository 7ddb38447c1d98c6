/**
 * How many nodes of one node group would the pending pods need? First-fit decreasing on fresh
 * template nodes, as the cluster-autoscaler's BinpackingNodeEstimator does it:
 *
 * 1. groups of identical pods, biggest first (decreasing-order.ts);
 * 2. each group first fills the nodes this estimate already opened, first fit in opening order;
 * 3. the rest go onto new nodes, one at a time, each filled before the next is opened;
 * 4. the limiter stops opening nodes at `maxNodes`; the group's remaining pods stay unplaced, but
 *    later (smaller) groups may still fit on the nodes already open.
 *
 * Pods that do not fit an empty template node (its DaemonSet pods on it), or whose placement rules
 * its labels and taints refuse, are left out before packing (the orchestrator
 * checks this per group before it estimates), so they neither open nodes nor use up the limit.
 * Only filters are modelled (requests, pod slots, taints, node selectors and required node
 * affinity): no scoring, so preferred rules play no part, as in the autoscaler.
 *
 * One difference from the autoscaler: its search over open nodes starts where the previous
 * search succeeded (a rotating index kept across calls); ours always starts at the first node,
 * which is plain first fit and does not depend on earlier calls.
 */
import type { PodInfo } from '../../scheduler/types.ts';
import { groupPods, type PodGroup } from './equivalence-groups.ts';
import { orderByDecreasingScore } from './decreasing-order.ts';
import { emptyNodeUsage, podsThatFit, templateAdmits, type NodeTemplate } from './template.ts';

export interface Estimate {
  /** nodes that received at least one pod */
  nodeCount: number;
  /** the pods placed, in placement order */
  scheduled: PodInfo[];
  /** what each new node would have requested (its DaemonSet pods included), in opening order */
  nodes: NodeUsage[];
}

export interface NodeUsage {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
}

/**
 * @param maxNodes at most this many new nodes; `Infinity` (or 0, the autoscaler's "unset") for
 *   no limit
 */
export function estimate(pods: readonly PodInfo[], template: NodeTemplate, maxNodes: number): Estimate {
  return estimateGroups(groupPods(pods), template, maxNodes);
}

/** The same on pods already grouped, so the orchestrator groups once for every node group. */
export function estimateGroups(groups: readonly PodGroup[], template: NodeTemplate, maxNodes: number): Estimate {
  const limit = maxNodes > 0 && Number.isFinite(maxNodes) ? maxNodes : Infinity;
  const fitting = groups.filter((g) => g.pods.length > 0 && templateAdmits(template, g.pods[0]));
  const base = emptyNodeUsage(template);
  const ordered = orderByDecreasingScore(fitting, template);

  // What each open node has used so far, indexed by opening order.
  const usedCpu: number[] = [];
  const usedMemory: number[] = [];
  const usedPods: number[] = [];
  const scheduled: PodInfo[] = [];

  const place = (node: number, group: PodGroup, from: number, count: number): void => {
    usedCpu[node] += count * group.cpuMilli;
    usedMemory[node] += count * group.memoryBytes;
    usedPods[node] += count;
    for (let i = from; i < from + count; i++) scheduled.push(group.pods[i]);
  };

  for (const group of ordered) {
    const total = group.pods.length;
    let next = 0;
    // Identical pods: once one is refused by a node, every later one is too, so one pass over
    // the open nodes, taking as many as fit on each, is first fit pod by pod.
    for (let node = 0; node < usedCpu.length && next < total; node++) {
      const k = Math.min(
        total - next,
        podsThatFit(template, usedCpu[node], usedMemory[node], usedPods[node], group.cpuMilli, group.memoryBytes),
      );
      if (k > 0) {
        place(node, group, next, k);
        next += k;
      }
    }
    while (next < total && usedCpu.length < limit) {
      const node = usedCpu.length;
      usedCpu.push(base.cpuMilli);
      usedMemory.push(base.memoryBytes);
      usedPods.push(base.pods);
      // At least one fits: groups that do not fit an empty node were left out above.
      const k = Math.min(total - next, podsThatFit(template, base.cpuMilli, base.memoryBytes, base.pods, group.cpuMilli, group.memoryBytes));
      place(node, group, next, k);
      next += k;
    }
  }
  const nodes = usedCpu.map((cpuMilli, i) => ({ cpuMilli, memoryBytes: usedMemory[i], pods: usedPods[i] }));
  return { nodeCount: usedCpu.length, scheduled, nodes };
}
