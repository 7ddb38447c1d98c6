/**
 * PodTopologySpread's score for ScheduleAnyway constraints (podtopologyspread/scoring.go): a node
 * scores the matching pods of its domain, per constraint weighted by log(domains + 2) (so small
 * topologies are not drowned by big ones) plus maxSkew − 1 (which softens small skews), summed and
 * rounded; normalization reverses it so the emptiest domain gets 100. Feasible nodes without every
 * topology key score 0.
 */
import { MAX_NODE_SCORE } from '../../framework.ts';
import type { PodInfo } from '../../types.ts';
import { LABEL_HOSTNAME } from '../../../defaults.ts';
import {
  countMatching,
  hasConstraints,
  NEVER_TERMINATING,
  nodeHasTopologyKeys,
  nodeIncluded,
  spreadConstraints,
  type IsTerminating,
  type SpreadNode,
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
 */
export function scoreSpread(pod: PodInfo, feasible: readonly SpreadNode[], all: readonly SpreadNode[], isTerminating: IsTerminating = NEVER_TERMINATING): number[] {
  const constraints = spreadConstraints(pod, 'ScheduleAnyway');
  const scores = new Array<number>(feasible.length).fill(0);
  if (constraints.length === 0) return scores;

  // PreScore: which feasible nodes are scored, the domains they make, and each domain's count.
  const ignored = feasible.map((n) => !nodeHasTopologyKeys(n, constraints));
  const counts = constraints.map(() => new Map<string, number>());
  feasible.forEach((node, k) => {
    if (ignored[k]) return;
    constraints.forEach((c, i) => {
      if (c.topologyKey !== LABEL_HOSTNAME) counts[i].set(node.labels![c.topologyKey], 0);
    });
  });
  const scoredCount = ignored.filter((x) => !x).length;
  const weights = constraints.map((c, i) => topologyNormalizingWeight(c.topologyKey === LABEL_HOSTNAME ? scoredCount : counts[i].size));
  for (const node of all) {
    if (!nodeHasTopologyKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME || !nodeIncluded(c, pod, node)) return;
      const value = node.labels![c.topologyKey];
      const sum = counts[i].get(value);
      // a domain no feasible node is in does not matter
      if (sum !== undefined) counts[i].set(value, sum + countMatching(node.pods, c.selector, isTerminating));
    });
  }

  // Score
  feasible.forEach((node, k) => {
    if (ignored[k]) return;
    let s = 0;
    constraints.forEach((c, i) => {
      const count = c.topologyKey === LABEL_HOSTNAME ? countMatching(node.pods, c.selector, isTerminating) : counts[i].get(node.labels![c.topologyKey])!;
      s += scoreForCount(count, c.maxSkew, weights[i]);
    });
    scores[k] = Math.round(s);
  });

  // NormalizeScore
  let min = Infinity;
  let max = 0;
  feasible.forEach((_, k) => {
    if (ignored[k]) return;
    if (scores[k] < min) min = scores[k];
    if (scores[k] > max) max = scores[k];
  });
  feasible.forEach((_, k) => {
    if (ignored[k]) scores[k] = 0;
    else if (max === 0) scores[k] = MAX_NODE_SCORE;
    else scores[k] = Math.floor((MAX_NODE_SCORE * (max + min - scores[k])) / max);
  });
  return scores;
}
