import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Mg1Wait } from '../../src/maths/mg1-wait.ts';
import { impatientSteadyState, newImpatientSteadyState } from '../../src/maths/impatient.ts';
import { deterministicLaw, exponentialLaw, gammaLaw, lognormalLaw } from '../../src/maths/service-laws.ts';
import { erlangMd1WaitCdf } from './md1-reference.ts';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);
/** P(W <= x) of the solved queue (x in mean service times) for a deterministic service time of 1. */
const md1WaitCdf = (w: Mg1Wait, x: number): number => w.noWait + w.waitServed * w.responseCdf(x + 1);

describe('the exact M/G/1 wait (compound geometric, level crossing)', () => {
  it('M/M/1: waits with probability ρ, those who wait ~ Exp(1 − ρ), so wait + service is hypoexponential', () => {
    const w = new Mg1Wait(exponentialLaw);
    for (const rho of [0.3, 0.5, 0.8, 0.95]) {
      w.solve(rho, Infinity);
      const a = 1 - rho;
      expect(w.noWait).toBeCloseTo(1 - rho, 12);
      expect(w.abandon).toBe(0);
      expect(rel(w.meanWaitMeans, 1 / a)).toBeLessThan(2e-3);
      for (const x of [0.5, 1, 3, 10, 30]) {
        const want = 1 - (Math.exp(-a * x) - a * Math.exp(-x)) / (1 - a);
        expect(Math.abs(w.responseCdf(x) - want)).toBeLessThan(2e-3);
      }
    }
  });

  it('M/D/1: the wait of Erlang (Crommelin) at integer and between points, and the Pollaczek–Khinchine mean', () => {
    const w = new Mg1Wait(deterministicLaw);
    for (const rho of [0.5, 0.8, 0.9]) {
      w.solve(rho, Infinity);
      expect(rel(w.waitServed * w.meanWaitMeans, rho / (2 * (1 - rho)))).toBeLessThan(5e-3);
      for (const x of [0.25, 0.5, 1.5, 2.5, 4.5, 8.5]) {
        expect(Math.abs(md1WaitCdf(w, x) - erlangMd1WaitCdf(rho, x))).toBeLessThan(3e-3);
      }
    }
  });

  it('M/G/1: the Pollaczek–Khinchine mean wait ρ(1 + c_s²)/(2(1 − ρ)) within 0.5% for SCV 0 to 16', () => {
    for (const law of [deterministicLaw, gammaLaw(4), exponentialLaw, lognormalLaw(Math.sqrt(Math.log1p(4))), lognormalLaw(Math.sqrt(Math.log1p(16)))]) {
      const w = new Mg1Wait(law);
      for (const rho of [0.5, 0.8, 0.95]) {
        w.solve(rho, Infinity);
        expect(rel(w.waitServed * w.meanWaitMeans, (rho * (1 + law.scv)) / (2 * (1 - rho)))).toBeLessThan(5e-3);
      }
    }
  });

  it('M/M/1 with a deterministic timeout: the shares of M/M/c+D (impatient.ts) within 0.1%', () => {
    const w = new Mg1Wait(exponentialLaw);
    for (const rho of [0.5, 0.9, 0.95]) {
      for (const tau of [1, 10, 40]) {
        w.solve(rho, tau);
        const s = impatientSteadyState(1, rho, 1, tau, newImpatientSteadyState());
        expect(rel(w.noWait, s.noWait)).toBeLessThan(1e-3);
        expect(rel(w.waitServed, s.waitServed)).toBeLessThan(1e-3);
        // the share that gives up to 0.1% of itself, or a thousandth of a percentage point
        expect(Math.abs(w.abandon - s.abandon)).toBeLessThan(Math.max(1e-5, 1e-3 * s.abandon));
      }
    }
  });

  it('every arrival is served at once, served after waiting, or gives up; the response CDF rises to 1', () => {
    const law = lognormalLaw(1.2);
    const w = new Mg1Wait(law);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.97, noNaN: true }), fc.double({ min: 0.05, max: 200, noNaN: true }), (rho, tau) => {
        w.solve(rho, tau);
        expect(w.noWait).toBeGreaterThan(0);
        expect(w.waitServed).toBeGreaterThanOrEqual(0);
        expect(w.abandon).toBeGreaterThanOrEqual(0);
        expect(w.noWait + w.waitServed + w.abandon).toBeCloseTo(1, 9);
        expect(w.meanWaitMeans).toBeLessThanOrEqual(tau * 1.02);
        let last = 0;
        for (const x of [0.01, 0.1, 1, 10, 100, 1e4, 1e7]) {
          const f = w.responseCdf(x);
          expect(f).toBeGreaterThanOrEqual(last);
          last = f;
        }
        expect(last).toBeCloseTo(1, 6);
      }),
      { numRuns: 40 },
    );
  });
});
