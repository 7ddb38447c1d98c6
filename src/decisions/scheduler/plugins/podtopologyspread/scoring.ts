/**
 * PodTopologySpread's score for ScheduleAnyway constraints (podtopologyspread/scoring.go): a node
 * scores the matching pods of its domain, per constraint weighted by log(domains + 2) (so small
 * topologies are not drowned by big ones) plus maxSkew − 1 (which softens small skews), summed and
 * rounded; normalization reverses it so the emptiest domain gets 100. Feasible nodes without every
 * topology key score 0.
 */
import { MAX_NODE_SCORE } from '../../framework.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';
import { LABEL_HOSTNAME } from '../../../defaults.ts';
import { countOnNode } from '../../pod-counts.ts';
import {
  hasConstraints,
  NEVER_TERMINATING,
  nodeHasTopologyKeys,
  nodeIncluded,
  spreadConstraints,
  type IsTerminating,
} from './common.ts';

export function hasSoftConstraints(pod: PodInfo): boolean {
  return hasConstraints(pod, 'ScheduleAnyway');
}

/** topologyNormalizingWeight */
export const topologyNormalizingWeight = (size: number): number => Math.log(size + 2);

/** scoreForCount */
export const scoreForCount = (count: number, maxSkew: number, weight: number): number => count * weight + (maxSkew - 1);

/**
 * Normalized scores of the feasible nodes (in order); `all` are every node of the cluster, whose
 * pods make the domain counts. Zeros when the pod has no ScheduleAnyway constraint (the plugin skips).
 * Each node's count comes from its pods grouped by labels (pod-counts.ts), so a pod's cost grows
 * with nodes × workloads on them, not with the cluster's pods.
 */
export function scoreSpread(pod: PodInfo, feasible: readonly NodeInfo[], all: readonly NodeInfo[], isTerminating: IsTerminating = NEVER_TERMINATING): number[] {
  const constraints = spreadConstraints(pod, 'ScheduleAnyway');
  const scores = new Array<number>(feasible.length).fill(0);
  if (constraints.length === 0) return scores;

  // PreScore: which feasible nodes are scored, the domains they make, and each domain's count.
  const ignored = new Array<boolean>(feasible.length);
  const counts = constraints.map(() => new Map<string, number>());
  let scoredCount = 0;
  for (let k = 0; k < feasible.length; k++) {
    const node = feasible[k];
    ignored[k] = !nodeHasTopologyKeys(node, constraints);
    if (ignored[k]) continue;
    scoredCount++;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (c.topologyKey !== LABEL_HOSTNAME) counts[i].set(node.labels![c.topologyKey], 0);
    }
  }
  const weights = constraints.map((c, i) => topologyNormalizingWeight(c.topologyKey === LABEL_HOSTNAME ? scoredCount : counts[i].size));
  for (const node of all) {
    if (!nodeHasTopologyKeys(node, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (c.topologyKey === LABEL_HOSTNAME || !nodeIncluded(c, pod, node)) continue;
      const value = node.labels![c.topologyKey];
      const sum = counts[i].get(value);
      // a domain no feasible node is in does not matter
      if (sum !== undefined) counts[i].set(value, sum + countOnNode(node, c.selector, isTerminating));
    }
  }

  // Score
  for (let k = 0; k < feasible.length; k++) {
    if (ignored[k]) continue;
    const node = feasible[k];
    let s = 0;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      const count = c.topologyKey === LABEL_HOSTNAME ? countOnNode(node, c.selector, isTerminating) : counts[i].get(node.labels![c.topologyKey])!;
      s += scoreForCount(count, c.maxSkew, weights[i]);
    }
    scores[k] = Math.round(s);
  }

  // NormalizeScore
  let min = Infinity;
  let max = 0;
  for (let k = 0; k < feasible.length; k++) {
    if (ignored[k]) continue;
    if (scores[k] < min) min = scores[k];
    if (scores[k] > max) max = scores[k];
  }
  for (let k = 0; k < feasible.length; k++) {
    if (ignored[k]) scores[k] = 0;
    else if (max === 0) scores[k] = MAX_NODE_SCORE;
    else scores[k] = Math.floor((MAX_NODE_SCORE * (max + min - scores[k])) / max);
  }
  return scores;
}
