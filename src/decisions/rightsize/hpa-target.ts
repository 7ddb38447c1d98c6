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

/**
 * The cpu target that keeps today's replica counts *and* today's room for bursts. At today's
 * target a pod uses target × old request; the most any pod used (a burst outrunning the HPA) is
 * `peakCpuMilli`. A pod sized below that peak and packed onto a node by its request (the
 * scheduler's MostAllocated, or a full node) is short of cpu in the next burst: the kernel
 * shares a busy node's cpu by request, so the burst's extra load runs slower instead of on the
 * pods the HPA has not made yet. With the target moved only as far as a request of at least the
 * peak would move it, the peak still fits in the request at the new target (same proportion of
 * burst to steady load), and the workload requests usage ÷ target as if its pods asked for their
 * peak. So this target saves on cpu only what requests above the peak wasted; the smaller
 * request still packs memory and pods tighter, and the placeholders shrink with it.
 */
export function targetKeepingBurstRoom(targetPercent: number, oldCpuMilli: number, newCpuMilli: number, peakCpuMilli: number): number {
  return targetKeepingReplicas(targetPercent, oldCpuMilli, Math.max(newCpuMilli, peakCpuMilli));
}
