import { describe, expect, it } from 'vitest';
import { MgcWait } from '../../src/maths/mgc-wait.ts';
import { mgcWaitLaw, newWaitLaw } from '../../src/maths/mgc.ts';
import { exponentialLaw, lognormalLaw, residualMinStretch } from '../../src/maths/service-laws.ts';
import { mmcWaitProbability } from '../../src/maths/erlang.ts';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe('the M/G/c wait of those who wait (a geometric number of draws)', () => {
  it('exponential service: M/M/c, those who wait ~ Exp(c(1 − ρ)), so wait + service is hypoexponential', () => {
    const w = new MgcWait(exponentialLaw);
    for (const c of [2, 8, 64]) {
      for (const rho of [0.5, 0.9]) {
        const law = mgcWaitLaw(1, c, residualMinStretch(exponentialLaw, c), mmcWaitProbability(c, rho * c, 1), rho, newWaitLaw());
        w.solve(c, law, Infinity);
        const a = c * (1 - rho);
        expect(w.servedShare).toBeCloseTo(1, 9);
        expect(rel(w.meanWaitMeans, 1 / a)).toBeLessThan(3e-3);
        for (const x of [0.5, 1, 3, 10]) {
          // P(Exp(a) + Exp(1) <= x)
          const want = a === 1 ? 1 - Math.exp(-x) * (1 + x) : 1 - (Math.exp(-a * x) - a * Math.exp(-x)) / (1 - a);
          expect(Math.abs(w.responseCdf(x) - want)).toBeLessThan(3e-3);
        }
      }
    }
  });

  it('light traffic: one draw, the first of c residuals to end (mean E[min of c residuals])', () => {
    const law = lognormalLaw(Math.sqrt(Math.log1p(16)));
    const w = new MgcWait(law);
    for (const c of [2, 8, 64]) {
      w.solve(c, mgcWaitLaw(law.scv, c, residualMinStretch(law, c), 0, 0.01, newWaitLaw()), Infinity);
      expect(rel(w.meanWaitMeans, residualMinStretch(law, c) / c / 0.99)).toBeLessThan(0.01);
    }
  });

  it('a timeout: some of those who wait give up, and the rest waited less than it', () => {
    const law = lognormalLaw(Math.sqrt(Math.log1p(16)));
    const w = new MgcWait(law);
    const c = 8;
    const rho = 0.95;
    const shape = mgcWaitLaw(law.scv, c, residualMinStretch(law, c), mmcWaitProbability(c, rho * c, 1), rho, newWaitLaw());
    w.solve(c, shape, 20);
    expect(w.servedShare).toBeGreaterThan(0.9);
    expect(w.servedShare).toBeLessThan(1);
    expect(w.meanWaitMeans).toBeLessThan(20);
    expect(w.reachMeans).toBeLessThanOrEqual(20);
    // the same sizes again reuse their kernels and give the same answer
    const again = new MgcWait(law).solve(c, shape, 20);
    expect(again.meanWaitMeans).toBe(w.solve(c, shape, 20).meanWaitMeans);
  });
});
