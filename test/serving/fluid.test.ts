import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FluidQueue } from '../../src/serving/fluid.ts';
import { LatencySketch } from '../../src/maths/latency-sketch.ts';
import { mmc } from './mmc-reference.ts';
import { gammaLaw, lognormalLaw } from '../../src/maths/service-laws.ts';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe('FluidQueue on steady load, fixed servers', () => {
  // μ = 10/s (100 ms service), λ = ρ·c·μ, no timeout; 100 steps of 10 s merged in one sketch
  for (const c of [1, 8, 64]) {
    for (const rho of [0.5, 0.8, 0.95]) {
      it(`c=${c} ρ=${rho}: mean and p99 within 1% of M/M/c`, () => {
        const mu = 10;
        const lambda = rho * c * mu;
        const ref = mmc(c, lambda, mu);
        const q = new FluidQueue();
        const sketch = new LatencySketch();
        let served = 0;
        let arrived = 0;
        for (let i = 0; i < 100; i++) {
          const r = q.step(10, lambda, c, mu, Infinity, sketch);
          arrived += r.arrived;
          served += r.served;
          // each step is the closed form itself (its percentiles read off the walk into the sketch)
          expect(rel(r.meanLatencySec, ref.meanResponseSec)).toBeLessThan(1e-9);
          expect(rel(r.p99Sec, ref.responseQuantileSec(0.99))).toBeLessThan(1e-4);
          expect(rel(r.p50Sec, ref.responseQuantileSec(0.5))).toBeLessThan(1e-4);
        }
        expect(served).toBeCloseTo(arrived, 6);
        expect(q.backlog).toBe(0);
        // the run's figures come from the merged sketch
        expect(rel(sketch.mean, ref.meanResponseSec)).toBeLessThan(0.01);
        expect(rel(sketch.quantile(0.99), ref.responseQuantileSec(0.99))).toBeLessThan(0.01);
        expect(rel(sketch.quantile(0.5), ref.responseQuantileSec(0.5))).toBeLessThan(0.01);
        expect(rel(sketch.quantile(0.95), ref.responseQuantileSec(0.95))).toBeLessThan(0.01);
      });
    }
  }

  it('answers the step’s latency CDF', () => {
    const q = new FluidQueue();
    const r = q.step(10, 72, 8, 10, Infinity, new LatencySketch());
    expect(q.stepCdf(r.p99Sec)).toBeCloseTo(0.99, 6);
    expect(q.stepCdf(r.p50Sec)).toBeCloseTo(0.5, 6);
    expect(q.stepCdf(0)).toBe(0);
  });

  it('answers the step’s latency CDF with a service-time law too: its own percentiles give their levels back', () => {
    for (const servers of [1, 8]) {
      for (const law of [gammaLaw(4), lognormalLaw(Math.sqrt(Math.log1p(16)))]) {
        const q = new FluidQueue(law);
        const r = q.step(10, 0.8 * servers * 10, servers, 10, 2, new LatencySketch());
        // the percentiles and the CDF read the same grid (one bin is under 1%, where the CDF rises
        // by about its density times 1% of the latency: a bin's error would show as ~0.5% here)
        expect(Math.abs(q.stepCdf(r.p50Sec) - 0.5)).toBeLessThan(1e-3);
        expect(Math.abs(q.stepCdf(r.p95Sec) - 0.95)).toBeLessThan(1e-3);
        expect(Math.abs(q.stepCdf(r.p99Sec) - 0.99)).toBeLessThan(1e-3);
        expect(q.stepCdf(0)).toBe(0);
        expect(q.stepCdf(1e6)).toBe(1);
      }
    }
  });

  it('without a sketch, solves its percentiles exactly', () => {
    const ref = mmc(8, 72, 10);
    const r = new FluidQueue().step(10, 72, 8, 10, Infinity);
    expect(rel(r.p50Sec, ref.responseQuantileSec(0.5))).toBeLessThan(1e-9);
    expect(rel(r.p95Sec, ref.responseQuantileSec(0.95))).toBeLessThan(1e-9);
    expect(rel(r.p99Sec, ref.responseQuantileSec(0.99))).toBeLessThan(1e-9);
  });

  it('with a timeout, fails the M/M/c+D share: under C·e^(−θτ), since leaving relieves the queue', () => {
    // c = 1, λ = 9, μ = 10, τ = 5 s: b = B(0, a) = 1, θ = 1/s. Relative to P(no wait) = 1:
    // waiting and served b·λ·(1 − e^(−θτ))/θ = 9(1 − e^(−5)), giving up b·λ·e^(−θτ)/(cμ) = 0.9·e^(−5)
    const q = new FluidQueue();
    const r = q.step(100, 9, 1, 10, 5);
    const gaveUp = 0.9 * Math.exp(-5);
    const expected = gaveUp / (1 + 9 * (1 - Math.exp(-5)) + gaveUp);
    expect(rel(r.failed / r.arrived, expected)).toBeLessThan(1e-9);
    expect(r.failed / r.arrived).toBeLessThan(0.9 * Math.exp(-5));
  });
});

describe('FluidQueue above saturation', () => {
  it('grows the backlog at λ − cμ with no timeout, and waits follow it', () => {
    // 10 servers × 10/s = 100/s against 150/s: +50 requests a second
    const q = new FluidQueue();
    let r = q.step(10, 150, 10, 10, Infinity);
    expect(r.backlog).toBeCloseTo(500, 9);
    expect(r.served).toBeCloseTo(1000, 9);
    r = q.step(10, 150, 10, 10, Infinity);
    expect(r.backlog).toBeCloseTo(1000, 9);
    // the last arrival of the step waits backlog / cμ = 10 s; the first 500/100 = 5 s; the step's
    // served requests waited 3⅓ s to 6⅔ s (they arrived at t·2/3), so the median is ~5 s + service
    expect(r.p50Sec).toBeGreaterThan(5);
    expect(r.p50Sec).toBeLessThan(5.2);
  });

  it('drains the backlog at cμ − λ afterwards and returns to the steady state', () => {
    const q = new FluidQueue();
    q.step(10, 150, 10, 10, Infinity); // backlog 500
    // at 50/s with 100/s capacity the backlog falls by 50/s: empty after 10 s
    let r = q.step(5, 50, 10, 10, Infinity);
    expect(r.backlog).toBeCloseTo(250, 9);
    r = q.step(5, 50, 10, 10, Infinity);
    expect(r.backlog).toBe(0);
    expect(r.served).toBeCloseTo(250 + 250, 9);
    r = q.step(10, 50, 10, 10, Infinity);
    expect(rel(r.meanLatencySec, mmc(10, 50, 10).meanResponseSec)).toBeLessThan(1e-9);
  });

  it('fails what would wait past the timeout; the backlog stays within cμτ + λτ', () => {
    // 100/s capacity, 300/s arrivals, 2 s timeout: the front of the queue holds at 2 s, the servers
    // take 100/s of it and 200/s give up
    const q = new FluidQueue();
    let failed = 0;
    for (let i = 0; i < 10; i++) {
      const r = q.step(10, 300, 10, 10, 2);
      failed += r.failed;
      expect(r.backlog).toBeLessThanOrEqual(100 * 2 + 300 * 2 + 1e-9);
    }
    // steady: per step 3000 arrive, 1000 served, 2000 fail
    const r = q.step(10, 300, 10, 10, 2);
    expect(r.served).toBeCloseTo(1000, 6);
    expect(r.failed).toBeCloseTo(2000, 6);
    // served requests all waited the timeout: median 2 s + ln2/μ
    expect(r.p50Sec).toBeCloseTo(2 + Math.log(2) / 10, 6);
    expect(failed).toBeGreaterThan(0);
  });

  it('with zero servers everything waits the timeout and fails', () => {
    // 100/s for 10 s, timeout 2 s: arrivals up to t = 8 s fail within the step (800), the last 2 s
    // worth (200) are still waiting; they fail early in the next step
    const q = new FluidQueue();
    let r = q.step(10, 100, 0, 10, 2);
    expect(r.served).toBe(0);
    expect(r.failed).toBeCloseTo(800, 9);
    expect(r.backlog).toBeCloseTo(200, 9);
    expect(r.p99Sec).toBeNaN();
    r = q.step(10, 0, 0, 10, 2);
    expect(r.failed).toBeCloseTo(200, 9);
    expect(r.backlog).toBe(0);
  });

  it('serves a backlog when servers arrive, oldest first', () => {
    const q = new FluidQueue();
    q.step(1, 100, 0, 10, 30); // 100 waiting, 0.5 s old on average
    // 100 servers at 10/s clear 100 requests in 0.1 s
    const r = q.step(10, 0, 100, 10, 30);
    expect(r.served).toBeCloseTo(100, 9);
    expect(r.backlog).toBe(0);
    // waits ran from 1 s (the oldest, served at once) down to ~0.1 s
    expect(r.meanLatencySec).toBeGreaterThan(0.5);
    expect(r.meanLatencySec).toBeLessThan(0.7);
  });

  it('flush settles the backlog with the last servers', () => {
    const q = new FluidQueue();
    q.step(10, 200, 10, 10, Infinity); // backlog 1000
    const sketch = new LatencySketch();
    const r = q.flush(sketch);
    expect(r.served).toBeCloseTo(1000, 9);
    expect(r.backlog).toBe(0);
    expect(q.backlog).toBe(0);
    expect(sketch.count).toBeCloseTo(1000, 9);
  });

  it('flush fails everything when nothing can ever serve it', () => {
    const q = new FluidQueue();
    q.step(10, 20, 0, 10, Infinity);
    const r = q.flush();
    expect(r.failed).toBeCloseTo(200, 9);
    expect(r.served).toBe(0);
  });
});

describe('FluidQueue step percentiles', () => {
  it('read off the walk into a sketch, they equal the ones solved on the mixture', () => {
    const step = fc.record({
      dt: fc.constantFrom(0.5, 1, 10, 60),
      rate: fc.double({ min: 0, max: 2000, noNaN: true }),
      servers: fc.integer({ min: 0, max: 120 }),
      mu: fc.double({ min: 0.5, max: 50, noNaN: true }),
      timeout: fc.oneof(fc.constant(Infinity), fc.double({ min: 0.01, max: 120, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 20 }), (steps) => {
        const withSketch = new FluidQueue();
        const without = new FluidQueue();
        const sketch = new LatencySketch();
        for (const s of steps) {
          const a = { ...withSketch.step(s.dt, s.rate, s.servers, s.mu, s.timeout, sketch) };
          const b = without.step(s.dt, s.rate, s.servers, s.mu, s.timeout);
          for (const k of ['p50Sec', 'p95Sec', 'p99Sec'] as const) {
            if (Number.isNaN(b[k])) expect(a[k]).toBeNaN();
            else expect(Math.abs(a[k] / b[k] - 1)).toBeLessThan(1e-7);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an old backlog served in a short step: waits spread over a narrow band far from zero', () => {
    // 179 requests waited up to 60 s for the first server; in 0.5 s at 13.5/s it takes 6.8 of them
    const q = new FluidQueue();
    q.step(60, 2.982387523607563, 0, 0.5, Infinity);
    const r = q.step(0.5, 0, 1, 13.529296874999625, Infinity, new LatencySketch());
    const exact = new FluidQueue();
    exact.step(60, 2.982387523607563, 0, 0.5, Infinity);
    const e = exact.step(0.5, 0, 1, 13.529296874999625, Infinity);
    expect(r.p95Sec).toBeCloseTo(e.p95Sec, 8);
    expect(r.p99Sec).toBeCloseTo(e.p99Sec, 8);
    expect(r.p99Sec).toBeGreaterThan(60);
  });
});

describe('FluidQueue conservation', () => {
  const step = fc.record({
    dt: fc.constantFrom(0, 0.5, 1, 10, 60),
    rate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2000, noNaN: true })),
    servers: fc.integer({ min: 0, max: 120 }),
    mu: fc.double({ min: 0.5, max: 50, noNaN: true }),
    timeout: fc.oneof(fc.constant(Infinity), fc.constant(0), fc.double({ min: 0.01, max: 120, noNaN: true })),
  });

  it('arrived = served + failed + backlog after any sequence of steps, and after flush', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.boolean(), (steps, withSketch) => {
        const q = new FluidQueue();
        const sketch = withSketch ? new LatencySketch() : undefined;
        let arrived = 0;
        let served = 0;
        let failed = 0;
        const history: (typeof steps)[number][] = [];
        for (const s of steps) {
          const r = q.step(s.dt, s.rate, s.servers, s.mu, s.timeout, sketch);
          arrived += r.arrived;
          served += r.served;
          failed += r.failed;
          expect(r.served).toBeGreaterThanOrEqual(-1e-9 * (1 + arrived));
          expect(r.failed).toBeGreaterThanOrEqual(-1e-9 * (1 + arrived));
          expect(r.backlog).toBeGreaterThanOrEqual(0);
          expect(Math.abs(arrived - served - failed - r.backlog)).toBeLessThanOrEqual(1e-9 * (1 + arrived));
          history.push(s);
          if (s.timeout !== Infinity && s.dt > 0) {
            // nothing older than the timeout is still waiting: the backlog is at most what
            // arrived in the last τ seconds (the queue compares waits with τ up to rounding)
            let window = 0;
            let left = s.timeout + 1e-8 * (1 + s.timeout);
            for (let i = history.length - 1; i >= 0 && left > 0; i--) {
              const span = Math.min(left, history[i].dt);
              window += history[i].rate * span;
              left -= span;
            }
            expect(r.backlog).toBeLessThanOrEqual(window * (1 + 1e-9) + 1e-9);
          }
          if (r.served > 1e-9) expect(r.p99Sec).toBeGreaterThanOrEqual(r.p50Sec * (1 - 1e-12));
        }
        const r = q.flush(sketch);
        served += r.served;
        failed += r.failed;
        expect(r.backlog).toBe(0);
        expect(Math.abs(arrived - served - failed)).toBeLessThanOrEqual(1e-9 * (1 + arrived));
        if (sketch) expect(Math.abs(sketch.count - served)).toBeLessThanOrEqual(1e-6 * (1 + served));
      }),
      { numRuns: 300 },
    );
  });
});
