import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { minMaxIndices } from '../../src/report/downsample.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('minMaxIndices', () => {
  it('keeps everything when it fits', () => {
    expect(minMaxIndices([0, 1, 2], [[5, 6, 7]], 3)).toEqual([0, 1, 2]);
  });

  it('keeps a one-sample spike and a one-sample dip', () => {
    // 1,000 samples of 10 with a spike of 99 at 500 and a dip of 0 at 777; 20 points allowed:
    // (20 - 2) / 2 = 9 buckets, each keeping its min and max, plus the first and last sample.
    const v = range(1000).map((i) => (i === 500 ? 99 : i === 777 ? 0 : 10));
    const kept = minMaxIndices(range(1000), [v], 20);
    expect(kept).toContain(500);
    expect(kept).toContain(777);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(999);
    expect(kept.length).toBeLessThanOrEqual(20);
  });

  it('shares buckets between series drawn together: 2 series x 2 extremes per bucket', () => {
    // 100 points allowed for 2 series: (100 - 2) / 4 = 24 buckets of at most 4 kept samples.
    const a = range(10_000).map((i) => Math.sin(i / 7));
    const b = range(10_000).map((i) => Math.cos(i / 5));
    expect(minMaxIndices(range(10_000), [a, b], 100).length).toBeLessThanOrEqual(100);
  });

  it('never picks a NaN sample as an extreme', () => {
    const v = range(100).map((i) => (i % 2 ? Number.NaN : i));
    const kept = minMaxIndices(range(100), [v], 10);
    expect(kept.filter((i) => i !== 99 && i !== 0).every((i) => !Number.isNaN(v[i]))).toBe(true);
  });

  it('property: sorted, unique, within bounds, at most maxPoints, and every bucket extreme of the whole run is kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 4, max: 500 }),
        (values, maxPoints) => {
          const t = range(values.length);
          const kept = minMaxIndices(t, [values], maxPoints);
          expect(kept.length).toBeLessThanOrEqual(Math.max(maxPoints, 0));
          for (let i = 1; i < kept.length; i++) expect(kept[i]).toBeGreaterThan(kept[i - 1]);
          expect(kept[0]).toBe(0);
          // the global maximum and minimum always survive
          const max = Math.max(...values);
          const min = Math.min(...values);
          expect(kept.some((i) => values[i] === max)).toBe(true);
          expect(kept.some((i) => values[i] === min)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
