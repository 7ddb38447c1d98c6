/**
 * RequestedToCapacityRatio (noderesources/requested_to_capacity_ratio.go): each resource's
 * utilization after the pod, requested × 100 / allocatable in whole percent (100 once requested
 * reaches allocatable), read off a broken-linear shape of {utilization, score} points whose scores
 * (0..10) are scaled to 0..100. With a rising shape it packs, with a falling one it spreads.
 */
import { MAX_CUSTOM_PRIORITY_SCORE, MAX_NODE_SCORE, MAX_UTILIZATION, type UtilizationShapePoint } from '../../framework.ts';
import { brokenLinear } from '../helper/shape-score.ts';

export const NAME = 'RequestedToCapacityRatio';

/** requestedToCapacityRatioScorer: the shape's scores scaled from 0..10 to 0..100. */
export function scaledShape(shape: readonly UtilizationShapePoint[]): UtilizationShapePoint[] {
  return shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE) }));
}

/** scaledUtilization: requested × 100 / capacity, clamped to 0..100 (integer division). */
export function scaledUtilization(requested: number, capacity: number): number {
  if (capacity <= 0 || requested <= 0) return 0;
  if (requested >= capacity) return MAX_UTILIZATION;
  return Math.floor((requested * MAX_UTILIZATION) / capacity);
}

/** One resource's score on the scaled shape; a node without the resource counts as full. */
export function requestedToCapacityRatioScore(requested: number, capacity: number, scaled: readonly UtilizationShapePoint[]): number {
  if (capacity === 0 || requested > capacity) return brokenLinear(scaled, MAX_UTILIZATION);
  return brokenLinear(scaled, scaledUtilization(requested, capacity));
}
