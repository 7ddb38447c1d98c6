/**
 * A node whose pods want more cpu than it has shares it by cpu.shares, which the kubelet sets from
 * each container's cpu request (pkg/kubelet/cm/helpers_linux.go MilliCPUToShares: request × 1024
 * per core, at least 2). The kernel's fair scheduler gives a busy cgroup its weight's share; one
 * that wants less than its share keeps what it wants and leaves the rest to the others, again by
 * weight (water-filling). So pods with small requests on a busy node slow down first.
 */
import { CPU_MIN_SHARES, CPU_SHARES_PER_CORE } from '../defaults.ts';

/** A container's cpu.shares for its cpu request. */
export function cpuShares(requestMilli: number): number {
  return Math.max(CPU_MIN_SHARES, Math.floor((requestMilli * CPU_SHARES_PER_CORE) / 1000));
}

/**
 * Shares `capacityMilli` of cpu over `n` pods that want `demandMilli[i]` with weights
 * `shares[i]`, writing each pod's cpu into `grantMilli`. When the node has enough, every pod gets
 * what it wants. Returns whether the node was short (some pod got less than it wanted).
 */
export function shareNodeCpu(
  demandMilli: ArrayLike<number>,
  shares: ArrayLike<number>,
  n: number,
  capacityMilli: number,
  grantMilli: Float64Array,
): boolean {
  let total = 0;
  for (let i = 0; i < n; i++) total += demandMilli[i];
  if (total <= capacityMilli) {
    for (let i = 0; i < n; i++) grantMilli[i] = demandMilli[i];
    return false;
  }
  // -1: still wants more than its share; each round settles the pods that want less than theirs
  for (let i = 0; i < n; i++) grantMilli[i] = -1;
  let remaining = capacityMilli;
  for (;;) {
    let weight = 0;
    for (let i = 0; i < n; i++) if (grantMilli[i] < 0) weight += shares[i];
    if (weight <= 0) break;
    let settled = false;
    for (let i = 0; i < n; i++) {
      if (grantMilli[i] >= 0) continue;
      if (demandMilli[i] <= (remaining * shares[i]) / weight) {
        grantMilli[i] = demandMilli[i];
        remaining -= demandMilli[i];
        settled = true;
      }
    }
    if (settled) continue;
    for (let i = 0; i < n; i++) if (grantMilli[i] < 0) grantMilli[i] = (remaining * shares[i]) / weight;
    break;
  }
  return true;
}
