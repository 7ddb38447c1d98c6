import { describe, it, expect } from 'vitest';
import seedrandom from 'seedrandom';
import { FluidQueue } from '../../src/serving/fluid.ts';
import { RequestQueue } from '../../src/serving/requests.ts';
import { LatencySketch } from '../../src/maths/latency-sketch.ts';
import type { ServingQueue } from '../../src/serving/types.ts';

/** A stretch of time at `utilization` × the normal capacity, with `servers` ready (default: all). */
interface Phase {
  sec: number;
  utilization: number;
  servers?: number;
}

interface Scenario {
  name: string;
  servers: number;
  mu: number;
  timeoutSec: number;
  stepSec: number;
  phases: Phase[];
}

function run(queue: ServingQueue, s: Scenario): { errorRate: number; p99: number; arrived: number } {
  const sketch = new LatencySketch();
  let arrived = 0;
  let served = 0;
  let failed = 0;
  for (const p of s.phases) {
    const lambda = p.utilization * s.servers * s.mu;
    for (let t = 0; t < p.sec; t += s.stepSec) {
      const r = queue.step(s.stepSec, lambda, p.servers ?? s.servers, s.mu, s.timeoutSec, sketch);
      arrived += r.arrived;
      served += r.served;
      failed += r.failed;
    }
  }
  const r = queue.flush(sketch);
  served += r.served;
  failed += r.failed;
  expect(Math.abs(arrived - served - failed)).toBeLessThanOrEqual(1e-9 * arrived);
  return { errorRate: failed / arrived, p99: sketch.quantile(0.99), arrived };
}

const scenarios: Scenario[] = [
  {
    // 64 servers of 100 ms; 2 minutes at 1.5× capacity between quiet stretches at 0.7×
    name: 'a burst above capacity',
    servers: 64,
    mu: 10,
    timeoutSec: 2,
    stepSec: 10,
    phases: [
      { sec: 60, utilization: 0.7 },
      { sec: 120, utilization: 1.5 },
      { sec: 240, utilization: 0.7 },
    ],
  },
  {
    // a short, steep burst on a big pool of fast pods with a tight timeout
    name: 'twice the capacity for a minute',
    servers: 200,
    mu: 20,
    timeoutSec: 1,
    stepSec: 10,
    phases: [
      { sec: 60, utilization: 0.6 },
      { sec: 60, utilization: 2 },
      { sec: 240, utilization: 0.6 },
    ],
  },
  {
    // more than half the pods lost for a minute under steady traffic
    name: 'servers lost and back',
    servers: 64,
    mu: 10,
    timeoutSec: 2,
    stepSec: 10,
    phases: [
      { sec: 60, utilization: 0.7 },
      { sec: 60, utilization: 0.7, servers: 30 },
      { sec: 240, utilization: 0.7 },
    ],
  },
  {
    // a zone outage: no servers at all for 30 s
    name: 'no servers for 30 s',
    servers: 32,
    mu: 10,
    timeoutSec: 2,
    stepSec: 5,
    phases: [
      { sec: 60, utilization: 0.5 },
      { sec: 30, utilization: 0.5, servers: 0 },
      { sec: 120, utilization: 0.5 },
    ],
  },
  {
    // a long, mild overload of a small pool of slow pods
    name: 'ten minutes at 1.2×',
    servers: 16,
    mu: 5,
    timeoutSec: 3,
    stepSec: 10,
    phases: [
      { sec: 600, utilization: 1.2 },
      { sec: 600, utilization: 0.6 },
    ],
  },
];

describe('fluid and request-by-request models agree on bursts and overload', () => {
  for (const s of scenarios) {
    it(`${s.name}: error rate and p99 within 10%`, () => {
      const fluid = run(new FluidQueue(), s);
      const requests = run(new RequestQueue(seedrandom.alea(s.name)), s);
      expect(fluid.errorRate).toBeGreaterThan(0);
      expect(Math.abs(fluid.errorRate / requests.errorRate - 1)).toBeLessThan(0.1);
      expect(Math.abs(fluid.p99 / requests.p99 - 1)).toBeLessThan(0.1);
    });
  }
});
