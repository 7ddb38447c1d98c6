/**
 * The HPA controller's older path (an HPA without `behavior`), held to the controller's own tests
 * in pkg/controller/podautoscaler/horizontal_test.go: TestConvertDesiredReplicasWithRules,
 * TestNormalizeDesiredReplicas (a 5-minute downscale stabilization window), and the whole-sync
 * cases that give no scaling rules (TestScaleUp, TestScaleDown, TestScaleDownStabilizeInitialSize,
 * TestUpscaleCap, TestUpscaleCapGreaterThanMaxReplicas); then properties for any history.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultBehavior, emptyHpaState, initialHpaState } from '../../../src/decisions/hpa/behavior.ts';
import { reconcileHpa } from '../../../src/decisions/hpa/controller.ts';
import {
  convertDesiredReplicasWithRules,
  legacyScaleUpLimit,
  normalizeDesiredReplicas,
  stabilizeRecommendation,
} from '../../../src/decisions/hpa/legacy.ts';
import { calculateReplicas } from '../../../src/decisions/hpa/replica-calculator.ts';
import type { HpaBehaviorState, HpaPod, HpaSyncSpec } from '../../../src/decisions/hpa/types.ts';

const legacy = (min: number, max: number): HpaSyncSpec => ({ minReplicas: min, maxReplicas: max, ...defaultBehavior(), behaviorGiven: false });

describe('TestConvertDesiredReplicasWithRules', () => {
  // The upstream table once had a row "1 is minLimit because hpaMinReplicas < 1" (current 1,
  // desired 0, min 0 -> 1); since scale-to-zero (HPAScaleToZero) the controller takes minReplicas
  // as given and the row is gone, so it is not transcribed.
  it.each([
    // current, desired, min, max, want, condition
    [5, 7, 3, 8, 7, 'DesiredWithinRange'], // prenormalized desired replicas within range
    [3, 1, 2, 8, 2, 'TooFewReplicas'], // prenormalized desired replicas < minReplicas
    [20, 1000, 1, 10, 10, 'TooManyReplicas'], // maxReplicas is the limit because maxReplicas < scaleUpLimit (40)
    [3, 1000, 1, 2000, legacyScaleUpLimit(3), 'ScaleUpLimit'], // scaleUpLimit is the limit because scaleUpLimit < maxReplicas
  ] as const)('current %d, desired %d, min %d, max %d -> %d (%s)', (current, desired, min, max, want, condition) => {
    expect(convertDesiredReplicasWithRules(current, desired, min, max)).toEqual({ replicas: want, limit: condition });
  });

  it('the scale-up limit is max(2 × current, 4): 3 -> 6, 1 -> 4, 2 -> 4, 100 -> 200', () => {
    expect([3, 1, 2, 100].map(legacyScaleUpLimit)).toEqual([6, 4, 4, 200]);
  });
});

describe('TestNormalizeDesiredReplicas (stabilizeRecommendation, window 5 min)', () => {
  const min = 60;
  it.each([
    // name, recommendations [replicas, seconds ago], prenormalized, want stabilized, want log length
    ['empty log', [], 5, 5, 1],
    ['stabilize', [[4, 2 * min], [5, 1 * min]], 3, 5, 3],
    ['no stabilize', [[1, 2 * min], [2, 1 * min]], 3, 3, 3],
    // both are older than the window: the newer old one's slot is reused
    ['no stabilize - old recommendations', [[10, 10 * min], [9, 9 * min]], 3, 3, 2],
    ['stabilize - old recommendations', [[10, 10 * min], [4, 1 * min], [5, 2 * min], [9, 9 * min]], 3, 5, 4],
  ] as [string, [number, number][], number, number, number][])('%s', (_name, recs, desired, want, logLength) => {
    const history = recs.map(([replicas, ago]) => ({ replicas, atSec: -ago }));
    const got = stabilizeRecommendation(history, desired, 0, 5 * min);
    expect(got.replicas).toBe(want);
    expect(got.recommendations).toHaveLength(logLength);
    expect(got.recommendations).toContainEqual({ replicas: desired, atSec: 0 });
    // the history given is not changed: the caller keeps the new one
    expect(history).toHaveLength(recs.length);
  });

  it('a recommendation exactly at the window start still counts (rec.timestamp.Before(cutoff) is old)', () => {
    expect(stabilizeRecommendation([{ replicas: 9, atSec: -300 }], 2, 0, 300).replicas).toBe(9);
    expect(stabilizeRecommendation([{ replicas: 9, atSec: -300.5 }], 2, 0, 300).replicas).toBe(2);
  });
});

/** Ready pods with a sample each, as horizontal_test.go's reportedLevels and reportedCPURequests. */
function pods(levelsMilli: number[], requestMilli: number): HpaPod[] {
  return levelsMilli.map((use, i) => ({
    name: `test-pod-${i}`,
    phase: 'Running',
    ready: true,
    deleting: false,
    startedAgoSec: 3600,
    readySinceAgoSec: 3600,
    cpuRequestMilli: requestMilli,
    cpuUsageMilli: use,
  }));
}

/** One whole sync as reconcileAutoscaler runs it: the calculator, then the older path. */
function sync(c: { min: number; max: number; replicas: number; target: number; levels: number[]; requestMilli: number; state: HpaBehaviorState }) {
  const calc = calculateReplicas({ currentReplicas: c.replicas, targetUtilization: c.target, pods: pods(c.levels, c.requestMilli) });
  return reconcileHpa(c.state, { currentReplicas: c.replicas, recommendation: calc.desiredReplicas }, 0, legacy(c.min, c.max));
}

describe('whole syncs without behavior (horizontal_test.go cases with no scaling rules)', () => {
  it('TestScaleUp: 3 pods at 300m, 500m, 700m of 1 cpu, target 30% -> 5', () => {
    // utilization 1500 / 3000 = 50%; ceil(50 / 30 × 3) = 5, under max(2·3, 4) = 6 and max 6
    const r = sync({ min: 2, max: 6, replicas: 3, target: 30, levels: [300, 500, 700], requestMilli: 1000, state: emptyHpaState() });
    expect(r).toMatchObject({ desiredReplicas: 5, reason: 'DesiredWithinRange' });
  });

  it('TestScaleDown: 5 pods at 28% of a 50% target, no recommendations remembered -> 3', () => {
    // 1400 / 5000 = 28%; ceil(28 / 50 × 5) = ceil(2.8) = 3
    const r = sync({ min: 2, max: 6, replicas: 5, target: 50, levels: [100, 300, 500, 250, 250], requestMilli: 1000, state: emptyHpaState() });
    expect(r).toMatchObject({ desiredReplicas: 3, reason: 'DesiredWithinRange' });
  });

  it('TestScaleDownStabilizeInitialSize: a first sync remembers the current size, so it stays at 5', () => {
    // recordInitialRecommendation(5, now), then the highest of {5, 3} within 5 minutes: 5
    const r = sync({ min: 2, max: 6, replicas: 5, target: 50, levels: [100, 300, 500, 250, 250], requestMilli: 1000, state: initialHpaState(5, 0) });
    expect(r).toMatchObject({ desiredReplicas: 5, reason: 'ScaleDownStabilized' });
  });

  // horizontal_test.go raises scaleUpLimitFactor to 8 in init() "so we don't accidentally run into
  // it", which makes TestUpscaleCap expect 3 × 8 = 24; with the factor the controller ships, 2,
  // the same sync is capped at max(2 × 3, 4) = 6.
  it('TestUpscaleCap: 3 pods at 200% of a 10% target -> capped at max(2 × 3, 4) = 6 (ScaleUpLimit)', () => {
    // utilization 600 / 300 = 200%; ceil(200 / 10 × 3) = 60
    const r = sync({ min: 1, max: 100, replicas: 3, target: 10, levels: [100, 200, 300], requestMilli: 100, state: emptyHpaState() });
    expect(r).toMatchObject({ desiredReplicas: 6, reason: 'ScaleUpLimit' });
  });

  it('TestUpscaleCapGreaterThanMaxReplicas: when maxReplicas is below the cap, max wins (TooManyReplicas)', () => {
    // upstream max 20 under its raised cap 24; here max 5 under the cap 6
    const r = sync({ min: 1, max: 5, replicas: 3, target: 10, levels: [100, 200, 300], requestMilli: 100, state: emptyHpaState() });
    expect(r).toMatchObject({ desiredReplicas: 5, reason: 'TooManyReplicas' });
  });
});

describe('normalizeDesiredReplicas and one sync without behavior', () => {
  it('3 -> 1000 is capped at 6 without behavior, 7 with the v2 defaults', () => {
    const r = { currentReplicas: 3, recommendation: 1000 };
    expect(reconcileHpa(emptyHpaState(), r, 0, legacy(1, 2000))).toMatchObject({ desiredReplicas: 6, reason: 'ScaleUpLimit' });
    // autoscaling/v2 defaults: max(3 + 100%, 3 + 4 pods) = 7
    expect(reconcileHpa(emptyHpaState(), r, 0, { ...legacy(1, 2000), behaviorGiven: true }).desiredReplicas).toBe(7);
  });

  it('lifts the replicas above current when a recent recommendation was higher', () => {
    const state = { ...emptyHpaState(), recommendations: [{ replicas: 8, atSec: -60 }] };
    const got = normalizeDesiredReplicas(state, { currentReplicas: 5, desiredReplicas: 3 }, 0, { minReplicas: 1, maxReplicas: 20, downscaleStabilizationSec: 300 });
    expect(got).toMatchObject({ desiredReplicas: 8, stabilizedReplicas: 8, limit: 'DesiredWithinRange' });
    const sync = reconcileHpa(state, { currentReplicas: 5, recommendation: 3 }, 0, legacy(1, 20));
    expect(sync).toMatchObject({ desiredReplicas: 8, reason: 'ScaleDownStabilized' });
    // autoscaling/v2 starts from the current replicas and only holds a scale-down back: 5
    expect(reconcileHpa(state, { currentReplicas: 5, recommendation: 3 }, 0, { ...legacy(1, 20), behaviorGiven: true }).desiredReplicas).toBe(5);
  });

  it('reads the downscale window from scaleDown.stabilizationWindowSec (the controller flag)', () => {
    const state = { ...emptyHpaState(), recommendations: [{ replicas: 8, atSec: -60 }] };
    const spec = legacy(1, 20);
    spec.scaleDown.stabilizationWindowSec = 30;
    expect(reconcileHpa(state, { currentReplicas: 5, recommendation: 3 }, 0, spec).desiredReplicas).toBe(3);
  });

  it('remembers recommendations but no rescales', () => {
    const first = reconcileHpa(initialHpaState(4, 0), { currentReplicas: 4, recommendation: 10 }, 15, legacy(1, 100));
    expect(first.desiredReplicas).toBe(8);
    expect(first.state.recommendations).toEqual([
      { replicas: 4, atSec: 0 },
      { replicas: 10, atSec: 15 },
    ]);
    expect(first.state.scaleUpEvents).toEqual([]);
    // a current below min is raised straight to min, and still nothing is remembered of it
    const guarded = reconcileHpa(emptyHpaState(), { currentReplicas: 1, recommendation: null }, 0, legacy(3, 10));
    expect(guarded).toMatchObject({ desiredReplicas: 3, reason: 'BelowMinReplicas' });
    expect(guarded.state.scaleUpEvents).toEqual([]);
  });

  it('a burst from 3 doubles each sync: 6, 12, 24, 48 (the v2 defaults: 7, 14, 28, 56)', () => {
    const run = (behaviorGiven: boolean) => {
      let state = initialHpaState(3, 0);
      let current = 3;
      const out: number[] = [];
      for (let i = 1; i <= 4; i++) {
        const r = reconcileHpa(state, { currentReplicas: current, recommendation: 1000 }, 15 * i, { ...legacy(1, 2000), behaviorGiven });
        state = r.state;
        current = r.desiredReplicas;
        out.push(current);
      }
      return out;
    };
    expect(run(false)).toEqual([6, 12, 24, 48]);
    expect(run(true)).toEqual([7, 14, 28, 56]);
  });
});

describe('properties of the older path, for any history', () => {
  const arb = fc.record({
    min: fc.integer({ min: 0, max: 10 }),
    span: fc.integer({ min: 0, max: 200 }),
    current: fc.integer({ min: 1, max: 100 }),
    recommendation: fc.integer({ min: 0, max: 1000 }),
    windowSec: fc.constantFrom(0, 60, 300, 900),
    recommendations: fc.array(fc.record({ replicas: fc.integer({ min: 0, max: 300 }), atSec: fc.integer({ min: -1200, max: 0 }) }), { maxLength: 10 }),
  });

  it('answers within [min, min(max, max(2 × current, 4))] and never below the window\'s highest recommendation so bounded', () => {
    fc.assert(
      fc.property(arb, ({ min, span, current, recommendation, windowSec, recommendations }) => {
        const max = Math.max(1, min + span);
        if (current < min || current > max) return; // the guards answer those, without the path
        const spec = legacy(min, max);
        spec.scaleDown.stabilizationWindowSec = windowSec;
        const state = { ...emptyHpaState(), recommendations };
        const r = reconcileHpa(state, { currentReplicas: current, recommendation }, 0, spec);
        const upper = Math.min(max, Math.max(2 * current, 4));
        expect(r.desiredReplicas).toBeGreaterThanOrEqual(min);
        expect(r.desiredReplicas).toBeLessThanOrEqual(upper);
        const highest = Math.max(recommendation, ...recommendations.filter((x) => x.atSec >= -windowSec).map((x) => x.replicas));
        expect(r.desiredReplicas).toBeGreaterThanOrEqual(Math.min(upper, highest));
        expect(r.state.scaleUpEvents).toEqual([]);
        expect(r.state.scaleDownEvents).toEqual([]);
        // the history stays bounded: one slot of an old recommendation is reused, else one is added
        expect(r.state.recommendations.length).toBeLessThanOrEqual(recommendations.length + 1);
      }),
      { numRuns: 500 },
    );
  });
});
