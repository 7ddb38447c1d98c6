/**
 * The usage model adds one alike pod's cpu and memory once per pod without a loop over the pods:
 * the result must be the loop's, bit for bit, for any sum, value and count, ties and sums that
 * pass powers of two included.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addTimes } from '../../../src/sim/repeated-sum.ts';

function loop(sum: number, x: number, n: number): number {
  for (let k = 0; k < n; k++) sum += x;
  return sum;
}

describe('addTimes', () => {
  it('is n additions of x, bit for bit', () => {
    const value = fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.integer({ min: 0, max: 2 ** 34 }), fc.double({ min: 1e-9, max: 1e12, noNaN: true }));
    fc.assert(
      fc.property(value, value, fc.integer({ min: 0, max: 5000 }), (sum, x, n) => {
        expect(Object.is(addTimes(sum, x, n), loop(sum, x, n))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('where x is exactly half a unit of the sum (round half to even)', () => {
    // near 2^45 a unit is 2^-7: odd multiples of 2^-8 are ties
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 20 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: -10, max: 2 }), fc.integer({ min: 1, max: 4000 }), (offset, odd, e, n) => {
        const sum = 2 ** 45 + offset / 128;
        const x = (2 * odd + 1) * 2 ** e;
        expect(Object.is(addTimes(sum, x, n), loop(sum, x, n))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('adds nothing more once x is under half a unit of the sum', () => {
    expect(addTimes(2 ** 60, 1, 1e9)).toBe(2 ** 60);
  });
});
