/** The cluster-autoscaler's decisions, for the simulation and for `headroom decide`. */
export { estimate, estimateGroups, type Estimate, type NodeUsage } from './estimator/binpacking.ts';
export type { NodeTemplate } from './estimator/template.ts';
export { bestOption, EXPANDER_NAMES, parseExpanderChain, validateExpanderChain } from './expander/chain.ts';
export type { ExpanderContext, ExpanderName, Option } from './expander/types.ts';
export { filterOutSchedulable, type SchedulableSplit } from './filter-schedulable.ts';
export { groupPods, type PodGroup } from './estimator/equivalence-groups.ts';
export {
  computeScaleUp,
  type GroupEstimate,
  type NodeGroupState,
  type ScaleUpDecision,
  type ScaleUpOptions,
} from './scaleup.ts';
export {
  emptyScaleDownState,
  planScaleDown,
  type DrainNode,
  type NodeGroupSize,
  type ScaleDownInput,
  type ScaleDownNode,
  type ScaleDownPlan,
  type ScaleDownSettings,
  type ScaleDownState,
} from './scaledown/planner.ts';
export { findUnneeded, type UnneededNode, type UnremovableNode, type UnremovableReason } from './scaledown/removal.ts';
export { isUnderutilized, nodeUtilization, type Utilization } from './scaledown/utilization.ts';
