import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { impatientSteadyState, newImpatientSteadyState } from '../../src/maths/impatient.ts';
import { RequestQueue } from '../../src/serving/requests.ts';
import { refErlangB, refErlangC } from '../serving/mmc-reference.ts';

const state = (c: number, lambda: number, mu: number, tau: number) =>
  impatientSteadyState(c, lambda, mu, tau, newImpatientSteadyState());

describe('M/M/c with a timeout, steady state', () => {
  it('without a timeout is Erlang C', () => {
    for (const [c, lambda, mu] of [
      [1, 8, 10],
      [8, 64, 10],
      [64, 608, 10],
    ]) {
      const s = state(c, lambda, mu, Infinity);
      expect(s.abandon).toBe(0);
      expect(1 - s.noWait).toBeCloseTo(refErlangC(c, lambda / mu), 12);
    }
  });

  it('with a zero timeout is Erlang’s loss system: the error rate is Erlang B', () => {
    for (const [c, lambda, mu] of [
      [1, 8, 10],
      [8, 100, 10],
      [64, 640, 10],
    ]) {
      expect(state(c, lambda, mu, 0).abandon).toBeCloseTo(refErlangB(c, lambda / mu), 12);
    }
  });

  it('far above saturation loses what the servers cannot take', () => {
    // 1000 servers at 10/s against 20000/s with a 2 s timeout: the queue sits at the timeout and
    // (20000 − 10000)/20000 = 1/2 of the arrivals give up
    expect(state(1000, 20_000, 10, 2).abandon).toBeCloseTo(0.5, 3);
    // and does not overflow when θτ is very negative
    const s = state(10, 1e6, 10, 30);
    expect(s.abandon).toBeCloseTo(1 - 100 / 1e6, 6);
  });

  it('its probabilities add up to one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        (c, load, mu, tau) => {
          const s = state(c, load * c * mu, mu, tau);
          expect(s.noWait + s.waitServed + s.abandon).toBeCloseTo(1, 12);
          for (const p of [s.noWait, s.waitServed, s.abandon]) expect(p).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('agrees with request-by-request simulation at saturation', () => {
    // c = 8, μ = 10, λ = 80 (ρ = 1), timeout 0.3 s: a regime Erlang C cannot describe
    const c = 8;
    const mu = 10;
    const lambda = 80;
    const tau = 0.3;
    const s = state(c, lambda, mu, tau);
    const q = new RequestQueue(seedrandom.alea('impatient'), undefined, { stepPercentiles: false });
    for (let i = 0; i < 30; i++) q.step(1000, lambda, c, mu, tau);
    const t = q.totals;
    // 2.4 million requests: the error rate within 3% of its value, the waiting share within 2%
    expect(Math.abs(t.failed / t.arrived / s.abandon - 1)).toBeLessThan(0.03);
    expect(Math.abs(t.served / t.arrived - (s.noWait + s.waitServed))).toBeLessThan(0.002);
  });
});

describe('the shortcut for many servers far below saturation', () => {
  it('answers "no wait" only where the exact wait terms are below 1e-17', () => {
    const out = newImpatientSteadyState();
    for (const c of [20, 50, 200, 1000, 4000]) {
      for (const rho of [0.1, 0.3, 0.5, 0.7, 0.85, 0.95]) {
        for (const tau of [0.5, 2, 30, Infinity]) {
          const mu = 20;
          const lambda = rho * c * mu;
          impatientSteadyState(c, lambda, mu, tau, out);
          const b = refErlangB(c - 1, lambda / mu);
          const theta = c * mu - lambda;
          const window = tau === Infinity ? 1 / theta : (1 - Math.exp(-theta * tau)) / theta;
          const exactWait = b * lambda * window;
          if (out.waitServed === 0) expect(exactWait, `c=${c} rho=${rho} tau=${tau}`).toBeLessThan(1e-17);
          else expect(out.waitServed).toBeCloseTo(exactWait / (1 + exactWait + (tau === Infinity ? 0 : (b * lambda * Math.exp(-theta * tau)) / (c * mu))), 12);
        }
      }
    }
  });
});
