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

/** The victims, or null when evicting every lower-priority pod would still not make room. */
export function selectVictimsOnNode(
  pod: PodInfo,
  node: NodeInfo,
  pdbs: readonly PodDisruptionBudget[],
  cycleState: CycleState | null = null,
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

  const potential: PodInfo[] = [];
  for (const p of node.pods) {
    if (p.priority >= pod.priority) continue;
    potential.push(p);
    podCount--;
    cpu -= p.cpuMilli;
    memory -= p.memoryBytes;
    if (state !== null) updateCycleState(state, pod, p, node, -1);
  }
  if (potential.length === 0) return null;
  const filtersHold = (): boolean => state === null || statefulFilter(pod, node, state, SUCCESS) === SUCCESS;
  if (!fitsUsage(pod, node, podCount, cpu, memory) || !filtersHold()) return null;

  potential.sort(moreImportantFirst);
  const { violating, nonViolating } = splitByPdbViolation(potential, pdbs);
  const victims: PodInfo[] = [];
  const reprieve = (p: PodInfo): boolean => {
    if (fitsUsage(pod, node, podCount + 1, cpu + p.cpuMilli, memory + p.memoryBytes)) {
      if (state !== null) updateCycleState(state, pod, p, node, 1);
      if (filtersHold()) {
        podCount++;
        cpu += p.cpuMilli;
        memory += p.memoryBytes;
        return true;
      }
      if (state !== null) updateCycleState(state, pod, p, node, -1);
    }
    victims.push(p);
    return false;
  };
  let numPdbViolations = 0;
  for (const p of violating) if (!reprieve(p)) numPdbViolations++;
  for (const p of nonViolating) reprieve(p);
  // Two passes leave the list ordered per pass; restore one importance order.
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(moreImportantFirst);
  return { pods: victims, numPdbViolations };
}
