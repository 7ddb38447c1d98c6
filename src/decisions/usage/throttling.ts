/**
 * A container at its cpu limit is throttled by the CFS quota (cpu.cfs_quota_us = limit × period,
 * pkg/kubelet/cm/helpers_linux.go MilliCPUToQuota): it cannot run longer than the limit allows in
 * any period, so the requests it can serve a second are what the cpu it may use, less its idle
 * share, buys at its cpu time per request. The same holds for the cpu a busy node shares it.
 */
import type { UsageSpec } from './model.ts';

/**
 * Requests a second a pod can serve with `cpuMilli` of cpu at most, never more than its
 * concurrency allows (`naturalRps`, concurrency / mean service time).
 */
export function throttledCapacityRps(naturalRps: number, cpuMilli: number, usage: UsageSpec): number {
  if (usage.cpuSecPerRequest <= 0) return cpuMilli > usage.idleCpuMilli ? naturalRps : 0;
  const rps = (cpuMilli - usage.idleCpuMilli) / (usage.cpuSecPerRequest * 1000);
  return rps <= 0 ? 0 : Math.min(naturalRps, rps);
}
