/**
 * How many of a NodePool's nodes its disruption budgets let Karpenter disrupt now
 * (kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go GetAllowedDisruptions): the most restrictive
 * budget, a percentage rounded up as Kubernetes rounds a PDB's maxUnavailable (5% of 10 nodes
 * allows 1), less the pool's nodes already being disrupted.
 */
import type { IntOrPercent } from '../disruption/types.ts';

export function allowedDisruptions(budgets: readonly IntOrPercent[], poolNodes: number, disrupting: number): number {
  let allowed = Infinity;
  for (const b of budgets) {
    const n = b.kind === 'count' ? b.value : Math.ceil((b.value * poolNodes) / 100 - 1e-9);
    if (n < allowed) allowed = n;
  }
  return Math.max(0, allowed - disrupting);
}
