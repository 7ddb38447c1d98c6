/**
 * `price`: the option that buys the pending pods' requests most cheaply, with the autoscaler's
 * preference for node sizes that suit the cluster. Lowest score wins; exact ties fall through.
 *
 *   score = unfitness' × (nodeCount × pricePerHour + stab) / (podsPrice + stab)
 *
 * - podsPrice: what the scheduled pods' requests would cost at a fixed rate per resource,
 *   REFERENCE_CPU_PER_CORE_HOUR and REFERENCE_MEMORY_PER_GIB_HOUR (the base rates the
 *   autoscaler's GCE pricing model charges pods). The same rates for every option, so the ratio
 *   is node money spent per unit of pod request bought.
 * - stab: the price of a 500m / 500Mi pod at those rates, added on both sides so that a few tiny
 *   pods do not make the ratio explode (the autoscaler's "stabilization pod").
 * - unfitness = max(preferred cpu / group cpu, group cpu / preferred cpu), where the preferred node
 *   doubles in cpu each time the cluster roughly triples (1 core up to 2 nodes, 2 up to 6, 4 up
 *   to 20, 8 up to 60, 16 up to 200, else 32), and unfitness' = (unfitness − 1) × (1 −
 *   tanh((nodeCount − 1) / 15)) + 1, so the preference fades for large scale-ups.
 *
 * Node prices are the node groups' pricePerHour, for one hour; node cpu is the template's
 * allocatable (the autoscaler reads capacity). GPU penalties and the penalty for node groups that
 * do not exist yet do not apply here.
 */
import { keepLowest, type ExpanderContext, type ExpanderFilter, type Option } from './types.ts';

export const PRICE = 'price';

export const REFERENCE_CPU_PER_CORE_HOUR = 0.033174;
export const REFERENCE_MEMORY_PER_GIB_HOUR = 0.004446;

const GIB = 2 ** 30;
const MIB = 2 ** 20;

export function podPrice(cpuMilli: number, memoryBytes: number): number {
  return (cpuMilli / 1000) * REFERENCE_CPU_PER_CORE_HOUR + (memoryBytes / GIB) * REFERENCE_MEMORY_PER_GIB_HOUR;
}

const STABILIZATION_PRICE = podPrice(500, 500 * MIB);

/** The autoscaler's preferred node cpu (millicores) for a cluster of this many nodes. */
export function preferredNodeCpuMilli(clusterNodeCount: number): number {
  if (clusterNodeCount <= 2) return 1000;
  if (clusterNodeCount <= 6) return 2000;
  if (clusterNodeCount <= 20) return 4000;
  if (clusterNodeCount <= 60) return 8000;
  if (clusterNodeCount <= 200) return 16000;
  return 32000;
}

export function nodeUnfitness(preferredCpuMilli: number, nodeCpuMilli: number): number {
  if (nodeCpuMilli <= 0) return Infinity;
  return Math.max(preferredCpuMilli / nodeCpuMilli, nodeCpuMilli / preferredCpuMilli);
}

export function priceScore(option: Option, clusterNodeCount: number): number {
  let podsPrice = 0;
  for (const p of option.pods) podsPrice += podPrice(p.cpuMilli, p.memoryBytes);
  const nodesPrice = option.nodeCount * option.pricePerHour;
  const priceRatio = (nodesPrice + STABILIZATION_PRICE) / (podsPrice + STABILIZATION_PRICE);
  const unfitness = nodeUnfitness(preferredNodeCpuMilli(clusterNodeCount), option.template.allocCpuMilli);
  const suppressed = (unfitness - 1) * (1 - Math.tanh((option.nodeCount - 1) / 15)) + 1;
  return suppressed * priceRatio;
}

export const price = {
  name: PRICE,
  bestOptions: (options: readonly Option[], ctx: ExpanderContext) =>
    keepLowest(options, (o) => priceScore(o, ctx.clusterNodeCount)),
} satisfies ExpanderFilter;
