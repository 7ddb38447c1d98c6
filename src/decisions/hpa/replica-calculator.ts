/**
 * The HPA replica calculator for a cpu utilization target (GetResourceReplicas):
 *
 *   utilization = floor(Σ usage × 100 / Σ request) over the counted pods
 *   ratio       = utilization / target
 *   within 1 ± tolerance: keep the current replicas
 *   no unready pods on a scale-up and no missing pods: desired = ceil(ratio × counted pods)
 *   otherwise rebalance and compute the ratio again: on a scale-up unready and missing pods count
 *   at 0%, on a scale-down missing pods count at max(100%, target); keep the current replicas if
 *   the new ratio is within tolerance or points the other way, or if ceil(newRatio × pods) would
 *   move against the ratio; else desired = ceil(newRatio × pods considered).
 *
 * `calculateReplicas` follows the controller pod by pod (a map of samples it rewrites);
 * `calculateReplicasFromCounts` does the same on totals, for the simulation's every-15-s syncs.
 */
import { groupPod } from './pod-groups.ts';
import type { HpaPodGroup, ReplicaCalcFailure, ReplicaCalcInput, ReplicaCalculation, ReplicaCounts } from './types.ts';
import { DEFAULT_TOLERANCE, missingFallbackUsageMilli, utilizationPercent, withinTolerance } from './utilization.ts';

export function calculateReplicas(input: ReplicaCalcInput): ReplicaCalculation {
  const { currentReplicas, targetUtilization, pods } = input;
  const tolerance = input.tolerance ?? DEFAULT_TOLERANCE;
  if (pods.length === 0) return failed(currentReplicas, 'NoPods');

  const requests = new Map<string, number>();
  const samples = new Map<string, number>();
  const unready: string[] = [];
  const missing: string[] = [];
  let readyCount = 0;
  for (const pod of pods) {
    requests.set(pod.name, pod.cpuRequestMilli);
    if (pod.cpuUsageMilli !== undefined) samples.set(pod.name, pod.cpuUsageMilli);
    const group: HpaPodGroup = groupPod(pod, input);
    if (group === 'ignored') samples.delete(pod.name);
    else if (group === 'unready') {
      samples.delete(pod.name);
      unready.push(pod.name);
    } else if (group === 'missing') missing.push(pod.name);
    else readyCount += 1;
  }
  if (samples.size === 0) return failed(currentReplicas, 'NoMetrics');

  const first = usageRatio(samples, requests, targetUtilization);
  if (first === null) return failed(currentReplicas, 'ZeroRequests');
  const { ratio, utilization } = first;

  const scaleUpWithUnready = unready.length > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.length === 0) {
    if (withinTolerance(ratio, tolerance)) return { desiredReplicas: currentReplicas, utilization };
    return { desiredReplicas: Math.ceil(ratio * readyCount), utilization };
  }

  if (missing.length > 0) {
    // At a ratio of exactly 1 the controller leaves missing pods out altogether.
    if (ratio < 1) {
      for (const name of missing) samples.set(name, missingFallbackUsageMilli(requests.get(name)!, targetUtilization));
    } else if (ratio > 1) {
      for (const name of missing) samples.set(name, 0);
    }
  }
  if (scaleUpWithUnready) for (const name of unready) samples.set(name, 0);

  const newRatio = usageRatio(samples, requests, targetUtilization)!.ratio;
  return { desiredReplicas: rebalancedReplicas(currentReplicas, tolerance, ratio, newRatio, samples.size), utilization };
}

export function calculateReplicasFromCounts(c: ReplicaCounts): ReplicaCalculation {
  const tolerance = c.tolerance ?? DEFAULT_TOLERANCE;
  if (c.readyCount + c.unreadyCount + c.missingCount + c.ignoredCount === 0) return failed(c.currentReplicas, 'NoPods');
  if (c.readyCount === 0) return failed(c.currentReplicas, 'NoMetrics');
  if (c.readyRequestMilliTotal === 0) return failed(c.currentReplicas, 'ZeroRequests');

  const utilization = utilizationPercent(c.readyUsageMilliTotal, c.readyRequestMilliTotal);
  const ratio = utilization / c.target;
  const scaleUpWithUnready = c.unreadyCount > 0 && ratio > 1;
  if (!scaleUpWithUnready && c.missingCount === 0) {
    if (withinTolerance(ratio, tolerance)) return { desiredReplicas: c.currentReplicas, utilization };
    return { desiredReplicas: Math.ceil(ratio * c.readyCount), utilization };
  }

  let usage = c.readyUsageMilliTotal;
  let request = c.readyRequestMilliTotal;
  let considered = c.readyCount;
  if (c.missingCount > 0 && ratio !== 1) {
    request += c.missingRequestMilliTotal;
    considered += c.missingCount;
    if (ratio < 1) {
      usage += c.missingFallbackUsageMilliTotal ?? missingFallbackUsageMilli(c.missingRequestMilliTotal, c.target);
    }
  }
  if (scaleUpWithUnready) {
    request += c.unreadyRequestMilliTotal;
    considered += c.unreadyCount;
  }
  const newRatio = utilizationPercent(usage, request) / c.target;
  return { desiredReplicas: rebalancedReplicas(c.currentReplicas, tolerance, ratio, newRatio, considered), utilization };
}

function rebalancedReplicas(current: number, tolerance: number, ratio: number, newRatio: number, considered: number): number {
  // The rebalanced pods only temper a move; they never reverse it.
  if (withinTolerance(newRatio, tolerance) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return current;
  const replicas = Math.ceil(newRatio * considered);
  if ((newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current)) return current;
  return replicas;
}

/** GetResourceUtilizationRatio: null when the sampled pods request nothing. */
function usageRatio(
  samples: ReadonlyMap<string, number>,
  requests: ReadonlyMap<string, number>,
  targetUtilization: number,
): { ratio: number; utilization: number } | null {
  let usage = 0;
  let request = 0;
  for (const [name, value] of samples) {
    const r = requests.get(name);
    if (r === undefined) continue;
    usage += value;
    request += r;
  }
  if (request === 0) return null;
  const utilization = utilizationPercent(usage, request);
  return { ratio: utilization / targetUtilization, utilization };
}

function failed(currentReplicas: number, failure: ReplicaCalcFailure): ReplicaCalculation {
  return { desiredReplicas: currentReplicas, utilization: 0, failure };
}

/** The controller's words for a failure, for events and error messages. */
export function describeFailure(failure: ReplicaCalcFailure): string {
  switch (failure) {
    case 'NoPods':
      return 'no pods returned by selector while calculating replica count';
    case 'NoMetrics':
      return 'did not receive metrics for targeted pods (pods might be unready)';
    case 'ZeroRequests':
      return 'the pods with cpu usage samples request no cpu, so their utilization is undefined';
  }
}
