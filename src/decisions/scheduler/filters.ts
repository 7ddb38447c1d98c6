/**
 * The filter plugins of the default profile headroom models, run in kube-scheduler's order
 * (pkg/scheduler/apis/config/v1/default_plugins.go): NodeUnschedulable, TaintToleration,
 * NodeAffinity, NodeResourcesFit, then PodTopologySpread. As the framework's RunFilterPlugins, the
 * first plugin that does not answer Success gives the node's Status.
 *
 * PodTopologySpread reads the whole cluster (its PreFilter state, computed once per pod and
 * cycle: plugins/podtopologyspread/filtering.ts); callers pass that state for pods with
 * DoNotSchedule constraints (spreadStateFor), null otherwise.
 *
 * The first three read only the pod's placement rules and the node's labels, taints and cordon,
 * none of which an eviction changes: they answer Success or UnschedulableAndUnresolvable, so
 * preemption never tries a node they refuse. A pod without rules on a node without taints or
 * cordon skips them (the case of every scenario that does not use them).
 */
import type { Status } from './framework.ts';
import { filter as fitFilter, SUCCESS } from './plugins/noderesources/fit.ts';
import { filter as nodeAffinityFilter, NAME as NODE_AFFINITY } from './plugins/nodeaffinity/node-affinity.ts';
import { filter as unschedulableFilter, NAME as NODE_UNSCHEDULABLE } from './plugins/nodeunschedulable/node-unschedulable.ts';
import { NAME as NODE_RESOURCES_FIT } from './plugins/noderesources/fit.ts';
import { filter as taintFilter, NAME as TAINT_TOLERATION } from './plugins/tainttoleration/taint-toleration.ts';
import { hasConstraints, NAME as POD_TOPOLOGY_SPREAD, NEVER_TERMINATING, type IsTerminating, type SpreadNode } from './plugins/podtopologyspread/common.ts';
import { filter as spreadFilter, preFilter as spreadPreFilter, type SpreadState } from './plugins/podtopologyspread/filtering.ts';
import type { NodeInfo, PodInfo } from './types.ts';

/** The filter plugins in the order they run. */
export const FILTER_PLUGINS = [NODE_UNSCHEDULABLE, TAINT_TOLERATION, NODE_AFFINITY, NODE_RESOURCES_FIT, POD_TOPOLOGY_SPREAD] as const;
export type FilterPluginName = (typeof FILTER_PLUGINS)[number];

/** What the placement filters read of a node: a NodeInfo, or a node group's template. */
export type NodeMeta = Pick<NodeInfo, 'name' | 'labels' | 'taints' | 'unschedulable'>;

/** Nothing on either side for the placement filters to read. */
function placementFree(pod: PodInfo, node: NodeMeta): boolean {
  return pod.placement === undefined && node.taints === undefined && node.unschedulable !== true;
}

/** NodeUnschedulable, TaintToleration and NodeAffinity: SUCCESS, or the first refusal. Allocation-free. */
export function placementFilter(pod: PodInfo, node: NodeMeta): Status {
  if (placementFree(pod, node)) return SUCCESS;
  let s = unschedulableFilter(pod, node, SUCCESS);
  if (s !== SUCCESS) return s;
  s = taintFilter(pod, node, SUCCESS);
  if (s !== SUCCESS) return s;
  return nodeAffinityFilter(pod, node, SUCCESS);
}

/** May the pod ever run on the node, whatever runs there? */
export function passesPlacement(pod: PodInfo, node: NodeMeta): boolean {
  return placementFree(pod, node) || placementFilter(pod, node) === SUCCESS;
}

/** PodTopologySpread's PreFilter over the cluster's nodes, or null when the pod gives no DoNotSchedule constraint. */
export function spreadStateFor(pod: PodInfo, nodes: readonly SpreadNode[], isTerminating: IsTerminating = NEVER_TERMINATING): SpreadState | null {
  return hasConstraints(pod, 'DoNotSchedule') ? spreadPreFilter(pod, nodes, isTerminating) : null;
}

/**
 * Every filter, first refusal wins; nominated pods of at least the pod's priority count (fit.ts).
 * `spread` is the pod's spreadStateFor over the same cluster.
 */
export function runFilters(pod: PodInfo, node: NodeInfo, spread: SpreadState | null = null): Status {
  if (!placementFree(pod, node)) {
    const s = placementFilter(pod, node);
    if (s !== SUCCESS) return s;
  }
  const s = fitFilter(pod, node);
  if (s !== SUCCESS || spread === null) return s;
  return spreadFilter(pod, node, spread, SUCCESS);
}

/** Each plugin's own answer, every plugin run (for `headroom decide schedule` to explain a node). */
export function filterEachPlugin(pod: PodInfo, node: NodeInfo, spread: SpreadState | null = null): Record<FilterPluginName, Status> {
  return {
    [NODE_UNSCHEDULABLE]: unschedulableFilter(pod, node, SUCCESS),
    [TAINT_TOLERATION]: taintFilter(pod, node, SUCCESS),
    [NODE_AFFINITY]: nodeAffinityFilter(pod, node, SUCCESS),
    [NODE_RESOURCES_FIT]: fitFilter(pod, node),
    [POD_TOPOLOGY_SPREAD]: spread === null ? SUCCESS : spreadFilter(pod, node, spread, SUCCESS),
  } as Record<FilterPluginName, Status>;
}
