/**
 * The steady state of M/M/c with a timeout: a request that has waited `timeoutSec` without starting
 * gives up and fails (M/M/c+D, deterministic patience). It is Erlang C with the timeout taken into
 * account: with an infinite timeout it reduces exactly to the M/M/c formulas of erlang.ts.
 *
 * Derivation (level crossing on the virtual wait V, the time a new arrival would wait): below c
 * busy servers V = 0 and the states follow Erlang's loss system, π(k) ∝ a^k / k!. On (0, τ) V has
 * the density λ·π(c−1)·e^(−θw), θ = cμ − λ; above τ arrivals give up without adding work, so the
 * density decays as e^(−cμ(w − τ)) and holds λ·π(c−1)·e^(−θτ)/(cμ). Dividing by P(V = 0) and writing
 * π(c−1)/P(V = 0) as Erlang B of c − 1 servers, b:
 *
 *   P(no wait) : P(wait in (0, τ], served) : P(gives up)  =  1 : b·λ·∫₀^τ e^(−θw) dw : b·λ·e^(−θτ)/(cμ)
 *
 * The timeout bounds the queue, so this holds at any load, above saturation too. The rates where
 * it is used here are below saturation (θ > 0); the scaled branch keeps θ < 0 finite anyway.
 */
import { erlangB } from './erlang.ts';

export interface ImpatientSteadyState {
  /** P(an arrival starts at once) */
  noWait: number;
  /** P(an arrival waits and starts within the timeout); its wait has density ∝ e^(−θw) on (0, τ] */
  waitServed: number;
  /** P(an arrival gives up at the timeout): the error rate */
  abandon: number;
  /** θ = cμ − λ, the decay rate of the wait density */
  waitRate: number;
}

export function newImpatientSteadyState(): ImpatientSteadyState {
  return { noWait: 1, waitServed: 0, abandon: 0, waitRate: 0 };
}

/**
 * Fills `out` for `servers` (>= 1) servers, arrivals at `arrivalRps`, service rate `serviceRateMu`
 * and timeout `timeoutSec` (0 makes it Erlang's loss system, Infinity plain M/M/c).
 */
export function impatientSteadyState(
  servers: number,
  arrivalRps: number,
  serviceRateMu: number,
  timeoutSec: number,
  out: ImpatientSteadyState,
): ImpatientSteadyState {
  const c = Math.floor(servers);
  const lambda = arrivalRps;
  const mu = serviceRateMu;
  const tau = timeoutSec;
  if (!(c >= 1) || !(lambda >= 0) || !(mu > 0) || !(tau >= 0) || !Number.isFinite(lambda) || !Number.isFinite(mu)) {
    throw new RangeError(
      `impatientSteadyState: need servers >= 1, rates >= 0, timeout >= 0 (got ${servers}, ${arrivalRps}, ${serviceRateMu}, ${timeoutSec})`,
    );
  }
  const capacity = c * mu;
  const theta = capacity - lambda;
  out.waitRate = theta;
  if (lambda === 0) {
    out.noWait = 1;
    out.waitServed = 0;
    out.abandon = 0;
    return out;
  }
  if (tau === Infinity && theta <= 0) {
    // no steady state: nobody is served in finite time
    out.noWait = 0;
    out.waitServed = 0;
    out.abandon = 1;
    return out;
  }
  if (negligibleWait(c - 1, lambda / mu, lambda, theta, tau, capacity)) {
    // far below saturation on many servers: the wait terms are under 1e-18 of the whole, so skip
    // the O(c) Erlang B recursion (this is most steps of a large fleet)
    out.noWait = 1;
    out.waitServed = 0;
    out.abandon = 0;
    return out;
  }
  const b = erlangB(c - 1, lambda / mu);
  let noWait: number;
  let waited: number;
  let gaveUp: number;
  if (tau === Infinity) {
    noWait = 1;
    waited = (b * lambda) / theta;
    gaveUp = 0;
  } else if (theta * tau >= -50) {
    noWait = 1;
    waited = b * lambda * tau * oneMinusExpOver(theta * tau);
    gaveUp = (b * lambda * Math.exp(-theta * tau)) / capacity;
  } else {
    // far above saturation: scale every term by e^(θτ) so none overflows
    noWait = Math.exp(theta * tau);
    waited = (b * lambda * -Math.expm1(theta * tau)) / -theta;
    gaveUp = (b * lambda) / capacity;
  }
  const total = noWait + waited + gaveUp;
  out.noWait = noWait / total;
  out.waitServed = waited / total;
  out.abandon = gaveUp / total;
  return out;
}

/**
 * Is b·λ·(wait window) + b·λ/(cμ) surely below 1e-18, b = Erlang B(n, a)? For n ≥ a + 1 the Poisson
 * cdf at n is at least 1/2, so B = pmf(n)/cdf(n) ≤ 2·pmf(n), and Stirling's series without its
 * positive remainder bounds ln n! from below, so the bound on pmf holds.
 */
function negligibleWait(n: number, a: number, lambda: number, theta: number, tau: number, capacity: number): boolean {
  if (!(n >= a + 1) || !(theta > 0) || n < 20) return false;
  const lnFactorialLow = n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n);
  const lnBound = Math.LN2 + n * Math.log(a) - a - lnFactorialLow;
  const window = Math.min(tau, 1 / theta);
  const scale = lambda * window + lambda / capacity;
  return lnBound + Math.log(scale) < -41.4; // e^-41.4 ≈ 1e-18
}

/** (1 − e^(−x)) / x, accurate near 0 and for negative x. */
function oneMinusExpOver(x: number): number {
  if (Math.abs(x) < 1e-8) return 1 - 0.5 * x;
  return -Math.expm1(-x) / x;
}
