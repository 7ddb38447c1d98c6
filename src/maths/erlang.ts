/**
 * M/M/c formulas: Poisson arrivals at `arrivalRps`, exponential service at rate `serviceRateMu`
 * (1 / mean service time), `servers` identical servers and one FIFO queue with no timeout.
 *
 * Everything rests on Erlang C, the probability that an arrival has to wait. Given it, the wait is
 * 0 with probability 1 − C and otherwise exponential with rate θ = cμ − λ; the response time is the
 * wait plus an independent Exp(μ) service. When λ >= cμ there is no steady state: every quantity
 * here reports the limit (C = 1, infinite waits).
 */
import { solveIncreasing } from './root.ts';

/** How far below min(c, a) the Erlang B recursion starts, in standard deviations √a of the load. */
const START_SIGMAS = 12;

/**
 * Erlang B: the blocking probability of c servers with no queue under offered load a = λ/μ
 * (Erlangs). `servers` is floored to an integer.
 *
 * Runs the recursion on 1/B, x(k) = 1 + (k/a)·x(k−1), which is stable in both directions: an error
 * in x shrinks relative to x at every step. That lets it start far below min(c, a), where
 * x(k) ≈ a/(a − k), instead of at k = 0: the starting error is damped by about e^(−72) by the time
 * the recursion reaches the load, so the cost is O(√a) rather than O(c) and c = 100,000 is cheap.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  const c = Math.floor(servers);
  const a = offeredLoad;
  if (!(c >= 0) || !(a >= 0) || !Number.isFinite(a)) {
    throw new RangeError(`erlangB: servers and offered load must be finite and >= 0 (got ${servers}, ${a})`);
  }
  if (c === 0) return 1;
  if (a === 0) return 0;
  let k = Math.floor(Math.min(c, a) - START_SIGMAS * Math.sqrt(a) - 1);
  let inv: number;
  if (k <= 0) {
    k = 0;
    inv = 1;
  } else {
    inv = a / (a - k);
  }
  for (k = k + 1; k <= c; k++) {
    inv = 1 + (k / a) * inv;
    // far above the load B underflows: nothing is ever blocked
    if (inv === Infinity) return 0;
  }
  return 1 / inv;
}

/**
 * Erlang C: the probability that an arrival waits, for c servers and offered load a = λ/μ;
 * 1 when a >= c (no steady state: the queue grows without bound).
 */
export function erlangC(servers: number, offeredLoad: number): number {
  const c = Math.floor(servers);
  const a = offeredLoad;
  if (!(c >= 0) || !(a >= 0)) {
    throw new RangeError(`erlangC: servers and offered load must be >= 0 (got ${servers}, ${a})`);
  }
  if (c === 0 || a >= c) return 1;
  if (a === 0) return 0;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** The rate θ = cμ − λ of the exponential wait of those who wait (<= 0 when unstable). */
function waitRate(servers: number, arrivalRps: number, serviceRateMu: number): number {
  return Math.floor(servers) * serviceRateMu - arrivalRps;
}

/** P(an arrival waits) under M/M/c. */
export function mmcWaitProbability(servers: number, arrivalRps: number, serviceRateMu: number): number {
  checkRates(arrivalRps, serviceRateMu);
  return erlangC(servers, arrivalRps / serviceRateMu);
}

/** Mean wait in the queue, seconds: C / (cμ − λ). */
export function mmcMeanWaitSec(servers: number, arrivalRps: number, serviceRateMu: number): number {
  const theta = waitRate(servers, arrivalRps, serviceRateMu);
  if (theta <= 0) return Infinity;
  return mmcWaitProbability(servers, arrivalRps, serviceRateMu) / theta;
}

/** P(wait > t) = C·e^(−θt) for t >= 0. */
export function mmcWaitSurvival(servers: number, arrivalRps: number, serviceRateMu: number, tSec: number): number {
  if (tSec < 0) return 1;
  const theta = waitRate(servers, arrivalRps, serviceRateMu);
  if (theta <= 0) return 1;
  return mmcWaitProbability(servers, arrivalRps, serviceRateMu) * Math.exp(-theta * tSec);
}

/** The q-quantile of the wait, seconds: 0 up to 1 − C, then ln(C / (1 − q)) / θ. */
export function mmcWaitQuantileSec(servers: number, arrivalRps: number, serviceRateMu: number, q: number): number {
  checkQuantile(q);
  const theta = waitRate(servers, arrivalRps, serviceRateMu);
  if (theta <= 0) return Infinity;
  const pWait = mmcWaitProbability(servers, arrivalRps, serviceRateMu);
  if (q <= 1 - pWait) return 0;
  if (q === 1) return Infinity;
  return Math.log(pWait / (1 - q)) / theta;
}

/** Mean response time (wait + service), seconds: 1/μ + C/θ. */
export function responseTimeMeanSec(servers: number, arrivalRps: number, serviceRateMu: number): number {
  return 1 / serviceRateMu + mmcMeanWaitSec(servers, arrivalRps, serviceRateMu);
}

/**
 * P(response time > t). With probability 1 − C it is the service alone, e^(−μt); otherwise the
 * sum of two exponentials, service (μ) and wait (θ), whose survival is
 * (θe^(−μt) − μe^(−θt)) / (θ − μ). That form cancels badly when θ ≈ μ, so it is written with the
 * smaller rate r and the larger R as e^(−rt)·(1 + r·t·g((R − r)t)), g(x) = (1 − e^(−x))/x.
 */
export function responseTimeSurvival(servers: number, arrivalRps: number, serviceRateMu: number, tSec: number): number {
  if (tSec <= 0) return 1;
  const theta = waitRate(servers, arrivalRps, serviceRateMu);
  if (theta <= 0) return 1;
  const pWait = mmcWaitProbability(servers, arrivalRps, serviceRateMu);
  return survivalFrom(pWait, serviceRateMu, theta, tSec);
}

/** P(response time <= t). */
export function responseTimeCdf(servers: number, arrivalRps: number, serviceRateMu: number, tSec: number): number {
  return 1 - responseTimeSurvival(servers, arrivalRps, serviceRateMu, tSec);
}

/** The q-quantile of the response time, seconds, found by a bracketed root search on the CDF. */
export function responseTimeQuantileSec(servers: number, arrivalRps: number, serviceRateMu: number, q: number): number {
  checkQuantile(q);
  const theta = waitRate(servers, arrivalRps, serviceRateMu);
  if (theta <= 0 || q === 1) return Infinity;
  if (q === 0) return 0;
  const mu = serviceRateMu;
  const pWait = mmcWaitProbability(servers, arrivalRps, mu);
  // P(S + W > t) <= P(S > t/2) + P(W > t/2) <= 2e^(−min(μ, θ)t/2): this t has survival <= 1 − q
  const hi = (2 * Math.log(2 / (1 - q))) / Math.min(mu, theta);
  return solveIncreasing((t) => 1 - survivalFrom(pWait, mu, theta, t), q, 0, hi);
}

function survivalFrom(pWait: number, mu: number, theta: number, t: number): number {
  const serviceOnly = Math.exp(-mu * t);
  const r = Math.min(mu, theta);
  const spread = Math.abs(mu - theta) * t;
  const both = Math.exp(-r * t) * (1 + r * t * oneMinusExpOver(spread));
  return (1 - pWait) * serviceOnly + pWait * both;
}

/** (1 − e^(−x)) / x, accurate near 0. */
function oneMinusExpOver(x: number): number {
  if (Math.abs(x) < 1e-8) return 1 - 0.5 * x;
  return -Math.expm1(-x) / x;
}

function checkRates(arrivalRps: number, serviceRateMu: number): void {
  if (!(arrivalRps >= 0) || !(serviceRateMu > 0) || !Number.isFinite(arrivalRps) || !Number.isFinite(serviceRateMu)) {
    throw new RangeError(`M/M/c: need arrival rate >= 0 and service rate > 0 (got ${arrivalRps}, ${serviceRateMu})`);
  }
}

function checkQuantile(q: number): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
}
