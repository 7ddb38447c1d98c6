/**
 * Why a pod was not scheduled, in kube-scheduler's words: the FitError message of its
 * FailedScheduling event (pkg/scheduler/framework/types.go, FitError.Error), built from the
 * filter's Status on every node and the PostFilter's (preemption's) own message:
 *
 *   0/4 nodes are available: 1 Too many pods, 3 Insufficient cpu. preemption: 0/4 nodes are
 *   available: 4 No preemption victims found for incoming pod.
 *
 * The histogram counts each reason over the nodes ("N reason") and is sorted as strings, as
 * kube-scheduler sorts it (so "10 …" comes before "2 …").
 */
import type { Status } from './framework.ts';
import { passesPlacement } from './filters.ts';
import { filterUsage, nominatedCounts, resolvable, SUCCESS } from './plugins/noderesources/fit.ts';
import { cloneCycleState, statefulFilter, updateCycleState, type CycleState } from './cycle-state.ts';
import type { NodeInfo, PodInfo } from './types.ts';

/** DefaultPreemption's PodEligibleToPreemptOthers, for a pod whose class never preempts. */
export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
/** Preemption's status for a node where the filter's answer is UnschedulableAndUnresolvable. */
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
/** SelectVictimsOnNode's status for a node without a pod of lower priority. */
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

/** "N reason" for each reason of the statuses, sorted as strings. */
export function reasonHistogram(statuses: Iterable<Status>): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
}

/** FitError.Error(): `0/N nodes are available: <histogram>.` then ` <postFilterMessage>` when there is one. */
export function fitErrorMessage(numAllNodes: number, statuses: Iterable<Status>, postFilterMessage = ''): string {
  let message = `0/${numAllNodes} nodes are available:`;
  const histogram = reasonHistogram(statuses);
  if (histogram.length > 0) message += ` ${histogram.join(', ')}.`;
  if (postFilterMessage !== '') message += ` ${postFilterMessage}`;
  return message;
}

/**
 * DefaultPreemption's message when it found no node to preempt on, prefixed "preemption: " as its
 * PostFilter does: not eligible, or a FitError over the nodes with each node's reason: not
 * helpful (the pod can never fit there), no victims (nothing of lower priority), or what the
 * filter still says once every lower-priority pod is gone.
 */
export function preemptionFailureMessage(pod: PodInfo, nodes: readonly NodeInfo[], state: CycleState | null = null): string {
  if (pod.preemptionPolicy === 'Never') return `preemption: ${NOT_ELIGIBLE_NEVER}`;
  return `preemption: ${fitErrorMessage(nodes.length, nodes.map((n) => statusAfterEvictions(pod, n, state)))}`;
}

const NOT_HELPFUL: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: Object.freeze([PREEMPTION_NOT_HELPFUL]) }) as Status;

function statusAfterEvictions(pod: PodInfo, node: NodeInfo, state: CycleState | null): Status {
  if (!resolvable(pod, node) || !passesPlacement(pod, node)) return NOT_HELPFUL;
  if (state !== null && statefulFilter(pod, node, state, SUCCESS).code === 'UnschedulableAndUnresolvable') return NOT_HELPFUL;
  let podCount = 0;
  let cpu = 0;
  let memory = 0;
  let victims = 0;
  for (const p of node.pods) {
    if (p.priority < pod.priority) {
      victims++;
      continue;
    }
    podCount++;
    cpu += p.cpuMilli;
    memory += p.memoryBytes;
  }
  if (victims === 0) return { code: 'UnschedulableAndUnresolvable', reasons: [NO_PREEMPTION_VICTIMS] };
  for (const n of node.nominated) {
    if (!nominatedCounts(pod, n)) continue;
    podCount++;
    cpu += n.cpuMilli;
    memory += n.memoryBytes;
  }
  const fit = filterUsage(pod, node, podCount, cpu, memory);
  if (fit !== SUCCESS || state === null) return fit;
  const after = cloneCycleState(state);
  for (const p of node.pods) if (p.priority < pod.priority) updateCycleState(after, pod, p, node, -1);
  return statefulFilter(pod, node, after, SUCCESS);
}
