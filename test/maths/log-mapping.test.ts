/**
 * The sketch's grid is DDSketch's: the same keys for the same values, the same value for each key,
 * and the same bins after the same adds and merges, held to @datadog/sketches-js itself.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DDSketch } from '@datadog/sketches-js';
import { LogMapping } from '../../src/maths/log-mapping.ts';
import { LatencySketch } from '../../src/maths/latency-sketch.ts';

const positive = fc.double({ min: 1e-9, max: 1e6, noNaN: true, noDefaultInfinity: true });

/** The library's bins as key -> weight (its store is read-only here). */
function libraryBins(dd: DDSketch): Map<number, number> {
  const store = dd.store;
  const out = new Map<number, number>();
  for (let key = store.minKey; key <= store.maxKey; key++) {
    const w = store.bins[key - store.offset] ?? 0;
    if (w > 0) out.set(key, w);
  }
  return out;
}

function ourBins(s: LatencySketch): Map<number, number> {
  const j = s.toJSON();
  const out = new Map<number, number>();
  j.counts.forEach((w, i) => {
    if (w > 0) out.set(j.minKey + i, w);
  });
  return out;
}

describe('LogMapping is DDSketch’s logarithmic mapping', () => {
  for (const alpha of [0.005, 0.01, 0.02]) {
    const ours = new LogMapping(alpha);
    const theirs = new DDSketch({ relativeAccuracy: alpha }).mapping;

    it(`α = ${alpha}: same γ, smallest value, keys and values`, () => {
      expect(ours.gamma).toBe(theirs.gamma);
      expect(ours.minPossible).toBe(theirs.minPossible);
      fc.assert(
        fc.property(positive, (v) => {
          expect(ours.key(v) + 0).toBe(theirs.key(v)); // the library adds its offset (0), which turns −0 into 0
          expect(ours.value(ours.key(v))).toBe(theirs.value(theirs.key(v)));
          // and the value answers within α of anything in the bin
          expect(Math.abs(ours.value(ours.key(v)) / v - 1)).toBeLessThanOrEqual(alpha * (1 + 1e-12));
        }),
        { numRuns: 2000 },
      );
    });

    it(`α = ${alpha}: bin k holds (γ^(k−1), γ^k]`, () => {
      for (const k of [-2000, -700, -1, 0, 1, 350, 1500]) {
        expect(theirs.key(ours.edge(k) * (1 - 1e-12))).toBe(k);
        expect(theirs.key(ours.edge(k) * (1 + 1e-9))).toBe(k + 1);
      }
    });
  }
});

describe('LatencySketch keeps the bins DDSketch keeps', () => {
  it('the same adds and merges give the same bins, count and extremes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(positive, fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 200 }),
        fc.array(fc.tuple(positive, fc.integer({ min: 1, max: 4 })), { minLength: 0, maxLength: 200 }),
        (a, b) => {
          const [oursA, oursB] = [new LatencySketch(), new LatencySketch()];
          const [libA, libB] = [new DDSketch({ relativeAccuracy: 0.005 }), new DDSketch({ relativeAccuracy: 0.005 })];
          for (const [v, w] of a) {
            oursA.add(v, w);
            libA.accept(v, w);
          }
          for (const [v, w] of b) {
            oursB.add(v, w);
            libB.accept(v, w);
          }
          oursA.merge(oursB);
          libA.merge(libB);
          expect(ourBins(oursA)).toEqual(libraryBins(libA));
          expect(oursA.count).toBe(libA.count);
          expect(oursA.min).toBe(libA.min);
          expect(oursA.max).toBe(libA.max);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers the library’s quantiles where their rank rules agree', () => {
    // DDSketch ranks at q·(n − 1) (the lower neighbour), the sketch at q·n: with n values the
    // sketch's q = k/n and the library's q = (k − 1)/(n − 1) name the same k-th smallest value
    fc.assert(
      fc.property(fc.array(positive, { minLength: 2, maxLength: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, u) => {
        const ours = new LatencySketch();
        const lib = new DDSketch({ relativeAccuracy: 0.005 });
        for (const v of values) {
          ours.add(v);
          lib.accept(v);
        }
        const n = values.length;
        const k = 1 + Math.floor(u * (n - 1));
        const mine = ours.quantile(k / n);
        const theirs = lib.getValueAtQuantile((k - 1) / (n - 1));
        // equal, except where the sketch clamps to the exact extreme within the same bin
        if (mine !== ours.min && mine !== ours.max) expect(mine).toBe(theirs);
        else expect(Math.abs(mine / theirs - 1)).toBeLessThanOrEqual(0.005 / (1 - 0.005));
      }),
      { numRuns: 300 },
    );
  });
});
