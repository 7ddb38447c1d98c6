/**
 * An offering: one instance type × capacity type a NodePool may launch in the cluster's zone, with
 * its price and the template node it would become (labels, taints, DaemonSet pods), and the
 * launch rule Karpenter's cloud provider applies to a NodeClaim's instance type options: spot
 * when the options allow it, the cheapest of them (aws/karpenter-provider-aws
 * pkg/providers/instance: a spot-allowing claim launches spot; the fleet's lowest-price and
 * price-capacity-optimized strategies both start from the cheapest), on-demand otherwise.
 */
import type { NodeTemplate } from '../autoscaler/estimator/template.ts';
import type { CapacityType } from './types.ts';

export interface Offering {
  /** the offering's node group index in the cluster (what the simulation launches) */
  group: number;
  capacityType: CapacityType;
  pricePerHour: number;
  template: NodeTemplate;
}

/** Options: offerings' indices. The one to launch, or -1 when none is left. */
export function cheapestLaunchable(options: readonly number[], offerings: readonly Offering[]): number {
  let best = -1;
  for (const o of options) {
    if (best < 0) {
      best = o;
      continue;
    }
    const a = offerings[o];
    const b = offerings[best];
    const aSpot = a.capacityType === 'spot';
    const bSpot = b.capacityType === 'spot';
    if (aSpot !== bSpot) {
      if (aSpot) best = o;
      continue;
    }
    if (a.pricePerHour < b.pricePerHour) best = o;
  }
  return best;
}
