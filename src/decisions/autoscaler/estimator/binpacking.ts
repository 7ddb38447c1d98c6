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
 * Pods with DoNotSchedule topology spread constraints are placed one at a time and must also pass
 * PodTopologySpread, its counts going on from the cluster's (the scheduler's filters run on the
 * autoscaler's snapshot, existing nodes included): each new node is its own hostname domain and in
 * the template's zone. When a new node refuses such a pod, every new node would, and the rest of
 * its group stays unplaced. Every pod placed here counts in every spreading pod's state.
 *
 * One difference from the autoscaler: its search over open nodes starts where the previous
 * search succeeded (a rotating index kept across calls); ours always starts at the first node,
 * which is plain first fit and does not depend on earlier calls.
 */
import type { PodInfo } from '../../scheduler/types.ts';
import { groupPods, type PodGroup } from './equivalence-groups.ts';
import { orderByDecreasingScore } from './decreasing-order.ts';
import { emptyNodeUsage, podsThatFit, templateAdmits, type NodeTemplate } from './template.ts';
import { LABEL_HOSTNAME } from '../../defaults.ts';
import { SUCCESS } from '../../scheduler/plugins/noderesources/fit.ts';
import { cloneSpreadState, filter as spreadFilter, updateWithPod } from '../../scheduler/plugins/podtopologyspread/filtering.ts';
import type { SpreadNode } from '../../scheduler/plugins/podtopologyspread/common.ts';
import type { SpreadStates } from '../filter-schedulable.ts';

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
export function estimateGroups(groups: readonly PodGroup[], template: NodeTemplate, maxNodes: number, spread?: SpreadStates): Estimate {
  const limit = maxNodes > 0 && Number.isFinite(maxNodes) ? maxNodes : Infinity;
  const fitting = groups.filter((g) => g.pods.length > 0 && templateAdmits(template, g.pods[0]));
  const base = emptyNodeUsage(template);
  const ordered = orderByDecreasingScore(fitting, template);

  // What each open node has used so far, indexed by opening order.
  const usedCpu: number[] = [];
  const usedMemory: number[] = [];
  const usedPods: number[] = [];
  const scheduled: PodInfo[] = [];

  // This estimate's own copy of the spreading pods' states, and the new nodes as they see them.
  const states = spread === undefined || spread.size === 0 ? undefined : new Map([...spread].map(([k, s]) => [k, { pod: s.pod, state: cloneSpreadState(s.state) }]));
  const newNodes: Pick<SpreadNode, 'name' | 'labels' | 'taints'>[] = [];
  const newNode = (i: number): Pick<SpreadNode, 'name' | 'labels' | 'taints'> => {
    if (newNodes[i] === undefined) {
      const name = `${template.name ?? 'template-node'}-${i}`;
      newNodes[i] = { name, labels: { ...template.labels, [LABEL_HOSTNAME]: name }, taints: template.taints };
    }
    return newNodes[i];
  };

  const place = (node: number, group: PodGroup, from: number, count: number): void => {
    usedCpu[node] += count * group.cpuMilli;
    usedMemory[node] += count * group.memoryBytes;
    usedPods[node] += count;
    for (let i = from; i < from + count; i++) scheduled.push(group.pods[i]);
    if (states !== undefined) for (const s of states.values()) updateWithPod(s.state, s.pod, group.pods[from], newNode(node), count);
  };
  const open = (): number => {
    usedCpu.push(base.cpuMilli);
    usedMemory.push(base.memoryBytes);
    usedPods.push(base.pods);
    return usedCpu.length - 1;
  };

  for (const group of ordered) {
    const total = group.pods.length;
    const own = group.placement === undefined ? undefined : states?.get(group.placement)?.state;
    if (own !== undefined) {
      // one pod at a time: the skew changes with each
      for (let next = 0; next < total; next++) {
        const pod = group.pods[next];
        let node = 0;
        for (; node < usedCpu.length; node++) {
          if (podsThatFit(template, usedCpu[node], usedMemory[node], usedPods[node], group.cpuMilli, group.memoryBytes) < 1) continue;
          if (spreadFilter(pod, newNode(node), own, SUCCESS) === SUCCESS) break;
        }
        if (node === usedCpu.length) {
          if (usedCpu.length >= limit || spreadFilter(pod, newNode(node), own, SUCCESS) !== SUCCESS) break;
          open();
        }
        place(node, group, next, 1);
      }
      continue;
    }
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
      const node = open();
      // At least one fits: groups that do not fit an empty node were left out above.
      const k = Math.min(total - next, podsThatFit(template, base.cpuMilli, base.memoryBytes, base.pods, group.cpuMilli, group.memoryBytes));
      place(node, group, next, k);
      next += k;
    }
  }
  const nodes = usedCpu.map((cpuMilli, i) => ({ cpuMilli, memoryBytes: usedMemory[i], pods: usedPods[i] }));
  return { nodeCount: usedCpu.length, scheduled, nodes };
}
