/**
 * InterPodAffinity's score (pkg/scheduler/framework/plugins/interpodaffinity/scoring.go): every
 * existing pod adds to the topology pairs of its node
 *
 * - the weight of each preferred affinity term of the incoming pod it matches (minus it for anti-affinity);
 * - the weight of each of its own preferred affinity terms the incoming pod matches (minus for anti-affinity);
 * - hardPodAffinityWeight (1) for each of its required affinity terms the incoming pod matches;
 *
 * a node scores the sum over its label pairs, and normalization maps the lowest to 0 and the
 * highest to 100 (all 0 when they are equal).
 */
import { MAX_NODE_SCORE } from '../../framework.ts';
import { selectorMatches } from '../../label-selector.ts';
import type { PodAffinityTerm, WeightedPodAffinityTerm } from '../../placement.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';
import { hasPodAffinity } from '../../nodeinfo.ts';

/** kube-scheduler's InterPodAffinityArgs.hardPodAffinityWeight default. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

type ScoreNode = Pick<NodeInfo, 'labels' | 'pods' | 'podsWithAffinity'>;
const NONE: readonly WeightedPodAffinityTerm[] = Object.freeze([]);
const NO_TERMS: readonly PodAffinityTerm[] = Object.freeze([]);

const preferred = (pod: PodInfo, anti: boolean): readonly WeightedPodAffinityTerm[] =>
  (anti ? pod.placement?.affinity?.podAntiAffinity : pod.placement?.affinity?.podAffinity)?.preferredDuringSchedulingIgnoredDuringExecution ?? NONE;


/** Could this plugin tell nodes apart for the pod? (Any pod with pod affinity in the cluster, or the pod itself.) */
export function interPodScoresMatter(pod: PodInfo, nodes: readonly ScoreNode[]): boolean {
  if (preferred(pod, false).length > 0 || preferred(pod, true).length > 0) return true;
  for (const n of nodes) if ((n.podsWithAffinity ?? 0) > 0) return true;
  return false;
}

/** Normalized scores of `feasible` (in order); `all` are the cluster's nodes, whose pods make the pairs. */
export function scoreInterPodAffinity(pod: PodInfo, feasible: readonly ScoreNode[], all: readonly ScoreNode[]): number[] {
  const scores = new Array<number>(feasible.length).fill(0);
  if (!interPodScoresMatter(pod, all)) return scores;
  const pairs = new Map<string, number>();
  const add = (key: string, node: ScoreNode, w: number) => {
    const v = node.labels?.[key];
    if (v === undefined || w === 0) return;
    const k = `${key}\u0000${v}`;
    pairs.set(k, (pairs.get(k) ?? 0) + w);
  };
  const ownAffinity = preferred(pod, false);
  const ownAnti = preferred(pod, true);
  for (const node of all) {
    for (const existing of node.pods) {
      for (const t of ownAffinity) if (selectorMatches(t.podAffinityTerm.labelSelector, existing.labels)) add(t.podAffinityTerm.topologyKey, node, t.weight);
      for (const t of ownAnti) if (selectorMatches(t.podAffinityTerm.labelSelector, existing.labels)) add(t.podAffinityTerm.topologyKey, node, -t.weight);
      if (!hasPodAffinity(existing)) continue;
      for (const t of existing.placement!.affinity!.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS) {
        if (selectorMatches(t.labelSelector, pod.labels)) add(t.topologyKey, node, HARD_POD_AFFINITY_WEIGHT);
      }
      for (const t of preferred(existing, false)) if (selectorMatches(t.podAffinityTerm.labelSelector, pod.labels)) add(t.podAffinityTerm.topologyKey, node, t.weight);
      for (const t of preferred(existing, true)) if (selectorMatches(t.podAffinityTerm.labelSelector, pod.labels)) add(t.podAffinityTerm.topologyKey, node, -t.weight);
    }
  }
  if (pairs.size === 0) return scores;
  let min = Infinity;
  let max = -Infinity;
  feasible.forEach((node, i) => {
    let s = 0;
    const labels = node.labels ?? {};
    for (const key in labels) s += pairs.get(`${key}\u0000${labels[key]}`) ?? 0;
    scores[i] = s;
    if (s < min) min = s;
    if (s > max) max = s;
  });
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
  return scores;
}
