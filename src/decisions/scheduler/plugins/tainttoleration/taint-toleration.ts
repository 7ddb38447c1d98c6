/**
 * TaintToleration (pkg/scheduler/framework/plugins/tainttoleration): the filter refuses a node
 * with a NoSchedule or NoExecute taint the pod does not tolerate, for good (no eviction removes a
 * taint: UnschedulableAndUnresolvable); the score counts the node's PreferNoSchedule taints the
 * pod does not tolerate, normalized reversed (fewest untolerated taints = 100).
 */
import type { Status } from '../../framework.ts';
import type { Taint, Toleration } from '../../placement.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';

export const NAME = 'TaintToleration';
export const ERR_REASON_UNTOLERATED = 'node(s) had untolerated taint(s)';

const UNTOLERATED: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: Object.freeze([ERR_REASON_UNTOLERATED]) }) as Status;
const NO_TOLERATIONS: readonly Toleration[] = Object.freeze([]);

/** Toleration.ToleratesTaint (k8s.io/api/core/v1/toleration.go). */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== undefined && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false;
  const operator = t.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first NoSchedule / NoExecute taint of the node the pod does not tolerate, or null. */
export function untoleratedTaint(pod: PodInfo, node: Pick<NodeInfo, 'taints'>): Taint | null {
  const taints = node.taints;
  if (taints === undefined) return null;
  const tolerations = pod.placement?.tolerations ?? NO_TOLERATIONS;
  for (const taint of taints) {
    if (taint.effect === 'PreferNoSchedule') continue;
    if (!tolerates(tolerations, taint)) return taint;
  }
  return null;
}

export function filter(pod: PodInfo, node: Pick<NodeInfo, 'name' | 'labels' | 'taints' | 'unschedulable'>, success: Status): Status {
  return untoleratedTaint(pod, node) === null ? success : UNTOLERATED;
}

/** The raw score: PreferNoSchedule taints not tolerated by a toleration of effect PreferNoSchedule or of no effect. */
export function score(pod: PodInfo, node: NodeInfo): number {
  const taints = node.taints;
  if (taints === undefined) return 0;
  const tolerations = pod.placement?.tolerations ?? NO_TOLERATIONS;
  let count = 0;
  for (const taint of taints) {
    if (taint.effect !== 'PreferNoSchedule') continue;
    let tolerated = false;
    for (const t of tolerations) {
      if ((t.effect === undefined || t.effect === 'PreferNoSchedule') && toleratesTaint(t, taint)) {
        tolerated = true;
        break;
      }
    }
    if (!tolerated) count++;
  }
  return count;
}

/** Does the node carry a PreferNoSchedule taint? */
export function hasPreferNoSchedule(node: NodeInfo): boolean {
  if (node.taints === undefined) return false;
  for (const t of node.taints) if (t.effect === 'PreferNoSchedule') return true;
  return false;
}

/** Does any node carry a PreferNoSchedule taint (else the score is 100 everywhere)? */
export function anyPreferNoSchedule(nodes: readonly NodeInfo[]): boolean {
  for (const n of nodes) if (hasPreferNoSchedule(n)) return true;
  return false;
}
