/** Building and updating NodeInfo; the only code that mutates it. */
import type { NodeInfo, PodInfo } from './types.ts';

export function newNodeInfo(
  name: string,
  alloc: { cpuMilli: number; memoryBytes: number; pods: number },
  uid = -1,
): NodeInfo {
  return {
    name,
    allocCpuMilli: alloc.cpuMilli,
    allocMemoryBytes: alloc.memoryBytes,
    allocPods: alloc.pods,
    pods: [],
    reqCpuMilli: 0,
    reqMemoryBytes: 0,
    nonZeroReqCpuMilli: 0,
    nonZeroReqMemoryBytes: 0,
    nominated: [],
    uid,
  };
}

export function addPod(node: NodeInfo, pod: PodInfo): void {
  node.pods.push(pod);
  node.reqCpuMilli += pod.cpuMilli;
  node.reqMemoryBytes += pod.memoryBytes;
  node.nonZeroReqCpuMilli += pod.nonZeroCpuMilli;
  node.nonZeroReqMemoryBytes += pod.nonZeroMemoryBytes;
  if (pod.placement !== undefined && hasPodAffinity(pod)) node.podsWithAffinity = (node.podsWithAffinity ?? 0) + 1;
}

/** Does the pod carry pod affinity or anti-affinity (required or preferred)? NodeInfo counts them, as kube-scheduler's PodsWithAffinity. */
export function hasPodAffinity(pod: PodInfo): boolean {
  const a = pod.placement?.affinity;
  return a !== undefined && (a.podAffinity !== undefined || a.podAntiAffinity !== undefined);
}

export function removePod(node: NodeInfo, pod: PodInfo): boolean {
  const i = node.pods.indexOf(pod);
  if (i < 0) return false;
  // Order of pods on a node carries no meaning, so swap-remove keeps this O(1) after the search.
  const last = node.pods.length - 1;
  node.pods[i] = node.pods[last];
  node.pods.pop();
  node.reqCpuMilli -= pod.cpuMilli;
  node.reqMemoryBytes -= pod.memoryBytes;
  node.nonZeroReqCpuMilli -= pod.nonZeroCpuMilli;
  node.nonZeroReqMemoryBytes -= pod.nonZeroMemoryBytes;
  if (pod.placement !== undefined && hasPodAffinity(pod)) node.podsWithAffinity! -= 1;
  return true;
}

/** A deep enough copy for what-if analysis (preemption, scale-down simulation). */
export function cloneNodeInfo(node: NodeInfo): NodeInfo {
  return { ...node, pods: node.pods.slice(), nominated: node.nominated.slice() };
}
