/**
 * autoscaling/v2 behaviour held to Kubernetes' horizontal_test.go (TestScalingWithRules,
 * TestNormalizeDesiredReplicasWithBehavior, TestStoreScaleEvents) and to the documented
 * behaviour, with our own numbers. Now is t = 0; history lies at negative times.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultBehavior,
  defaultScaleDownRules,
  defaultScaleUpRules,
  emptyHpaState,
  limitScaleRate,
  normalizeWithBehavior,
  recordScaleEvent,
  scaleDownLimit,
  scaleUpLimit,
  stabilizeRecommendation,
} from '../../../src/decisions/hpa/behavior.ts';
import type { ScalingRules } from '../../../src/scenario/types.ts';
import type { BehaviorSpec, HpaBehaviorState, RateLimitReason, ScaleEvent } from '../../../src/decisions/hpa/types.ts';

/** Rules with a Pods and/or a Percent policy (0 leaves one out), as Kubernetes' generateScalingRules. */
function rules(
  o: { pods?: [number, number]; percent?: [number, number]; windowSec?: number; select?: ScalingRules['selectPolicy'] } = {},
): ScalingRules {
  const policies: ScalingRules['policies'] = [];
  if (o.pods) policies.push({ type: 'Pods', value: o.pods[0], periodSec: o.pods[1] });
  if (o.percent) policies.push({ type: 'Percent', value: o.percent[0], periodSec: o.percent[1] });
  return { stabilizationWindowSec: o.windowSec ?? 0, selectPolicy: o.select ?? 'Max', policies };
}

function spec(min: number, max: number, scaleUp = defaultScaleUpRules(), scaleDown = defaultScaleDownRules()): BehaviorSpec {
  return { minReplicas: min, maxReplicas: max, scaleUp, scaleDown };
}

function events(...e: [change: number, atSec: number][]): ScaleEvent[] {
  return e.map(([change, atSec]) => ({ change, atSec, outdated: false }));
}

describe('defaultBehavior', () => {
  it('is Kubernetes’ default: up at once by 100% or 4 pods per 15 s; down after 300 s by up to 100% per 15 s', () => {
    expect(defaultBehavior()).toEqual({
      scaleUp: {
        stabilizationWindowSec: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Percent', value: 100, periodSec: 15 },
          { type: 'Pods', value: 4, periodSec: 15 },
        ],
      },
      scaleDown: { stabilizationWindowSec: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSec: 15 }] },
    });
  });
});

interface RateCase {
  name: string;
  current: number;
  desired: number;
  spec: BehaviorSpec;
  up?: ScaleEvent[];
  down?: ScaleEvent[];
  want: number;
  reason: RateLimitReason;
}

const rateCases: RateCase[] = [
  { name: 'within range', current: 6, desired: 8, spec: spec(2, 10), want: 8, reason: 'DesiredWithinRange' },
  // default down: trunc(4·(1-1)) = 0 allowed, min 3 is higher
  { name: 'below minReplicas', current: 4, desired: 1, spec: spec(3, 10), want: 3, reason: 'TooFewReplicas' },
  { name: 'down to zero when minReplicas is 0', current: 1, desired: 0, spec: spec(0, 10), want: 0, reason: 'DesiredWithinRange' },
  // default up allows max(ceil(30·2), 30+4) = 60; max 12 is lower
  { name: 'above maxReplicas', current: 30, desired: 900, spec: spec(1, 12), want: 12, reason: 'TooManyReplicas' },
  // max 150 is above the rate limit? 100 → max(200, 104) = 200; 150 < 200 → max wins
  { name: 'maxReplicas below the rate limit', current: 100, desired: 1000, spec: spec(100, 150), want: 150, reason: 'TooManyReplicas' },
  // default up: max(ceil(8·2) = 16, 8+4 = 12) = 16
  { name: 'default scale-up doubles', current: 8, desired: 40, spec: spec(1, 1000), want: 16, reason: 'ScaleUpLimit' },
  // default up: max(ceil(1·2) = 2, 1+4 = 5) = 5
  { name: 'default scale-up adds 4 pods to a small workload', current: 1, desired: 40, spec: spec(1, 1000), want: 5, reason: 'ScaleUpLimit' },
  // 1% of 3 rounds up: ceil(3·1.01) = ceil(3.03) = 4
  { name: 'a small percentage still adds a pod', current: 3, desired: 1000, spec: spec(1, 2000, rules({ percent: [1, 60] })), want: 4, reason: 'ScaleUpLimit' },
  // 50 · (1 + 10/100) is 55.00000000000001 in floating point: the controller rounds that up to 56
  { name: 'the percentage is computed in floating point, as the controller does', current: 50, desired: 500, spec: spec(1, 1000, rules({ percent: [10, 60] })), want: 56, reason: 'ScaleUpLimit' },
  // max(20+50, ceil(20·2)) = max(70, 40) = 70
  { name: 'Max: the Pods policy allows more', current: 20, desired: 500, spec: spec(1, 1000, rules({ pods: [50, 60], percent: [100, 60] })), want: 70, reason: 'ScaleUpLimit' },
  // max(20+3, 40) = 40
  { name: 'Max: the Percent policy allows more', current: 20, desired: 500, spec: spec(1, 1000, rules({ pods: [3, 60], percent: [100, 60] })), want: 40, reason: 'ScaleUpLimit' },
  // min(20+3, 40) = 23
  { name: 'Min: the smaller increase wins', current: 20, desired: 500, spec: spec(1, 1000, rules({ pods: [3, 60], percent: [100, 60], select: 'Min' })), want: 23, reason: 'ScaleUpLimit' },
  // Kubernetes' TestCalculateScaleUpLimitWithScalingRules: min(1+2, ceil(1·1.5) = 2) = 2
  { name: 'Min on one replica', current: 1, desired: 10, spec: spec(1, 10, rules({ pods: [2, 60], percent: [50, 60], select: 'Min' })), want: 2, reason: 'ScaleUpLimit' },
  { name: 'Disabled: no scale-up', current: 5, desired: 50, spec: spec(1, 100, rules({ pods: [4, 15], select: 'Disabled' })), want: 5, reason: 'ScaleUpLimit' },
  { name: 'a large Pods policy does not limit', current: 10, desired: 50, spec: spec(1, 1000, rules({ pods: [100, 60] })), want: 50, reason: 'DesiredWithinRange' },
  { name: 'a Pods policy limits', current: 10, desired: 50, spec: spec(1, 1000, rules({ pods: [30, 60] })), want: 40, reason: 'ScaleUpLimit' },
  // ceil(10·3) = 30
  { name: 'a Percent policy limits', current: 10, desired: 50, spec: spec(1, 1000, rules({ percent: [200, 60] })), want: 30, reason: 'ScaleUpLimit' },
  // down, Max = biggest change: min(100-20, trunc(100·0.99)) = min(80, 99) = 80
  { name: 'scale-down Max: the Pods policy removes more', current: 100, desired: 2, spec: spec(1, 1000, undefined, rules({ pods: [20, 60], percent: [1, 60], windowSec: 300 })), want: 80, reason: 'ScaleDownLimit' },
  // min(98, 99) = 98
  { name: 'scale-down Max: the Percent policy removes more', current: 100, desired: 2, spec: spec(1, 1000, undefined, rules({ pods: [2, 60], percent: [1, 60], windowSec: 300 })), want: 98, reason: 'ScaleDownLimit' },
  // Kubernetes' TestCalculateScaleDownLimitWithBehaviors: Min → max(5-2, trunc(5·0.5)) = max(3, 2) = 3
  { name: 'scale-down Min: the smaller decrease wins', current: 5, desired: 1, spec: spec(1, 10, undefined, rules({ pods: [2, 60], percent: [50, 60], select: 'Min' })), want: 3, reason: 'ScaleDownLimit' },
  { name: 'scale-down Disabled', current: 5, desired: 1, spec: spec(1, 10, undefined, rules({ percent: [100, 15], select: 'Disabled' })), want: 5, reason: 'ScaleDownLimit' },
  { name: 'scale-down: a large Pods policy stops at minReplicas', current: 10, desired: 0, spec: spec(1, 1000, undefined, rules({ pods: [100, 60] })), want: 1, reason: 'TooFewReplicas' },
  // trunc(10·0) = 0 < min 5
  { name: 'scale-down: 100% stops at minReplicas', current: 10, desired: 2, spec: spec(5, 1000, undefined, rules({ percent: [100, 60] })), want: 5, reason: 'TooFewReplicas' },
  { name: 'scale-down: a Pods policy limits', current: 10, desired: 2, spec: spec(1, 1000, undefined, rules({ pods: [5, 60] })), want: 5, reason: 'ScaleDownLimit' },
  // trunc(10·0.5) = 5 = desired
  { name: 'scale-down: a Percent policy exactly met', current: 10, desired: 5, spec: spec(1, 1000, undefined, rules({ percent: [50, 60] })), want: 5, reason: 'DesiredWithinRange' },
  // 10 · (1 - 90/100) is 0.9999999999999998: truncated to 0, so 90% of 10 may remove all 10
  { name: 'scale-down percentage truncated in floating point', current: 10, desired: 0, spec: spec(0, 1000, undefined, rules({ percent: [90, 60] })), want: 0, reason: 'DesiredWithinRange' },

  // ---- with earlier rescales (events within the period move the period's starting point) ----
  // +2 at -90, +4 at -50, +6 at -10: 12 added within 120 s → start 100-12 = 88 → 88+150 = 238
  { name: 'Pods policy after earlier scale-ups', current: 100, desired: 500, spec: spec(1, 1000, rules({ pods: [150, 120] })), up: events([2, -90], [4, -50], [6, -10]), want: 238, reason: 'ScaleUpLimit' },
  // ceil(88·3) = 264
  { name: 'Percent policy after earlier scale-ups', current: 100, desired: 500, spec: spec(1, 1000, rules({ percent: [200, 120] })), up: events([2, -90], [4, -50], [6, -10]), want: 264, reason: 'ScaleUpLimit' },
  // 88+5 = 93 < 100 current: hold at 100
  { name: 'earlier scale-ups used the allowance: hold', current: 100, desired: 500, spec: spec(1, 1000, rules({ pods: [5, 120] })), up: events([2, -90], [4, -50], [6, -10]), want: 100, reason: 'ScaleUpLimit' },
  // within 60 s: +4, +6 → start 90 → 390 > max 200
  { name: 'maxReplicas after earlier scale-ups', current: 100, desired: 500, spec: spec(1, 200, rules({ pods: [300, 60] })), up: events([2, -90], [4, -50], [6, -10]), want: 200, reason: 'TooManyReplicas' },
  // an event exactly one period old no longer counts: only +6 → start 94 → 94+10 = 104
  { name: 'an event exactly one period old is out of the period', current: 100, desired: 500, spec: spec(1, 1000, rules({ pods: [10, 50] })), up: events([2, -90], [4, -50], [6, -10]), want: 104, reason: 'ScaleUpLimit' },
  // scale-downs within the period raise the start: 10 + 4 = 14 → max(28, 18) = 28
  { name: 'a recent scale-down widens the scale-up allowance', current: 10, desired: 100, spec: spec(1, 1000), down: events([4, -10]), want: 28, reason: 'ScaleUpLimit' },
  // -2, -4, -6 within 120 s → start 112 → trunc(112·0.5) = 56
  { name: 'Percent scale-down after earlier scale-downs', current: 100, desired: 0, spec: spec(1, 1000, undefined, rules({ percent: [50, 120] })), down: events([2, -90], [4, -50], [6, -10]), want: 56, reason: 'ScaleDownLimit' },
  // start 112 → 107 > 100: hold
  { name: 'earlier scale-downs used the allowance: hold', current: 100, desired: 2, spec: spec(1, 1000, undefined, rules({ pods: [5, 120] })), down: events([2, -90], [4, -50], [6, -10]), want: 100, reason: 'ScaleDownLimit' },
  // 3×10 removed → start 130 → trunc(117) > 100: hold
  { name: 'earlier scale-downs leave a percentage above current: hold', current: 100, desired: 0, spec: spec(1, 1000, undefined, rules({ percent: [10, 120] })), down: events([10, -90], [10, -50], [10, -10]), want: 100, reason: 'ScaleDownLimit' },
  // start 40 → trunc(40·(1-10)) = -360 → the desired 5 is allowed
  { name: 'a policy above 100% allows any scale-down', current: 10, desired: 5, spec: spec(1, 1000, undefined, rules({ percent: [1000, 120] })), down: events([10, -90], [10, -50], [10, -10]), want: 5, reason: 'DesiredWithinRange' },
];

describe('limitScaleRate', () => {
  it.each(rateCases)('$name', ({ current, desired, spec: s, up = [], down = [], want, reason }) => {
    expect(limitScaleRate({ currentReplicas: current, desiredReplicas: desired }, { scaleUpEvents: up, scaleDownEvents: down }, 0, s)).toEqual({
      replicas: want,
      limit: reason,
    });
  });

  it('a rule set with no policies allows no change', () => {
    const none = rules();
    expect(scaleUpLimit(5, emptyHpaState(), 0, none)).toBe(-Infinity);
    expect(limitScaleRate({ currentReplicas: 5, desiredReplicas: 9 }, emptyHpaState(), 0, spec(1, 10, none, none)).replicas).toBe(5);
    expect(scaleDownLimit(5, emptyHpaState(), 0, none)).toBe(Infinity);
    expect(limitScaleRate({ currentReplicas: 5, desiredReplicas: 2 }, emptyHpaState(), 0, spec(1, 10, none, none)).replicas).toBe(5);
  });
});

interface StabilizeCase {
  name: string;
  history: [replicas: number, atSec: number][];
  current: number;
  desired: number;
  upSec: number;
  downSec: number;
  want: number;
  stored: number[];
}

const stabilizeCases: StabilizeCase[] = [
  { name: 'no history: scale down at once', history: [], current: 50, desired: 4, upSec: 0, downSec: 300, want: 4, stored: [4] },
  // highest of {3, 6, 7} within 180 s = 7
  { name: 'scale-down holds at the highest recommendation of the window', history: [[6, -120], [7, -60]], current: 50, desired: 3, upSec: 0, downSec: 180, want: 7, stored: [6, 7, 3] },
  // lowest of {9, 6, 7} within 300 s = 6
  { name: 'scale-up holds at the lowest recommendation of the window', history: [[6, -120], [7, -60]], current: 2, desired: 9, upSec: 300, downSec: 0, want: 6, stored: [6, 7, 9] },
  { name: 'no scale-down stabilization when the window holds lower ones', history: [[1, -120], [2, -60]], current: 50, desired: 3, upSec: 300, downSec: 300, want: 3, stored: [1, 2, 3] },
  { name: 'no scale-up stabilization when the window holds higher ones', history: [[6, -120], [7, -60]], current: 1, desired: 3, upSec: 0, downSec: 300, want: 3, stored: [6, 7, 3] },
  // the 7 at -60 is exactly one 60 s window old: out (and not yet old enough to give its slot,
  // which the 6 at -120 gives)
  { name: 'a recommendation exactly one window old no longer holds', history: [[6, -120], [7, -60]], current: 50, desired: 3, upSec: 0, downSec: 60, want: 3, stored: [3, 7] },
  // both older than both windows: the last of them (9) gives its slot
  { name: 'the last recommendation older than both windows gives its slot', history: [[12, -600], [9, -540]], current: 50, desired: 3, upSec: 0, downSec: 300, want: 3, stored: [12, 3] },
  // down window 180: 4 (-60) and 5 (-120) in it → 5; of the two old for both windows (12, 9) the
  // last, 9, gives its slot
  { name: 'scale-down stabilization, reusing an old slot', history: [[12, -600], [4, -60], [5, -120], [9, -540]], current: 100, desired: 3, upSec: 0, downSec: 180, want: 5, stored: [12, 4, 5, 3] },
  // up 300, down 300: lowest in window of {100, 6, 5, 9} is 5; only the -6000 one is old for both
  { name: 'scale-up stabilization, reusing the one slot old for both windows', history: [[10, -6000], [6, -60], [5, -120], [9, -180]], current: 1, desired: 100, upSec: 300, downSec: 300, want: 5, stored: [100, 6, 5, 9] },
];

describe('stabilizeRecommendation', () => {
  it.each(stabilizeCases)('$name', ({ history, current, desired, upSec, downSec, want, stored }) => {
    const r = stabilizeRecommendation(
      history.map(([replicas, atSec]) => ({ replicas, atSec })),
      { currentReplicas: current, desiredReplicas: desired },
      0,
      { scaleUp: rules({ windowSec: upSec }), scaleDown: rules({ windowSec: downSec }) },
    );
    expect(r.replicas).toBe(want);
    expect(r.recommendations.map((x) => x.replicas)).toEqual(stored);
  });
});

describe('recordScaleEvent', () => {
  const scaleUpOnly = (r: ScalingRules) => ({ scaleUp: r, scaleDown: r });
  const state = (up: ScaleEvent[]): HpaBehaviorState => ({ recommendations: [], scaleUpEvents: up, scaleDownEvents: [] });

  it('appends the first event', () => {
    const s = recordScaleEvent(state([]), 10, 15, 0, scaleUpOnly(rules({ pods: [10, 60], percent: [100, 60] })));
    expect(s.scaleUpEvents).toEqual([{ change: 5, atSec: 0, outdated: false }]);
  });

  it('reuses the slot of an event older than the longest period', () => {
    const s = recordScaleEvent(state(events([7, -61])), 10, 15, 0, scaleUpOnly(rules({ pods: [10, 60], percent: [100, 60] })));
    expect(s.scaleUpEvents).toEqual([{ change: 5, atSec: 0, outdated: false }]);
  });

  it('keeps an event within the period', () => {
    const s = recordScaleEvent(state(events([7, -58])), 10, 15, 0, scaleUpOnly(rules({ pods: [10, 60], percent: [100, 60] })));
    expect(s.scaleUpEvents.map((e) => e.change)).toEqual([7, 5]);
  });

  it('marks every old event outdated and reuses the last one (longest period 60 s of 60 s and 30 s)', () => {
    const before = state(events([8, -29], [6, -59], [7, -61], [9, -61]));
    const s = recordScaleEvent(before, 10, 15, 0, scaleUpOnly(rules({ pods: [10, 60], percent: [100, 30] })));
    expect(s.scaleUpEvents).toEqual([
      { change: 8, atSec: -29, outdated: false },
      { change: 6, atSec: -59, outdated: false },
      { change: 7, atSec: -61, outdated: true },
      { change: 5, atSec: 0, outdated: false },
    ]);
    // pure: the input is untouched
    expect(before.scaleUpEvents[2].outdated).toBe(false);
  });

  it('records a scale-down in the scale-down list', () => {
    const s = recordScaleEvent(emptyHpaState(), 10, 4, 0, defaultBehavior());
    expect(s.scaleDownEvents).toEqual([{ change: 6, atSec: 0, outdated: false }]);
    expect(s.scaleUpEvents).toEqual([]);
  });
});

describe('normalizeWithBehavior', () => {
  it('stabilizes, then limits the rate, and remembers both the recommendation and the rescale', () => {
    // current 60, recommendation 10: the 300 s window also holds 40 (at -100), so the
    // stabilized value is max(10, 40) = 40; the default down policy (100% per 15 s) allows it
    const state: HpaBehaviorState = { recommendations: [{ replicas: 40, atSec: -100 }], scaleUpEvents: [], scaleDownEvents: [] };
    const r = normalizeWithBehavior(state, { currentReplicas: 60, desiredReplicas: 10 }, 0, spec(1, 100));
    expect(r.stabilizedReplicas).toBe(40);
    expect(r.desiredReplicas).toBe(40);
    expect(r.limit).toBe('DesiredWithinRange');
    expect(r.state.recommendations).toEqual([
      { replicas: 40, atSec: -100 },
      { replicas: 10, atSec: 0 },
    ]);
    expect(r.state.scaleDownEvents).toEqual([{ change: 20, atSec: 0, outdated: false }]);
    expect(state.recommendations).toHaveLength(1);
  });

  it('records no event when nothing changes', () => {
    const r = normalizeWithBehavior(emptyHpaState(), { currentReplicas: 5, desiredReplicas: 5 }, 0, spec(1, 10));
    expect(r.desiredReplicas).toBe(5);
    expect(r.state.scaleUpEvents).toEqual([]);
    expect(r.state.scaleDownEvents).toEqual([]);
  });
});
