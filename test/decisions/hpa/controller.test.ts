/**
 * One HPA sync (reconcileHpa) and runs of syncs every 15 s, against the documented
 * autoscaling/v2 behaviour: immediate scale-up at most doubling (or +4) per 15 s, scale-down only
 * to the highest recommendation of the last 5 minutes.
 */
import { describe, expect, it } from 'vitest';
import { defaultBehavior, emptyHpaState, initialHpaState } from '../../../src/decisions/hpa/behavior.ts';
import { reconcileHpa } from '../../../src/decisions/hpa/controller.ts';
import type { HpaBehaviorState, HpaSyncSpec } from '../../../src/decisions/hpa/types.ts';

const spec = (min: number, max: number, over: Partial<HpaSyncSpec> = {}): HpaSyncSpec => ({
  minReplicas: min,
  maxReplicas: max,
  ...defaultBehavior(),
  behaviorGiven: true,
  ...over,
});

/** Syncs every 15 s from t = 15 with the given recommendations; returns the replicas after each. */
function run(start: number, recommendations: number[], s: HpaSyncSpec, state: HpaBehaviorState = initialHpaState(start, 0)) {
  let current = start;
  const out: number[] = [];
  recommendations.forEach((rec, i) => {
    const r = reconcileHpa(state, { currentReplicas: current, recommendation: rec }, 15 * (i + 1), s);
    state = r.state;
    current = r.desiredReplicas;
    out.push(current);
  });
  return out;
}

describe('reconcileHpa guards', () => {
  it('leaves a target scaled to zero alone while minReplicas is above zero', () => {
    const r = reconcileHpa(emptyHpaState(), { currentReplicas: 0, recommendation: 7 }, 0, spec(1, 10));
    expect(r).toEqual({ desiredReplicas: 0, reason: 'ScalingDisabled', state: emptyHpaState() });
  });

  it('scales a target above maxReplicas straight to max, without the behaviour, remembering the rescale', () => {
    const r = reconcileHpa(emptyHpaState(), { currentReplicas: 15, recommendation: null }, 0, spec(1, 10));
    expect(r.desiredReplicas).toBe(10);
    expect(r.reason).toBe('AboveMaxReplicas');
    expect(r.state.scaleDownEvents).toEqual([{ change: 5, atSec: 0, outdated: false }]);
    expect(r.state.recommendations).toEqual([]);
  });

  it('scales a target below minReplicas straight to min', () => {
    const r = reconcileHpa(emptyHpaState(), { currentReplicas: 1, recommendation: 1 }, 0, spec(8, 10));
    expect(r.desiredReplicas).toBe(8);
    expect(r.reason).toBe('BelowMinReplicas');
    expect(r.state.scaleUpEvents).toEqual([{ change: 7, atSec: 0, outdated: false }]);
  });

  it('keeps the scale when the calculator gave no recommendation', () => {
    const r = reconcileHpa(emptyHpaState(), { currentReplicas: 4, recommendation: null }, 0, spec(1, 10));
    expect(r).toEqual({ desiredReplicas: 4, reason: 'FailedGetResourceMetric', state: emptyHpaState() });
  });

  it('says when stabilization held a scale-down back', () => {
    const state: HpaBehaviorState = { recommendations: [{ replicas: 9, atSec: -30 }], scaleUpEvents: [], scaleDownEvents: [] };
    const r = reconcileHpa(state, { currentReplicas: 9, recommendation: 3 }, 0, spec(1, 10));
    expect(r.desiredReplicas).toBe(9);
    expect(r.reason).toBe('ScaleDownStabilized');
  });
});

describe('runs of syncs with the default behaviour', () => {
  it('a burst: doubles every 15 s (or +4) until it reaches the recommendation', () => {
    // 4 → max(8, 8) = 8 → 16 → 32 → 40 (the rescale 15 s earlier is exactly one period old)
    expect(run(4, [40, 40, 40, 40, 40], spec(2, 100))).toEqual([8, 16, 32, 40, 40]);
  });

  it('a burst from 1 replica: +4 beats doubling at first', () => {
    // 1 → max(2, 5) = 5 → max(10, 9) = 10 → 20 → 30
    expect(run(1, [30, 30, 30, 30], spec(1, 100))).toEqual([5, 10, 20, 30]);
  });

  it('maxReplicas caps a burst', () => {
    expect(run(10, [500, 500, 500], spec(1, 35))).toEqual([20, 35, 35]);
  });

  it('a fresh HPA does not scale down within its first 5 minutes (its start counts as a recommendation of the current scale)', () => {
    // the start at t = 0 recommends 40; at t = 300 it is exactly 300 s old and drops out
    const out = run(40, Array(21).fill(10), spec(2, 100));
    expect(out.slice(0, 19)).toEqual(Array(19).fill(40)); // t = 15 .. 285
    expect(out[19]).toBe(10); // t = 300
    expect(out[20]).toBe(10);
  });

  it('after a peak, scale-down follows the highest recommendation of the last 5 minutes', () => {
    // t = 15: 20 (up), t = 30..: 12 for a while then 5. The 20 at t = 15 holds until t = 315.
    const recs = [20, ...Array(20).fill(12), ...Array(10).fill(5)];
    const out = run(10, recs, spec(1, 100));
    expect(out[0]).toBe(20);
    expect(out[19]).toBe(20); // t = 300: the 20 from t = 15 is 285 s old
    expect(out[20]).toBe(12); // t = 315: the 20 is exactly 300 s old, out; 12s remain
    expect(out[30]).toBe(12); // t = 465: recommendations are 5 now, but the 12 of t = 315 is 150 s old
  });

  it('a slower scale-down policy: at most 10% per minute', () => {
    const slow = spec(1, 100, { scaleDown: { stabilizationWindowSec: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 10, periodSec: 60 }] } });
    // t = 15: 50 → trunc(50·0.9) = 45. t = 30..60: the period starts from 45 + 5 = 50 → 45 again.
    // t = 75: the rescale at 15 is exactly 60 s old, out of the period: trunc(45·0.9) = 40
    const out = run(50, Array(6).fill(1), slow, emptyHpaState());
    expect(out).toEqual([45, 45, 45, 45, 40, 40]);
  });

  it('a scale-up stabilization window waits for the lowest recommendation of the window', () => {
    const cautious = spec(1, 100, { scaleUp: { ...defaultBehavior().scaleUp, stabilizationWindowSec: 60 } });
    // recommendations 8 from t = 15: the start (4 at t = 0) holds until t = 60 leaves it out
    expect(run(4, [8, 8, 8, 8, 8], cautious)).toEqual([4, 4, 4, 8, 8]);
  });
});
