/**
 * The score plugins of the profile headroom models, each normalized as upstream does and weighted
 * by the profile (profile.ts scoreWeightsOf): NodeResourcesFit (already 0..100), TaintToleration
 * (untolerated PreferNoSchedule taints, reversed), NodeAffinity (preferred term weights),
 * PodTopologySpread (ScheduleAnyway constraints over the cluster's domain counts), InterPodAffinity
 * (preferred terms both ways, existing pods' required affinity) and NodeResourcesBalancedAllocation
 * (no normalization). As in kube-scheduler, only the feasible nodes are scored and normalization
 * runs over them; a plugin of weight 0 is not run (it is disabled) and scores 0.
 */
import type { NodeInfo, PodInfo } from './types.ts';
import { MAX_NODE_SCORE } from './framework.ts';
import { defaultNormalizeScore } from './plugins/helper/normalize-score.ts';
import { score as nodeAffinityScore, hasPreferredTerms } from './plugins/nodeaffinity/node-affinity.ts';
import { balancedAllocationScore } from './plugins/noderesources/balanced-allocation.ts';
import { score as fitScore } from './plugins/noderesources/resource-allocation.ts';
import { anyPreferNoSchedule, score as taintScore } from './plugins/tainttoleration/taint-toleration.ts';
import { NEVER_TERMINATING, type IsTerminating } from './plugins/podtopologyspread/common.ts';
import { hasSoftConstraints, scoreSpread } from './plugins/podtopologyspread/scoring.ts';
import { interPodScoresMatter, scoreInterPodAffinity } from './plugins/interpodaffinity/scoring.ts';
import { SCORE_PLUGINS, scoreWeightsOf, type SchedulerSpec, type ScorePluginName } from './profile.ts';

export { SCORE_PLUGINS, type ScorePluginName };

export interface NodeScores {
  /** per plugin, one normalized score per node given, in order */
  plugins: Record<ScorePluginName, number[]>;
  /** the weighted sum per node */
  total: number[];
}

/**
 * Do the placement score plugins tell these nodes apart for this pod? When not, TaintToleration
 * gives every node 100, NodeAffinity, PodTopologySpread and InterPodAffinity 0, the same for all:
 * the resource scores (nodeResourceScore) alone decide.
 */
export function placementScoresMatter(pod: PodInfo, nodes: readonly NodeInfo[]): boolean {
  return hasPreferredTerms(pod) || hasSoftConstraints(pod) || anyPreferNoSchedule(nodes) || interPodScoresMatter(pod, nodes);
}

/** NodeResourcesFit and BalancedAllocation, weighted: the scores that read only the node's requests. Allocation-free. */
export function nodeResourceScore(pod: PodInfo, node: NodeInfo, spec: SchedulerSpec): number {
  const w = scoreWeightsOf(spec);
  let s = 0;
  if (w.NodeResourcesFit > 0) s += fitScore(pod, node, spec.scoring, spec.resources, spec.shape) * w.NodeResourcesFit;
  if (w.NodeResourcesBalancedAllocation > 0) s += balancedAllocationScore(pod, node, spec.resources) * w.NodeResourcesBalancedAllocation;
  return s;
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/**
 * Scores of the (feasible) nodes given, normalized over them; `all` are the cluster's nodes, for
 * PodTopologySpread's domain counts (the feasible ones when not given).
 */
export function scoreNodes(
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  spec: SchedulerSpec,
  all: readonly NodeInfo[] = nodes,
  isTerminating: IsTerminating = NEVER_TERMINATING,
): NodeScores {
  const w = scoreWeightsOf(spec);
  const fit = w.NodeResourcesFit > 0 ? nodes.map((n) => fitScore(pod, n, spec.scoring, spec.resources, spec.shape)) : zeros(nodes.length);
  const taint = w.TaintToleration > 0 ? nodes.map((n) => taintScore(pod, n)) : zeros(nodes.length);
  const affinity = w.NodeAffinity > 0 ? nodes.map((n) => nodeAffinityScore(pod, n)) : zeros(nodes.length);
  if (w.TaintToleration > 0) defaultNormalizeScore(MAX_NODE_SCORE, true, taint);
  defaultNormalizeScore(MAX_NODE_SCORE, false, affinity);
  const spread = w.PodTopologySpread > 0 ? scoreSpread(pod, nodes, all, isTerminating) : zeros(nodes.length);
  const interPod = w.InterPodAffinity > 0 ? scoreInterPodAffinity(pod, nodes, all) : zeros(nodes.length);
  const balanced = w.NodeResourcesBalancedAllocation > 0 ? nodes.map((n) => balancedAllocationScore(pod, n, spec.resources)) : zeros(nodes.length);
  const total = nodes.map(
    (_, i) =>
      fit[i] * w.NodeResourcesFit +
      taint[i] * w.TaintToleration +
      affinity[i] * w.NodeAffinity +
      spread[i] * w.PodTopologySpread +
      interPod[i] * w.InterPodAffinity +
      balanced[i] * w.NodeResourcesBalancedAllocation,
  );
  return {
    plugins: {
      NodeResourcesFit: fit,
      TaintToleration: taint,
      NodeAffinity: affinity,
      PodTopologySpread: spread,
      InterPodAffinity: interPod,
      NodeResourcesBalancedAllocation: balanced,
    },
    total,
  };
}
