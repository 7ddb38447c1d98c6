/**
 * Which pods on one node the preemptor would evict, as kube-scheduler's SelectVictimsOnNode:
 * take away every pod of strictly lower priority; if the preemptor then fits, give pods back one
 * at a time, most important first, keeping each one that still leaves room. Pods whose eviction
 * would break a PDB get their chance first, so they are evicted only when nothing else frees
 * enough.
 *
 * Works on sums instead of a cloned node: the Fit filter only needs pod count and requests. For a
 * preemptor that spreads or meets pod (anti-)affinity, a copy of its cycle state follows each pod
 * taken away and given back (the plugins' RemovePod / AddPod), and those filters must pass as well
 * as the fit.
 */
import { fitsUsage, nominatedCounts } from '../noderesources/fit.ts';
import type { NodeInfo, PodDisruptionBudget, PodInfo } from '../../types.ts';
import { splitByPdbViolation } from './pdb.ts';
import { hasPodBelowPriority } from '../../nodeinfo.ts';
import { SUCCESS } from '../noderesources/fit.ts';
import { cloneCycleState, statefulFilter, updateCycleState, type CycleState } from '../../cycle-state.ts';

export interface Victims {
  /** most important first (priority descending, then earlier start) */
  pods: PodInfo[];
  /** how many of the victims break a PDB */
  numPdbViolations: number;
}

/**
 * kube-scheduler's default importance order: higher priority, then longer running (earlier start).
 * Sorting with it is stable, so full ties keep the node's pod order.
 */
export function moreImportantFirst(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.startTime - b.startTime;
}

/**
 * Sorts most important first, stably, in place: insertion sort, which allocates nothing (a node's
 * lower-priority pods are few) and, stable under the same order, leaves them as Array.sort would.
 */
function sortMoreImportantFirst(pods: PodInfo[]): void {
  for (let i = 1; i < pods.length; i++) {
    const p = pods[i];
    let j = i - 1;
    while (j >= 0 && moreImportantFirst(pods[j], p) > 0) {
      pods[j + 1] = pods[j];
      j--;
    }
    pods[j + 1] = p;
  }
}

/** Room on the node as the dry run takes pods away and gives them back: pod count, cpu, memory. */
interface Room {
  pods: number;
  cpuMilli: number;
  memoryBytes: number;
}

/**
 * Gives `p` back if the preemptor still fits with it (and the stateful filters still pass), else
 * makes it a victim: SelectVictimsOnNode's reprievePod. Says whether it was given back.
 */
function reprieve(pod: PodInfo, node: NodeInfo, state: CycleState | null, room: Room, p: PodInfo, victims: PodInfo[]): boolean {
  if (fitsUsage(pod, node, room.pods + 1, room.cpuMilli + p.cpuMilli, room.memoryBytes + p.memoryBytes)) {
    if (state === null || filtersHold(pod, node, state, p)) {
      room.pods++;
      room.cpuMilli += p.cpuMilli;
      room.memoryBytes += p.memoryBytes;
      return true;
    }
  }
  victims.push(p);
  return false;
}

/** With `p` added back to the state: do the stateful filters pass? If not, `p` is taken away again. */
function filtersHold(pod: PodInfo, node: NodeInfo, state: CycleState, p: PodInfo): boolean {
  updateCycleState(state, pod, p, node, 1);
  if (statefulFilter(pod, node, state, SUCCESS) === SUCCESS) return true;
  updateCycleState(state, pod, p, node, -1);
  return false;
}

/**
 * The victims, or null when evicting every lower-priority pod would still not make room.
 * `scratch` is the caller's list to gather the lower-priority pods in (emptied first), so a dry
 * run over many nodes reuses one.
 */
export function selectVictimsOnNode(
  pod: PodInfo,
  node: NodeInfo,
  pdbs: readonly PodDisruptionBudget[],
  cycleState: CycleState | null = null,
  scratch: PodInfo[] = [],
): Victims | null {
  // No pod of lower priority: nothing to evict (SelectVictimsOnNode's potentialVictims would be
  // empty). Most nodes of a busy fleet answer here, from the node's priority counts, unwalked.
  if (!hasPodBelowPriority(node, pod.priority)) return null;
  const state = cycleState === null ? null : cloneCycleState(cycleState);
  let podCount = node.pods.length;
  let cpu = node.reqCpuMilli;
  let memory = node.reqMemoryBytes;
  for (const n of node.nominated) {
    if (!nominatedCounts(pod, n)) continue;
    podCount++;
    cpu += n.cpuMilli;
    memory += n.memoryBytes;
  }

  const potential = scratch;
  potential.length = 0;
  for (const p of node.pods) {
    if (p.priority >= pod.priority) continue;
    potential.push(p);
    podCount--;
    cpu -= p.cpuMilli;
    memory -= p.memoryBytes;
    if (state !== null) updateCycleState(state, pod, p, node, -1);
  }
  if (potential.length === 0) return null;
  if (!fitsUsage(pod, node, podCount, cpu, memory)) return null;
  if (state !== null && statefulFilter(pod, node, state, SUCCESS) !== SUCCESS) return null;

  sortMoreImportantFirst(potential);
  const room: Room = { pods: podCount, cpuMilli: cpu, memoryBytes: memory };
  const victims: PodInfo[] = [];
  let numPdbViolations = 0;
  if (pdbs.length === 0) {
    // no PDB: every pod is non-violating, in importance order
    for (let i = 0; i < potential.length; i++) reprieve(pod, node, state, room, potential[i], victims);
    return { pods: victims, numPdbViolations };
  }
  const { violating, nonViolating } = splitByPdbViolation(potential, pdbs);
  for (const p of violating) if (!reprieve(pod, node, state, room, p, victims)) numPdbViolations++;
  for (const p of nonViolating) reprieve(pod, node, state, room, p, victims);
  // Two passes leave the list ordered per pass; restore one importance order.
  if (violating.length > 0 && nonViolating.length > 0) sortMoreImportantFirst(victims);
  return { pods: victims, numPdbViolations };
}
