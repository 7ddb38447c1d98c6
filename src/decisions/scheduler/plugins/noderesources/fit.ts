/**
 * NodeResourcesFit's filter: the pod's requests must fit the node's allocatable minus what the
 * pods on it request, and one more pod must fit the node's pod limit. It answers with a Status as
 * kube-scheduler's plugin does: every reason that applies, and UnschedulableAndUnresolvable when
 * the pod asks for more than the node's whole allocatable of some resource (no eviction can help).
 *
 * Pods nominated to the node (preemptors waiting for their victims to leave) with a priority at
 * least the pod's count as if already there, as kube-scheduler's RunFilterPluginsWithNominatedPods
 * does; otherwise a lower-priority pod could take the room a preemption just freed.
 *
 * The few Statuses the filter can answer are built once, so the simulation's hot path (every pod
 * against every node) allocates nothing; they are frozen, never to be changed by a caller.
 */
import type { Status } from '../../framework.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';

export const NAME = 'NodeResourcesFit';

export const TOO_MANY_PODS = 'Too many pods';
export const INSUFFICIENT_CPU = 'Insufficient cpu';
export const INSUFFICIENT_MEMORY = 'Insufficient memory';

const POD_SLOTS = 1;
const CPU = 2;
const MEMORY = 4;
const UNRESOLVABLE = 8;

/** Every Status the filter answers, by the bits above. */
const STATUSES: readonly Status[] = Array.from({ length: 16 }, (_, bits) => {
  const reasons: string[] = [];
  if (bits & POD_SLOTS) reasons.push(TOO_MANY_PODS);
  if (bits & CPU) reasons.push(INSUFFICIENT_CPU);
  if (bits & MEMORY) reasons.push(INSUFFICIENT_MEMORY);
  const code = reasons.length === 0 ? 'Success' : bits & UNRESOLVABLE ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
  return Object.freeze({ code, reasons: Object.freeze(reasons) }) as Status;
});

/** The filter's answer when the pod fits. */
export const SUCCESS: Status = STATUSES[0];

/** Is `other` the same pod as `pod`? A pod's own nomination never blocks it. */
export function samePod(pod: PodInfo, other: PodInfo): boolean {
  return pod === other || (pod.uid >= 0 && pod.uid === other.uid);
}

/** Does `nominated` count against `pod` on its node? */
export function nominatedCounts(pod: PodInfo, nominated: PodInfo): boolean {
  return nominated.priority >= pod.priority && !samePod(pod, nominated);
}

/**
 * The filter on plain numbers: a pod with these requests against a node holding `podCount` pods
 * that request `usedCpuMilli` / `usedMemoryBytes`. A request of 0 always fits its resource, even
 * on an over-committed node, as in kube-scheduler. Allocation-free.
 */
export function filterUsage(pod: PodInfo, node: NodeInfo, podCount: number, usedCpuMilli: number, usedMemoryBytes: number): Status {
  let bits = 0;
  if (podCount + 1 > node.allocPods) bits |= POD_SLOTS;
  if (pod.cpuMilli > 0 && pod.cpuMilli > node.allocCpuMilli - usedCpuMilli) {
    bits |= CPU;
    // Even an empty node could not hold it: evicting pods cannot help.
    if (pod.cpuMilli > node.allocCpuMilli) bits |= UNRESOLVABLE;
  }
  if (pod.memoryBytes > 0 && pod.memoryBytes > node.allocMemoryBytes - usedMemoryBytes) {
    bits |= MEMORY;
    if (pod.memoryBytes > node.allocMemoryBytes) bits |= UNRESOLVABLE;
  }
  return STATUSES[bits];
}

export function fitsUsage(pod: PodInfo, node: NodeInfo, podCount: number, usedCpuMilli: number, usedMemoryBytes: number): boolean {
  return filterUsage(pod, node, podCount, usedCpuMilli, usedMemoryBytes) === SUCCESS;
}

/** The filter, with the node's nominated pods of at least the pod's priority counted. Allocation-free. */
export function filter(pod: PodInfo, node: NodeInfo): Status {
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
  return filterUsage(pod, node, podCount, cpu, memory);
}

/** Whether the filter answers Success. */
export function fits(pod: PodInfo, node: NodeInfo): boolean {
  return filter(pod, node) === SUCCESS;
}

/**
 * The filter against the node's bound pods only, nominated ones left out: what the
 * cluster-autoscaler's snapshot checks, where nominated pods are added as pods first.
 */
export function fitsRequests(pod: PodInfo, node: NodeInfo): boolean {
  return filterUsage(pod, node, node.pods.length, node.reqCpuMilli, node.reqMemoryBytes) === SUCCESS;
}

/**
 * Could evicting pods ever make room: is the filter's code short of UnschedulableAndUnresolvable
 * whatever the node holds? Allocation-free.
 */
export function resolvable(pod: PodInfo, node: NodeInfo): boolean {
  return pod.cpuMilli <= node.allocCpuMilli && pod.memoryBytes <= node.allocMemoryBytes;
}
