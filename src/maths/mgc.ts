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
 * The wait of those who wait is exponential only for exponential service. For other laws its shape
 * comes from mgc-wait.ts: a geometric number of draws from a mixture of the wait's light- and
 * heavy-traffic laws, with the mean the stretch gives (mgcWaitLaw).
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
 * The stretch of the M/G/c mean wait over M/M/c's, between its two limits. In light traffic a
 * request waits only when every server is busy, and then for the first of c residual service
 * times to end: the stretch is c·E[min of c residuals] (`lightStretch`, residualMinStretch; the
 * probability of finding every server busy is insensitive to the law there, Burman & Smith, "A
 * light-traffic theorem for multi-server queues", Math. Oper. Res. 8, 1983). In heavy traffic it
 * is (1 + c_s²)/2 (Kingman). The two are joined with a power of Erlang C's probability of waiting
 * as the weight (MEAN_WEIGHT_POWER), in the spirit of Reiman & Simon's light/heavy-traffic
 * interpolation (Oper. Res. 36, 1988): a queue where few requests wait is near its light-traffic
 * regime whatever ρ says, which matters on many servers (ρ alone overshoots on 64 servers and
 * more). Both limits are (1 + c_s²)/2 for one server, so the
 * Pollaczek–Khinchine mean wait stays exact, and 1 for the exponential (M/M/c exactly).
 */
export function meanWaitStretch(scv: number, lightStretch: number, waitProbability: number): number {
  return lightStretch + Math.pow(clampShare(waitProbability), MEAN_WEIGHT_POWER) * (waitStretch(scv) - lightStretch);
}

/**
 * The weight of the heavy-traffic end of the mean wait is Erlang C's probability of waiting to
 * this power, and the share of heavy-traffic draws in the wait's shape (mgcWaitLaw) that
 * probability to DRAW_SHARE_POWER. Both are this project's choices, held to the request-by-request
 * reference of docs/latency.md (the mean weight: its square root overstates the mean wait with a
 * heavy tail, the plain probability understates it with SCV 4 on 8 servers).
 */
const MEAN_WEIGHT_POWER = 0.8;
const DRAW_SHARE_POWER = 2;

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
 * less often than the mean's weight (the square of the probability of waiting) and the rest of the
 * mean comes from more draws (geometric above ρ). Light traffic (nobody waits) keeps the exact
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

/** Fills `out` for a law of SCV `scv` with light-traffic stretch `lightStretch` (residualMinStretch) at this load. */
export function mgcWaitLaw(scv: number, lightStretch: number, waitProbability: number, utilization: number, out: WaitLaw): WaitLaw {
  const stretch = meanWaitStretch(scv, lightStretch, waitProbability);
  const heavyShare = Math.pow(clampShare(waitProbability), DRAW_SHARE_POWER);
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
 * SCV 16 the worst cells are at ρ 0.95, p99 +18% on 64 servers and p95 −7% on 8; up to ρ 0.9
 * within 6%). The thresholds are kept below that, where the table has no cell to show them right.
 */
export function doubtUtilization(servers: number): number {
  // one server is exact (mg1-wait.ts), but `validate` asks about a workload's fewest servers, and
  // one that can run on one can grow to two or three: those keep the few-servers threshold
  if (servers >= 64) return 0.9;
  if (servers >= 16) return 0.85;
  if (servers >= 4) return 0.7;
  return 0.4;
}
