/**
 * One HPA sync after the metrics are read (reconcileAutoscaler): the guards on the current scale,
 * then the normalization, then the rescale remembered for the rate policies. An HPA with
 * `behavior` is normalized by the autoscaling/v2 rules (behavior.ts), one without by the
 * controller's older path (legacy.ts), which remembers no rescales.
 */
import { normalizeWithBehavior, recordScaleEvent } from './behavior.ts';
import { normalizeDesiredReplicas } from './legacy.ts';
import type { HpaBehaviorState, HpaSyncSpec, RateLimitReason } from './types.ts';

export interface HpaSyncInput {
  /** the scale target's spec.replicas */
  currentReplicas: number;
  /** the replica calculator's recommendation; null when it failed (no metrics): the scale is kept */
  recommendation: number | null;
}

export type HpaSyncReason =
  /** currentReplicas is 0 and minReplicas is not: the controller leaves the target alone */
  | 'ScalingDisabled'
  /** currentReplicas above maxReplicas: scaled straight to max, no behaviour applied */
  | 'AboveMaxReplicas'
  /** currentReplicas below minReplicas: scaled straight to min, no behaviour applied */
  | 'BelowMinReplicas'
  /** the calculator gave no recommendation */
  | 'FailedGetResourceMetric'
  /** the stabilization window held the recommendation back (then the rate limits applied) */
  | 'ScaleUpStabilized'
  | 'ScaleDownStabilized'
  | RateLimitReason;

export interface HpaSyncResult {
  desiredReplicas: number;
  reason: HpaSyncReason;
  state: HpaBehaviorState;
}

export function reconcileHpa(
  state: HpaBehaviorState,
  input: HpaSyncInput,
  nowSec: number,
  spec: HpaSyncSpec,
): HpaSyncResult {
  const { currentReplicas, recommendation } = input;
  if (currentReplicas === 0 && spec.minReplicas !== 0) {
    return { desiredReplicas: 0, reason: 'ScalingDisabled', state };
  }
  if (currentReplicas > spec.maxReplicas) return guarded(state, currentReplicas, spec.maxReplicas, 'AboveMaxReplicas', nowSec, spec);
  if (currentReplicas < spec.minReplicas) return guarded(state, currentReplicas, spec.minReplicas, 'BelowMinReplicas', nowSec, spec);
  if (recommendation === null) return { desiredReplicas: currentReplicas, reason: 'FailedGetResourceMetric', state };

  // horizontal.go: `if hpa.Spec.Behavior == nil` normalizeDesiredReplicas, else ...WithBehaviors
  const proposal = { currentReplicas, desiredReplicas: recommendation };
  const r = spec.behaviorGiven
    ? normalizeWithBehavior(state, proposal, nowSec, spec)
    : normalizeDesiredReplicas(state, proposal, nowSec, {
        minReplicas: spec.minReplicas,
        maxReplicas: spec.maxReplicas,
        downscaleStabilizationSec: spec.scaleDown.stabilizationWindowSec,
      });
  let reason: HpaSyncReason = r.limit;
  if (r.limit === 'DesiredWithinRange' && r.stabilizedReplicas !== recommendation) {
    // the older path only ever holds a recommendation up (normalizeDesiredReplicas' ScaleDownStabilized)
    reason = spec.behaviorGiven && recommendation >= currentReplicas ? 'ScaleUpStabilized' : 'ScaleDownStabilized';
  }
  return { desiredReplicas: r.desiredReplicas, reason, state: r.state };
}

function guarded(
  state: HpaBehaviorState,
  currentReplicas: number,
  desiredReplicas: number,
  reason: HpaSyncReason,
  nowSec: number,
  spec: HpaSyncSpec,
): HpaSyncResult {
  // without behavior the controller stores no scale events (storeScaleEvent returns at once)
  if (!spec.behaviorGiven) return { desiredReplicas, reason, state };
  return { desiredReplicas, reason, state: recordScaleEvent(state, currentReplicas, desiredReplicas, nowSec, spec) };
}
