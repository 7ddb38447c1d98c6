/**
 * Which node groups of a cluster a fault names: the group of that name, or under Karpenter every
 * offering of the NodePool of that name (a reclaim wave takes its spot offerings, a shortage all of
 * them).
 */
import { LABEL_NODEPOOL } from '../decisions/defaults.ts';
import type { NodeGroupSpec } from './types.ts';

export function faultTargets(groups: readonly NodeGroupSpec[], name: string, spotOnly = false): number[] {
  const out: number[] = [];
  groups.forEach((g, gi) => {
    if (g.name !== name && g.labels?.[LABEL_NODEPOOL] !== name) return;
    if (spotOnly && g.capacityType !== 'spot') return;
    out.push(gi);
  });
  return out;
}
