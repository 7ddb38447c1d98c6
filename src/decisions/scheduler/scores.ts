/**
 * The score plugins of the default profile headroom models, each normalized as upstream does and
 * weighted (decisions/defaults.ts SCORE_WEIGHTS): NodeResourcesFit (already 0..100), TaintToleration
 * (untolerated PreferNoSchedule taints, reversed), NodeAffinity (preferred term weights) and
 * PodTopologySpread (ScheduleAnyway constraints; it counts pods on every node of the cluster). As in
 * kube-scheduler, only the feasible nodes are scored and normalization runs over them.
 */
import { SCORE_WEIGHTS } from '../defaults.ts';
import type { ResourceSpec, ScoringStrategy } from './framework.ts';
import { MAX_NODE_SCORE } from './framework.ts';
import { defaultNormalizeScore } from './plugins/helper/normalize-score.ts';
import { score as nodeAffinityScore, hasPreferredTerms } from './plugins/nodeaffinity/node-affinity.ts';
import { score as fitScore } from './plugins/noderesources/resource-allocation.ts';
import { anyPreferNoSchedule, score as taintScore } from './plugins/tainttoleration/taint-toleration.ts';
import { NEVER_TERMINATING, type IsTerminating } from './plugins/podtopologyspread/common.ts';
import { hasSoftConstraints, scoreSpread } from './plugins/podtopologyspread/scoring.ts';
import type { NodeInfo, PodInfo } from './types.ts';

export const SCORE_PLUGINS = ['NodeResourcesFit', 'TaintToleration', 'NodeAffinity', 'PodTopologySpread'] as const;
export type ScorePluginName = (typeof SCORE_PLUGINS)[number];

export interface NodeScores {
  /** per plugin, one normalized score per node given, in order */
  plugins: Record<ScorePluginName, number[]>;
  /** the weighted sum per node */
  total: number[];
}

/**
 * Do the placement score plugins tell these nodes apart for this pod? When not, TaintToleration
 * gives every node 100 and NodeAffinity 0, the same for all: NodeResourcesFit alone decides.
 */
export function placementScoresMatter(pod: PodInfo, nodes: readonly NodeInfo[]): boolean {
  return hasPreferredTerms(pod) || hasSoftConstraints(pod) || anyPreferNoSchedule(nodes);
}

/**
 * Scores of the (feasible) nodes given, normalized over them; `all` are the cluster's nodes, for
 * PodTopologySpread's domain counts (the feasible ones when not given).
 */
export function scoreNodes(
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  strategy: ScoringStrategy,
  resources: readonly ResourceSpec[],
  all: readonly NodeInfo[] = nodes,
  isTerminating: IsTerminating = NEVER_TERMINATING,
): NodeScores {
  const fit = nodes.map((n) => fitScore(pod, n, strategy, resources));
  const taint = nodes.map((n) => taintScore(pod, n));
  const affinity = nodes.map((n) => nodeAffinityScore(pod, n));
  defaultNormalizeScore(MAX_NODE_SCORE, true, taint);
  defaultNormalizeScore(MAX_NODE_SCORE, false, affinity);
  const spread = scoreSpread(pod, nodes, all, isTerminating);
  const total = nodes.map(
    (_, i) =>
      fit[i] * SCORE_WEIGHTS.NodeResourcesFit +
      taint[i] * SCORE_WEIGHTS.TaintToleration +
      affinity[i] * SCORE_WEIGHTS.NodeAffinity +
      spread[i] * SCORE_WEIGHTS.PodTopologySpread,
  );
  return { plugins: { NodeResourcesFit: fit, TaintToleration: taint, NodeAffinity: affinity, PodTopologySpread: spread }, total };
}
