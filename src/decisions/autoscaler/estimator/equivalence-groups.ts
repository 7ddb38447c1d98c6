/**
 * Pending pods grouped by identical requests and placement rules, as the cluster-autoscaler's pod
 * equivalence groups: the estimator only runs filters, and for the filters two such pods are the
 * same pod, so it packs a group with arithmetic instead of pod by pod. Placement rules compare by
 * reference (pods of one Deployment share them), which may split equal rules but never joins
 * different ones.
 */
import type { Placement, PodInfo } from '../../scheduler/types.ts';

export interface PodGroup {
  cpuMilli: number;
  memoryBytes: number;
  /** the pods' shared placement rules, if any */
  placement?: Placement;
  /** in the order they were given */
  pods: PodInfo[];
}

const NONE = {};

/** Groups in order of each group's first pod, so the result is deterministic. */
export function groupPods(pods: readonly PodInfo[]): PodGroup[] {
  const groups: PodGroup[] = [];
  const byCpu = new Map<number, Map<number, Map<object, PodGroup>>>();
  for (const pod of pods) {
    let byMemory = byCpu.get(pod.cpuMilli);
    if (!byMemory) {
      byMemory = new Map();
      byCpu.set(pod.cpuMilli, byMemory);
    }
    let byPlacement = byMemory.get(pod.memoryBytes);
    if (!byPlacement) {
      byPlacement = new Map();
      byMemory.set(pod.memoryBytes, byPlacement);
    }
    const key = pod.placement ?? NONE;
    let group = byPlacement.get(key);
    if (!group) {
      group = { cpuMilli: pod.cpuMilli, memoryBytes: pod.memoryBytes, pods: [] };
      if (pod.placement !== undefined) group.placement = pod.placement;
      byPlacement.set(key, group);
      groups.push(group);
    }
    group.pods.push(pod);
  }
  return groups;
}
