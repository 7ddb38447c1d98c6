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
 * share that gives up and the share served after waiting come from M/M/c+D at patience τ/k, and the
 * wait of those served is exponential at rate θ/k, θ = cμ − λ, cut at τ.
 *
 * The wait of those who wait is exponential only for exponential service. For other laws its SCV
 * runs from its light-traffic value (the first of c residual service times to end) to 1 in heavy
 * traffic (conditionalWaitScv), and a wait more variable than the exponential is split into two
 * stretches of the same M/M/c+D (splitWait), each branch with its own timeout share.
 *
 * It is exact for M/M/c (k = 1, the same numbers as impatient.ts), for the mean wait of M/G/1
 * without a timeout, and right in the limits of light load and of many servers (no wait); it is
 * off, and the run says so, with few servers, a heavy-tailed service time and high utilization,
 * where the real wait is far from exponential (docs/latency.md has the table). The fluid model
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
 * is (1 + c_s²)/2 (Kingman). The two are joined with the square root of Erlang C's probability of
 * waiting as the weight, in the spirit of Reiman & Simon's light/heavy-traffic interpolation (Oper.
 * Res. 36, 1988): a queue where few requests wait is near its light-traffic regime whatever ρ says,
 * which matters on many servers. The square root is this project's choice, held to the
 * request-by-request reference of docs/latency.md (the plain probability undershoots on 8 servers,
 * ρ alone overshoots on 64 and more). Both limits are (1 + c_s²)/2 for one server, so the
 * Pollaczek–Khinchine mean wait stays exact, and 1 for the exponential (M/M/c exactly).
 */
export function meanWaitStretch(scv: number, lightStretch: number, waitProbability: number): number {
  const w = Math.sqrt(Math.min(1, Math.max(0, waitProbability)));
  return lightStretch + w * (waitStretch(scv) - lightStretch);
}

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
 * The utilization from which c servers are in doubt: more servers, later (docs/latency.md: at SCV
 * 16 the p50 is 25% off on 64 servers at ρ 0.9, and 30% on 200 at ρ 0.95).
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
 * (share 1, both equal) when the wait is no more variable than the exponential.
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
