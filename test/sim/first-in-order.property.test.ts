import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInOrder } from '../../src/sim/first-in-order.ts';

describe('firstInOrder', () => {
  it('is the first k of a full sort, in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { maxLength: 200 }), fc.nat({ max: 210 }), (items, k) => {
        const byValue = (a: number, b: number): number => a - b;
        expect(firstInOrder(items, k, byValue)).toEqual(items.slice().sort(byValue).slice(0, k));
      }),
    );
  });
});
