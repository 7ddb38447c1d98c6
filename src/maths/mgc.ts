/**
 * The steady state of M/G/c with a timeout, approximated from M/M/c's (impatient.ts): Poisson
 * arrivals, c servers, service times of mean 1/μ and squared coefficient of variation c_s² from
 * any law, a request giving up after waiting τ.
 *
 * The M/G/c wait is taken to be the M/M/c wait stretched by a factor k. In heavy traffic
 * k = (1 + c_s²)/2: the Lee–Longton (1959) and Allen–Cunneen approximation (A. O. Allen,
 * Probability, Statistics, and Queueing Theory, 2nd ed., 1990, §6.4, with c_a² = 1 for Poisson
 * arrivals), for one server exactly the Pollaczek–Khinchine mean wait, ρ(1 + c_s²)/(2μ(1 − ρ)),
 * and by Kingman's (1961) heavy-traffic result the wait then becomes exponential with that mean.
 * On several servers with a service time more variable than the exponential that overstates the
 * mean wait until the queue is close to saturation, so k runs from its light-traffic value
 * (meanWaitStretch) to that one. The probability of waiting is
 * Erlang C's, as in Whitt's engineering approximations for GI/G/m (Queueing Systems 1993). With
 * the stretch applied to the whole wait, the timeout τ in M/G/c time is τ/k in M/M/c time: the
 * share that waits comes from M/M/c+D at patience τ/k (mgcSteadyState).
 *
 * The wait of those who wait is exponential only for exponential service. For other laws it takes
 * one of two shapes, chosen by waitShapeOf from the service time's SCV: no more variable than the
 * exponential, two exponentials of the same M/M/c+D (splitWait); more variable, a geometric number
 * of draws from a mixture of the wait's light- and heavy-traffic laws (mgc-wait.ts, mgcWaitLaw).
 * Either has the mean the stretch gives.
 *
 * It is exact for M/M/c (k = 1, the same numbers as impatient.ts), for the mean wait of M/G/1
 * without a timeout, and right in the limits of light load and of many servers (no wait); it is
 * off, and the run says so, with few servers, a heavy-tailed service time and high utilization
 * (docs/latency.md has the table). The fluid model
 * uses it on two servers or more: on one it takes the exact M/G/1 wait (mg1-wait.ts).
 */
import { impatientSteadyState, type ImpatientSteadyState } from './impatient.ts';

/** The heavy-traffic stretch of the wait for a service time of squared coefficient of variation `scv`. */
export function waitStretch(scv: number): number {
  return (1 + scv) / 2;
}

/**
 * The two shapes the M/G/c (c >= 2) wait of those who wait takes with a general service law:
 * - 'twoExponentials': the M/M/c wait, or two stretches of it when the wait is more variable than
 *   the exponential (splitWait, conditionalWaitScv); closed forms, a handful of operations a step.
 * - 'draws': a geometric number of draws of the residual laws (mgc-wait.ts), solved on a grid of
 *   some 700 cells whenever the load changes.
 */
export type WaitShape = 'twoExponentials' | 'draws';

/**
 * The one rule for the shape: draws only for a service time more variable than the exponential.
 * Up to SCV 1 the two exponentials are within docs/latency.md's bounds for that region (p50 3%,
 * p95 6%, p99 6.5%), within a point of the draws there (worst p99 −5.8% against the draws' +5.1%,
 * the sketch's bins are 1% wide), at a fraction of the cost: the default scenario, whose lognormal
 * workload has SCV 0.83, took 1.5 times the cpu with the draws. With a heavier tail the two
 * exponentials are far off (p50 +57% at SCV 16 on 8 servers, ρ 0.9) and the draws are needed.
 */
export function waitShapeOf(scv: number): WaitShape {
  // a law given as SCV 1 can come out of its parameters a rounding error above it (a lognormal
  // from its mean and p99: 1 + 2·10⁻¹⁶); it is the exponential's variability, not more
  return scv > 1 + SCV_ROUNDING ? 'draws' : 'twoExponentials';
}

const SCV_ROUNDING = 1e-9;

/**
 * The stretch of the M/G/c mean wait over M/M/c's, between its two limits. In light traffic a
 * request waits only when every server is busy, and then for the first of c residual service
 * times to end: the stretch is c·E[min of c residuals] (`lightStretch`, residualMinStretch; the
 * probability of finding every server busy is insensitive to the law there, Burman & Smith, "A
 * light-traffic theorem for multi-server queues", Math. Oper. Res. 8, 1983). In heavy traffic it
 * is (1 + c_s²)/2 (Kingman). The two are joined with a power of Erlang C's probability of waiting
 * as the weight, in the spirit of Reiman & Simon's light/heavy-traffic interpolation (Oper. Res.
 * 36, 1988): a queue where few requests wait is near its light-traffic regime whatever ρ says,
 * which matters on many servers (ρ alone overshoots on 64 servers and more). Both limits are
 * (1 + c_s²)/2 for one server, so the Pollaczek–Khinchine mean wait stays exact, and 1 for the
 * exponential (M/M/c exactly).
 *
 * The power is this project's choice for each shape, held to the request-by-request reference of
 * docs/latency.md: the square root for the two exponentials (the plain probability undershoots on
 * 8 servers); for the draws drawsMeanWeightPower (with them the square root overstates the mean
 * wait with a heavy tail, the plain probability understates it with SCV 4 on 8 servers).
 */
export function meanWaitStretch(scv: number, servers: number, lightStretch: number, waitProbability: number, shape: WaitShape): number {
  const p = clampShare(waitProbability);
  const w = shape === 'draws' ? Math.pow(p, drawsMeanWeightPower(servers)) : Math.sqrt(p);
  return lightStretch + w * (waitStretch(scv) - lightStretch);
}

/**
 * The draws' constants, all tuned against docs/latency.md's matrix (SCV 4 and 16, 8 to 200
 * servers): on up to TUNED_SERVERS servers the heavy-traffic end's weight in the mean wait is
 * Erlang C's probability of waiting to MEAN_WEIGHT_POWER, and the share of heavy-traffic draws
 * (mgcWaitLaw) that probability to DRAW_SHARE_POWER. On more servers a heavy-tailed queue near
 * saturation waits more often than Erlang C says but each wait is shorter (a request-by-request
 * simulation of SCV 16 on 64 servers at ρ 0.95 waits 64% of the time against Erlang C's 59%), and
 * a long service holds a smaller part of the fleet: the mean's weight is taken to a higher power,
 * growing as (c/TUNED_SERVERS)^MEAN_WEIGHT_SERVERS_POWER, and the heavy draws made rarer, by
 * (c/TUNED_SERVERS)^HEAVY_SHARE_SERVERS_POWER. With them the p99 of SCV 16 on 64 servers at ρ 0.95
 * went from +18.5% to +6.2% of the reference, its p50 staying +6.2%.
 */
const TUNED_SERVERS = 8;
const MEAN_WEIGHT_POWER = 0.8;
const DRAW_SHARE_POWER = 2;
const MEAN_WEIGHT_SERVERS_POWER = 0.2;
const HEAVY_SHARE_SERVERS_POWER = 0.75;

/** The fleet size over the one the draws' constants were tuned on, at least 1. */
function fleetOverTuned(servers: number): number {
  return Math.max(1, servers / TUNED_SERVERS);
}

function drawsMeanWeightPower(servers: number): number {
  return MEAN_WEIGHT_POWER * Math.pow(fleetOverTuned(servers), MEAN_WEIGHT_SERVERS_POWER);
}

function clampShare(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/**
 * The law of the M/G/c wait of those who wait, as mgc-wait.ts solves it: `stretch` the mean's
 * stretch over M/M/c (meanWaitStretch); each draw the heavy-traffic residual (of S/c) with
 * probability `heavyShare`, else the light-traffic one (the first of c residuals to end); the
 * number of draws geometric, P(N > n | N >= n) = `geometric`, so that the mean wait is
 * stretch/(cμ(1 − ρ)).
 *
 * The heavy-traffic residual carries the service time's third moment (for one server it is what
 * makes Takács' second moment of the M/G/1 wait), which on c servers overstates the spread of the
 * wait: one long service holds one server of c, not all of them. So the heavy draws are taken
 * less often than the mean's weight (the square of the probability of waiting, less on many
 * servers) and the rest of the mean comes from more draws (geometric above ρ). Light traffic (nobody waits) keeps the exact
 * light-traffic wait, one draw of the first residual to end, and the exponential, whose two draws
 * are the same Exp(cμ), keeps M/M/c's wait, geometric = ρ.
 */
export interface WaitLaw {
  stretch: number;
  heavyShare: number;
  geometric: number;
}

export function newWaitLaw(): WaitLaw {
  return { stretch: 1, heavyShare: 0, geometric: 0 };
}

/** Fills `out` for a law of SCV `scv` on `servers` servers with light-traffic stretch `lightStretch` (residualMinStretch) at this load. */
export function mgcWaitLaw(scv: number, servers: number, lightStretch: number, waitProbability: number, utilization: number, out: WaitLaw): WaitLaw {
  const stretch = meanWaitStretch(scv, servers, lightStretch, waitProbability, 'draws');
  const heavyShare = Math.pow(clampShare(waitProbability), DRAW_SHARE_POWER) / Math.pow(fleetOverTuned(servers), HEAVY_SHARE_SERVERS_POWER);
  const drawStretch = lightStretch + heavyShare * (waitStretch(scv) - lightStretch);
  out.stretch = stretch;
  out.heavyShare = heavyShare;
  // E[W | W > 0] = E[draw]/(1 − geometric) = (drawStretch/c)/(1 − geometric) = stretch/(c(1 − ρ))
  out.geometric = Math.min(MAX_GEOMETRIC, Math.max(0, 1 - (drawStretch / stretch) * (1 - utilization)));
  return out;
}

/** below 1: the sum of the draws stays finite */
const MAX_GEOMETRIC = 1 - 1e-9;

/**
 * Fills `out` for M/G/c with a timeout: `stretch` from waitStretch (1: M/M/c exactly, the same
 * arithmetic as impatientSteadyState).
 */
export function mgcSteadyState(
  servers: number,
  arrivalRps: number,
  serviceRateMu: number,
  timeoutSec: number,
  stretch: number,
  out: ImpatientSteadyState,
): ImpatientSteadyState {
  impatientSteadyState(servers, arrivalRps, serviceRateMu, timeoutSec / stretch, out);
  out.waitRate /= stretch;
  return out;
}

/** Where the approximation is known to be off by more than the documented few per cent. */
export interface ApproximationDoubt {
  servers: number;
  utilization: number;
  scv: number;
}

/**
 * Is the M/G/c approximation doubtful here? With a service time more variable than the
 * exponential, the real wait of a queue of few servers near saturation has a heavier tail than
 * the exponential one taken here (docs/latency.md: the region of the table outside 5%).
 */
export function approximationDoubtful(scv: number, servers: number, utilization: number): boolean {
  if (!(scv > DOUBT_SCV)) return false;
  return utilization >= doubtUtilization(servers);
}

/** the SCV above which the approximation can be off */
export const DOUBT_SCV = 2;

/**
 * The utilization from which c servers are in doubt: more servers, later (docs/latency.md: with
 * SCV 16 the worst cells are at ρ 0.95, p50 and p99 +6% on 64 servers and p95 −7% on 8; up to
 * ρ 0.9 within 6%). The thresholds are kept below that, where the table has no cell to show them
 * right.
 */
export function doubtUtilization(servers: number): number {
  // one server is exact (mg1-wait.ts), but `validate` asks about a workload's fewest servers, and
  // one that can run on one can grow to two or three: those keep the few-servers threshold
  if (servers >= 64) return 0.9;
  if (servers >= 16) return 0.85;
  if (servers >= 4) return 0.7;
  return 0.4;
}

/**
 * The conditional wait as a mixture of two exponentials of balanced means (the usual H2 fit of a
 * mean and an SCV above 1): with probability `share` the M/M/c wait stretched by `stretchA`,
 * otherwise by `stretchB`, share·stretchA = (1 − share)·stretchB = stretch/2. A single stretch
 * (share 1, both equal) when the wait is no more variable than the exponential. The shape for
 * service times no more variable than the exponential (waitShapeOf).
 */
export interface WaitSplit {
  share: number;
  stretchA: number;
  stretchB: number;
}

export function newWaitSplit(): WaitSplit {
  return { share: 1, stretchA: 1, stretchB: 1 };
}

/** Fills `out` for the wait of mean stretch `stretch` and squared coefficient of variation `waitScv`. */
export function splitWait(stretch: number, waitScv: number, out: WaitSplit): WaitSplit {
  if (!(waitScv > 1 + 1e-9)) {
    out.share = 1;
    out.stretchA = stretch;
    out.stretchB = stretch;
    return out;
  }
  const p = 0.5 * (1 + Math.sqrt((waitScv - 1) / (waitScv + 1)));
  out.share = p;
  out.stretchA = stretch / (2 * p);
  out.stretchB = stretch / (2 * (1 - p));
  return out;
}

/**
 * The SCV of the wait of those who wait, between its light-traffic value (the time until the first
 * of c busy servers frees, `residualScv`) and its heavy-traffic one (exponential, Kingman): the
 * second moment in units of the squared mean runs linearly in ρ, 1 + c_w² = 2ρ + (1 − ρ)(1 + c_r²).
 * For one server this is the M/G/1 result from Takács' second moment of the wait,
 * E[W²] = 2E[W]² + λE[S³]/(3(1 − ρ)), exactly.
 */
export function conditionalWaitScv(residualScv: number, utilization: number): number {
  const rho = Math.min(1, Math.max(0, utilization));
  return 2 * rho + (1 - rho) * (1 + residualScv) - 1;
}
