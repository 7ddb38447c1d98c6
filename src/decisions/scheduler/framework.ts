/**
 * The scheduler framework's vocabulary, as kube-scheduler's: a filter answers with a Status, a
 * score plugin with an integer in [MIN_NODE_SCORE, MAX_NODE_SCORE].
 */

/**
 * - `Success`: the pod fits the node.
 * - `Unschedulable`: it does not fit now; evicting pods may make room, so preemption may try the node.
 * - `UnschedulableAndUnresolvable`: no eviction can help (the pod asks for more than the node's
 *   whole allocatable), so preemption skips the node.
 */
export type StatusCode = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Status {
  code: StatusCode;
  /** kube-scheduler's wording: "Too many pods", "Insufficient cpu", "Insufficient memory" */
  reasons: readonly string[];
}

export const MIN_NODE_SCORE = 0;
export const MAX_NODE_SCORE = 100;

/** NodeResourcesFit scoring strategies headroom models (config.ScoringStrategyType). */
export type ScoringStrategy = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
export const SCORING_STRATEGIES: readonly ScoringStrategy[] = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];

/**
 * config.UtilizationShapePoint: RequestedToCapacityRatio's score (0..MAX_CUSTOM_PRIORITY_SCORE) at
 * a utilization (0..100 percent); points in increasing utilization.
 */
export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

/** config.MaxCustomPriorityScore: a shape point's highest score; the plugin scales it to MAX_NODE_SCORE. */
export const MAX_CUSTOM_PRIORITY_SCORE = 10;
export const MAX_UTILIZATION = 100;

/** The resources headroom accounts for; scoring weighs them as kube-scheduler's ResourceSpec. */
export type ResourceName = 'cpu' | 'memory';
export const RESOURCE_NAMES: readonly ResourceName[] = ['cpu', 'memory'];

export interface ResourceSpec {
  name: ResourceName;
  /** 1..100, as kube-scheduler validates it */
  weight: number;
}

export const MIN_RESOURCE_WEIGHT = 1;
export const MAX_RESOURCE_WEIGHT = 100;
