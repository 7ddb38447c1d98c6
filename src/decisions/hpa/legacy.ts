/**
 * The HPA controller's path for an HPA without `behavior` (pkg/controller/podautoscaler/
 * horizontal.go, normalizeDesiredReplicas): autoscaling/v2 defaulting leaves `behavior` nil when
 * it is not given, and the controller then keeps its older rules instead of the default policies.
 *
 * 1. Stabilize (stabilizeRecommendation): the recommendation becomes the highest of itself and the
 *    recommendations of the last --horizontal-pod-autoscaler-downscale-stabilization (5 min), so a
 *    scale-down waits for them; it is taken as it is, not bounded by the current replicas, so a
 *    recent higher recommendation can lift the replicas above current. The new (unstabilized)
 *    recommendation takes the slot of one older than the window when there is one.
 * 2. Bound (convertDesiredReplicasWithRules): at least minReplicas; at most maxReplicas and a
 *    scale-up limit of max(2 × current, 4) (scaleUpLimitFactor, scaleUpLimitMinimum), which for
 *    3 -> 1000 allows 6 where the v2 default policies allow 7.
 *
 * No rescale is remembered: without `behavior` the controller stores no scale events.
 */
import { HPA_SCALE_UP_LIMIT_FACTOR, HPA_SCALE_UP_LIMIT_MINIMUM } from '../defaults.ts';
import type { Recommendation } from './behavior.ts';
import type { HpaBehaviorState, RateLimitReason, TimestampedRecommendation } from './types.ts';

export interface LegacySpec {
  minReplicas: number;
  maxReplicas: number;
  /** --horizontal-pod-autoscaler-downscale-stabilization */
  downscaleStabilizationSec: number;
}

export interface LegacyResult {
  desiredReplicas: number;
  /** after stabilization, before the bounds */
  stabilizedReplicas: number;
  limit: RateLimitReason;
  state: HpaBehaviorState;
}

export function normalizeDesiredReplicas(
  state: HpaBehaviorState,
  recommendation: Recommendation,
  nowSec: number,
  spec: LegacySpec,
): LegacyResult {
  const stabilized = stabilizeRecommendation(state.recommendations, recommendation.desiredReplicas, nowSec, spec.downscaleStabilizationSec);
  const { replicas, limit } = convertDesiredReplicasWithRules(recommendation.currentReplicas, stabilized.replicas, spec.minReplicas, spec.maxReplicas);
  return {
    desiredReplicas: replicas,
    stabilizedReplicas: stabilized.replicas,
    limit,
    state: { ...state, recommendations: stabilized.recommendations },
  };
}

/**
 * The highest of `desiredReplicas` and the recommendations not older than the window (one exactly
 * at the window's start still counts, as the controller's Before(cutoff) test has it), and the
 * history with the new recommendation recorded.
 */
export function stabilizeRecommendation(
  history: readonly TimestampedRecommendation[],
  desiredReplicas: number,
  nowSec: number,
  windowSec: number,
): { replicas: number; recommendations: TimestampedRecommendation[] } {
  const cutoff = nowSec - windowSec;
  let replicas = desiredReplicas;
  let oldIndex = -1;
  history.forEach((rec, i) => {
    if (rec.atSec < cutoff) oldIndex = i;
    else if (rec.replicas > replicas) replicas = rec.replicas;
  });
  const recommendations = history.slice();
  const entry = { replicas: desiredReplicas, atSec: nowSec };
  if (oldIndex >= 0) recommendations[oldIndex] = entry;
  else recommendations.push(entry);
  return { replicas, recommendations };
}

/** calculateScaleUpLimit: max(2 × current, 4). */
export function legacyScaleUpLimit(currentReplicas: number): number {
  return Math.max(HPA_SCALE_UP_LIMIT_FACTOR * currentReplicas, HPA_SCALE_UP_LIMIT_MINIMUM);
}

/** convertDesiredReplicasWithRules: min, then the lower of max and the scale-up limit. */
export function convertDesiredReplicasWithRules(
  currentReplicas: number,
  desiredReplicas: number,
  minReplicas: number,
  maxReplicas: number,
): { replicas: number; limit: RateLimitReason } {
  const scaleUpLimit = legacyScaleUpLimit(currentReplicas);
  const byRate = maxReplicas > scaleUpLimit;
  const maxAllowed = byRate ? scaleUpLimit : maxReplicas;
  if (desiredReplicas < minReplicas) return { replicas: minReplicas, limit: 'TooFewReplicas' };
  if (desiredReplicas > maxAllowed) return { replicas: maxAllowed, limit: byRate ? 'ScaleUpLimit' : 'TooManyReplicas' };
  return { replicas: desiredReplicas, limit: 'DesiredWithinRange' };
}
