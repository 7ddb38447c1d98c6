/**
 * autoscaling/v2 behaviour (normalizeDesiredReplicasWithBehaviors), as a pure function of what
 * the HPA remembers:
 *
 * 1. Stabilize: the recommendation is held between the lowest recommendation of the scale-up
 *    window and the highest of the scale-down window (the new one included), starting from the
 *    current replicas. With the defaults (0 s up, 300 s down) a scale-down waits for the highest
 *    recommendation of the last five minutes; a scale-up is immediate.
 * 2. Rate-limit: each policy allows, from the replicas at the start of its period (the current
 *    ones, less what was added and plus what was removed within the period), so many pods or so
 *    many percent more (up, rounded up) or fewer (down, truncated); selectPolicy Max takes the
 *    policy allowing the biggest change, Min the smallest, Disabled none. maxReplicas and
 *    minReplicas bound the result.
 */
import { copyRules, HPA_DEFAULTS, HPA_SCALE_DOWN_RULES, HPA_SCALE_UP_RULES } from '../defaults.ts';
import type { ScalingRules } from './spec.ts';
import type {
  BehaviorSpec,
  HpaBehaviorState,
  RateLimitReason,
  ScaleEvent,
  TimestampedRecommendation,
} from './types.ts';

/** The controller's --horizontal-pod-autoscaler-downscale-stabilization default. */
export const DEFAULT_SCALE_DOWN_STABILIZATION_SEC = HPA_DEFAULTS.downscaleStabilizationSec;

/** Kubernetes' default scale-up rules (a fresh copy): double, or add 4 pods, every 15 s, whichever is more. */
export function defaultScaleUpRules(): ScalingRules {
  return copyRules(HPA_SCALE_UP_RULES);
}

/** Kubernetes' default scale-down rules (a fresh copy): down to the highest recommendation of 5 min, any amount every 15 s. */
export function defaultScaleDownRules(): ScalingRules {
  return copyRules(HPA_SCALE_DOWN_RULES);
}

export function defaultBehavior(): { scaleUp: ScalingRules; scaleDown: ScalingRules } {
  return { scaleUp: defaultScaleUpRules(), scaleDown: defaultScaleDownRules() };
}

/** What the HPA remembers before its first sync: nothing yet. */
export function emptyHpaState(): HpaBehaviorState {
  return { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
}

/**
 * What the controller records the first time it sees an HPA: the current replicas as a
 * recommendation, so a fresh HPA does not scale down within its first stabilization window.
 */
export function initialHpaState(currentReplicas: number, nowSec: number): HpaBehaviorState {
  return { recommendations: [{ replicas: currentReplicas, atSec: nowSec }], scaleUpEvents: [], scaleDownEvents: [] };
}

export interface Recommendation {
  currentReplicas: number;
  /** the replica calculator's answer */
  desiredReplicas: number;
}

export interface NormalizeResult {
  desiredReplicas: number;
  /** after stabilization, before the rate policies and min/max */
  stabilizedReplicas: number;
  /** whether a policy or min/max changed the stabilized recommendation */
  limit: RateLimitReason;
  /** the recommendation recorded, and the rescale recorded when desired differs from current */
  state: HpaBehaviorState;
}

export function normalizeWithBehavior(
  state: HpaBehaviorState,
  recommendation: Recommendation,
  nowSec: number,
  spec: BehaviorSpec,
): NormalizeResult {
  const { currentReplicas } = recommendation;
  const stabilized = stabilizeRecommendation(state.recommendations, recommendation, nowSec, spec);
  const { replicas, limit } = limitScaleRate(
    { currentReplicas, desiredReplicas: stabilized.replicas },
    state,
    nowSec,
    spec,
  );
  let next: HpaBehaviorState = { ...state, recommendations: stabilized.recommendations };
  if (replicas !== currentReplicas) next = recordScaleEvent(next, currentReplicas, replicas, nowSec, spec);
  return { desiredReplicas: replicas, stabilizedReplicas: stabilized.replicas, limit, state: next };
}

/**
 * stabilizeRecommendationWithBehaviors: returns the stabilized replicas and the history with the
 * new (unstabilized) recommendation recorded; it takes the slot of one recommendation older than
 * both windows when there is one, as the controller does, so the history stays short.
 */
export function stabilizeRecommendation(
  history: readonly TimestampedRecommendation[],
  recommendation: Recommendation,
  nowSec: number,
  spec: Pick<BehaviorSpec, 'scaleUp' | 'scaleDown'>,
): { replicas: number; recommendations: TimestampedRecommendation[] } {
  const { currentReplicas, desiredReplicas } = recommendation;
  const upCutoff = nowSec - spec.scaleUp.stabilizationWindowSec;
  const downCutoff = nowSec - spec.scaleDown.stabilizationWindowSec;
  let upLimit = desiredReplicas;
  let downLimit = desiredReplicas;
  let oldIndex = -1;
  history.forEach((rec, i) => {
    if (rec.atSec > upCutoff) upLimit = Math.min(upLimit, rec.replicas);
    if (rec.atSec > downCutoff) downLimit = Math.max(downLimit, rec.replicas);
    if (rec.atSec < upCutoff && rec.atSec < downCutoff) oldIndex = i;
  });
  let replicas = currentReplicas;
  if (replicas < upLimit) replicas = upLimit;
  if (replicas > downLimit) replicas = downLimit;

  const recommendations = history.slice();
  const entry = { replicas: desiredReplicas, atSec: nowSec };
  if (oldIndex >= 0) recommendations[oldIndex] = entry;
  else recommendations.push(entry);
  return { replicas, recommendations };
}

/** convertDesiredReplicasWithBehaviorRate: the policies' rate limit and min/max. */
export function limitScaleRate(
  recommendation: Recommendation,
  events: Pick<HpaBehaviorState, 'scaleUpEvents' | 'scaleDownEvents'>,
  nowSec: number,
  spec: BehaviorSpec,
): { replicas: number; limit: RateLimitReason } {
  const { currentReplicas, desiredReplicas } = recommendation;
  if (desiredReplicas > currentReplicas) {
    // Recent scale-ups can leave the policy's allowance below the current count: then hold.
    const rateLimit = Math.max(currentReplicas, scaleUpLimit(currentReplicas, events, nowSec, spec.scaleUp));
    const byRate = spec.maxReplicas > rateLimit;
    const maxAllowed = byRate ? rateLimit : spec.maxReplicas;
    if (desiredReplicas > maxAllowed) return { replicas: maxAllowed, limit: byRate ? 'ScaleUpLimit' : 'TooManyReplicas' };
  } else if (desiredReplicas < currentReplicas) {
    const rateLimit = Math.min(currentReplicas, scaleDownLimit(currentReplicas, events, nowSec, spec.scaleDown));
    const byRate = spec.minReplicas < rateLimit;
    const minAllowed = byRate ? rateLimit : spec.minReplicas;
    if (desiredReplicas < minAllowed) return { replicas: minAllowed, limit: byRate ? 'ScaleDownLimit' : 'TooFewReplicas' };
  }
  return { replicas: desiredReplicas, limit: 'DesiredWithinRange' };
}

/** calculateScaleUpLimitWithScalingRules: the most replicas the scale-up policies allow now. */
export function scaleUpLimit(
  currentReplicas: number,
  events: Pick<HpaBehaviorState, 'scaleUpEvents' | 'scaleDownEvents'>,
  nowSec: number,
  rules: ScalingRules,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? Infinity : -Infinity;
  for (const policy of rules.policies) {
    const start = periodStartReplicas(currentReplicas, events, nowSec, policy.periodSec);
    const proposed =
      policy.type === 'Pods'
        ? start + policy.value
        : // rounded up, or a small percentage of a few pods would never add one
          Math.ceil(start * (1 + policy.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors: the fewest replicas the scale-down policies allow now. */
export function scaleDownLimit(
  currentReplicas: number,
  events: Pick<HpaBehaviorState, 'scaleUpEvents' | 'scaleDownEvents'>,
  nowSec: number,
  rules: ScalingRules,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  // For scale-down the smallest change is the highest floor.
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? -Infinity : Infinity;
  for (const policy of rules.policies) {
    const start = periodStartReplicas(currentReplicas, events, nowSec, policy.periodSec);
    const proposed = policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

function periodStartReplicas(
  currentReplicas: number,
  events: Pick<HpaBehaviorState, 'scaleUpEvents' | 'scaleDownEvents'>,
  nowSec: number,
  periodSec: number,
): number {
  return (
    currentReplicas -
    replicasChangedWithin(periodSec, events.scaleUpEvents, nowSec) +
    replicasChangedWithin(periodSec, events.scaleDownEvents, nowSec)
  );
}

/** getReplicasChangePerPeriod: pods added (or removed) by events strictly within the last period. */
export function replicasChangedWithin(periodSec: number, events: readonly ScaleEvent[], nowSec: number): number {
  const cutoff = nowSec - periodSec;
  let sum = 0;
  for (const e of events) if (e.atSec > cutoff) sum += e.change;
  return sum;
}

/**
 * storeScaleEvent: remember a rescale from prev to next. Events older than the direction's
 * longest policy period are marked outdated, and the new event takes the slot of the last one.
 */
export function recordScaleEvent(
  state: HpaBehaviorState,
  prevReplicas: number,
  nextReplicas: number,
  nowSec: number,
  spec: Pick<BehaviorSpec, 'scaleUp' | 'scaleDown'>,
): HpaBehaviorState {
  if (nextReplicas === prevReplicas) return state;
  const up = nextReplicas > prevReplicas;
  const rules = up ? spec.scaleUp : spec.scaleDown;
  const cutoff = nowSec - longestPolicyPeriodSec(rules);
  const events = (up ? state.scaleUpEvents : state.scaleDownEvents).map((e) =>
    e.atSec < cutoff ? { ...e, outdated: true } : e,
  );
  let reuse = -1;
  events.forEach((e, i) => {
    if (e.outdated) reuse = i;
  });
  const entry: ScaleEvent = { change: Math.abs(nextReplicas - prevReplicas), atSec: nowSec, outdated: false };
  if (reuse >= 0) events[reuse] = entry;
  else events.push(entry);
  return up ? { ...state, scaleUpEvents: events } : { ...state, scaleDownEvents: events };
}

export function longestPolicyPeriodSec(rules: ScalingRules): number {
  let longest = 0;
  for (const p of rules.policies) longest = Math.max(longest, p.periodSec);
  return longest;
}
