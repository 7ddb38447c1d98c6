/**
 * The cpu target an HPA needs after a request change to keep today's replica counts. The
 * controller's utilization is the pods' usage over their requests (kubernetes/kubernetes,
 * pkg/controller/podautoscaler/metrics/utilization.go, GetResourceUtilizationRatio) and it asks for
 * ceil(replicas × utilization / target) pods, so the requested cpu of an HPA-scaled workload is
 * usage ÷ target whatever the request: usage / (target' × new) = usage / (target × old) needs
 * target' = target × old / new. A smaller request raises the target; the request saves nothing
 * unless the target moves with it.
 */

/** Whole percent (as `targetCPUUtilization` is written), at least 1. */
export function targetKeepingReplicas(targetPercent: number, oldCpuMilli: number, newCpuMilli: number): number {
  if (!(oldCpuMilli > 0) || !(newCpuMilli > 0)) return targetPercent;
  return Math.max(1, Math.round((targetPercent * oldCpuMilli) / newCpuMilli));
}
