/**
 * Properties of the replica calculator: the counts entry the simulation uses gives the per-pod
 * answer, and more usage never recommends fewer replicas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countPods } from '../../../src/decisions/hpa/pod-groups.ts';
import { calculateReplicas, calculateReplicasFromCounts } from '../../../src/decisions/hpa/replica-calculator.ts';
import type { HpaPod, HpaPodPhase } from '../../../src/decisions/hpa/types.ts';

const phase = fc.constantFrom<HpaPodPhase>('Running', 'Running', 'Running', 'Pending', 'Failed', 'Succeeded');

/** A pod with any phase, readiness, age and sample; ages straddle the default 300 s / 30 s / 30 s. */
const podArb = (name: string, shareRequest: number | null) =>
  fc
    .record({
      phase,
      ready: fc.boolean(),
      deleting: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
      startedAgoSec: fc.integer({ min: 0, max: 900 }),
      readySinceFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      cpuRequestMilli: shareRequest === null ? fc.integer({ min: 0, max: 3000 }) : fc.constant(shareRequest),
      cpuUsageMilli: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined, freq: 4 }),
    })
    .map(({ readySinceFraction, ...p }): HpaPod => {
      const pod: HpaPod = { name, ...p, readySinceAgoSec: Math.floor(p.startedAgoSec * readySinceFraction) };
      if (pod.cpuUsageMilli === undefined) delete pod.cpuUsageMilli;
      return pod;
    });

const podsArb = (shareRequest: number | null) =>
  fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => podArb(`p${i}`, shareRequest))));

const settings = fc.record({
  currentReplicas: fc.integer({ min: 0, max: 20 }),
  targetUtilization: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 400 })),
  tolerance: fc.constantFrom(0, 0.05, 0.1, 0.25),
  cpuInitializationPeriodSec: fc.constantFrom(0, 120, 300),
  initialReadinessDelaySec: fc.constantFrom(0, 10, 30),
  metricWindowSec: fc.constantFrom(15, 30, 60),
});

describe('calculateReplicasFromCounts', () => {
  it('gives the per-pod answer for any pods (exact missing fallback)', () => {
    fc.assert(
      fc.property(settings, podsArb(null), (s, pods) => {
        const perPod = calculateReplicas({ ...s, pods });
        const counts = countPods(pods, s.currentReplicas, s.targetUtilization, s);
        expect(calculateReplicasFromCounts(counts)).toEqual(perPod);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the per-pod answer from totals alone when the target is at most 100%', () => {
    fc.assert(
      fc.property(settings, podsArb(null), (s, pods) => {
        const target = Math.min(100, s.targetUtilization);
        const perPod = calculateReplicas({ ...s, targetUtilization: target, pods });
        const { missingFallbackUsageMilliTotal: _, ...counts } = countPods(pods, s.currentReplicas, target, s);
        expect(calculateReplicasFromCounts(counts)).toEqual(perPod);
      }),
      { numRuns: 200 },
    );
  });
});

describe('calculateReplicas', () => {
  it('never recommends fewer replicas for more usage (pods that are not ignored = current replicas)', () => {
    // Pods beyond the current replicas (a surge) legitimately make the controller answer
    // non-monotonically, so the not-ignored pods are exactly the current replicas here.
    const arb = fc.tuple(settings, podsArb(null), fc.nat(), fc.integer({ min: 1, max: 3000 })).map(([s, pods, pick, extra]) => {
      const counted = pods.filter((p) => !p.deleting && p.phase !== 'Failed').length;
      return [{ ...s, currentReplicas: counted }, pods, pick, extra] as const;
    });
    fc.assert(
      fc.property(arb, ([s, pods, pick, extra]) => {
        const sampled = pods.map((p, i) => i).filter((i) => pods[i].cpuUsageMilli !== undefined);
        fc.pre(sampled.length > 0);
        const i = sampled[pick % sampled.length];
        const busier = pods.map((p, j) => (j === i ? { ...p, cpuUsageMilli: p.cpuUsageMilli! + extra } : p));
        const before = calculateReplicas({ ...s, pods });
        const after = calculateReplicas({ ...s, pods: busier });
        fc.pre(!before.failure && !after.failure);
        expect(after.desiredReplicas).toBeGreaterThanOrEqual(before.desiredReplicas);
        expect(after.utilization).toBeGreaterThanOrEqual(before.utilization);
      }),
      { numRuns: 400 },
    );
  });
});
