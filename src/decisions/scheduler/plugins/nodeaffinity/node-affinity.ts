/**
 * NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity): the filter asks the node to match
 * the pod's nodeSelector and its required node affinity (node-selector.ts), and refuses it for
 * good otherwise (labels do not change by eviction: UnschedulableAndUnresolvable); the score is the
 * sum of the weights of the preferred terms the node matches, normalized so the best node gets 100.
 */
import type { Status } from '../../framework.ts';
import { matchesRequiredNodeAffinity, preferredTermsScore } from '../../node-selector.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';

export const NAME = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

const MISMATCH: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: Object.freeze([ERR_REASON_POD]) }) as Status;

export function filter(pod: PodInfo, node: Pick<NodeInfo, 'name' | 'labels' | 'taints' | 'unschedulable'>, success: Status): Status {
  const placement = pod.placement;
  if (placement === undefined) return success;
  return matchesRequiredNodeAffinity(placement, node.name, node.labels) ? success : MISMATCH;
}

export function score(pod: PodInfo, node: NodeInfo): number {
  const terms = pod.placement?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  return terms === undefined ? 0 : preferredTermsScore(terms, node.name, node.labels);
}

/** Does the pod have preferred terms (else the score is 0 everywhere)? */
export function hasPreferredTerms(pod: PodInfo): boolean {
  const terms = pod.placement?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  return terms !== undefined && terms.length > 0;
}
