/**
 * Pending pods grouped by identical requests, as the cluster-autoscaler's pod equivalence groups:
 * the estimator only runs filters, and for a filter two pods with the same requests are the same
 * pod, so it packs a group with arithmetic instead of pod by pod.
 */
import type { PodInfo } from '../../scheduler/types.ts';

export interface PodGroup {
  cpuMilli: number;
  memoryBytes: number;
  /** in the order they were given */
  pods: PodInfo[];
}

/** Groups in order of each group's first pod, so the result is deterministic. */
export function groupPods(pods: readonly PodInfo[]): PodGroup[] {
  const groups: PodGroup[] = [];
  const byCpu = new Map<number, Map<number, PodGroup>>();
  for (const pod of pods) {
    let byMemory = byCpu.get(pod.cpuMilli);
    if (!byMemory) {
      byMemory = new Map();
      byCpu.set(pod.cpuMilli, byMemory);
    }
    let group = byMemory.get(pod.memoryBytes);
    if (!group) {
      group = { cpuMilli: pod.cpuMilli, memoryBytes: pod.memoryBytes, pods: [] };
      byMemory.set(pod.memoryBytes, group);
      groups.push(group);
    }
    group.pods.push(pod);
  }
  return groups;
}
