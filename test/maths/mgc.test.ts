import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { impatientSteadyState, newImpatientSteadyState } from '../../src/maths/impatient.ts';
import {
  approximationDoubtful,
  conditionalWaitScv,
  meanWaitStretch,
  mgcSteadyState,
  mgcWaitLaw,
  newWaitLaw,
  newWaitSplit,
  splitWait,
  waitShapeOf,
  waitStretch,
} from '../../src/maths/mgc.ts';
import {
  deterministicLaw,
  exponentialLaw,
  gammaLaw,
  lognormalLaw,
  residualMinScv,
  residualMinStretch,
  type ServiceLaw,
} from '../../src/maths/service-laws.ts';
import { LatencySketch } from '../../src/maths/latency-sketch.ts';
import { FluidQueue } from '../../src/serving/fluid.ts';
import { mmc, refErlangC } from '../serving/mmc-reference.ts';
import { erlangMd1WaitCdf } from './md1-reference.ts';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

/** Pollaczek–Khinchine: the M/G/1 mean wait, ρ(1 + c_s²) / (2μ(1 − ρ)). */
const pkMeanWaitSec = (rho: number, mu: number, scv: number): number => (rho * (1 + scv)) / (2 * mu * (1 - rho));

/** Mean wait of the steady state without a timeout: P(wait) times the exponential's mean. */
function meanWaitSec(c: number, lambda: number, mu: number, scv: number): number {
  const s = mgcSteadyState(c, lambda, mu, Infinity, waitStretch(scv), newImpatientSteadyState());
  return (1 - s.noWait) / s.waitRate;
}

/** One long steady step of the fluid queue for a law: its result and its latency sketch. */
function fluidStep(law: ServiceLaw | undefined, c: number, rho: number, mu: number, timeoutSec = Infinity) {
  const sketch = new LatencySketch();
  const r = new FluidQueue(law).step(1000, rho * c * mu, c, mu, timeoutSec, sketch);
  return { ...r, sketch };
}

describe('the M/G/c wait approximation', () => {
  it('with stretch 1 is M/M/c with the timeout, number for number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (c, load, mu, tau) => {
          const a = mgcSteadyState(c, load * c * mu, mu, tau, 1, newImpatientSteadyState());
          const b = impatientSteadyState(c, load * c * mu, mu, tau, newImpatientSteadyState());
          expect(a).toEqual(b);
        },
      ),
    );
  });

  it('is Erlang C for exponential service: P(wait) = C(c, a), the wait Exp(cμ − λ)', () => {
    for (const c of [1, 2, 8, 64, 200]) {
      for (const rho of [0.5, 0.8, 0.95]) {
        const mu = 10;
        const lambda = rho * c * mu;
        const s = mgcSteadyState(c, lambda, mu, Infinity, waitStretch(1), newImpatientSteadyState());
        // (far below saturation the code answers "no wait" where Erlang C is below 1e-17)
        const C = refErlangC(c, lambda / mu);
        expect(Math.abs(1 - s.noWait - C)).toBeLessThanOrEqual(1e-9 * C + 1e-15);
        expect(rel(s.waitRate, c * mu - lambda)).toBeLessThan(1e-12);
        expect(s.abandon).toBe(0);
      }
    }
  });

  it('gives the Pollaczek–Khinchine mean wait for one server, M/D/1 and M/G/1', () => {
    for (const scv of [0, 0.25, 1, 4, 16]) {
      for (const rho of [0.1, 0.5, 0.8, 0.95, 0.99]) {
        const mu = 4;
        expect(rel(meanWaitSec(1, rho * mu, mu, scv), pkMeanWaitSec(rho, mu, scv))).toBeLessThan(1e-12);
      }
    }
  });

  it('keeps the share that gives up and the share served within 1 for any stretch', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 16, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (c, load, scv, tau) => {
          const s = mgcSteadyState(c, load * c, 1, tau, waitStretch(scv), newImpatientSteadyState());
          expect(s.noWait + s.waitServed + s.abandon).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('makes more give up at a timeout as the service time gets more variable', () => {
    const gaveUp = (scv: number) => mgcSteadyState(4, 3.6, 1, 5, waitStretch(scv), newImpatientSteadyState()).abandon;
    expect(gaveUp(0)).toBeLessThan(gaveUp(1));
    expect(gaveUp(1)).toBeLessThan(gaveUp(4));
    expect(gaveUp(4)).toBeLessThan(gaveUp(16));
  });
});

describe('the fluid queue with a service-time law (the wait convolved with the law)', () => {
  it('M/D/1 and M/G/1: the mean latency is 1/μ plus the Pollaczek–Khinchine wait, within 1%', () => {
    const laws: [string, ServiceLaw][] = [
      ['deterministic', deterministicLaw],
      ['Erlang-4', gammaLaw(4)],
      ['lognormal SCV 4', lognormalLaw(Math.sqrt(Math.log(5)))],
    ];
    for (const [, law] of laws) {
      for (const rho of [0.5, 0.8, 0.95]) {
        const mu = 20;
        const want = 1 / mu + pkMeanWaitSec(rho, mu, law.scv);
        const r = fluidStep(law, 1, rho, mu);
        expect(rel(r.meanLatencySec, want)).toBeLessThan(0.01);
        // and the convolved distribution the sketch holds has that mean too
        expect(rel(meanOfSketch(r.sketch), want)).toBeLessThan(0.01);
      }
    }
  });

  it('M/M/c through the grid (the exponential given as a gamma of shape 1) matches the closed forms within 1%', () => {
    for (const c of [1, 8, 64, 200]) {
      for (const rho of [0.5, 0.9, 0.95]) {
        const mu = 10;
        const ref = mmc(c, rho * c * mu, mu);
        const grid = fluidStep(gammaLaw(1), c, rho, mu);
        const closed = fluidStep(undefined, c, rho, mu);
        for (const [level, got] of [
          [0.5, grid.p50Sec],
          [0.95, grid.p95Sec],
          [0.99, grid.p99Sec],
        ] as const) {
          expect(rel(got, ref.responseQuantileSec(level)), `c ${c} ρ ${rho} q ${level}`).toBeLessThan(0.01);
        }
        // the wait is solved on cells 2% wide for one server (mg1-wait.ts), 3% for more (mgc-wait.ts)
        expect(rel(grid.meanLatencySec, ref.meanResponseSec)).toBeLessThan(c === 1 ? 1e-3 : 2e-3);
        expect(rel(grid.p99Sec, closed.p99Sec)).toBeLessThan(0.01);
      }
    }
  });

  it('M/D/1: the response time is 1/μ plus the wait of Erlang (1909), P(W <= x) = (1 − ρ) Σ_k<=x (ρ(k − x))^k e^(−ρ(k − x)) / k!', () => {
    const mu = 10;
    const rho = 0.8;
    const q = new FluidQueue(deterministicLaw);
    q.step(1000, rho * mu, 1, mu, Infinity);
    for (const t of [0.15, 0.2, 0.3, 0.6, 1]) {
      // within the grid's bins (1%, where the CDF rises at up to 0.4 per mean service time)
      expect(Math.abs(q.stepCdf(t) - erlangMd1WaitCdf(rho, (t - 1 / mu) * mu))).toBeLessThan(0.01);
    }
    // below one service time nobody is done
    expect(q.stepCdf(0.098)).toBeLessThan(0.01);
  });

  it('a timeout cuts the convolved law: nobody served takes longer than timeout + the longest service', () => {
    const mu = 10;
    const tau = 0.5;
    const r = fluidStep(deterministicLaw, 1, 0.95, mu, tau);
    expect(r.failed).toBeGreaterThan(0);
    expect(r.served + r.failed).toBeCloseTo(r.arrived, 6);
    // the last served waited at most τ, then took 1/μ: within a bin of 1% of τ + 1/μ
    expect(r.sketch.quantile(0.9999)).toBeLessThanOrEqual((tau + 1 / mu) * 1.02);
  });
});

/** The mean of what a sketch holds, from its quantiles (the midpoint rule over 10,000 levels). */
function meanOfSketch(s: LatencySketch): number {
  let sum = 0;
  const n = 10_000;
  for (let i = 0; i < n; i++) sum += s.quantile((i + 0.5) / n);
  return sum / n;
}

describe('the laws as the approximation reads them', () => {
  it('exponential: SCV 1, the stretch 1', () => {
    expect(exponentialLaw.scv).toBe(1);
    expect(waitStretch(exponentialLaw.scv)).toBe(1);
    expect(waitStretch(deterministicLaw.scv)).toBe(0.5);
  });
});

const SHAPES = ['twoExponentials', 'draws'] as const;

describe('the stretch of the mean wait, from light to heavy traffic', () => {
  it('light-traffic end: c times the mean of the first of c residuals (deterministic: Beta(1, c), mean 1/(c + 1)); exponential 1', () => {
    for (const c of [2, 8, 64]) {
      expect(residualMinStretch(deterministicLaw, c)).toBeCloseTo(c / (c + 1), 3);
      expect(residualMinStretch(exponentialLaw, c)).toBeCloseTo(1, 4);
    }
  });

  it('one server: (1 + c_s²)/2 at both ends, so Pollaczek–Khinchine holds at any load', () => {
    for (const law of [deterministicLaw, gammaLaw(4), lognormalLaw(Math.sqrt(Math.log1p(16)))]) {
      const light = residualMinStretch(law, 1);
      expect(light).toBe(waitStretch(law.scv));
      for (const shape of SHAPES) {
        for (const pw of [0, 0.3, 0.9, 1]) expect(meanWaitStretch(law.scv, 1, light, pw, shape)).toBe(waitStretch(law.scv));
      }
    }
  });

  it('runs from the light-traffic stretch when nobody waits to Allen–Cunneen when everybody does, monotone between', () => {
    const law = lognormalLaw(Math.sqrt(Math.log1p(16)));
    const light = residualMinStretch(law, 8);
    // a heavy tail on eight servers: the first of eight residuals ends far sooner than one residual
    expect(light).toBeLessThan(0.5 * waitStretch(16));
    for (const shape of SHAPES) {
      expect(meanWaitStretch(16, 8, light, 0, shape)).toBe(light);
      expect(meanWaitStretch(16, 8, light, 1, shape)).toBe(waitStretch(16));
      fc.assert(
        fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          return meanWaitStretch(16, 8, light, lo, shape) <= meanWaitStretch(16, 8, light, hi, shape) + 1e-12;
        }),
      );
    }
  });
});

describe('the shape of the wait of those who wait', () => {
  it('light traffic, one server: the SCV of the equilibrium residual, 4E[S³]/(3E[S²]²) − 1', () => {
    for (const law of [exponentialLaw, deterministicLaw, gammaLaw(4), lognormalLaw(Math.sqrt(Math.log(5))), lognormalLaw(Math.sqrt(Math.log(17)))]) {
      const e2 = 1 + law.scv;
      const want = (4 * law.thirdMoment) / (3 * e2 * e2) - 1;
      expect(Math.abs(residualMinScv(law, 1) - want)).toBeLessThan(1e-3 * (1 + want));
    }
  });

  it('light traffic, c servers: the first of c residuals (deterministic: Beta(1, c), SCV c/(c + 2)); exponential stays 1', () => {
    for (const c of [2, 8, 64]) {
      expect(residualMinScv(deterministicLaw, c)).toBeCloseTo(c / (c + 2), 2);
      expect(residualMinScv(exponentialLaw, c)).toBeCloseTo(1, 3);
    }
    // a heavy tail matters less the more servers there are
    const law = lognormalLaw(Math.sqrt(Math.log(17)));
    expect(residualMinScv(law, 8)).toBeLessThan(residualMinScv(law, 1));
    expect(residualMinScv(law, 200)).toBeCloseTo(1, 1);
  });

  it('M/G/1: Takács’ second moment of the wait, E[W²] = 2E[W]² + λE[S³]/(3(1 − ρ))', () => {
    const law = lognormalLaw(Math.sqrt(Math.log(5)));
    for (const rho of [0.3, 0.8, 0.95]) {
      // unit mean service: E[W] = ρE[S²]/(2(1 − ρ)); conditional on waiting (probability ρ)
      const e2 = 1 + law.scv;
      const ew = (rho * e2) / (2 * (1 - rho));
      const ew2 = 2 * ew * ew + (rho * law.thirdMoment) / (3 * (1 - rho));
      const scv = (ew2 / rho) / (ew / rho) ** 2 - 1;
      expect(conditionalWaitScv(residualMinScv(law, 1), rho)).toBeCloseTo(scv, 2);
    }
  });

  it('two exponentials of balanced means keep the mean and give the SCV asked for', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 10, noNaN: true }), fc.double({ min: 1.01, max: 50, noNaN: true }), (k, scv) => {
        const s = splitWait(k, scv, newWaitSplit());
        const q = 1 - s.share;
        expect(s.share * s.stretchA + q * s.stretchB).toBeCloseTo(k, 10);
        // an exponential's second moment is twice its mean squared
        const m2 = 2 * (s.share * s.stretchA ** 2 + q * s.stretchB ** 2);
        expect(m2 / (k * k) - 1).toBeCloseTo(scv, 8);
      }),
    );
    expect(splitWait(1.5, 0.8, newWaitSplit())).toEqual({ share: 1, stretchA: 1.5, stretchB: 1.5 });
  });

  it('the shape: two exponentials up to the exponential’s SCV, draws above it', () => {
    expect(waitShapeOf(0.25)).toBe('twoExponentials');
    expect(waitShapeOf(1)).toBe('twoExponentials');
    // a lognormal of SCV 1 given by its mean and p99 comes out a rounding error above 1
    expect(waitShapeOf(1 + 2e-16)).toBe('twoExponentials');
    expect(waitShapeOf(1.01)).toBe('draws');
    expect(waitShapeOf(16)).toBe('draws');
  });

  it('the law of the wait: the mean the stretch gives; the exponential keeps M/M/c (geometric ρ); light traffic one draw', () => {
    const law = lognormalLaw(Math.sqrt(Math.log1p(16)));
    const light = residualMinStretch(law, 8);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 0.99, noNaN: true }), (pw, rho) => {
        const w = mgcWaitLaw(16, 8, light, pw, rho, newWaitLaw());
        // E[W | W > 0] = (mean draw)/(1 − geometric) in units of 1/(cμ): the stretch over 1/(1 − ρ)
        const draw = light + w.heavyShare * (waitStretch(16) - light);
        expect(draw / (1 - w.geometric)).toBeCloseTo(w.stretch / (1 - rho), 6);
        expect(w.geometric).toBeGreaterThanOrEqual(rho - 1e-12);
        expect(w.heavyShare).toBeLessThanOrEqual(1);
      }),
    );
    for (const rho of [0.3, 0.8, 0.95]) expect(mgcWaitLaw(1, 1, 1, 0.6, rho, newWaitLaw()).geometric).toBeCloseTo(rho, 12);
    const idle = mgcWaitLaw(16, 8, light, 0, 0.5, newWaitLaw());
    expect(idle.heavyShare).toBe(0);
    expect(idle.stretch).toBe(light);
  });

  it('past 8 servers, a smaller mean weight and fewer heavy draws for the same probability of waiting; up to 8 the same', () => {
    const law = lognormalLaw(Math.sqrt(Math.log1p(16)));
    for (const pw of [0.3, 0.6, 0.9]) {
      // the light-traffic stretch held the same, so only the fleet size's own part moves
      const light = residualMinStretch(law, 8);
      const at = (c: number) => mgcWaitLaw(16, c, light, pw, 0.95, newWaitLaw());
      expect(at(2)).toEqual(at(8));
      expect(at(64).stretch).toBeLessThan(at(8).stretch);
      expect(at(64).heavyShare).toBeCloseTo(at(8).heavyShare / 8 ** 0.75, 12);
      expect(at(200).heavyShare).toBeLessThan(at(64).heavyShare);
    }
  });

  it('is in doubt with a skewed service time on few, busy servers only', () => {
    expect(approximationDoubtful(1, 1, 0.99)).toBe(false);
    expect(approximationDoubtful(16, 1, 0.5)).toBe(true);
    expect(approximationDoubtful(16, 8, 0.6)).toBe(false);
    expect(approximationDoubtful(16, 8, 0.8)).toBe(true);
    expect(approximationDoubtful(16, 200, 0.8)).toBe(false);
    expect(approximationDoubtful(16, 200, 0.95)).toBe(true);
  });
});
