/**
 * The controller's arithmetic on usage: an integer percent (int64 division, truncated) and the
 * tolerance band around the target.
 */

import { HPA_DEFAULTS } from '../defaults.ts';

/** The controller flags' defaults under the names the HPA decisions use (decisions/defaults.ts). */
export const DEFAULT_TOLERANCE = HPA_DEFAULTS.tolerance;
export const DEFAULT_CPU_INITIALIZATION_PERIOD_SEC = HPA_DEFAULTS.cpuInitializationPeriodSec;
export const DEFAULT_INITIAL_READINESS_DELAY_SEC = HPA_DEFAULTS.initialReadinessDelaySec;
export const DEFAULT_METRIC_WINDOW_SEC = HPA_DEFAULTS.metricWindowSec;

/** floor(usage × 100 / request), exact for whole millicores as the controller's int64 division is. */
export function utilizationPercent(usageMilliTotal: number, requestMilliTotal: number): number {
  const scaled = usageMilliTotal * 100;
  let q = Math.floor(scaled / requestMilliTotal);
  // A float quotient can round onto the next integer; integer inputs deserve the exact answer.
  if (Number.isInteger(scaled) && Number.isInteger(requestMilliTotal)) {
    if (q * requestMilliTotal > scaled) q -= 1;
    else if ((q + 1) * requestMilliTotal <= scaled) q += 1;
  }
  return q;
}

/**
 * 1 - tolerance <= ratio <= 1 + tolerance, written as the current controller writes it: with
 * |1 - ratio| <= tolerance a ratio of exactly 1.1 would fall outside (1 - 1.1 is -0.10000000000000009).
 */
export function withinTolerance(usageRatio: number, tolerance: number): boolean {
  return 1 - tolerance <= usageRatio && usageRatio <= 1 + tolerance;
}

/**
 * What a pod without a usage sample is assumed to use on a scale-down: its request at 100%, or at
 * the target when the target is above 100% (so missing pods never push the ratio past 1 alone).
 */
export function missingFallbackUsageMilli(requestMilli: number, targetUtilization: number): number {
  return Math.floor((requestMilli * Math.max(100, targetUtilization)) / 100);
}
