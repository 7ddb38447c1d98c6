/**
 * The HPA controller's older path (an HPA without `behavior`), held to the controller's own tests
 * in pkg/controller/podautoscaler/horizontal_test.go: TestConvertDesiredReplicasWithRules and
 * TestNormalizeDesiredReplicas (a 5-minute downscale stabilization window), then one whole sync.
 */
import { describe, expect, it } from 'vitest';
import { defaultBehavior, emptyHpaState, initialHpaState } from '../../../src/decisions/hpa/behavior.ts';
import { reconcileHpa } from '../../../src/decisions/hpa/controller.ts';
import {
  convertDesiredReplicasWithRules,
  legacyScaleUpLimit,
  normalizeDesiredReplicas,
  stabilizeRecommendation,
} from '../../../src/decisions/hpa/legacy.ts';
import type { BehaviorSpec } from '../../../src/decisions/hpa/types.ts';

describe('TestConvertDesiredReplicasWithRules', () => {
  it.each([
    // current, desired, min, max, want, condition
    [5, 7, 3, 8, 7, 'DesiredWithinRange'], // prenormalized desired replicas within range
    [3, 1, 2, 8, 2, 'TooFewReplicas'], // prenormalized desired replicas < minReplicas
    [20, 1000, 1, 10, 10, 'TooManyReplicas'], // maxReplicas is the limit because maxReplicas < scaleUpLimit (40)
    [3, 1000, 1, 2000, legacyScaleUpLimit(3), 'ScaleUpLimit'], // scaleUpLimit is the limit because scaleUpLimit < maxReplicas
  ] as const)('current %d, desired %d, min %d, max %d -> %d (%s)', (current, desired, min, max, want, condition) => {
    expect(convertDesiredReplicasWithRules(current, desired, min, max)).toEqual({ replicas: want, limit: condition });
  });

  it('the scale-up limit is max(2 × current, 4): 3 -> 6, 1 -> 4, 100 -> 200', () => {
    expect([legacyScaleUpLimit(3), legacyScaleUpLimit(1), legacyScaleUpLimit(100)]).toEqual([6, 4, 200]);
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
  });

  it('a recommendation exactly at the window start still counts', () => {
    expect(stabilizeRecommendation([{ replicas: 9, atSec: -300 }], 2, 0, 300).replicas).toBe(9);
    expect(stabilizeRecommendation([{ replicas: 9, atSec: -300.5 }], 2, 0, 300).replicas).toBe(2);
  });
});

describe('normalizeDesiredReplicas and one sync without behavior', () => {
  const legacy = (min: number, max: number): BehaviorSpec => ({ minReplicas: min, maxReplicas: max, ...defaultBehavior(), behaviorGiven: false });

  it('3 -> 1000 is capped at 6 without behavior, 7 with the v2 defaults', () => {
    const r = { currentReplicas: 3, recommendation: 1000 };
    expect(reconcileHpa(emptyHpaState(), r, 0, legacy(1, 2000))).toMatchObject({ desiredReplicas: 6, reason: 'ScaleUpLimit' });
    expect(reconcileHpa(emptyHpaState(), r, 0, { ...legacy(1, 2000), behaviorGiven: true }).desiredReplicas).toBe(7);
  });

  it('lifts the replicas above current when a recent recommendation was higher', () => {
    const state = { ...emptyHpaState(), recommendations: [{ replicas: 8, atSec: -60 }] };
    const got = normalizeDesiredReplicas(state, { currentReplicas: 5, desiredReplicas: 3 }, 0, { minReplicas: 1, maxReplicas: 20, downscaleStabilizationSec: 300 });
    expect(got).toMatchObject({ desiredReplicas: 8, stabilizedReplicas: 8, limit: 'DesiredWithinRange' });
    const sync = reconcileHpa(state, { currentReplicas: 5, recommendation: 3 }, 0, legacy(1, 20));
    expect(sync).toMatchObject({ desiredReplicas: 8, reason: 'ScaleDownStabilized' });
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
});
