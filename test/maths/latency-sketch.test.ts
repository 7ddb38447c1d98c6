import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LatencySketch, DEFAULT_RELATIVE_ACCURACY, type LatencyDistribution } from '../../src/maths/latency-sketch.ts';
import { HeadroomError } from '../../src/errors.ts';
import { type BinMasses, DistributionPour } from '../../src/maths/distribution-pour.ts';

const ALPHA = DEFAULT_RELATIVE_ACCURACY;

/** The exact weighted quantile under the sketch's definition: the smallest value whose cumulative weight reaches q·total. */
function exactQuantile(values: number[], weights: number[], q: number): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((s, w) => s + w, 0);
  const rank = q * total;
  let cumulative = 0;
  for (const i of order) {
    cumulative += weights[i];
    if (cumulative >= rank) return values[i];
  }
  return values[order[order.length - 1]];
}

/** Exp(rate) shifted by `shift` seconds: a distribution written here, apart from the serving code. */
function shiftedExponential(rate: number, shift: number): LatencyDistribution & { quantile(q: number): number } {
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
    quantile: (q) => shift - Math.log(1 - q) / rate,
  };
}

describe('LatencySketch', () => {
  it('is empty at first', () => {
    const s = new LatencySketch();
    expect(s.count).toBe(0);
    expect(s.quantile(0.5)).toBeNaN();
    expect(s.mean).toBeNaN();
    expect(s.max).toBeNaN();
  });

  it('answers any quantile within the relative accuracy, with weights', () => {
    fc.assert(
      fc.property(
        // latencies spread over nine decades, integer weights so the exact ranks are exact
        fc.array(fc.tuple(fc.double({ min: -6, max: 3, noNaN: true }), fc.integer({ min: 1, max: 5 })), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pairs, q) => {
          const values = pairs.map(([e]) => 10 ** e);
          const weights = pairs.map(([, w]) => w);
          const s = new LatencySketch();
          values.forEach((v, i) => s.add(v, weights[i]));
          const exact = exactQuantile(values, weights, q);
          expect(Math.abs(s.quantile(q) - exact)).toBeLessThanOrEqual(ALPHA * exact * (1 + 1e-9));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps an exact weighted mean, count and max', () => {
    const s = new LatencySketch();
    // 3 × 0.1 + 1 × 0.5 + 0.5 × 2 = 1.8 over a weight of 4.5 → 0.4
    s.add(0.1, 3);
    s.add(0.5);
    s.add(2, 0.5);
    expect(s.count).toBe(4.5);
    expect(s.mean).toBeCloseTo(0.4, 14);
    expect(s.max).toBe(2);
    expect(s.min).toBe(0.1);
  });

  it('counts zero latencies', () => {
    const s = new LatencySketch();
    s.add(0, 3);
    s.add(1, 1);
    // 3 of 4 are 0: the median is 0, the 0.8-quantile is 1
    expect(s.quantile(0.5)).toBe(0);
    expect(s.quantile(0.8)).toBeCloseTo(1, 2);
  });

  it('merging equals adding everything to one sketch', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-4, max: 100, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.double({ min: 1e-4, max: 100, noNaN: true }), { minLength: 0, maxLength: 200 }),
        (a, b) => {
          const whole = new LatencySketch();
          const left = new LatencySketch();
          const right = new LatencySketch();
          for (const v of a) {
            whole.add(v);
            left.add(v);
          }
          for (const v of b) {
            whole.add(v);
            right.add(v);
          }
          left.merge(right);
          expect(left.count).toBe(whole.count);
          expect(left.max).toBe(whole.max);
          expect(left.mean).toBeCloseTo(whole.mean, 10);
          for (const q of [0, 0.1, 0.5, 0.9, 0.99, 1]) expect(left.quantile(q)).toBe(whole.quantile(q));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('round-trips through plain JSON, canonically', () => {
    const s = new LatencySketch();
    for (let i = 1; i <= 1000; i++) s.add(i / 1000, 1 + (i % 3));
    const json = JSON.parse(JSON.stringify(s.toJSON()));
    const back = LatencySketch.fromJSON(json);
    expect(back.toJSON()).toEqual(s.toJSON());
    for (const q of [0.01, 0.5, 0.99]) expect(back.quantile(q)).toBe(s.quantile(q));
    expect(back.mean).toBe(s.mean);
    // a restored sketch merges like the original
    const a = s.clone();
    a.merge(back);
    expect(a.count).toBe(2 * s.count);
  });

  it('serializes an empty sketch', () => {
    const json = new LatencySketch().toJSON();
    expect(json.min).toBeNull();
    expect(LatencySketch.fromJSON(json).count).toBe(0);
  });

  it('rejects malformed JSON with a HeadroomError naming the source', () => {
    for (const bad of [null, 3, { relativeAccuracy: 2 }, { ...new LatencySketch().toJSON(), counts: [-1] }]) {
      expect(() => LatencySketch.fromJSON(bad, 'shard-3.json')).toThrow(HeadroomError);
    }
    try {
      LatencySketch.fromJSON({}, 'shard-3.json');
    } catch (e) {
      expect((e as HeadroomError).file).toBe('shard-3.json');
    }
  });

  it('refuses to merge sketches of different accuracy', () => {
    expect(() => new LatencySketch(0.005).merge(new LatencySketch(0.01))).toThrow(RangeError);
  });

  it('clear() empties it for reuse', () => {
    const s = new LatencySketch();
    for (let i = 1; i <= 100; i++) s.add(i / 10);
    s.clear();
    expect(s.count).toBe(0);
    expect(s.quantile(0.5)).toBeNaN();
    const fresh = new LatencySketch();
    for (const v of [0.002, 3, 40, 0.5]) {
      s.add(v);
      fresh.add(v);
    }
    expect(s.toJSON()).toEqual(fresh.toJSON());
  });

  it('is deterministic', () => {
    const make = () => {
      const s = new LatencySketch();
      for (let i = 0; i < 500; i++) s.add(((i * 7919) % 1000) / 300 + 0.001, 1 + (i % 4) / 4);
      s.addDistribution(shiftedExponential(20, 0.3), 123.5);
      return JSON.stringify(s.toJSON());
    };
    expect(make()).toBe(make());
  });
});

describe('LatencySketch.addDistribution', () => {
  const cases = [
    // rate (1/s), shift (s), weight
    { name: 'Exp(10)', rate: 10, shift: 0, weight: 1000 },
    { name: 'Exp(1000), 1 ms service', rate: 1000, shift: 0, weight: 5e6 },
    { name: '2 s wait then Exp(20): a kink far from 0', rate: 20, shift: 2, weight: 40 },
    { name: 'a fraction of a request', rate: 5, shift: 0.01, weight: 0.25 },
  ];
  for (const c of cases) {
    it(`pours ${c.name} bin by bin: quantiles within the sketch's accuracy, exact mean and weight`, () => {
      const d = shiftedExponential(c.rate, c.shift);
      const s = new LatencySketch();
      s.addDistribution(d, c.weight);
      expect(s.count).toBeCloseTo(c.weight, 9);
      expect(s.mean).toBeCloseTo(d.meanSec(), 12);
      for (const q of [0.01, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999]) {
        const exact = d.quantile(q);
        // the sketch's α plus a little for the interpolated CDF
        expect(Math.abs(s.quantile(q) / exact - 1)).toBeLessThanOrEqual(ALPHA + 2e-4);
      }
    });
  }

  it('reads the distribution’s own quantiles off the walk', () => {
    for (const d of [shiftedExponential(10, 0.05), shiftedExponential(1000, 0), shiftedExponential(20, 2)]) {
      const s = new LatencySketch();
      const levels = new Float64Array([0.5, 0.95, 0.99, 0.999]);
      const out = new Float64Array(4);
      s.addDistribution(d, 100, levels, out);
      // interpolated within a bin of 1% width: far closer than the bin
      levels.forEach((q, i) => expect(Math.abs(out[i] / d.quantile(q) - 1)).toBeLessThan(1e-4));
    }
  });

  it('merged distributions give the quantiles of their mixture, not an average of quantiles', () => {
    // half the requests Exp(100) (10 ms mean), half 1 s + Exp(100): the mixture's median is at the
    // boundary (the 10 ms part's top), its 0.75-quantile is the second part's median, 1 + ln2/100
    const fast = shiftedExponential(100, 0);
    const slow = shiftedExponential(100, 1);
    const a = new LatencySketch();
    const b = new LatencySketch();
    a.addDistribution(fast, 500);
    b.addDistribution(slow, 500);
    a.merge(b);
    expect(a.quantile(0.75) / (1 + Math.log(2) / 100) - 1).toBeLessThan(ALPHA + 1e-4);
    expect(a.quantile(0.25) / (Math.log(2) / 100) - 1).toBeLessThan(ALPHA + 1e-4);
    expect(a.mean).toBeCloseTo(0.5 * 0.01 + 0.5 * 1.01, 12);
  });

  it('sets the maximum near the slowest request expected', () => {
    // 1000 requests of Exp(10): the slowest is around the 1 − 1/2000 quantile, ln(2000)/10 ≈ 0.76 s
    const s = new LatencySketch();
    s.addDistribution(shiftedExponential(10, 0), 1000);
    expect(s.max).toBeGreaterThan(0.7);
    expect(s.max).toBeLessThan(0.8);
  });
});

// A sketch keeps the masses it was last given unwritten while the same masses come again
// (latency-sketch.ts `pending`): whatever order pours, re-pours, other sketches and reads come in,
// its bins are the bins of adding every step at once.
/** Each bin's weight the plain way: every step's weight × share as it comes, the crumb to the median's bin. */
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
        pours[0].pour(shiftedExponential(10, 0));
        pours[1].pour(shiftedExponential(100, 0.5));
        const expected = [new Map<number, number>(), new Map<number, number>()];
        const weights = [0, 0];
        for (const o of ops) {
          if (o.kind === 'repour') pours[o.pour].pour(shiftedExponential(o.rate, o.shift));
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
