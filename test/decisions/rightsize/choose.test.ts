import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choosePolicy, missesOf, type PolicyOutcome } from '../../../src/decisions/rightsize/choose.ts';
import { targetKeepingBurstRoom, targetKeepingReplicas } from '../../../src/decisions/rightsize/hpa-target.ts';

const SLO = { latencyP99Ms: 250, errorRate: 0.001 };
const o = (name: string, cost: number, p99Ms = 100, errorRate = 0, oomKills = 0): PolicyOutcome => ({ name, cost, p99Ms, errorRate, oomKills });

describe('choosePolicy', () => {
  it.each([
    // the cheapest qualifies
    [[o('a', 10), o('b', 8), o('c', 9)], 'b'],
    // b is cheaper but breaks p99; c is the cheapest that meets
    [[o('a', 10), o('b', 8, 300), o('c', 9)], 'c'],
    // an OOM kill refuses a policy whatever its latency
    [[o('a', 10), o('b', 8, 100, 0, 1)], 'a'],
    // errors over the SLO
    [[o('a', 10, 100, 0.002)], null],
    // no latency at all (nothing served) never meets
    [[o('a', 10, NaN)], null],
    // a tie goes to the earlier policy
    [[o('a', 9), o('b', 9)], 'a'],
  ] as const)('%j -> %s', (outcomes, expected) => {
    expect(choosePolicy(outcomes, SLO).recommended).toBe(expected);
  });

  it('names what each policy misses', () => {
    expect(missesOf(o('x', 1, 300, 0.01, 2), SLO)).toEqual(['p99', 'errors', 'oomKills']);
    expect(choosePolicy([o('a', 1), o('b', 1, 300)], SLO).misses).toEqual({ a: [], b: ['p99'] });
  });

  it('the recommended policy meets the SLO with no OOM kill and no qualifying policy is cheaper', () => {
    const outcome = fc.record({ cost: fc.double({ min: 0, max: 100, noNaN: true }), p99Ms: fc.double({ min: 0, max: 500, noNaN: true }), errorRate: fc.double({ min: 0, max: 0.01, noNaN: true }), oomKills: fc.nat(2) });
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 6 }), (raw) => {
        const outcomes = raw.map((x, i) => ({ name: `p${i}`, ...x }));
        const { recommended, misses } = choosePolicy(outcomes, SLO);
        const qualifying = outcomes.filter((x) => misses[x.name].length === 0);
        if (recommended === null) return qualifying.length === 0;
        const r = outcomes.find((x) => x.name === recommended)!;
        return misses[r.name].length === 0 && qualifying.every((x) => x.cost >= r.cost);
      }),
    );
  });
});

describe('targetKeepingReplicas', () => {
  it.each([
    // 50% of 500m is 250m a pod; at 300m a pod that is 83% (50 × 500 / 300 = 83.3)
    [50, 500, 300, 83],
    // a larger request lowers the target: 60 × 250 / 500 = 30
    [60, 250, 500, 30],
    [70, 250, 250, 70],
    // never below 1%
    [1, 10, 1000, 1],
    // no request to scale by: as it was
    [50, 0, 300, 50],
  ])('target %d%% at %dm, now %dm -> %d%%', (t, old, now, expected) => {
    expect(targetKeepingReplicas(t, old, now)).toBe(expected);
  });
});

describe('targetKeepingBurstRoom', () => {
  it.each([
    // 25% of 500m = 125m a pod at target, 250m at the burst peak: a 129m pod keeps that room at 25 × 500 / 250 = 50%
    [25, 500, 129, 250, 50],
    // a new request at or above the peak: the target that keeps today's replicas (25 × 500 / 300 = 42)
    [25, 500, 300, 250, 42],
    // the peak never above today's steady use: no room to keep beyond the replicas' target
    [50, 500, 300, 100, 83],
  ])('target %d%% at %dm, now %dm, peak %dm -> %d%%', (t, old, now, peak, expected) => {
    expect(targetKeepingBurstRoom(t, old, now, peak)).toBe(expected);
  });

  it('is never above the target that keeps today\'s replicas, and equals it once the request covers the peak', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 8000 }), fc.integer({ min: 1, max: 8000 }), fc.integer({ min: 0, max: 8000 }), (t, old, now, peak) => {
        const room = targetKeepingBurstRoom(t, old, now, peak);
        const keeps = targetKeepingReplicas(t, old, now);
        return room <= keeps && (now >= peak ? room === keeps : true) && room >= 1;
      }),
    );
  });
});
