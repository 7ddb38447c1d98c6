/**
 * The request-by-request serving model, the reference the fluid model is checked against.
 *
 * Per workload per cluster: Poisson arrivals at the step's rate, one shared FIFO queue, c servers
 * (ready pods × concurrency), service times of mean 1/μ drawn from the workload's law
 * (service-draws.ts: exponential, lognormal, gamma, deterministic or empirical). A request that
 * has waited the timeout without starting gives up and fails. When c drops between steps, requests in service finish and no new ones start until fewer
 * than c are busy; when it rises, waiting requests start at the step's beginning.
 *
 * Flat state, nothing allocated per request: a min-heap of the busy servers' completion times and a
 * ring of the waiting requests' arrival times, both typed arrays that only grow. Requests that give
 * up are removed lazily, when a server looks for work or at the end of the step, and counted as
 * failed in the step in which their timeout fell. A request counts as served when it starts (its
 * latency is known then: wait + sampled service); its exact latency goes into the sketch.
 */
import type { LatencySketch } from '../maths/latency-sketch.ts';
import { ServiceDraws } from './service-draws.ts';
import type { ServiceTimeSpec } from './service-time.ts';
import { checkStepArgs, newServingStepResult, type Rng, type ServingQueue, type ServingStepResult } from './types.ts';

export interface RequestQueueOptions {
  /**
   * draws for service times; by default the arrival rng. Separate streams keep each request's
   * service draw tied to its place in line whatever the arrivals do (common and antithetic random
   * numbers in validation runs).
   */
  serviceRng?: Rng;
  /**
   * keep each step's latencies for its p50/p95/p99 and `stepCdf` (default true; off saves a little
   * time and memory in long validation runs, and leaves those NaN)
   */
  stepPercentiles?: boolean;
}

/** Totals since the queue was made, for validation against the formulas. */
export interface RequestQueueTotals {
  arrived: number;
  served: number;
  failed: number;
  /** sum of the waits (start − arrival) of the served requests, seconds */
  waitSec: number;
  /** sum of the service times drawn, seconds */
  serviceSec: number;
}

export class RequestQueue implements ServingQueue {
  readonly result: ServingStepResult = newServingStepResult();
  readonly totals: RequestQueueTotals = { arrived: 0, served: 0, failed: 0, waitSec: 0, serviceSec: 0 };
  private readonly draws: ServiceDraws;
  private readonly stepPercentiles: boolean;

  /** completion times of busy servers, a binary min-heap over busyUntil[0..busy) */
  private busyUntil = new Float64Array(16);
  private busy = 0;
  /** arrival times of waiting requests, a ring over waitingSince[(head + i) & mask] */
  private waitingSince = new Float64Array(1024);
  private head = 0;
  private waitingCount = 0;
  private clock = 0;

  /** this step's latencies, for its percentiles */
  private latencies = new Float64Array(1024);
  private latencyCount = 0;
  /** the step's latencies have been sorted for stepCdf */
  private cdfSorted = false;
  private latencySum = 0;
  private servedNow = 0;
  private failedNow = 0;

  private lastServers = 0;
  private lastMu = 1;
  private lastTimeout = Infinity;

  constructor(
    private readonly rng: Rng,
    serviceTime?: ServiceTimeSpec,
    options: RequestQueueOptions = {},
  ) {
    this.draws = new ServiceDraws(serviceTime, options.serviceRng ?? rng);
    this.stepPercentiles = options.stepPercentiles ?? true;
  }

  stepCdf(tSec: number): number {
    if (!this.stepPercentiles) return NaN;
    const n = this.latencyCount;
    if (n === 0) return 0;
    const lat = this.latencies;
    if (!this.cdfSorted) {
      // sorted once per step on first use, then each question is a binary search
      lat.subarray(0, n).sort();
      this.cdfSorted = true;
    }
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lat[mid] <= tSec) lo = mid + 1;
      else hi = mid;
    }
    return lo / n;
  }

  get backlog(): number {
    return this.waitingCount;
  }

  /** requests in service now */
  get inService(): number {
    return this.busy;
  }

  step(
    dtSec: number,
    arrivalRps: number,
    servers: number,
    serviceRateMu: number,
    timeoutSec: number,
    sketch?: LatencySketch,
  ): ServingStepResult {
    checkStepArgs(dtSec, arrivalRps, servers, serviceRateMu, timeoutSec);
    this.lastServers = servers;
    this.lastMu = serviceRateMu;
    this.lastTimeout = timeoutSec;
    this.beginStep();
    if (this.busyUntil.length < servers) this.growHeap(servers);
    const start = this.clock;
    const end = start + dtSec;
    const tau = timeoutSec;
    const mu = serviceRateMu;
    const rng = this.rng;

    // servers added since the last step take waiting requests now
    while (this.busy < servers && this.waitingCount > 0) {
      const arrivedAt = this.dequeue();
      this.startService(start, arrivedAt, mu, sketch);
    }

    let arrived = 0;
    if (arrivalRps > 0) {
      const meanGap = 1 / arrivalRps;
      let t = start - Math.log(1 - rng()) * meanGap;
      while (t < end) {
        while (this.busy > 0 && this.busyUntil[0] <= t) this.complete(servers, mu, tau, sketch);
        arrived++;
        // a free server implies nobody waits (completions always take the queue first)
        if (this.busy < servers) this.startService(t, t, mu, sketch);
        else this.enqueue(t);
        t -= Math.log(1 - rng()) * meanGap;
      }
    }
    while (this.busy > 0 && this.busyUntil[0] <= end) this.complete(servers, mu, tau, sketch);
    // those whose timeout fell in this step and no server came for
    while (this.waitingCount > 0 && this.waitingSince[this.head] + tau <= end) {
      this.dequeue();
      this.failedNow++;
    }
    this.clock = end;
    return this.finish(arrived, servers * mu, sketch);
  }

  flush(sketch?: LatencySketch): ServingStepResult {
    this.beginStep();
    const servers = this.lastServers;
    if (servers === 0) {
      // no server: each gives up at its timeout (or, with none, can never be served)
      this.failedNow += this.waitingCount;
      this.waitingCount = 0;
    } else {
      while (this.waitingCount > 0) this.complete(servers, this.lastMu, this.lastTimeout, sketch);
    }
    return this.finish(0, servers * this.lastMu, sketch);
  }

  private beginStep(): void {
    this.latencyCount = 0;
    this.latencySum = 0;
    this.servedNow = 0;
    this.failedNow = 0;
  }

  private finish(arrived: number, capacityRps: number, sketch: LatencySketch | undefined): ServingStepResult {
    const totals = this.totals;
    totals.arrived += arrived;
    totals.served += this.servedNow;
    totals.failed += this.failedNow;
    const r = this.result;
    r.arrived = arrived;
    r.served = this.servedNow;
    r.failed = this.failedNow;
    r.backlog = this.waitingCount;
    r.capacityRps = capacityRps;
    const n = this.latencyCount;
    this.cdfSorted = false;
    // the sketch gets the latencies in the order they started, before the selections reorder them
    if (sketch && n > 0) sketch.addAll(this.latencies, n);
    r.meanLatencySec = this.servedNow > 0 ? this.latencySum / this.servedNow : NaN;
    if (n > 0 && this.stepPercentiles) {
      const lat = this.latencies;
      // nearest rank; each selection leaves everything above its rank to the right
      const i50 = Math.ceil(0.5 * n) - 1;
      const i95 = Math.ceil(0.95 * n) - 1;
      const i99 = Math.ceil(0.99 * n) - 1;
      select(lat, 0, n - 1, i50);
      select(lat, i50, n - 1, i95);
      select(lat, i95, n - 1, i99);
      r.p50Sec = lat[i50];
      r.p95Sec = lat[i95];
      r.p99Sec = lat[i99];
    } else {
      r.p50Sec = NaN;
      r.p95Sec = NaN;
      r.p99Sec = NaN;
    }
    return r;
  }

  /** The server at the top of the heap finishes at its completion time and takes the next request. */
  private complete(servers: number, mu: number, tau: number, sketch: LatencySketch | undefined): void {
    const now = this.busyUntil[0];
    if (this.busy > servers) {
      // capacity dropped: this server retires
      this.popServer();
      return;
    }
    while (this.waitingCount > 0 && this.waitingSince[this.head] + tau < now) {
      this.dequeue();
      this.failedNow++;
    }
    if (this.waitingCount === 0) {
      this.popServer();
      return;
    }
    const arrivedAt = this.dequeue();
    const service = this.sampleService(mu);
    this.totals.waitSec += now - arrivedAt;
    this.record(now - arrivedAt + service, sketch);
    this.siftDown(now + service);
  }

  private startService(now: number, arrivedAt: number, mu: number, sketch: LatencySketch | undefined): void {
    const service = this.sampleService(mu);
    this.totals.waitSec += now - arrivedAt;
    this.record(now - arrivedAt + service, sketch);
    // push onto the heap and sift up
    const h = this.busyUntil;
    const x = now + service;
    let i = this.busy++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent];
      if (p <= x) break;
      h[i] = p;
      i = parent;
    }
    h[i] = x;
  }

  private record(latencySec: number, sketch: LatencySketch | undefined): void {
    this.servedNow++;
    this.latencySum += latencySec;
    if (!this.stepPercentiles && !sketch) return;
    if (this.latencyCount === this.latencies.length) {
      if (!this.stepPercentiles && sketch) {
        // only the sketch needs them: hand this batch over and reuse the buffer
        sketch.addAll(this.latencies, this.latencyCount);
        this.latencyCount = 0;
      } else {
        const grown = new Float64Array(this.latencies.length * 2);
        grown.set(this.latencies);
        this.latencies = grown;
      }
    }
    this.latencies[this.latencyCount++] = latencySec;
  }

  private sampleService(mu: number): number {
    const s = this.draws.draw(mu);
    this.totals.serviceSec += s;
    return s;
  }

  /** Removes the heap's top (a server going idle). */
  private popServer(): void {
    const last = this.busyUntil[--this.busy];
    if (this.busy > 0) this.siftDown(last);
  }

  /** Puts `x` at the top of the heap and restores the order. */
  private siftDown(x: number): void {
    const h = this.busyUntil;
    const n = this.busy;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && h[right] < h[child]) child = right;
      if (h[child] >= x) break;
      h[i] = h[child];
      i = child;
    }
    h[i] = x;
  }

  private growHeap(atLeast: number): void {
    let cap = this.busyUntil.length;
    while (cap < atLeast) cap *= 2;
    const grown = new Float64Array(cap);
    grown.set(this.busyUntil.subarray(0, this.busy));
    this.busyUntil = grown;
  }

  private enqueue(t: number): void {
    const cap = this.waitingSince.length;
    if (this.waitingCount === cap) {
      const grown = new Float64Array(cap * 2);
      for (let k = 0; k < this.waitingCount; k++) grown[k] = this.waitingSince[(this.head + k) & (cap - 1)];
      this.waitingSince = grown;
      this.head = 0;
    }
    this.waitingSince[(this.head + this.waitingCount) & (this.waitingSince.length - 1)] = t;
    this.waitingCount++;
  }

  private dequeue(): number {
    const t = this.waitingSince[this.head];
    this.head = (this.head + 1) & (this.waitingSince.length - 1);
    this.waitingCount--;
    return t;
  }
}

/** Hoare-style quickselect: afterwards a[k] is the k-th smallest of a[lo..hi], smaller ones left of it. */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    // median of three as the pivot keeps sorted and constant runs linear
    const mid = (lo + hi) >> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
