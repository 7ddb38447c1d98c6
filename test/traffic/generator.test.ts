import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../../src/errors.ts';
import type { BurstSpec, GeneratorSpec } from '../../src/scenario/types.ts';
import { generatorRates } from '../../src/traffic/generator.ts';
import { loadRates } from '../../src/traffic/load.ts';
import { sum } from './fixtures.ts';

function gen(over: Partial<GeneratorSpec> = {}): GeneratorSpec {
  return { base: 100, bursts: [], noise: 0, ...over };
}
function burst(atSec: number, peak: number, riseSec: number, holdSec: number, fallSec: number): BurstSpec {
  return { atSec, peak, riseSec, holdSec, fallSec };
}

/** The rate at t, straight from the definitions (the test's own model). */
function rateAt(spec: GeneratorSpec, t: number): number {
  let top: number | undefined;
  for (const b of spec.bursts) {
    const rise = b.atSec + b.riseSec;
    const hold = rise + b.holdSec;
    const end = hold + b.fallSec;
    if (t <= b.atSec || t >= end) continue;
    const v =
      t < rise ? spec.base + ((b.peak - spec.base) * (t - b.atSec)) / b.riseSec : t < hold ? b.peak : b.peak + ((spec.base - b.peak) * (t - hold)) / b.fallSec;
    top = top === undefined ? v : Math.max(top, v);
  }
  const d = spec.diurnal;
  const factor = d ? 1 + d.amplitude * Math.sin((2 * Math.PI * (t + d.phaseSec)) / d.periodSec) : 1;
  return (top ?? spec.base) * factor;
}

/**
 * A step's mean by the midpoint rule, 400 samples between consecutive burst knots (so jumps
 * fall on sample edges and only the kinks where two bursts cross blur, by O(h²)).
 */
function sampledMean(spec: GeneratorSpec, a: number, b: number): number {
  const knots = new Set([a, b]);
  for (const k of spec.bursts) {
    for (const t of [k.atSec, k.atSec + k.riseSec, k.atSec + k.riseSec + k.holdSec, k.atSec + k.riseSec + k.holdSec + k.fallSec]) {
      if (t > a && t < b) knots.add(t);
    }
  }
  const cuts = [...knots].sort((x, y) => x - y);
  const n = 400;
  let s = 0;
  for (let j = 0; j + 1 < cuts.length; j++) {
    const h = (cuts[j + 1] - cuts[j]) / n;
    for (let i = 0; i < n; i++) s += rateAt(spec, cuts[j] + (i + 0.5) * h) * h;
  }
  return s / (b - a);
}

describe('base and bursts', () => {
  it('base alone is flat', () => {
    expect(Array.from(generatorRates(gen(), { durationSec: 30, stepSec: 10 }))).toEqual([100, 100, 100]);
  });

  it.each([
    // base 100, burst at 60 s to 700 over rise 60, hold 120, fall 60; steps of 60 s:
    // [60,120) rising 100→700: mean 400; [120,240) 700; [240,300) falling: 400
    ['trapezoid on step edges', [burst(60, 700, 60, 120, 60)], 60, [100, 400, 700, 700, 400, 100]],
    // the same burst in 90 s steps:
    // [0,90) = 60·100 + ∫60..90 (100→400) = 6000 + 7500 → 150
    // [90,180) = ∫90..120 (400→700) + 60·700 = 16500 + 42000 → 650; [180,270) mirrors it → 650
    // [270,360) = ∫270..300 (400→100) + 60·100 = 7500 + 6000 → 150
    ['trapezoid across steps', [burst(60, 700, 60, 120, 60)], 90, [150, 650, 650, 150]],
    // zero rise and fall: a square pulse; [0,60) base, [60,120) at 400
    ['square pulse', [burst(60, 400, 0, 60, 0)], 60, [100, 400, 100]],
    // a peak below base is a dip
    ['dip', [burst(60, 40, 0, 60, 0)], 60, [100, 40, 100]],
    // overlapping: the higher wins; 300 holds [0,120), 500 holds [60,90) → [0,60) 300, [60,120) (30·500+30·300)/60 = 400
    ['overlap takes the max', [burst(0, 300, 0, 120, 0), burst(60, 500, 0, 30, 0)], 60, [300, 400, 100]],
  ])('%s', (_name, bursts, stepSec, expected) => {
    const spec = gen({ bursts });
    const r = generatorRates(spec, { durationSec: expected.length * stepSec, stepSec });
    r.forEach((x, k) => expect(x).toBeCloseTo(expected[k], 9));
    // and the sampled model agrees (the midpoint rule blurs kinks a little)
    r.forEach((x, k) => expect(x).toBeCloseTo(sampledMean(spec, k * stepSec, (k + 1) * stepSec), 3));
  });

  it('a burst adds (peak − base)·(rise/2 + hold + fall/2) requests', () => {
    // (700 − 100)·(30 + 120 + 30) = 108,000 extra requests over 100·600 = 60,000
    const r = generatorRates(gen({ bursts: [burst(100, 700, 60, 120, 60)] }), { durationSec: 600, stepSec: 7 });
    // 600/7 → 86 steps covering 602 s
    expect(sum(r) * 7).toBeCloseTo(100 * 602 + 108_000, 6);
  });

  it('crossing ramps are integrated exactly (property against sampling)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            atSec: fc.integer({ min: 0, max: 500 }),
            peak: fc.integer({ min: 0, max: 1000 }),
            riseSec: fc.integer({ min: 0, max: 200 }),
            holdSec: fc.integer({ min: 0, max: 200 }),
            fallSec: fc.integer({ min: 0, max: 200 }),
          }),
          { maxLength: 4 },
        ),
        fc.integer({ min: 5, max: 120 }),
        (bursts, stepSec) => {
          const spec = gen({ bursts });
          const r = generatorRates(spec, { durationSec: 1200, stepSec });
          r.forEach((x, k) => expect(x).toBeCloseTo(sampledMean(spec, k * stepSec, (k + 1) * stepSec), 2));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('diurnal', () => {
  const day = { amplitude: 0.3, periodSec: 86_400, phaseSec: 0 };

  it('integrates to base over whole periods', () => {
    const r = generatorRates(gen({ diurnal: day }), { durationSec: 2 * 86_400, stepSec: 600 });
    expect(sum(r) * 600).toBeCloseTo(100 * 2 * 86_400, 4);
  });

  it.each([
    ['base only', gen({ diurnal: day })],
    ['with a phase', gen({ diurnal: { ...day, phaseSec: 3 * 3600 } })],
    ['with a burst riding the wave', gen({ diurnal: day, bursts: [burst(5 * 3600, 900, 300, 1800, 600)] })],
  ])('step means are the exact integral: %s', (_name, spec) => {
    const stepSec = 3600;
    const r = generatorRates(spec, { durationSec: 86_400, stepSec });
    r.forEach((x, k) => expect(x).toBeCloseTo(sampledMean(spec, k * stepSec, (k + 1) * stepSec), 3));
  });

  it('amplitude 1 touches zero and never goes below', () => {
    const r = generatorRates(gen({ diurnal: { amplitude: 1, periodSec: 600, phaseSec: 0 } }), { durationSec: 600, stepSec: 1 });
    expect(Math.min(...r)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...r)).toBeLessThan(0.01);
  });
});

describe('noise', () => {
  const noisy = gen({ noise: 0.2 });
  const grid = (seed: string) => ({ durationSec: 20_000, stepSec: 1, rng: seedrandom(seed) });

  it('is reproducible from the seed and differs between seeds', () => {
    const a = generatorRates(noisy, grid('42'));
    expect(generatorRates(noisy, grid('42'))).toEqual(a);
    expect(generatorRates(noisy, grid('43'))).not.toEqual(a);
  });

  it('has mean 1 and relative sd as asked, and is never negative', () => {
    const r = generatorRates(noisy, grid('7'));
    const mean = sum(r) / r.length;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / r.length);
    // 20,000 draws: the mean's own sd is 100·0.2/√20000 ≈ 0.14
    expect(mean).toBeGreaterThan(99.4);
    expect(mean).toBeLessThan(100.6);
    expect(sd / mean).toBeGreaterThan(0.19);
    expect(sd / mean).toBeLessThan(0.21);
    expect(Math.min(...r)).toBeGreaterThan(0);
  });

  it('takes exactly two draws per step, so a longer run starts with the same steps', () => {
    const short = generatorRates(noisy, { durationSec: 100, stepSec: 10, rng: seedrandom('s') });
    const long = generatorRates(noisy, { durationSec: 1000, stepSec: 10, rng: seedrandom('s') });
    expect(Array.from(long.subarray(0, 10))).toEqual(Array.from(short));
  });

  it('is reached through loadRates with the rng passed in', async () => {
    const r = await loadRates({ kind: 'generator', generator: noisy }, { durationSec: 50, stepSec: 10, rng: seedrandom('x') });
    expect(r).toEqual(generatorRates(noisy, { durationSec: 50, stepSec: 10, rng: seedrandom('x') }));
  });
});

describe('bad generators', () => {
  it.each([
    ['negative base', gen({ base: -1 }), 'generator.base'],
    ['amplitude above 1', gen({ diurnal: { amplitude: 1.5, periodSec: 60, phaseSec: 0 } }), 'generator.diurnal.amplitude'],
    ['negative rise', gen({ bursts: [burst(0, 10, -5, 0, 0)] }), 'generator.bursts.0.rise'],
  ])('%s', (_name, spec, path) => {
    try {
      generatorRates(spec, { durationSec: 60, stepSec: 10 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HeadroomError);
      expect((e as HeadroomError).path).toBe(path);
    }
  });
});
