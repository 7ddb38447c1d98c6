/**
 * One steady-load run of the request-by-request model, held against M/M/c computed in
 * mmc-reference.ts: shared by the request-mode test files (the long heavy-traffic runs have files
 * of their own so that they run side by side).
 */
import { expect } from 'vitest';
import seedrandom from 'seedrandom';
import { RequestQueue } from '../../src/serving/requests.ts';
import { LatencySketch } from '../../src/maths/latency-sketch.ts';
import { mmc } from './mmc-reference.ts';

export interface SteadyPoint {
  servers: number;
  utilization: number;
  /** requests simulated after the warm-up */
  requests: number;
}

/**
 * Runs λ = ρ·c·μ (μ = 10/s) with no timeout and checks the mean wait and the p99 of the response
 * time within 3% of M/M/c.
 *
 * The run lengths come from the spread of these estimates over independent seeds (measured while
 * writing the tests): near saturation successive requests' waits are strongly correlated, and at
 * ρ = 0.95 the p99 of 4 million requests still scatters by about 4%; the lengths below keep 3% at
 * 2.5 standard deviations or more. A mean wait below a tenth of the service time is held to 0.3%
 * of the service time instead: 3% of a wait that small is invisible in any latency, and would take
 * hundreds of millions of requests to resolve (waits are rare there).
 */
export function checkSteadyPoint({ servers: c, utilization: rho, requests }: SteadyPoint): void {
  const mu = 10;
  const lambda = rho * c * mu;
  const ref = mmc(c, lambda, mu);
  const queue = new RequestQueue(seedrandom.alea(`steady-${c}-${rho}`), undefined, {
    stepPercentiles: false,
    serviceRng: seedrandom.alea(`steady-service-${c}-${rho}`),
  });
  // warm up for 20,000 mean services' worth of requests, then measure in steps of 100,000 requests
  queue.step(2000, lambda, c, mu, Infinity);
  const before = { ...queue.totals };
  const sketch = new LatencySketch();
  const stepSec = 100_000 / lambda;
  for (let n = 0; n < requests; n += 100_000) queue.step(stepSec, lambda, c, mu, Infinity, sketch);
  const t = queue.totals;
  const meanWait = (t.waitSec - before.waitSec) / (t.served - before.served);
  const p99 = sketch.quantile(0.99);

  if (process.env.SHOW_STEADY) {
    console.log(c, rho, requests, 'wait', meanWait / ref.meanWaitSec - 1, 'p99', p99 / ref.responseQuantileSec(0.99) - 1);
  }
  const waitTolerance = Math.max(0.03 * ref.meanWaitSec, 0.003 / mu);
  expect(Math.abs(meanWait - ref.meanWaitSec)).toBeLessThanOrEqual(waitTolerance);
  expect(Math.abs(p99 / ref.responseQuantileSec(0.99) - 1)).toBeLessThanOrEqual(0.03);
  // nothing timed out and nothing was lost
  expect(t.failed).toBe(0);
  expect(t.arrived).toBe(t.served + queue.backlog);
}
