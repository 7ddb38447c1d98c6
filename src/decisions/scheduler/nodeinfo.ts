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

/** One more of `key` in the parallel lists of distinct keys and their counts. */
function countIn<K>(keys: K[], counts: number[], key: K): void {
  const k = keys.indexOf(key);
  if (k >= 0) counts[k]++;
  else {
    keys.push(key);
    counts.push(1);
  }
}

/** One fewer of `key`; a key whose count reaches 0 leaves the lists (swapped with the last). */
function uncountIn<K>(keys: K[], counts: number[], key: K): void {
  const k = keys.indexOf(key);
  if (k < 0 || --counts[k] !== 0) return;
  const last = keys.length - 1;
  keys[k] = keys[last];
  counts[k] = counts[last];
  keys.pop();
  counts.pop();
}

export function addPod(node: NodeInfo, pod: PodInfo): void {
  node.pods.push(pod);
  node.reqCpuMilli += pod.cpuMilli;
  node.reqMemoryBytes += pod.memoryBytes;
  node.nonZeroReqCpuMilli += pod.nonZeroCpuMilli;
  node.nonZeroReqMemoryBytes += pod.nonZeroMemoryBytes;
  if (pod.placement !== undefined && hasPodAffinity(pod)) node.podsWithAffinity = (node.podsWithAffinity ?? 0) + 1;
  countIn((node.groupLabels ??= []), (node.groupCounts ??= []), pod.labels);
  countIn((node.priorityLevels ??= []), (node.priorityCounts ??= []), pod.priority);
}

/**
 * Does any pod bound to the node have a priority below `priority`? From the priority counts when
 * the node keeps them (addPod does), else by walking its pods.
 */
export function hasPodBelowPriority(node: NodeInfo, priority: number): boolean {
  const levels = node.priorityLevels;
  if (levels !== undefined) {
    const perLevel = node.priorityCounts!;
    let counted = 0;
    let below = false;
    for (let j = 0; j < levels.length; j++) {
      counted += perLevel[j];
      if (levels[j] < priority) below = true;
    }
    // the counts hold only when every pod came through addPod (not so for a node written with pods)
    if (counted === node.pods.length) return below;
  }
  for (const p of node.pods) if (p.priority < priority) return true;
  return false;
}

/**
 * The bound pod starts terminating: it keeps its resources until removed, but topology spread no
 * longer counts it. For owners that track terminating pods (node.terminating); allocation-free
 * but for the list's growth.
 */
export function markTerminating(node: NodeInfo, pod: PodInfo): void {
  const t = (node.terminating ??= []);
  if (!t.includes(pod)) t.push(pod);
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
  // an emptied group goes, so a node's groups stay as few as the workloads on it
  uncountIn(node.groupLabels!, node.groupCounts!, pod.labels);
  if (node.priorityLevels !== undefined) uncountIn(node.priorityLevels, node.priorityCounts!, pod.priority);
  const t = node.terminating;
  if (t !== undefined) {
    const j = t.indexOf(pod);
    if (j >= 0) {
      t[j] = t[t.length - 1];
      t.pop();
    }
  }
  return true;
}

/** A deep enough copy for what-if analysis (preemption, scale-down simulation). */
export function cloneNodeInfo(node: NodeInfo): NodeInfo {
  const copy = { ...node, pods: node.pods.slice(), nominated: node.nominated.slice() };
  if (node.groupLabels !== undefined) {
    copy.groupLabels = node.groupLabels.slice();
    copy.groupCounts = node.groupCounts!.slice();
  }
  if (node.priorityLevels !== undefined) {
    copy.priorityLevels = node.priorityLevels.slice();
    copy.priorityCounts = node.priorityCounts!.slice();
  }
  if (node.terminating !== undefined) copy.terminating = node.terminating.slice();
  return copy;
}
