/**
 * The cluster-autoscaler's scale-up orchestrator (core/scaleup/orchestrator), as a pure function:
 *
 * 1. group identical pods once;
 * 2. per node group, in the order given: skip it if it is at max; otherwise estimate with the
 *    binpacking estimator, its limiter capped by the group's room (max − current), the cluster's
 *    room (maxNodesTotal − currentNodesTotal) and maxNodesPerScaleUp when given, so pods beyond
 *    the cap are not counted; a group that would place no pod offers no option;
 * 3. the expander chain picks one option; its node count is the decision.
 *
 * planScaleUp (scaleup-plan.ts) calls it with the pods left once expendable, nominated and new
 * pods are dropped and what fits on nodes there or coming is set aside, and with the groups not
 * backing off; `current` counts the upcoming nodes. Not modelled: balancing similar node groups,
 * resource quotas, and raising groups below their min size (min does not affect a scale-up here).
 */
import type { PodInfo } from '../scheduler/types.ts';
import { estimateGroups } from './estimator/binpacking.ts';
import type { SpreadStates } from './filter-schedulable.ts';
import type { NodeTemplate } from './estimator/template.ts';
import { bestOption } from './expander/chain.ts';
import type { ExpanderName, Option } from './expander/types.ts';
import { groupPods } from './estimator/equivalence-groups.ts';

export interface NodeGroupState {
  name: string;
  template: NodeTemplate;
  pricePerHour: number;
  min: number;
  max: number;
  /** target size: Ready nodes plus nodes asked for and not yet Ready */
  current: number;
  /** the priority expander's number: higher wins */
  priority: number;
}

export interface ScaleUpOptions {
  expanders: readonly ExpanderName[];
  /** 0 = no limit (the autoscaler's default) */
  maxNodesTotal: number;
  /** nodes in the cluster, upcoming ones included */
  currentNodesTotal: number;
  /** undefined or 0 = no per-scale-up limit */
  maxNodesPerScaleUp?: number;
}

export interface GroupEstimate {
  nodes: number;
  pods: number;
}

export interface ScaleUpDecision {
  /** null: no node group can help any pending pod */
  nodeGroup: string | null;
  count: number;
  /** every node group, in input order; zero for groups skipped or of no help */
  estimates: Record<string, GroupEstimate>;
  /** the pending pods the chosen option places (the autoscaler's PodsTriggeredScaleUp) */
  scheduledPods: PodInfo[];
}

export function computeScaleUp(
  pending: readonly PodInfo[],
  groups: readonly NodeGroupState[],
  opts: ScaleUpOptions,
  rng: () => number,
  spread?: SpreadStates,
): ScaleUpDecision {
  const estimates: Record<string, GroupEstimate> = {};
  for (const g of groups) estimates[g.name] = { nodes: 0, pods: 0 };
  const none: ScaleUpDecision = { nodeGroup: null, count: 0, estimates, scheduledPods: [] };

  if (pending.length === 0) return none;
  const clusterRoom = opts.maxNodesTotal > 0 ? opts.maxNodesTotal - opts.currentNodesTotal : Infinity;
  if (clusterRoom <= 0) return none;
  const perScaleUp = opts.maxNodesPerScaleUp && opts.maxNodesPerScaleUp > 0 ? opts.maxNodesPerScaleUp : Infinity;

  const podGroups = groupPods(pending);
  const options: Option[] = [];
  for (const g of groups) {
    const groupRoom = g.max - g.current;
    if (groupRoom <= 0) continue;
    const cap = Math.min(groupRoom, clusterRoom, perScaleUp);
    const est = estimateGroups(podGroups, g.template, cap, spread);
    estimates[g.name] = { nodes: est.nodeCount, pods: est.scheduled.length };
    if (est.nodeCount === 0 || est.scheduled.length === 0) continue;
    options.push({
      nodeGroup: g.name,
      nodeCount: est.nodeCount,
      pods: est.scheduled,
      pricePerHour: g.pricePerHour,
      priority: g.priority,
      template: g.template,
    });
  }

  const best = bestOption(options, opts.expanders, { rng, clusterNodeCount: opts.currentNodesTotal });
  if (!best) return none;
  return { nodeGroup: best.nodeGroup, count: best.nodeCount, estimates, scheduledPods: best.pods };
}
