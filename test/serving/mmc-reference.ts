/**
 * M/M/c written out independently of src/serving and src/maths, for the tests to hold the code against:
 * Erlang's sums term by term in log space, the response-time CDF in its textbook form, and
 * quantiles by plain bisection.
 */

const logFactorials: number[] = [0];
function logFactorial(k: number): number {
  for (let i = logFactorials.length; i <= k; i++) logFactorials.push(logFactorials[i - 1] + Math.log(i));
  return logFactorials[k];
}

function logSumExp(xs: number[]): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** ln(a^k / k!) */
function logTerm(a: number, k: number): number {
  return k * Math.log(a) - logFactorial(k);
}

/**
 * B(c, a) = (a^c/c!) / Σ_{k<=c} a^k/k!, each term taken relative to the last one:
 * (a^k/k!) / (a^c/c!) = Π_{j=k+1..c} j/a, summed in log space (log1p keeps j/a near 1 exact).
 */
export function refErlangB(c: number, a: number): number {
  const logs: number[] = [0];
  let logRatio = 0;
  for (let j = c; j >= 1; j--) {
    logRatio += Math.log1p((j - a) / a);
    logs.push(logRatio);
  }
  return Math.exp(-logSumExp(logs));
}

/** C(c, a) = (a^c/c! · c/(c−a)) / (Σ_{k<c} a^k/k! + a^c/c! · c/(c−a)), for a < c */
export function refErlangC(c: number, a: number): number {
  const logs: number[] = [];
  for (let k = 0; k < c; k++) logs.push(logTerm(a, k));
  const waiting = logTerm(a, c) + Math.log(c / (c - a));
  logs.push(waiting);
  return Math.exp(waiting - logSumExp(logs));
}

export interface MmcReference {
  waitProbability: number;
  meanWaitSec: number;
  meanResponseSec: number;
  /** P(wait + service <= t) */
  responseCdf(t: number): number;
  responseQuantileSec(q: number): number;
  waitQuantileSec(q: number): number;
}

export function mmc(c: number, lambda: number, mu: number): MmcReference {
  const C = refErlangC(c, lambda / mu);
  const theta = c * mu - lambda;
  // with probability C the response is Exp(μ) + Exp(θ): survival (θe^(−μt) − μe^(−θt))/(θ − μ),
  // or e^(−μt)(1 + μt) when θ = μ
  const waitedSurvival = (t: number): number =>
    Math.abs(theta - mu) < 1e-12 * mu
      ? Math.exp(-mu * t) * (1 + mu * t)
      : (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
  const responseCdf = (t: number): number =>
    t <= 0 ? 0 : 1 - ((1 - C) * Math.exp(-mu * t) + C * waitedSurvival(t));
  return {
    waitProbability: C,
    meanWaitSec: C / theta,
    meanResponseSec: 1 / mu + C / theta,
    responseCdf,
    responseQuantileSec: (q) => bisect(responseCdf, q),
    waitQuantileSec: (q) => (q <= 1 - C ? 0 : Math.log(C / (1 - q)) / theta),
  };
}

/** t with f(t) = q for an increasing f from 0, by bisection. */
export function bisect(f: (t: number) => number, q: number): number {
  let lo = 0;
  let hi = 1;
  while (f(hi) < q) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
