import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../../../src/errors.ts';
import type { OutageSpec, RoutingSpec, ShiftSpec } from '../../../src/scenario/types.ts';
import { routeShares } from '../../../src/traffic/routing/shares.ts';

const ZONES = ['az-a', 'az-b', 'az-c', 'az-d'];

function routing(over: Partial<RoutingSpec> = {}): RoutingSpec {
  return { weights: {}, shifts: [], outages: [], ...over };
}
function drain(cluster: string, atSec: number, overSec: number): ShiftSpec {
  return { atSec, cluster, action: 'drain', overSec };
}
function restore(cluster: string, atSec: number, overSec: number): ShiftSpec {
  return { atSec, cluster, action: 'restore', overSec };
}
function outage(cluster: string, atSec: number, forSec: number, autoShift: boolean, detectionDelaySec = 30, shiftOverSec = 60): OutageSpec {
  return { atSec, cluster, forSec, autoShift, detectionDelaySec, shiftOverSec, restoreDelaySec: 0 };
}
/** shares[c] at step k, rounded for comparison */
function table(shares: Float64Array[], steps: number[]): number[][] {
  return steps.map((k) => shares.map((s) => Number(s[k].toFixed(9))));
}

describe('weights', () => {
  it.each([
    ['equal by default', {}, [0.25, 0.25, 0.25, 0.25]],
    ['by weight', { 'az-a': 1, 'az-b': 1, 'az-c': 2, 'az-d': 4 }, [0.125, 0.125, 0.25, 0.5]],
    // a cluster missing from the weights counts 1; weight 0 never gets traffic
    ['missing is 1, zero is none', { 'az-a': 3, 'az-d': 0 }, [0.6, 0.2, 0.2, 0]],
  ])('%s', (_name, weights, expected) => {
    const shares = routeShares(routing({ weights }), ZONES, 30, 10);
    expect(table(shares, [0, 2])).toEqual([expected, expected]);
  });
});

describe('shifts', () => {
  it('a drain moves the share to the others in a straight line over the ramp', () => {
    // drain az-b from t=100 over 60 s: its share goes 0.25 → 0 on [100,160), the others share its loss
    const shares = routeShares(routing({ shifts: [drain('az-b', 100, 60)] }), ZONES, 200, 10);
    for (let k = 0; k < 20; k++) {
      const mid = k * 10 + 5;
      const b = mid < 100 ? 0.25 : mid > 160 ? 0 : 0.25 * (1 - (mid - 100) / 60);
      expect(shares[1][k]).toBeCloseTo(b, 12);
      for (const c of [0, 2, 3]) expect(shares[c][k]).toBeCloseTo((1 - b) / 3, 12);
    }
  });

  it('a drain and restore with ramps that do not line up with steps', () => {
    // drain az-a at 5 over 10; restore at 45 over 20; steps of 10:
    // [0,10): full on [0,5), ramp 0.25→0.125 on [5,10) → (5·0.25 + 5·0.1875)/10 = 0.21875
    // [10,20): 0.125→0 on [10,15), then 0 → 5·0.0625/10 = 0.03125
    // [40,50): 0 on [40,45), 0→0.0625 on [45,50) → 5·0.03125/10 = 0.015625
    // [50,60): 0.0625→0.1875 → 0.125; [60,70): 0.1875→0.25 on [60,65), then 0.25 → 0.234375
    const shares = routeShares(routing({ shifts: [drain('az-a', 5, 10), restore('az-a', 45, 20)] }), ZONES, 80, 10);
    expect(Array.from(shares[0], (x) => Number(x.toFixed(9)))).toEqual([0.21875, 0.03125, 0, 0, 0.015625, 0.125, 0.234375, 0.25]);
  });

  it('a restore that starts mid-drain ramps back from where the level was', () => {
    // drain over 100 s from 0; restore at 50 over 50: level 1 → 0.5 at 50 → 1 at 100
    const shares = routeShares(routing({ shifts: [drain('az-a', 0, 100), restore('az-a', 50, 50)] }), ['az-a', 'az-b'], 100, 50);
    // two clusters: share of a = level·0.5 + (1−level)·0 = level/2 (the other is always in)
    // mean level on each half is 0.75, so share 0.375
    expect(table(shares, [0, 1])).toEqual([
      [0.375, 0.625],
      [0.375, 0.625],
    ]);
  });

  it('two overlapping drains compose: each cluster in with the probability of its level', () => {
    // a and b both drain over [0,100); at t: la = lb = 1 − t/100 = l, c and d always in
    // share(a) = l·(1−l)·1/3 + l²·1/4; check at the mean over a tiny step around t = 50 (l = 0.5)
    const shares = routeShares(routing({ shifts: [drain('az-a', 0, 100), drain('az-b', 0, 100)] }), ZONES, 51, 0.001);
    const k = 50_000;
    expect(shares[0][k]).toBeCloseTo(0.25 / 3 + 0.25 / 4, 5);
    expect(shares[2][k]).toBeCloseTo(0.25 / 2 + 2 * (0.25 / 3) + 0.25 / 4, 5);
  });

  it('everything drained: the traffic stays with the cluster that left last', () => {
    const shifts = [drain('az-a', 0, 0), drain('az-b', 0, 0), drain('az-c', 10, 0), drain('az-d', 20, 10)];
    const shares = routeShares(routing({ shifts }), ZONES, 60, 10);
    expect(table(shares, [0, 1, 2, 3, 5])).toEqual([
      [0, 0, 0.5, 0.5],
      [0, 0, 0, 1],
      [0, 0, 0, 1],
      [0, 0, 0, 1],
      [0, 0, 0, 1],
    ]);
  });
});

describe('outages', () => {
  // az-c dies at 1000 for 600 s; detected after 30 s; shifted over 60 s both ways
  it('with autoShift: full share until detection, ramps away, stays away, ramps back when it ends', () => {
    const shares = routeShares(routing({ outages: [outage('az-c', 1000, 600, true)] }), ZONES, 2000, 10);
    const c = (t: number) => shares[2][Math.floor(t / 10)];
    expect(c(1020)).toBe(0.25);
    expect(c(1030)).toBeCloseTo(0.25 * (1 - 5 / 60), 12); // [1030,1040): mid 1035
    expect(c(1085)).toBeCloseTo(0.25 * (5 / 60), 12); // [1080,1090): mid 1085
    expect(c(1090)).toBe(0);
    expect(c(1590)).toBe(0);
    expect(c(1600)).toBeCloseTo(0.25 * (5 / 60), 12);
    expect(c(1650)).toBeCloseTo(0.25 * (55 / 60), 12);
    expect(c(1660)).toBe(0.25);
    // the other three pick it up
    expect(shares[0][120]).toBeCloseTo(1 / 3, 12);
  });

  it('without autoShift: the dead cluster keeps its share (its requests fail)', () => {
    const shares = routeShares(routing({ outages: [outage('az-c', 1000, 600, false)] }), ZONES, 2000, 10);
    expect(shares[2].every((x) => x === 0.25)).toBe(true);
  });

  it('an outage shorter than the detection delay moves nothing', () => {
    const shares = routeShares(routing({ outages: [outage('az-c', 1000, 20, true)] }), ZONES, 2000, 10);
    expect(shares[2].every((x) => x === 0.25)).toBe(true);
  });

  it('a manual drain during an outage keeps the cluster out after the outage', () => {
    const shares = routeShares(routing({ outages: [outage('az-c', 100, 100, true, 0, 0)], shifts: [drain('az-c', 150, 0)] }), ZONES, 300, 10);
    expect(shares[2][12]).toBe(0);
    expect(shares[2][25]).toBe(0);
  });
});

describe('invariants', () => {
  it('shares are in [0, 1] and sum to 1 at every step (property)', () => {
    const clusterArb = fc.constantFrom(...ZONES);
    fc.assert(
      fc.property(
        fc.array(fc.record({ atSec: fc.integer({ min: 0, max: 900 }), cluster: clusterArb, action: fc.constantFrom('drain' as const, 'restore' as const), overSec: fc.integer({ min: 0, max: 300 }) }), { maxLength: 8 }),
        fc.array(
          fc.record({
            atSec: fc.integer({ min: 0, max: 900 }),
            cluster: clusterArb,
            forSec: fc.integer({ min: 1, max: 400 }),
            autoShift: fc.boolean(),
            detectionDelaySec: fc.integer({ min: 0, max: 60 }),
            shiftOverSec: fc.integer({ min: 0, max: 120 }),
            restoreDelaySec: fc.integer({ min: 0, max: 120 }),
          }),
          { maxLength: 4 },
        ),
        fc.dictionary(clusterArb, fc.integer({ min: 0, max: 5 }), { maxKeys: 3 }),
        fc.integer({ min: 1, max: 60 }),
        (shifts, outages, weights, stepSec) => {
          const shares = routeShares(routing({ shifts, outages, weights }), ZONES, 1200, stepSec);
          // worst offence over all steps, asserted once (expect per value is slow)
          let outside = 0;
          let offSum = 0;
          for (let k = 0; k < shares[0].length; k++) {
            let total = 0;
            for (const s of shares) {
              outside = Math.max(outside, -s[k], s[k] - 1);
              total += s[k];
            }
            offSum = Math.max(offSum, Math.abs(total - 1));
          }
          expect(outside).toBeLessThanOrEqual(1e-12);
          expect(offSum).toBeLessThanOrEqual(1e-12);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('bad routing', () => {
  it.each([
    ['a shift of an unknown cluster', routing({ shifts: [drain('az-x', 0, 0)] }), 'routing.shifts.0.cluster', /unknown cluster "az-x"; the clusters are az-a, az-b, az-c, az-d/],
    ['an outage of an unknown cluster', routing({ outages: [outage('zz', 0, 10, true)] }), 'routing.outages.0.cluster', /unknown cluster "zz"/],
    ['a weight for an unknown cluster', routing({ weights: { 'az-q': 1 } }), 'routing.weights.az-q', /weight for unknown cluster "az-q"/],
    ['all weights zero', routing({ weights: { 'az-a': 0, 'az-b': 0, 'az-c': 0, 'az-d': 0 } }), 'routing.weights', /at least one cluster/],
    ['a negative weight', routing({ weights: { 'az-a': -1 } }), 'routing.weights.az-a', /weight must be a number >= 0/],
  ])('%s', (_name, spec, path, message) => {
    try {
      routeShares(spec, ZONES, 60, 10);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HeadroomError);
      expect((e as HeadroomError).path).toBe(path);
      expect((e as HeadroomError).message).toMatch(message);
    }
  });
});

describe('outage restore delay', () => {
  it('keeps the recovered zone out of rotation until the delay has passed, then ramps it back', () => {
    // az-c down 600–1200 s, detected after 30 s, shifted over 60 s; back in rotation from
    // 1200 + 120 = 1320 s, ramping over 60 s to its quarter by 1380 s
    const o = { ...outage('az-c', 600, 600, true), restoreDelaySec: 120 };
    const shares = routeShares(routing({ outages: [o] }), ZONES, 1800, 10);
    const c = (t: number) => shares[2][t / 10];
    expect(c(500)).toBeCloseTo(0.25, 9);
    expect(c(700)).toBeCloseTo(0, 9);
    expect(c(1250)).toBeCloseTo(0, 9); // the zone is back, its traffic is not yet
    expect(c(1310)).toBeCloseTo(0, 9);
    expect(c(1340)).toBeGreaterThan(0);
    expect(c(1340)).toBeLessThan(0.25);
    expect(c(1400)).toBeCloseTo(0.25, 9);
  });
});
