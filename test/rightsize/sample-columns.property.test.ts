import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeColumn, ValueColumn } from '../../src/rightsize/sample-columns.ts';

/** Increasing times: stretches of a fixed step (a range query's), with jumps and odd steps between. */
const times = fc
  .array(
    fc.record({
      gap: fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 1e-3, max: 1e4, noNaN: true })),
      step: fc.oneof(fc.constantFrom(15, 60, 0.1), fc.double({ min: 1e-3, max: 1e3, noNaN: true })),
      count: fc.integer({ min: 1, max: 40 }),
    }),
    { maxLength: 60 },
  )
  .map((runs) => {
    const out: number[] = [];
    let t = 1_700_000_000;
    for (const r of runs) {
      t += r.gap;
      for (let i = 0; i < r.count; i++) {
        const next = t + i * r.step;
        if (out.length === 0 || next > out[out.length - 1]) out.push(next);
      }
      t = out[out.length - 1];
    }
    return out;
  });

describe('sample columns', () => {
  it('give back every time pushed, exactly and in order, regular or not', () => {
    fc.assert(
      fc.property(times, (ts) => {
        const c = new TimeColumn();
        for (const t of ts) c.push(t);
        expect(c.length).toBe(ts.length);
        expect(Array.from(c.toArray())).toEqual(ts);
        if (ts.length) expect(c.last).toBe(ts[ts.length - 1]);
      }),
    );
  });

  it('keep irregular times one by one once runs would cost more, and still give them back', () => {
    const ts: number[] = [];
    for (let i = 0, t = 1_700_000_000; i < 500; i++) ts.push((t += 1 + ((i * 7) % 13) / 8));
    const c = new TimeColumn();
    for (const t of ts) c.push(t);
    expect(Array.from(c.toArray())).toEqual(ts);
  });

  it('give back every value pushed, across blocks', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { maxLength: 3000 }), (xs) => {
        const c = new ValueColumn();
        for (const x of xs) c.push(x);
        expect(c.length).toBe(xs.length);
        expect(Array.from(c.toArray())).toEqual(xs);
      }),
      { numRuns: 50 },
    );
  });
});
