export type {
  BehaviorSpec,
  HpaBehaviorState,
  HpaSyncSpec,
  HpaPod,
  HpaPodGroup,
  HpaPodPhase,
  PodGroupOptions,
  RateLimitReason,
  ReplicaCalcFailure,
  ReplicaCalcInput,
  ReplicaCalculation,
  ReplicaCounts,
  ScaleEvent,
  TimestampedRecommendation,
} from './types.ts';
export {
  DEFAULT_CPU_INITIALIZATION_PERIOD_SEC,
  DEFAULT_INITIAL_READINESS_DELAY_SEC,
  DEFAULT_METRIC_WINDOW_SEC,
  DEFAULT_TOLERANCE,
  missingFallbackUsageMilli,
  utilizationPercent,
  withinTolerance,
} from './utilization.ts';
export { countPods, cpuSampleUnready, groupPod } from './pod-groups.ts';
export { calculateReplicas, calculateReplicasFromCounts, describeFailure } from './replica-calculator.ts';
export {
  DEFAULT_SCALE_DOWN_STABILIZATION_SEC,
  defaultBehavior,
  defaultScaleDownRules,
  defaultScaleUpRules,
  emptyHpaState,
  initialHpaState,
  limitScaleRate,
  normalizeWithBehavior,
  recordScaleEvent,
  replicasChangedWithin,
  scaleDownLimit,
  scaleUpLimit,
  stabilizeRecommendation,
  type NormalizeResult,
  type Recommendation,
} from './behavior.ts';
export { convertDesiredReplicasWithRules, legacyScaleUpLimit, normalizeDesiredReplicas, type LegacyResult, type LegacySpec } from './legacy.ts';
export { reconcileHpa, type HpaSyncInput, type HpaSyncReason, type HpaSyncResult } from './controller.ts';
