/**
 * The estimator's default pod order (cluster-autoscaler's DecreasingPodOrderer): biggest pods
 * first, where a pod's size is its cpu share plus its memory share of the template node.
 */
import type { PodGroup } from './equivalence-groups.ts';
import type { NodeTemplate } from './template.ts';

export function podScore(group: Pick<PodGroup, 'cpuMilli' | 'memoryBytes'>, template: NodeTemplate): number {
  let score = 0;
  if (template.allocCpuMilli > 0) score += group.cpuMilli / template.allocCpuMilli;
  if (template.allocMemoryBytes > 0) score += group.memoryBytes / template.allocMemoryBytes;
  return score;
}

/**
 * Groups by decreasing score. The autoscaler's sort is not stable; ours is (equal scores keep
 * their input order) so that the same input always packs the same way.
 */
export function orderByDecreasingScore<G extends Pick<PodGroup, 'cpuMilli' | 'memoryBytes'>>(
  groups: readonly G[],
  template: NodeTemplate,
): G[] {
  const scored = groups.map((group, index) => ({ group, index, score: podScore(group, template) }));
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.group);
}
