/**
 * How many of a node's pods a label selector picks, leaving out terminating ones: the count
 * PodTopologySpread (and anything else that counts pods by selector) needs per node and per
 * scheduling cycle. Matching every pod is the plain way (countMatching); the node's pods grouped
 * by labels object (NodeInfo.groupLabels / groupCounts, kept by addPod / removePod) give the
 * same number matching each group once, which for a Deployment's pods is once per workload.
 */
import { selectorMatches, type LabelSelector } from './label-selector.ts';
import { countMatching, NEVER_TERMINATING, type IsTerminating } from './plugins/podtopologyspread/common.ts';
import type { NodeInfo } from './types.ts';

/**
 * The node's pods `selector` picks, terminating ones left out. Exact when the node tracks its
 * terminating pods (node.terminating, as the simulation's nodes do) or no pod terminates
 * (NEVER_TERMINATING); otherwise it asks `isTerminating` pod by pod. Allocation-free.
 */
export function countOnNode(node: NodeInfo, selector: LabelSelector | undefined, isTerminating: IsTerminating = NEVER_TERMINATING): number {
  if (selector === undefined) return 0;
  const labels = node.groupLabels;
  const tracked = node.terminating;
  if (labels === undefined) return node.pods.length === 0 ? 0 : countMatching(node.pods, selector, isTerminating);
  if (tracked === undefined && isTerminating !== NEVER_TERMINATING) return countMatching(node.pods, selector, isTerminating);
  const counts = node.groupCounts!;
  let n = 0;
  for (let k = 0; k < labels.length; k++) if (selectorMatches(selector, labels[k])) n += counts[k];
  if (tracked !== undefined) for (let i = 0; i < tracked.length; i++) if (selectorMatches(selector, tracked[i].labels)) n--;
  return n;
}
