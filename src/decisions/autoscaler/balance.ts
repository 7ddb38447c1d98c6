/**
 * --balance-similar-node-groups: once the expander has picked a node group, the scale-up is split
 * over the groups similar to it, smallest first, so that zonal groups of one kind grow together
 * (cluster-autoscaler processors/nodegroupset: compare_nodegroups.go IsCloudProviderNodeInfoSimilar,
 * balancing_processor.go BalanceScaleUpBetweenGroups; core/scaleup/orchestrator ComputeSimilarNodeGroups).
 *
 * Two groups are similar when their template nodes offer cpu, memory and pods within 5% of each
 * other (MaxAllocatableDifferenceRatio), have as much free within 5% (their DaemonSet pods taken,
 * MaxFreeDifferenceRatio), carry the same labels apart from the zone, region and hostname ones, and
 * can hold the same kinds of pending pods. The templates here have no separate capacity, so the
 * capacity check (cpu equal, memory within 1.5%) is made on allocatable by the 5% rule alone.
 */
import type { PodGroup } from './estimator/equivalence-groups.ts';
import { emptyNodeUsage, templateAdmits, type NodeTemplate } from './estimator/template.ts';

export const MAX_ALLOCATABLE_DIFFERENCE_RATIO = 0.05;
export const MAX_FREE_DIFFERENCE_RATIO = 0.05;

/** BasicIgnoredLabels: labels that tell zonal copies of one group apart. */
export const BASIC_IGNORED_LABELS: ReadonlySet<string> = new Set([
  'kubernetes.io/hostname',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'beta.kubernetes.io/fluentd-ds-ready',
  'kops.k8s.io/instancegroup',
  'topology.ebs.csi.aws.com/zone',
  'topology.gke.io/zone',
  'topology.disk.csi.azure.com/zone',
]);

const withinTolerance = (a: number, b: number, ratio: number): boolean => {
  const larger = Math.max(a, b);
  return larger - Math.min(a, b) <= larger * ratio;
};

function sameLabels(a: Readonly<Record<string, string>> = {}, b: Readonly<Record<string, string>> = {}): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (BASIC_IGNORED_LABELS.has(k)) continue;
    if (!Object.prototype.hasOwnProperty.call(a, k) || !Object.prototype.hasOwnProperty.call(b, k) || a[k] !== b[k]) return false;
  }
  return true;
}

/** IsCloudProviderNodeInfoSimilar on two template nodes. */
export function similarTemplates(a: NodeTemplate, b: NodeTemplate): boolean {
  const r = MAX_ALLOCATABLE_DIFFERENCE_RATIO;
  if (!withinTolerance(a.allocCpuMilli, b.allocCpuMilli, r)) return false;
  if (!withinTolerance(a.allocMemoryBytes, b.allocMemoryBytes, r)) return false;
  if (!withinTolerance(a.allocPods, b.allocPods, r)) return false;
  const ua = emptyNodeUsage(a);
  const ub = emptyNodeUsage(b);
  const f = MAX_FREE_DIFFERENCE_RATIO;
  if (!withinTolerance(a.allocCpuMilli - ua.cpuMilli, b.allocCpuMilli - ub.cpuMilli, f)) return false;
  if (!withinTolerance(a.allocMemoryBytes - ua.memoryBytes, b.allocMemoryBytes - ub.memoryBytes, f)) return false;
  if (!withinTolerance(a.allocPods - ua.pods, b.allocPods - ub.pods, f)) return false;
  return sameLabels(a.labels, b.labels);
}

export interface BalanceGroup {
  name: string;
  template: NodeTemplate;
  /** target size */
  current: number;
  max: number;
}

/**
 * The groups the scale-up is shared with: `best` first, then every other group similar to it that
 * can hold exactly the same kinds of pending pods (ComputeSimilarNodeGroups), in input order.
 */
export function similarNodeGroups<G extends BalanceGroup>(best: G, groups: readonly G[], podGroups: readonly PodGroup[]): G[] {
  const admits = (g: G) => podGroups.map((pg) => pg.pods.length > 0 && templateAdmits(g.template, pg.pods[0]));
  const bestAdmits = admits(best);
  const out = [best];
  for (const g of groups) {
    if (g === best || !similarTemplates(best.template, g.template)) continue;
    const a = admits(g);
    if (a.every((x, i) => x === bestAdmits[i])) out.push(g);
  }
  return out;
}

/**
 * BalanceScaleUpBetweenGroups: `newNodes` handed out one at a time to the smallest group (ties in
 * the given order), each group up to its max; capped at what the groups can still take. Returns
 * the groups that grow, with how many nodes each, in the order of the balancing (smallest first).
 */
export function balanceScaleUpBetweenGroups(groups: readonly Pick<BalanceGroup, 'name' | 'current' | 'max'>[], newNodes: number): { nodeGroup: string; count: number }[] {
  const infos = groups
    .filter((g) => g.current < g.max)
    .map((g, order) => ({ name: g.name, current: g.current, size: g.current, max: g.max, order }))
    .sort((a, b) => a.current - b.current || a.order - b.order);
  const capacity = infos.reduce((n, g) => n + (g.max - g.current), 0);
  let left = Math.min(newNodes, capacity);
  let start = 0;
  let i = 0;
  while (left > 0) {
    if (infos[i].size < infos[i].max) {
      infos[i].size++;
      left--;
    } else {
      // full: move it before the start (every group from start to i is the same size)
      [infos[start], infos[i]] = [infos[i], infos[start]];
      start++;
    }
    // on to the next group when it is one node behind, else back to the first that can grow
    if (i < infos.length - 1 && infos[i].size > infos[i + 1].size) i++;
    else i = start;
  }
  return infos.filter((g) => g.size !== g.current).map((g) => ({ nodeGroup: g.name, count: g.size - g.current }));
}
