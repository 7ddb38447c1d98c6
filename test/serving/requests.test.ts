import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { RequestQueue } from '../../src/serving/requests.ts';
import { lognormalSigma } from '../../src/serving/service-time.ts';
import { LatencySketch } from '../../src/maths/latency-sketch.ts';
import { HeadroomError } from '../../src/errors.ts';
import { checkSteadyPoint } from './steady-requests.ts';

/**
 * FIFO c-server queue written the plain way: each request, in arrival order, starts at the later of
 * its arrival and the earliest time a server is free. Fed the same draws as RequestQueue (arrival
 * gaps from one stream restarted at each step, services from the other in order of start), it must
 * give the same latencies, request for request.
 */
function referenceFifo(
  arrivals: () => number,
  services: () => number,
  c: number,
  lambda: number,
  mu: number,
  stepSec: number,
  steps: number,
): { perStep: number[][]; waitSec: number } {
  const freeAt = new Array<number>(c).fill(0);
  const perStep: number[][] = [];
  let waitSec = 0;
  const meanGap = 1 / lambda;
  for (let k = 0; k < steps; k++) {
    const start = k * stepSec;
    const end = start + stepSec;
    const latencies: number[] = [];
    let t = start - Math.log(1 - arrivals()) * meanGap;
    while (t < end) {
      let s = 0;
      for (let i = 1; i < c; i++) if (freeAt[i] < freeAt[s]) s = i;
      const begin = freeAt[s] > t ? freeAt[s] : t;
      const service = -Math.log(1 - services()) / mu;
      freeAt[s] = begin + service;
      waitSec += begin - t;
      latencies.push(begin - t + service);
      t -= Math.log(1 - arrivals()) * meanGap;
    }
    perStep.push(latencies);
  }
  return { perStep, waitSec };
}

/** nearest rank, as the queue reports a step's percentiles */
function nearestRank(sorted: number[], q: number): number {
  return sorted[Math.ceil(q * sorted.length) - 1];
}

describe('RequestQueue is a FIFO M/M/c queue', () => {
  for (const c of [1, 3, 8]) {
    it(`c=${c}: request for request the same latencies as a plain FIFO of ${c} servers`, () => {
      const lambda = 0.9 * c * 10;
      const queue = new RequestQueue(seedrandom.alea('fifo-a'), undefined, { serviceRng: seedrandom.alea('fifo-s') });
      const ref = referenceFifo(seedrandom.alea('fifo-a'), seedrandom.alea('fifo-s'), c, lambda, 10, 5, 40);
      const sketch = new LatencySketch();
      for (const expected of ref.perStep) {
        const r = queue.step(5, lambda, c, 10, Infinity, sketch);
        expect(r.arrived).toBe(expected.length);
        expect(r.failed).toBe(0);
      }
      queue.flush(sketch);
      // the same latencies in the same order make the same sketch, bin for bin, and the same sums
      const expected = new LatencySketch();
      for (const step of ref.perStep) for (const latency of step) expected.add(latency);
      expect(sketch.toJSON()).toEqual(expected.toJSON());
      expect(queue.totals.waitSec).toBe(ref.waitSec);
    });
  }

  it('reports each step’s exact percentiles of the requests it started', () => {
    // light load and one server: every request starts within its own step, so the steps line up
    const lambda = 2;
    const queue = new RequestQueue(seedrandom.alea('pct-a'), undefined, { serviceRng: seedrandom.alea('pct-s') });
    const ref = referenceFifo(seedrandom.alea('pct-a'), seedrandom.alea('pct-s'), 50, lambda, 10, 600, 5);
    for (const expected of ref.perStep) {
      const r = queue.step(600, lambda, 50, 10, Infinity);
      const sorted = [...expected].sort((a, b) => a - b);
      expect(r.served).toBe(sorted.length);
      expect(r.p50Sec).toBe(nearestRank(sorted, 0.5));
      expect(r.p95Sec).toBe(nearestRank(sorted, 0.95));
      expect(r.p99Sec).toBe(nearestRank(sorted, 0.99));
      expect(r.meanLatencySec).toBeCloseTo(sorted.reduce((s, x) => s + x, 0) / sorted.length, 12);
    }
  });
});

describe('RequestQueue on steady load, fixed servers: mean wait and p99 within 3% of M/M/c', () => {
  // requests per point: see checkSteadyPoint; ρ = 0.95 runs in requests.heavy-*.test.ts
  it.each([
    { servers: 1, utilization: 0.5, requests: 2_000_000 },
    { servers: 8, utilization: 0.5, requests: 2_000_000 },
    { servers: 64, utilization: 0.5, requests: 2_000_000 },
    { servers: 1, utilization: 0.8, requests: 6_000_000 },
    { servers: 8, utilization: 0.8, requests: 3_000_000 },
    { servers: 64, utilization: 0.8, requests: 2_000_000 },
  ])('c=$servers ρ=$utilization over $requests requests', (point) => {
    checkSteadyPoint(point);
  });
});

describe('RequestQueue servers, timeouts and conservation', () => {
  it('when servers drop, requests in service finish and no new ones start beyond c', () => {
    const queue = new RequestQueue(seedrandom.alea('drop'));
    queue.step(10, 500, 64, 10, Infinity);
    expect(queue.inService).toBeGreaterThan(30);
    // 64 → 4 servers under the same load: the 60 extra finish within a second or so
    for (let i = 0; i < 10; i++) queue.step(1, 500, 4, 10, Infinity);
    expect(queue.inService).toBe(4);
    expect(queue.backlog).toBeGreaterThan(0);
  });

  it('when servers rise, waiting requests start at the step’s beginning', () => {
    const queue = new RequestQueue(seedrandom.alea('rise'));
    queue.step(1, 100, 0, 10, Infinity);
    const waiting = queue.backlog;
    expect(waiting).toBeGreaterThan(50);
    const r = queue.step(0.5, 0, 1000, 10, Infinity);
    expect(r.served).toBe(waiting);
    expect(queue.backlog).toBe(0);
  });

  it('a request that waited the timeout without starting fails', () => {
    // no servers for 10 s at 100/s with a 2 s timeout: everyone who arrived before t = 8 s fails
    // in the step, the rest in the next one
    const queue = new RequestQueue(seedrandom.alea('timeout'));
    const r1 = { ...queue.step(10, 100, 0, 10, 2) };
    expect(r1.served).toBe(0);
    expect(r1.failed + r1.backlog).toBe(r1.arrived);
    expect(r1.backlog).toBeGreaterThan(150);
    expect(r1.backlog).toBeLessThan(250);
    const r2 = queue.step(10, 0, 0, 10, 2);
    expect(r2.failed).toBe(r1.backlog);
    // with servers, nobody who started waited more than the timeout
    const q2 = new RequestQueue(seedrandom.alea('timeout-2'));
    for (let i = 0; i < 20; i++) q2.step(10, 300, 10, 10, 0.5);
    expect(q2.totals.failed).toBeGreaterThan(0);
    expect(q2.totals.waitSec / q2.totals.served).toBeLessThanOrEqual(0.5);
  });

  it('arrived = served + failed + backlog after any sequence of steps, and after flush', () => {
    const step = fc.record({
      dt: fc.constantFrom(0, 0.1, 1, 5),
      rate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 400, noNaN: true })),
      servers: fc.integer({ min: 0, max: 40 }),
      mu: fc.double({ min: 1, max: 40, noNaN: true }),
      timeout: fc.oneof(fc.constant(Infinity), fc.constant(0), fc.double({ min: 0.01, max: 10, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), fc.integer(), (steps, seed) => {
        const queue = new RequestQueue(seedrandom.alea(String(seed)));
        const sketch = new LatencySketch();
        let arrived = 0;
        let served = 0;
        let failed = 0;
        for (const s of steps) {
          const r = queue.step(s.dt, s.rate, s.servers, s.mu, s.timeout, sketch);
          arrived += r.arrived;
          served += r.served;
          failed += r.failed;
          expect(arrived).toBe(served + failed + r.backlog);
        }
        const r = queue.flush(sketch);
        served += r.served;
        failed += r.failed;
        expect(r.backlog).toBe(0);
        expect(arrived).toBe(served + failed);
        expect(sketch.count).toBe(served);
      }),
      { numRuns: 200 },
    );
  });

  it('answers the step’s latency CDF from its own requests', () => {
    const queue = new RequestQueue(seedrandom.alea('cdf'));
    const r = queue.step(10, 500, 64, 10, Infinity);
    // nearest rank: at least q of the step's requests are at or below its q-quantile
    expect(queue.stepCdf(r.p50Sec)).toBeGreaterThanOrEqual(0.5);
    expect(queue.stepCdf(r.p99Sec)).toBeGreaterThanOrEqual(0.99);
    expect(queue.stepCdf(r.p99Sec * 0.999)).toBeLessThan(0.99);
    expect(queue.stepCdf(1e9)).toBe(1);
    expect(new RequestQueue(seedrandom.alea('x'), undefined, { stepPercentiles: false }).stepCdf(1)).toBeNaN();
  });

  it('is deterministic for a seed', () => {
    const run = () => {
      const queue = new RequestQueue(seedrandom.alea('same'));
      const sketch = new LatencySketch();
      for (let i = 0; i < 20; i++) queue.step(5, 100 + 50 * (i % 3), 12, 10, 1, sketch);
      queue.flush(sketch);
      return JSON.stringify(sketch.toJSON());
    };
    expect(run()).toBe(run());
  });
});

describe('lognormal service times', () => {
  it('have the given mean and p99', () => {
    // plenty of servers, so latency is the service time alone: mean 80 ms, p99 400 ms
    const queue = new RequestQueue(seedrandom.alea('lognormal'), { meanSec: 0.08, dist: 'lognormal', p99Sec: 0.4 });
    const sketch = new LatencySketch();
    for (let i = 0; i < 20; i++) queue.step(100, 500, 1000, 1 / 0.08, Infinity, sketch);
    expect(Math.abs(sketch.mean / 0.08 - 1)).toBeLessThan(0.01);
    expect(Math.abs(sketch.quantile(0.99) / 0.4 - 1)).toBeLessThan(0.02);
  });

  it('reject a p99 a lognormal cannot have', () => {
    // σ solves σ²/2 − zσ + ln(p99/mean) = 0: p99/mean = e^(z·σ − σ²/2), at most e^(z²/2) ≈ 14.96
    expect(lognormalSigma(1, Math.exp(2.3263478740408408 * 0.5 - 0.125))).toBeCloseTo(0.5, 10);
    expect(() => lognormalSigma(1, 0.9)).toThrow(HeadroomError);
    expect(() => lognormalSigma(1, 20)).toThrow(HeadroomError);
    expect(() => new RequestQueue(Math.random, { meanSec: 1, dist: 'lognormal' })).toThrow(HeadroomError);
  });
});
