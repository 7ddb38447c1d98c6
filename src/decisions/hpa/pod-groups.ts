/**
 * groupPods of the HPA controller for a cpu utilization metric: which pods count, which are
 * unready (their sample may show start-up cpu), which have no sample, which are ignored.
 */
import type { HpaPod, HpaPodGroup, PodGroupOptions, ReplicaCounts } from './types.ts';
import {
  DEFAULT_CPU_INITIALIZATION_PERIOD_SEC,
  DEFAULT_INITIAL_READINESS_DELAY_SEC,
  DEFAULT_METRIC_WINDOW_SEC,
  missingFallbackUsageMilli,
} from './utilization.ts';

export function groupPod(pod: HpaPod, opts: PodGroupOptions = {}): HpaPodGroup {
  if (pod.deleting || pod.phase === 'Failed') return 'ignored';
  if (pod.phase === 'Pending') return 'unready';
  if (pod.cpuUsageMilli === undefined) return 'missing';
  return cpuSampleUnready(pod, opts) ? 'unready' : 'ready';
}

/**
 * The controller distrusts a cpu sample in two cases. While the pod is within the cpu
 * initialization period (start + period after now): when it is not Ready, or when it became Ready
 * less than one metric window ago (the window still covers start-up). After that period: only a
 * pod that is not Ready and has never been Ready (its Ready condition last changed within the
 * initial readiness delay of its start).
 */
export function cpuSampleUnready(pod: HpaPod, opts: PodGroupOptions = {}): boolean {
  const initSec = opts.cpuInitializationPeriodSec ?? DEFAULT_CPU_INITIALIZATION_PERIOD_SEC;
  const delaySec = opts.initialReadinessDelaySec ?? DEFAULT_INITIAL_READINESS_DELAY_SEC;
  const windowSec = opts.metricWindowSec ?? DEFAULT_METRIC_WINDOW_SEC;
  if (pod.startedAgoSec < initSec) {
    // sample time (now) before lastTransition + window  <=>  readySinceAgo < window
    return !pod.ready || pod.readySinceAgoSec < windowSec;
  }
  // start + delay after lastTransition  <=>  startedAgo - readySinceAgo < delay
  return !pod.ready && pod.startedAgoSec - pod.readySinceAgoSec < delaySec;
}

/** The pods summed per group, for `calculateReplicasFromCounts`. */
export function countPods(
  pods: readonly HpaPod[],
  currentReplicas: number,
  targetUtilization: number,
  opts: PodGroupOptions & { tolerance?: number } = {},
): ReplicaCounts {
  const c: ReplicaCounts = {
    currentReplicas,
    target: targetUtilization,
    tolerance: opts.tolerance,
    readyCount: 0,
    readyUsageMilliTotal: 0,
    readyRequestMilliTotal: 0,
    unreadyCount: 0,
    unreadyRequestMilliTotal: 0,
    missingCount: 0,
    missingRequestMilliTotal: 0,
    ignoredCount: 0,
  };
  let missingFallback = 0;
  for (const pod of pods) {
    switch (groupPod(pod, opts)) {
      case 'ready':
        c.readyCount += 1;
        c.readyUsageMilliTotal += pod.cpuUsageMilli ?? 0;
        c.readyRequestMilliTotal += pod.cpuRequestMilli;
        break;
      case 'unready':
        c.unreadyCount += 1;
        c.unreadyRequestMilliTotal += pod.cpuRequestMilli;
        break;
      case 'missing':
        c.missingCount += 1;
        c.missingRequestMilliTotal += pod.cpuRequestMilli;
        missingFallback += missingFallbackUsageMilli(pod.cpuRequestMilli, targetUtilization);
        break;
      case 'ignored':
        c.ignoredCount += 1;
        break;
    }
  }
  c.missingFallbackUsageMilliTotal = missingFallback;
  return c;
}
