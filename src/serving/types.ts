/**
 * The contract both serving models keep (fluid.ts and requests.ts), one queue per workload per
 * cluster. The simulation calls `step` once per sampling step with that step's arrival rate and
 * the servers that were ready through it (ready pods × concurrency), and `flush` once at the end.
 */
import type { LatencySketch } from '../maths/latency-sketch.ts';

/** Uniform draws in [0, 1): a seedrandom instance, or any function like it. */
export type Rng = () => number;

/**
 * What one step did. A queue returns the same object from every call, overwritten each time:
 * copy the fields you keep. Counts are requests (fractional in the fluid model).
 */
export interface ServingStepResult {
  /** requests that arrived during the step */
  arrived: number;
  /** requests that started service during the step (their latency is known then) */
  served: number;
  /** requests that gave up during the step after waiting the timeout without starting */
  failed: number;
  /** requests waiting at the end of the step; over any run arrived = served + failed + backlog */
  backlog: number;
  /** servers × service rate: the requests per second the ready pods can take */
  capacityRps: number;
  /** mean latency (wait + service) of the requests served in the step; NaN if none */
  meanLatencySec: number;
  p50Sec: number;
  p95Sec: number;
  p99Sec: number;
}

export function newServingStepResult(): ServingStepResult {
  return {
    arrived: 0,
    served: 0,
    failed: 0,
    backlog: 0,
    capacityRps: 0,
    meanLatencySec: NaN,
    p50Sec: NaN,
    p95Sec: NaN,
    p99Sec: NaN,
  };
}

export interface ServingQueue {
  /**
   * Advances the queue by `dtSec` during which requests arrive at `arrivalRps` and `servers`
   * servers (an integer >= 0) each serve at `serviceRateMu` requests per second (1 / mean service
   * time); a request that waits `timeoutSec` (Infinity: never) without starting fails. Latencies of
   * the requests served go into `sketch`, weighted by requests.
   */
  step(
    dtSec: number,
    arrivalRps: number,
    servers: number,
    serviceRateMu: number,
    timeoutSec: number,
    sketch?: LatencySketch,
  ): ServingStepResult;
  /**
   * Settles the backlog at the end of a run with the last step's servers and no new arrivals:
   * every waiting request is served or fails (all fail if there are no servers and no timeout).
   */
  flush(sketch?: LatencySketch): ServingStepResult;
  /** requests waiting now */
  readonly backlog: number;
  /**
   * Share of the last step's served requests whose latency was at most `tSec` (0 when none was
   * served): lets the caller weigh several queues' steps into one distribution without a sketch.
   */
  stepCdf(tSec: number): number;
  /**
   * Does `other` give the same stepCdf as this queue, number for number, for every t? Queues that
   * cannot tell say false (or leave it out); a true answer lets a caller reuse what it worked out
   * from one step's CDF for the other's.
   */
  sameStepCdf?(other: ServingQueue): boolean;
}

export function checkStepArgs(
  dtSec: number,
  arrivalRps: number,
  servers: number,
  serviceRateMu: number,
  timeoutSec: number,
): void {
  if (
    !(dtSec >= 0) ||
    dtSec === Infinity ||
    !(arrivalRps >= 0) ||
    arrivalRps === Infinity ||
    !Number.isInteger(servers) ||
    servers < 0 ||
    !(serviceRateMu > 0) ||
    serviceRateMu === Infinity ||
    !(timeoutSec >= 0)
  ) {
    throw new RangeError(
      `serving step: need dt >= 0, rate >= 0, integer servers >= 0, service rate > 0, timeout >= 0 ` +
        `(got ${dtSec}, ${arrivalRps}, ${servers}, ${serviceRateMu}, ${timeoutSec})`,
    );
  }
}
