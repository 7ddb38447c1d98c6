/**
 * NodeResourcesFit's filter: the pod's requests must fit the node's allocatable minus what the
 * pods on it request, and one more pod must fit the node's pod limit.
 *
 * Pods nominated to the node (preemptors waiting for their victims to leave) with a priority at
 * least the pod's count as if already there, as kube-scheduler's RunFilterPluginsWithNominatedPods
 * does; otherwise a lower-priority pod could take the room a preemption just freed.
 */
import type { Status } from '../../framework.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';

export const NAME = 'NodeResourcesFit';

const TOO_MANY_PODS = 'Too many pods';
const INSUFFICIENT_CPU = 'Insufficient cpu';
const INSUFFICIENT_MEMORY = 'Insufficient memory';

/** Is `other` the same pod as `pod`? A pod's own nomination never blocks it. */
export function samePod(pod: PodInfo, other: PodInfo): boolean {
  return pod === other || (pod.uid >= 0 && pod.uid === other.uid);
}

/** Does `nominated` count against `pod` on its node? */
export function nominatedCounts(pod: PodInfo, nominated: PodInfo): boolean {
  return nominated.priority >= pod.priority && !samePod(pod, nominated);
}

/**
 * The core check on plain numbers: a pod with these requests against a node holding `podCount`
 * pods that request `usedCpuMilli` / `usedMemoryBytes`. A request of 0 always fits its resource,
 * even on an over-committed node, as in kube-scheduler.
 */
export function fitsUsage(
  pod: PodInfo,
  node: NodeInfo,
  podCount: number,
  usedCpuMilli: number,
  usedMemoryBytes: number,
): boolean {
  if (podCount + 1 > node.allocPods) return false;
  if (pod.cpuMilli > 0 && pod.cpuMilli > node.allocCpuMilli - usedCpuMilli) return false;
  if (pod.memoryBytes > 0 && pod.memoryBytes > node.allocMemoryBytes - usedMemoryBytes) return false;
  return true;
}

/** The filter without building a Status: the simulation's hot path. Allocation-free. */
export function fits(pod: PodInfo, node: NodeInfo): boolean {
  let podCount = node.pods.length;
  let cpu = node.reqCpuMilli;
  let memory = node.reqMemoryBytes;
  const nominated = node.nominated;
  for (let i = 0; i < nominated.length; i++) {
    const n = nominated[i];
    if (!nominatedCounts(pod, n)) continue;
    podCount++;
    cpu += n.cpuMilli;
    memory += n.memoryBytes;
  }
  return fitsUsage(pod, node, podCount, cpu, memory);
}

/** The filter with kube-scheduler's reasons and status code, for decisions a user reads. */
export function filter(pod: PodInfo, node: NodeInfo): Status {
  let podCount = node.pods.length;
  let cpu = node.reqCpuMilli;
  let memory = node.reqMemoryBytes;
  for (const n of node.nominated) {
    if (!nominatedCounts(pod, n)) continue;
    podCount++;
    cpu += n.cpuMilli;
    memory += n.memoryBytes;
  }
  const reasons: string[] = [];
  let unresolvable = false;
  if (podCount + 1 > node.allocPods) reasons.push(TOO_MANY_PODS);
  if (pod.cpuMilli > 0 && pod.cpuMilli > node.allocCpuMilli - cpu) {
    reasons.push(INSUFFICIENT_CPU);
    // Even an empty node could not hold it: evicting pods cannot help.
    if (pod.cpuMilli > node.allocCpuMilli) unresolvable = true;
  }
  if (pod.memoryBytes > 0 && pod.memoryBytes > node.allocMemoryBytes - memory) {
    reasons.push(INSUFFICIENT_MEMORY);
    if (pod.memoryBytes > node.allocMemoryBytes) unresolvable = true;
  }
  if (reasons.length === 0) return { code: 'Success', reasons };
  return { code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons };
}

/** Could evicting pods ever make room? (the filter's code without its reasons) Allocation-free. */
export function resolvable(pod: PodInfo, node: NodeInfo): boolean {
  return pod.cpuMilli <= node.allocCpuMilli && pod.memoryBytes <= node.allocMemoryBytes;
}
