/**
 * The fluid serving model: one queue per workload per cluster, advanced a sampling step at a time.
 *
 * Two regimes:
 * - No backlog and arrivals below capacity (λ < cμ): the steady state of M/M/c with the timeout
 *   (impatient.ts; Erlang C when nothing times out). A share of arrivals starts at once, a share
 *   waits an exponentially distributed time cut at the timeout, the rest gives up.
 * - Otherwise a deterministic FIFO backlog: the step's arrivals join the back as a chunk of
 *   constant rate, servers take the front at cμ per second. A request's wait is the time the
 *   servers need to clear what is ahead of it; a request whose wait would pass the timeout fails
 *   when it reaches it. The front of the queue therefore never holds anything older than the
 *   timeout, so the backlog stays within about cμ·timeout plus what arrived in the last timeout.
 *   With no servers everything waits the timeout and fails. When the backlog clears mid-step and
 *   λ < cμ, the rest of the step is steady state again.
 *
 * Within a step the backlog moves in pieces during which nothing changes rate (the front inside
 * one chunk, and either serving, or pinned at the timeout): in each piece the wait of the served
 * requests runs linearly from one value to another, so their waits are uniform over that range.
 * Those pieces and the steady-state parts make the step's latency mixture (latency-mix.ts), which
 * gives the step's mean and percentiles and goes into the sketch weighted by requests.
 *
 * Requests are conserved: every arrival is counted once as served, failed or still waiting.
 * State is a handful of numbers and a ring of chunks (typed arrays), nothing is allocated per step.
 */
import { DistributionPour } from '../maths/distribution-pour.ts';
import { DEFAULT_RELATIVE_ACCURACY, type LatencySketch } from '../maths/latency-sketch.ts';
import { LogMapping } from '../maths/log-mapping.ts';
import { newImpatientSteadyState } from '../maths/impatient.ts';
import { GridLatency, type TabledWait } from '../maths/grid-latency.ts';
import {
  type ApproximationDoubt,
  approximationDoubtful,
  conditionalWaitScv,
  meanWaitStretch,
  mgcSteadyState,
  mgcWaitLaw,
  newWaitLaw,
  newWaitSplit,
  splitWait,
  waitShapeOf,
} from '../maths/mgc.ts';
import { mmcWaitProbability } from '../maths/erlang.ts';
import { Mg1Wait } from '../maths/mg1-wait.ts';
import { MgcWait } from '../maths/mgc-wait.ts';
import { residualMinScv, residualMinStretch, type ServiceLaw } from '../maths/service-laws.ts';
import { LatencyMix } from '../maths/latency-mix.ts';
import { checkStepArgs, newServingStepResult, type ServingQueue, type ServingStepResult } from './types.ts';

/** the step percentiles reported */
const STEP_LEVELS = new Float64Array([0.5, 0.95, 0.99]);

const LIMIT = 0;
const CHUNK_END = 1;
const REACH_TIMEOUT = 2;
const EMPTY = 3;

export class FluidQueue implements ServingQueue {
  readonly result: ServingStepResult = newServingStepResult();
  private readonly mix = new LatencyMix();
  /** the last mixture poured, and its masses over the sketch's bins: a step like the last costs no walk */
  private readonly pouredMix = new LatencyMix();
  private pour = new DistributionPour(new LogMapping(DEFAULT_RELATIVE_ACCURACY), STEP_LEVELS);
  private readonly steady = newImpatientSteadyState();
  /** on several servers with a general law, the wait as draws (mgc-wait.ts) rather than two exponentials (mgc.ts waitShapeOf) */
  private readonly draws: boolean;
  /** the second branch of the wait when it is split in two (split.share < 1) */
  private readonly steadyB = newImpatientSteadyState();
  private readonly split = newWaitSplit();
  /** the light-traffic SCV of the wait (residualMinScv) for `residualServers` servers */
  private residualServers = NaN;
  private residualScv = 1;
  /** the M/G/c wait's law at the last steady state, as draws (mgc.ts mgcWaitLaw) */
  private readonly waitLaw = newWaitLaw();
  private readonly steadyKey = [NaN, NaN, NaN, NaN];
  /** for a service-time law other than the exponential: the step's latency worked out on the grid */
  private grid: GridLatency | undefined;
  private readonly gridMix = new LatencyMix();
  /** for that law on one server: the exact M/G/1 wait with the timeout (made when first needed) */
  private mg1: Mg1Wait | undefined;
  /** for that law on several servers: the M/G/c wait of those who wait (made when first needed) */
  private mgc: MgcWait | undefined;
  /** the tabled wait of the last steady state, the one a step's TABLED part reads */
  private tabled: TabledWait | undefined;
  /** the first steady state met where the M/G/c approximation is doubtful, if any */
  doubt: ApproximationDoubt | undefined;

  // FIFO of arrival chunks, oldest at `head`: arrivals spread evenly over [start, end) at `rate`,
  // `left` of them still waiting. The queue holds the arrivals after `front` (a time).
  private capacity = 8;
  private chunkStart = new Float64Array(8);
  private chunkEnd = new Float64Array(8);
  private chunkRate = new Float64Array(8);
  private chunkLeft = new Float64Array(8);
  private head = 0;
  private size = 0;
  private front = 0;
  private clock = 0;
  private waiting = 0;

  private servedNow = 0;
  private failedNow = 0;
  private lastServers = 0;
  private lastMu = 1;
  private lastTimeout = Infinity;

  /**
   * @param law the service-time law (unit mean) when it is not exponential: the wait follows the
   * M/G/c approximation (mgc.ts) and the step's latency is the wait convolved with the law
   */
  constructor(private readonly law?: ServiceLaw) {
    this.draws = law !== undefined && waitShapeOf(law.scv) === 'draws';
    if (law) this.grid = new GridLatency(law, new LogMapping(DEFAULT_RELATIVE_ACCURACY), STEP_LEVELS);
  }

  stepCdf(tSec: number): number {
    if (!(this.mix.totalMass > 0)) return 0;
    return this.grid ? this.grid.cdf(tSec) : this.mix.cdf(tSec);
  }

  /**
   * The same step mixture (LatencyMix.sameDistribution) on the closed forms: stepCdf reads only
   * that. A queue with a general service-time law reads its grid instead, which is not compared.
   */
  sameStepCdf(other: ServingQueue): boolean {
    return other instanceof FluidQueue && this.grid === undefined && other.grid === undefined && this.mix.sameDistribution(other.mix);
  }

  get backlog(): number {
    return this.waiting;
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
    this.mix.reset();
    this.servedNow = 0;
    this.failedNow = 0;
    const capacityRps = servers * serviceRateMu;
    const arrived = arrivalRps * dtSec;
    // times only matter relative to the backlog: restart the clock whenever it is empty
    if (this.size === 0) this.clock = 0;
    const start = this.clock;
    const end = start + dtSec;
    if (this.size === 0 && arrivalRps < capacityRps) {
      this.serveSteady(arrived, servers, arrivalRps, serviceRateMu, timeoutSec);
    } else {
      if (this.size === 0) this.front = start;
      if (arrived > 0) this.push(start, end, arrivalRps, arrived);
      this.drain(start, end, arrivalRps, servers, serviceRateMu, timeoutSec);
    }
    this.clock = end;
    return this.finish(arrived, capacityRps, sketch);
  }

  flush(sketch?: LatencySketch): ServingStepResult {
    this.mix.reset();
    this.servedNow = 0;
    this.failedNow = 0;
    const capacityRps = this.lastServers * this.lastMu;
    if (this.size > 0) {
      if (capacityRps === 0 && this.lastTimeout === Infinity) {
        // nothing would ever serve them and nothing makes them give up: they fail now
        this.failedNow += this.waiting;
        this.size = 0;
      } else {
        this.drain(this.clock, Infinity, 0, this.lastServers, this.lastMu, this.lastTimeout);
      }
    }
    return this.finish(0, capacityRps, sketch);
  }

  private finish(arrived: number, capacityRps: number, sketch: LatencySketch | undefined): ServingStepResult {
    let served = this.servedNow;
    let failed = this.failedNow;
    let waiting = this.waiting + arrived - served - failed;
    if (this.size === 0) {
      // the backlog is gone: put the rounding residue with the larger outcome so totals balance
      if (served >= failed) served += waiting;
      else failed += waiting;
      waiting = 0;
    }
    this.waiting = waiting;
    const r = this.result;
    r.arrived = arrived;
    r.served = served;
    r.failed = failed;
    r.backlog = waiting;
    r.capacityRps = capacityRps;
    const mix = this.mix;
    if (mix.totalMass > 0) {
      r.meanLatencySec = mix.meanSec();
      if (this.grid) {
        const grid = this.gridFor(sketch);
        if (sketch) sketch.addPoured(grid.masses, mix.totalMass);
        r.p50Sec = grid.quantiles[0];
        r.p95Sec = grid.quantiles[1];
        r.p99Sec = grid.quantiles[2];
      } else if (sketch) {
        // the walk over the sketch's bins reads the step's percentiles off on its way
        const pour = this.pourFor(sketch);
        sketch.addPoured(pour, mix.totalMass);
        r.p50Sec = pour.quantiles[0];
        r.p95Sec = pour.quantiles[1];
        r.p99Sec = pour.quantiles[2];
      } else {
        r.p50Sec = mix.quantileSec(0.5);
        r.p95Sec = mix.quantileSec(0.95);
        r.p99Sec = mix.quantileSec(0.99);
      }
    } else {
      r.meanLatencySec = NaN;
      r.p50Sec = NaN;
      r.p95Sec = NaN;
      r.p99Sec = NaN;
    }
    return r;
  }

  /** The step's mixture poured over the bins of `sketch`, walked only if it differs from the last one. */
  private pourFor(sketch: LatencySketch): DistributionPour {
    if (this.pour.mapping.relativeAccuracy !== sketch.relativeAccuracy) {
      this.pour = new DistributionPour(sketch.mapping, STEP_LEVELS);
      this.pouredMix.reset();
    }
    if (!this.mix.sameDistribution(this.pouredMix)) {
      this.pour.pour(this.mix);
      this.pouredMix.copyFrom(this.mix);
    }
    return this.pour;
  }

  /** The step's latency on the grid, worked out again only if the waits differ from the last step's. */
  private gridFor(sketch: LatencySketch | undefined): GridLatency {
    let grid = this.grid as GridLatency;
    if (sketch && grid.mapping.relativeAccuracy !== sketch.relativeAccuracy) {
      grid = this.grid = new GridLatency(this.law as ServiceLaw, sketch.mapping, STEP_LEVELS);
      this.gridMix.reset();
    }
    if (!this.mix.sameDistribution(this.gridMix)) {
      grid.compute(this.mix, this.tabled);
      this.gridMix.copyFrom(this.mix);
    }
    return grid;
  }

  /**
   * `amount` arrivals handled by the steady state of M/G/c (M/M/c for exponential service) with the
   * timeout, the wait of those who wait as one or two exponentials; on one server, M/G/1 exactly
   * (mg1-wait.ts); with a service time more variable than the exponential, as draws (serveServers).
   */
  private serveSteady(amount: number, servers: number, lambda: number, mu: number, tau: number): void {
    if (!(amount > 0)) return;
    if (this.law && servers === 1) return this.serveOneServer(amount, lambda, mu, tau);
    if (this.draws) return this.serveServers(amount, servers, lambda, mu, tau);
    const split = this.split;
    if (this.steadyChanged(servers, lambda, mu, tau)) {
      const utilization = lambda / (servers * mu);
      if (this.law) splitWait(this.stretchAt(servers, lambda, mu), conditionalWaitScv(this.residualScvOf(servers), utilization), split);
      mgcSteadyState(servers, lambda, mu, tau, split.stretchA, this.steady);
      if (split.share < 1) mgcSteadyState(servers, lambda, mu, tau, split.stretchB, this.steadyB);
      if (this.law) this.noteDoubt(this.law, servers, utilization);
    }
    const st = this.steady;
    if (split.share === 1) {
      const served = amount * (1 - st.abandon);
      this.servedNow += served;
      this.failedNow += amount - served;
      this.mix.addFixedWait(amount * st.noWait, mu, 0);
      this.mix.addTruncatedExpWait(amount * st.waitServed, mu, st.waitRate, tau);
      return;
    }
    const b = this.steadyB;
    const p = split.share;
    const q = 1 - p;
    const served = amount * (1 - p * st.abandon - q * b.abandon);
    this.servedNow += served;
    this.failedNow += amount - served;
    this.mix.addFixedWait(amount * (p * st.noWait + q * b.noWait), mu, 0);
    this.mix.addTruncatedExpWait(amount * p * st.waitServed, mu, st.waitRate, tau);
    this.mix.addTruncatedExpWait(amount * q * b.waitServed, mu, b.waitRate, tau);
  }

  /** `amount` arrivals on one server with a general service law: the exact M/G/1 wait with the timeout. */
  private serveOneServer(amount: number, lambda: number, mu: number, tau: number): void {
    let w = this.mg1;
    const changed = this.steadyChanged(1, lambda, mu, tau);
    if (!w || changed) {
      w = this.mg1 ??= new Mg1Wait(this.law as ServiceLaw);
      w.solve(lambda / mu, tau * mu);
    }
    const served = amount * (1 - w.abandon);
    this.servedNow += served;
    this.failedNow += amount - served;
    this.tabled = w;
    this.mix.addFixedWait(amount * w.noWait, mu, 0);
    this.mix.addTabledWait(amount * w.waitServed, mu, w.meanWaitMeans / mu, tau);
  }

  /**
   * `amount` arrivals on several servers with a general service law: whether a request waits from
   * M/M/c+D with the timeout in the stretched time (mgc.ts), whether one that waits is served and
   * how long it waits from the M/G/c wait (mgc-wait.ts).
   */
  private serveServers(amount: number, servers: number, lambda: number, mu: number, tau: number): void {
    const st = this.steady;
    let w = this.mgc;
    const changed = this.steadyChanged(servers, lambda, mu, tau);
    if (!w || changed) {
      const law = this.law as ServiceLaw;
      const utilization = lambda / (servers * mu);
      const shape = mgcWaitLaw(law.scv, servers, residualMinStretch(law, servers), mmcWaitProbability(servers, lambda, mu), utilization, this.waitLaw);
      mgcSteadyState(servers, lambda, mu, tau, shape.stretch, st);
      w = this.mgc ??= new MgcWait(law);
      w.solve(servers, shape, tau * mu);
      this.noteDoubt(law, servers, utilization);
    }
    const waiting = amount * (1 - st.noWait);
    const served = amount * st.noWait + waiting * w.servedShare;
    this.servedNow += served;
    this.failedNow += amount - served;
    this.tabled = w;
    this.mix.addFixedWait(amount * st.noWait, mu, 0);
    this.mix.addTabledWait(waiting * w.servedShare, mu, w.meanWaitMeans / mu, tau);
  }

  /**
   * Is the steady state asked for not the one last worked out (servers, arrival rate, service rate,
   * timeout)? It becomes the one remembered either way: the caller works it out when told so.
   */
  private steadyChanged(servers: number, lambda: number, mu: number, tau: number): boolean {
    const key = this.steadyKey;
    if (key[0] === servers && key[1] === lambda && key[2] === mu && key[3] === tau) return false;
    key[0] = servers;
    key[1] = lambda;
    key[2] = mu;
    key[3] = tau;
    return true;
  }

  /** Remembers the first steady state met where the M/G/c approximation is doubtful (the run says so once). */
  private noteDoubt(law: ServiceLaw, servers: number, utilization: number): void {
    if (!this.doubt && approximationDoubtful(law.scv, servers, utilization)) this.doubt = { servers, utilization, scv: law.scv };
  }

  /** The M/G/c stretch of the mean wait on `servers` servers at this load (mgc.ts meanWaitStretch). */
  private stretchAt(servers: number, lambda: number, mu: number): number {
    const law = this.law as ServiceLaw;
    return meanWaitStretch(law.scv, servers, residualMinStretch(law, servers), mmcWaitProbability(servers, lambda, mu), 'twoExponentials');
  }

  /** The light-traffic SCV of the wait on `servers` servers (worked out once per fleet size). */
  private residualScvOf(servers: number): number {
    if (servers !== this.residualServers) {
      this.residualScv = residualMinScv(this.law as ServiceLaw, servers);
      this.residualServers = servers;
    }
    return this.residualScv;
  }

  /** Moves the backlog from time `s0` to `end` (Infinity: until it is empty). */
  private drain(s0: number, end: number, lambda: number, servers: number, mu: number, tau: number): void {
    const capacity = servers * mu;
    // waits are compared with the timeout up to rounding, or the front could dither around it
    const nearTimeout = tau - 1e-9 * (1 + tau);
    const pastTimeout = tau + 1e-9 * (1 + tau);
    let s = s0;
    for (let guard = 0; this.size > 0 && s < end; guard++) {
      if (guard > 10_000_000) throw new Error('fluid queue made no progress');
      const i = this.head;
      if (this.front < this.chunkStart[i]) this.front = this.chunkStart[i];
      let w = s - this.front;
      if (this.front >= this.chunkEnd[i] || !(this.chunkLeft[i] > 0)) {
        this.dropSpent(w, mu, tau);
        continue;
      }
      if (w > pastTimeout) {
        this.abandonExpired(s, tau);
        continue;
      }
      if (w <= 0) {
        // the servers caught up with arrivals (this is the newest chunk)
        w = 0;
        this.front = s;
        if (lambda < capacity) {
          const left = this.chunkLeft[i];
          this.pop();
          this.serveSteady(left, servers, lambda, mu, tau);
          break;
        }
      }
      if (w >= nearTimeout && this.chunkRate[i] >= capacity) s = this.serveAtTimeout(s, end, capacity, mu, tau);
      else s = this.serveFront(s, w, end, capacity, mu, tau);
    }
  }

  /** The front chunk is spent; a rounding crumb left over is served at the current wait `w`. */
  private dropSpent(w: number, mu: number, tau: number): void {
    const left = this.chunkLeft[this.head];
    if (left > 0) {
      this.servedNow += left;
      this.mix.addFixedWait(left, mu, Math.max(0, Math.min(w, tau)));
    }
    this.pop();
  }

  /** At time `s` the front is older than the timeout (it was shortened): those have given up by now. */
  private abandonExpired(s: number, tau: number): void {
    const i = this.head;
    const cEnd = this.chunkEnd[i];
    const left = this.chunkLeft[i];
    const cut = s - tau;
    const reachesEnd = cut >= cEnd;
    const gone = reachesEnd ? left : Math.min(left, this.chunkRate[i] * (cut - this.front));
    this.failedNow += gone;
    if (reachesEnd) {
      this.front = cEnd;
      this.pop();
    } else {
      this.front = cut;
      this.chunkLeft[i] = left - gone;
    }
  }

  /**
   * The front is held at the timeout (arrivals outpace the servers): from `s` the servers take cμ of
   * it and the rest gives up, until the chunk ends or the step does. Returns the time reached.
   */
  private serveAtTimeout(s: number, end: number, capacity: number, mu: number, tau: number): number {
    const i = this.head;
    const cEnd = this.chunkEnd[i];
    const left = this.chunkLeft[i];
    const toEnd = cEnd - this.front;
    const reachesEnd = toEnd <= end - s;
    const dt = reachesEnd ? toEnd : end - s;
    const removed = reachesEnd ? left : Math.min(left, this.chunkRate[i] * dt);
    const served = Math.min(capacity * dt, removed);
    this.servedNow += served;
    this.failedNow += removed - served;
    this.mix.addFixedWait(served, mu, tau);
    if (reachesEnd) {
      this.front = cEnd;
      this.pop();
    } else {
      this.front += dt;
      this.chunkLeft[i] = left - removed;
    }
    return s + dt;
  }

  /**
   * Serves the front chunk from time `s`, its first request having waited `w`: the front moves
   * through arrival time at v = cμ/rate and the wait changes at 1 − v, until the chunk ends, the
   * wait reaches the timeout, the queue empties or the step ends. The requests served meanwhile
   * waited evenly between the wait at either end. Returns the time reached.
   */
  private serveFront(s: number, w: number, end: number, capacity: number, mu: number, tau: number): number {
    const i = this.head;
    const cEnd = this.chunkEnd[i];
    const left = this.chunkLeft[i];
    const v = capacity / this.chunkRate[i];
    let dt = end - s;
    let reason = LIMIT;
    const toEnd = v > 0 ? (cEnd - this.front) / v : Infinity;
    if (toEnd <= dt) {
      dt = toEnd;
      reason = CHUNK_END;
    }
    if (v < 1 && tau !== Infinity) {
      const toTimeout = Math.max(0, (tau - w) / (1 - v));
      if (toTimeout < dt) {
        dt = toTimeout;
        reason = REACH_TIMEOUT;
      }
    }
    if (v > 1) {
      const toEmpty = w / (v - 1);
      if (toEmpty < dt) {
        dt = toEmpty;
        reason = EMPTY;
      }
    }
    const removed = reason === CHUNK_END ? left : Math.min(left, capacity * dt);
    // the wait at the piece's end, from positions (v can be huge for a trickle of arrivals)
    const wEnd =
      reason === REACH_TIMEOUT ? tau : reason === EMPTY ? 0 : reason === CHUNK_END ? s + dt - cEnd : w + (1 - v) * dt;
    this.servedNow += removed;
    if (wEnd >= w) this.mix.addUniformWait(removed, mu, w, Math.min(wEnd, tau));
    else this.mix.addUniformWait(removed, mu, Math.max(wEnd, 0), w);
    const reached = s + dt;
    if (reason === CHUNK_END) {
      this.front = cEnd;
      this.pop();
    } else {
      this.front = reason === REACH_TIMEOUT ? reached - tau : reason === EMPTY ? reached : this.front + v * dt;
      this.chunkLeft[i] = left - removed;
    }
    return reached;
  }

  private push(start: number, end: number, rate: number, amount: number): void {
    if (this.size === this.capacity) this.grow();
    const i = (this.head + this.size) & (this.capacity - 1);
    this.chunkStart[i] = start;
    this.chunkEnd[i] = end;
    this.chunkRate[i] = rate;
    this.chunkLeft[i] = amount;
    this.size++;
  }

  private pop(): void {
    this.head = (this.head + 1) & (this.capacity - 1);
    this.size--;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const copy = (from: Float64Array): Float64Array<ArrayBuffer> => {
      const to = new Float64Array(cap);
      for (let k = 0; k < this.size; k++) to[k] = from[(this.head + k) & (this.capacity - 1)];
      return to;
    };
    this.chunkStart = copy(this.chunkStart);
    this.chunkEnd = copy(this.chunkEnd);
    this.chunkRate = copy(this.chunkRate);
    this.chunkLeft = copy(this.chunkLeft);
    this.head = 0;
    this.capacity = cap;
  }
}
