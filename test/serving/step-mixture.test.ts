import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FluidQueue } from '../../src/serving/fluid.ts';
import { StepMixture } from '../../src/serving/step-mixture.ts';

const LEVELS = [0.5, 0.95, 0.99] as const;

/** Two zones' worth of queues (one per workload) stepped alike for `steps` steps, the second zone's last arrival rate scaled. */
function zones(rates: number[], servers: number[], steps: number, lastScale: number): [StepMixture, StepMixture] {
  const mixes: [StepMixture, StepMixture] = [new StepMixture(), new StepMixture()];
  mixes.forEach((mix, z) => {
    const queues = rates.map(() => new FluidQueue());
    for (let k = 0; k < steps; k++) {
      mix.reset();
      queues.forEach((q, i) => {
        const scale = z === 1 && k === steps - 1 ? lastScale : 1;
        mix.add(q, q.step(10, rates[i] * scale, servers[i], 10, 2));
      });
    }
  });
  return mixes;
}

describe('StepMixture shared between alike zones', () => {
  it('a mixture following one it is the same as answers what its own search would, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 1, max: 2000, noNaN: true }), fc.integer({ min: 1, max: 200 })), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 1, max: 4 }),
        (parts, steps) => {
          const rates = parts.map(([r]) => r);
          const servers = parts.map(([, c]) => c);
          const [a, b] = zones(rates, servers, steps, 1);
          const [, own] = zones(rates, servers, steps, 1);
          expect(b.sameAs(a)).toBe(true);
          b.follow(a);
          for (const q of LEVELS) expect(Object.is(b.quantile(q), own.quantile(q))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a zone whose step differs is not the same, and searches its own', () => {
    const [a, b] = zones([300, 800], [40, 90], 3, 1.01);
    expect(b.sameAs(a)).toBe(false);
    expect(b.quantile(0.99)).not.toBe(a.quantile(0.99));
  });

  it('answers again after a reset from the new step, not the last', () => {
    const mix = new StepMixture();
    const q1 = new FluidQueue();
    const q2 = new FluidQueue();
    mix.add(q1, q1.step(10, 300, 40, 10, 2));
    mix.add(q2, q2.step(10, 800, 90, 10, 2));
    const before = mix.quantile(0.95);
    mix.reset();
    mix.add(q1, q1.step(10, 380, 40, 10, 2));
    mix.add(q2, q2.step(10, 880, 90, 10, 2));
    const fresh = new StepMixture();
    fresh.add(q1, q1.result);
    fresh.add(q2, q2.result);
    expect(mix.quantile(0.95)).toBe(fresh.quantile(0.95));
    expect(mix.quantile(0.95)).not.toBe(before);
  });
});
