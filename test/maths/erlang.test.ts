import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  erlangB,
  erlangC,
  mmcMeanWaitSec,
  mmcWaitProbability,
  mmcWaitQuantileSec,
  mmcWaitSurvival,
  responseTimeCdf,
  responseTimeMeanSec,
  responseTimeQuantileSec,
  responseTimeSurvival,
} from '../../src/maths/erlang.ts';
import { mmc, refErlangB, refErlangC } from '../serving/mmc-reference.ts';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe('erlangB', () => {
  it.each([
    // c, a, B: B(1, a) = a/(1+a); B(2, 1) = (1/2)/(1 + 1 + 1/2) = 0.2; the rest from the sums
    [1, 1, 0.5],
    [1, 3, 0.75],
    [2, 1, 0.2],
    [10, 5, 0.018384570336648],
    [0, 4, 1],
    [5, 0, 0],
  ])('B(%i, %f) = %f', (c, a, b) => {
    expect(erlangB(c, a)).toBeCloseTo(b, 13);
  });

  it('matches the direct sum for small and moderate c', () => {
    for (const c of [1, 2, 3, 8, 17, 64, 200]) {
      for (const load of [0.1, 0.5, 0.8, 0.95, 1, 1.3, 3]) {
        const a = load * c;
        expect(rel(erlangB(c, a), refErlangB(c, a))).toBeLessThan(1e-11);
      }
    }
  });

  it('is accurate for c up to 100,000 with the load near c', () => {
    // the shortened recursion against the full sum of 100,001 terms
    for (const a of [90_000, 99_000, 99_900, 100_000, 100_500]) {
      expect(rel(erlangB(100_000, a), refErlangB(100_000, a))).toBeLessThan(1e-9);
    }
  });

  it('falls as servers are added and rises with load', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.01, max: 600, noNaN: true }), (c, a) => {
        expect(erlangB(c + 1, a)).toBeLessThanOrEqual(erlangB(c, a));
        expect(erlangB(c, a * 1.01)).toBeGreaterThanOrEqual(erlangB(c, a));
      }),
    );
  });
});

describe('erlangC', () => {
  it.each([
    // c, a, C: M/M/1 waits with probability ρ; M/M/2 at a = 1: (1/2 · 2) / (1 + 1 + 1) = 1/3
    [1, 0.3, 0.3],
    [1, 0.95, 0.95],
    [2, 1, 1 / 3],
  ])('C(%i, %f) = %f', (c, a, expected) => {
    expect(erlangC(c, a)).toBeCloseTo(expected, 14);
  });

  it('matches the direct sum, including c = 100,000 near saturation', () => {
    for (const [c, a] of [
      [8, 6.4],
      [64, 60.8],
      [1000, 990],
      [100_000, 99_000],
      [100_000, 99_990],
    ]) {
      expect(rel(erlangC(c, a), refErlangC(c, a))).toBeLessThan(1e-8);
    }
  });

  it('is 1 at and above saturation, and never below Erlang B', () => {
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(4, 9)).toBe(1);
    expect(erlangC(0, 1)).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (c, load) => {
        const C = erlangC(c, load * c);
        expect(C).toBeGreaterThanOrEqual(erlangB(c, load * c) - 1e-15);
        expect(C).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('M/M/c waits and response times', () => {
  const points = [
    // servers, λ, μ
    [1, 5, 10],
    [1, 9.5, 10],
    [8, 64, 10],
    [64, 608, 10],
    [3, 2.9, 1],
    [200, 1900, 10],
  ] as const;

  it.each(points)('c=%i λ=%f μ=%f: waits as Erlang C says', (c, lambda, mu) => {
    const ref = mmc(c, lambda, mu);
    expect(rel(mmcWaitProbability(c, lambda, mu), ref.waitProbability)).toBeLessThan(1e-10);
    expect(rel(mmcMeanWaitSec(c, lambda, mu), ref.meanWaitSec)).toBeLessThan(1e-10);
    for (const q of [0.5, 0.9, 0.99, 0.999]) {
      const w = mmcWaitQuantileSec(c, lambda, mu, q);
      expect(Math.abs(w - ref.waitQuantileSec(q))).toBeLessThanOrEqual(1e-12 + 1e-10 * w);
      // P(W > w_q) = 1 − q where the quantile is a positive wait
      if (w > 0) expect(mmcWaitSurvival(c, lambda, mu, w)).toBeCloseTo(1 - q, 12);
    }
  });

  it.each(points)('c=%i λ=%f μ=%f: response time CDF, quantiles and mean', (c, lambda, mu) => {
    const ref = mmc(c, lambda, mu);
    expect(rel(responseTimeMeanSec(c, lambda, mu), ref.meanResponseSec)).toBeLessThan(1e-10);
    for (const t of [0.001, 0.05, 0.3, 1, 5]) {
      expect(Math.abs(responseTimeCdf(c, lambda, mu, t) - ref.responseCdf(t))).toBeLessThan(1e-12);
    }
    for (const q of [0.5, 0.95, 0.99, 0.9999]) {
      const t = responseTimeQuantileSec(c, lambda, mu, q);
      expect(rel(t, ref.responseQuantileSec(q))).toBeLessThan(1e-9);
      expect(responseTimeCdf(c, lambda, mu, t)).toBeCloseTo(q, 12);
    }
  });

  it('M/M/1: the response time is Exp(μ − λ)', () => {
    // λ = 8, μ = 10: T ~ Exp(2), mean 0.5 s, p99 = ln(100)/2
    expect(responseTimeMeanSec(1, 8, 10)).toBeCloseTo(0.5, 14);
    expect(responseTimeQuantileSec(1, 8, 10, 0.99)).toBeCloseTo(Math.log(100) / 2, 10);
    expect(responseTimeSurvival(1, 8, 10, 1)).toBeCloseTo(Math.exp(-2), 14);
  });

  it('stays accurate when the wait rate equals the service rate', () => {
    // c = 2, μ = 1, λ = 1: θ = 2μ − λ = μ, where the two-exponential form would divide by zero;
    // against a numerical convolution of the two densities
    const C = 1 / 3;
    const t = 1.7;
    let conv = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const w = ((i + 0.5) / n) * t;
      conv += Math.exp(-w) * (1 - Math.exp(-(t - w))) * (t / n);
    }
    const expected = (1 - C) * (1 - Math.exp(-t)) + C * conv;
    expect(responseTimeCdf(2, 1, 1, t)).toBeCloseTo(expected, 8);
  });

  it('reports the unstable limit at and above saturation', () => {
    expect(mmcMeanWaitSec(2, 20, 10)).toBe(Infinity);
    expect(responseTimeQuantileSec(2, 25, 10, 0.5)).toBe(Infinity);
    expect(mmcWaitSurvival(2, 25, 10, 100)).toBe(1);
  });

  it('rejects nonsense rates', () => {
    expect(() => mmcWaitProbability(2, -1, 10)).toThrow(RangeError);
    expect(() => mmcWaitProbability(2, 1, 0)).toThrow(RangeError);
    expect(() => responseTimeQuantileSec(2, 1, 10, 1.5)).toThrow(RangeError);
  });
});
