/**
 * A sketch keeps the masses it was last given unwritten while the same masses come again
 * (latency-sketch.ts `pending`): whatever order pours, re-pours, other sketches and reads come
 * in, its bins are the bins of adding every step at once.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LatencySketch, type LatencyDistribution } from '../../src/maths/latency-sketch.ts';
import { type BinMasses, DistributionPour } from '../../src/maths/distribution-pour.ts';

function exponential(rate: number, shift: number): LatencyDistribution {
  return {
    evaluate(t, out) {
      const x = t - shift;
      out[0] = x > 0 ? 1 - Math.exp(-rate * x) : 0;
      out[1] = x > 0 ? rate * Math.exp(-rate * x) : 0;
    },
    lowSec: () => shift + 1e-3 / rate,
    meanSec: () => shift + 1 / rate,
    breakpoints(out) {
      if (shift <= 0) return 0;
      out[0] = shift;
      return 1;
    },
  };
}

/** Each bin's weight, written the plain way: weight × share at once, the crumb to the median's bin. */
function addEagerly(bins: Map<number, number>, pour: BinMasses, weight: number): void {
  let added = 0;
  for (let j = 0; j < pour.size; j++) {
    const mass = pour.shares[j] * weight;
    bins.set(pour.keys[j], (bins.get(pour.keys[j]) ?? 0) + mass);
    added += mass;
  }
  bins.set(pour.medianKey, (bins.get(pour.medianKey) ?? 0) + weight - added);
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('repour' as const), pour: fc.nat(1), rate: fc.double({ min: 1, max: 1000, noNaN: true }), shift: fc.double({ min: 0, max: 2, noNaN: true }) }),
  fc.record({ kind: fc.constant('add' as const), pour: fc.nat(1), sketch: fc.nat(1), weight: fc.double({ min: 0.01, max: 1e5, noNaN: true }) }),
  fc.record({ kind: fc.constant('read' as const), sketch: fc.nat(1) }),
);

describe('LatencySketch with the same masses added step after step', () => {
  it('holds the bins of adding each step at once, through re-pours, two sketches on one pour and reads', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const sketches = [new LatencySketch(), new LatencySketch()];
        const pours = [0, 1].map(() => new DistributionPour(sketches[0].mapping));
        pours[0].pour(exponential(10, 0));
        pours[1].pour(exponential(100, 0.5));
        const expected = [new Map<number, number>(), new Map<number, number>()];
        const weights = [0, 0];
        for (const o of ops) {
          if (o.kind === 'repour') pours[o.pour].pour(exponential(o.rate, o.shift));
          else if (o.kind === 'add') {
            sketches[o.sketch].addPoured(pours[o.pour], o.weight);
            addEagerly(expected[o.sketch], pours[o.pour], o.weight);
            weights[o.sketch] += o.weight;
          } else sketches[o.sketch].quantile(0.5);
        }
        for (let i = 0; i < 2; i++) {
          const json = sketches[i].toJSON();
          expect(json.count).toBe(weights[i]);
          const got = new Map(json.counts.map((c, k) => [json.minKey + k, c]));
          for (const [key, w] of expected[i]) {
            // the summed weight times a share, against the shares times each weight: rounding apart
            expect(Math.abs((got.get(key) ?? 0) - w)).toBeLessThanOrEqual(1e-12 * weights[i]);
          }
          for (const [key, w] of got) if (!expected[i].has(key)) expect(w).toBe(0);
        }
      }),
      { numRuns: 60 },
    );
  });
});
