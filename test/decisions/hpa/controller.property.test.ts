/**
 * Properties of a sync, with a behavior (any rules) or without (the controller's older path), for
 * any history: the answer stays within
 * [minReplicas, maxReplicas], and it moves with the load (a higher recommendation, or more cpu
 * usage, never gives fewer replicas).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcileHpa } from '../../../src/decisions/hpa/controller.ts';
import { calculateReplicas } from '../../../src/decisions/hpa/replica-calculator.ts';
import type { ScalingRules } from '../../../src/scenario/types.ts';
import type { HpaBehaviorState, HpaPod, HpaSyncSpec } from '../../../src/decisions/hpa/types.ts';

const rulesArb: fc.Arbitrary<ScalingRules> = fc.record({
  stabilizationWindowSec: fc.constantFrom(0, 15, 60, 300, 600),
  selectPolicy: fc.constantFrom<ScalingRules['selectPolicy']>('Max', 'Min', 'Disabled'),
  policies: fc.array(
    fc.record({
      type: fc.constantFrom<'Pods' | 'Percent'>('Pods', 'Percent'),
      value: fc.integer({ min: 1, max: 300 }),
      periodSec: fc.constantFrom(15, 30, 60, 120, 600),
    }),
    { maxLength: 3 },
  ),
});

const specArb: fc.Arbitrary<HpaSyncSpec> = fc
  .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 80 }), rulesArb, rulesArb, fc.boolean())
  .map(([min, span, scaleUp, scaleDown, behaviorGiven]) => ({
    minReplicas: min,
    maxReplicas: Math.max(1, min + span),
    scaleUp,
    scaleDown,
    behaviorGiven,
  }));

const eventArb = fc.record({ change: fc.integer({ min: 1, max: 40 }), atSec: fc.integer({ min: -900, max: 0 }), outdated: fc.boolean() });

const stateArb: fc.Arbitrary<HpaBehaviorState> = fc.record({
  recommendations: fc.array(fc.record({ replicas: fc.integer({ min: 0, max: 120 }), atSec: fc.integer({ min: -900, max: 0 }) }), { maxLength: 8 }),
  scaleUpEvents: fc.array(eventArb, { maxLength: 4 }),
  scaleDownEvents: fc.array(eventArb, { maxLength: 4 }),
});

describe('reconcileHpa', () => {
  it('answers within [minReplicas, maxReplicas]', () => {
    fc.assert(
      fc.property(specArb, stateArb, fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 500 }), (spec, state, current, rec) => {
        const { desiredReplicas } = reconcileHpa(state, { currentReplicas: current, recommendation: rec }, 0, spec);
        expect(desiredReplicas).toBeGreaterThanOrEqual(spec.minReplicas);
        expect(desiredReplicas).toBeLessThanOrEqual(spec.maxReplicas);
      }),
      { numRuns: 500 },
    );
  });

  it('never answers fewer replicas for a higher recommendation', () => {
    fc.assert(
      fc.property(
        specArb,
        stateArb,
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 200 }),
        (spec, state, current, rec, more) => {
          const low = reconcileHpa(state, { currentReplicas: current, recommendation: rec }, 0, spec).desiredReplicas;
          const high = reconcileHpa(state, { currentReplicas: current, recommendation: rec + more }, 0, spec).desiredReplicas;
          expect(high).toBeGreaterThanOrEqual(low);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never answers fewer replicas for more cpu usage (calculator and behaviour together)', () => {
    // Ready pods with samples, as many as the current replicas (what the simulation feeds it).
    const arb = fc.record({
      spec: specArb,
      state: stateArb,
      target: fc.integer({ min: 10, max: 150 }),
      requestMilli: fc.integer({ min: 100, max: 2000 }),
      usages: fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 1, maxLength: 30 }),
      pick: fc.nat(),
      extra: fc.integer({ min: 1, max: 4000 }),
    });
    fc.assert(
      fc.property(arb, ({ spec, state, target, requestMilli, usages, pick, extra }) => {
        const pods = (u: number[]): HpaPod[] =>
          u.map((use, i) => ({
            name: `p${i}`,
            phase: 'Running',
            ready: true,
            deleting: false,
            startedAgoSec: 900,
            readySinceAgoSec: 870,
            cpuRequestMilli: requestMilli,
            cpuUsageMilli: use,
          }));
        const busier = usages.map((u, i) => (i === pick % usages.length ? u + extra : u));
        const answer = (u: number[]) => {
          const calc = calculateReplicas({ currentReplicas: u.length, targetUtilization: target, pods: pods(u) });
          return reconcileHpa(state, { currentReplicas: u.length, recommendation: calc.desiredReplicas }, 0, spec).desiredReplicas;
        };
        expect(answer(busier)).toBeGreaterThanOrEqual(answer(usages));
      }),
      { numRuns: 300 },
    );
  });
});
