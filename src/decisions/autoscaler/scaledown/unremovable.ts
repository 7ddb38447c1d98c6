/**
 * The nodes a scale-down pass sets aside, and why: the reasons of cluster-autoscaler's
 * simulator.UnremovableReason that headroom models. A pass turns down nearly every node of a
 * busy cluster, so they are kept as flat parallel lists (a name, a reason and a blocking pod per
 * entry, in the order found) and made into objects only for whoever reads them.
 */
export type UnremovableReason =
  /** utilization at or above the threshold */
  | 'NotUnderutilized'
  /** a pod a PDB protects (no disruption allowed) */
  | 'BlockedByPod'
  /** some pod fits on no other node */
  | 'NoPlaceToMovePods'
  /** failed a simulation recently; not re-checked until its recheck time */
  | 'RecentlyUnremovable'
  /** its node group is at its min size */
  | 'NodeGroupMinSizeReached'
  /** unneeded, but not yet for scaleDownUnneededTime */
  | 'NotUnneededLongEnough'
  /** its node group is not among the groups given */
  | 'NotAutoscaled';

export interface UnremovableNode {
  name: string;
  reason: UnremovableReason;
  /** for BlockedByPod: the pod's name */
  blockingPod?: string;
}


export class UnremovableNodes {
  readonly names: string[] = [];
  readonly reasons: UnremovableReason[] = [];
  /** the pod's name for BlockedByPod, '' for the other reasons */
  readonly blockingPods: string[] = [];

  get length(): number {
    return this.names.length;
  }

  add(name: string, reason: UnremovableReason, blockingPod = ''): void {
    this.names.push(name);
    this.reasons.push(reason);
    this.blockingPods.push(blockingPod);
  }

  /** The entries from `from` on, as objects (blockingPod only where there is one). */
  list(from = 0): UnremovableNode[] {
    const out: UnremovableNode[] = [];
    for (let i = from; i < this.names.length; i++) {
      const u: UnremovableNode = { name: this.names[i], reason: this.reasons[i] };
      if (this.blockingPods[i] !== '') u.blockingPod = this.blockingPods[i];
      out.push(u);
    }
    return out;
  }
}
