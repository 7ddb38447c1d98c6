/** What Karpenter keeps per cluster while the simulation runs: its offerings, its batch, its cache and its disruptions in flight. */
import type { Offering } from '../../decisions/karpenter/offering.ts';
import type { PodInfo } from '../../decisions/scheduler/types.ts';
import type { KarpenterSpec } from '../../decisions/karpenter/types.ts';
import type { ClusterState } from '../cluster.ts';
import type { Node } from '../types.ts';

export class KarpenterState {
  /** every pool's offerings, flat; a pool's list holds indices into it */
  readonly offerings: Offering[] = [];
  readonly poolOfferings: number[][];
  /** node group index -> offering index, -1 for the scenario's own groups (Karpenter leaves them alone) */
  readonly offeringOfGroup: Int32Array;
  /** node group index -> pool index, -1 likewise */
  readonly poolOfGroup: Int32Array;
  /** per offering: the unavailable-offerings cache, until when */
  readonly unavailableUntil: Float64Array;
  /** the batcher: open since, last new pod at */
  batchOpen = false;
  batchStartedAt = 0;
  lastPodAt = 0;
  /** replacement node uid -> the nodes it replaces (drained once it is Ready) */
  readonly replacing = new Map<number, Node[]>();
  /** nodes Karpenter is draining (consolidation, expiry) */
  readonly terminating = new Set<Node>();
  /** what the last consolidation pass that found nothing saw; the same again is not looked at twice */
  lastQuietSignature = '';
  /**
   * Per node, its movable pods as of its last pod event (null: one may not be disrupted): a pass
   * reads again only the nodes whose pods changed (bound, terminating or gone).
   */
  readonly movable = new Map<Node, { at: number; pods: PodInfo[] | null }>();

  constructor(
    readonly cluster: ClusterState,
    readonly spec: KarpenterSpec,
  ) {
    const groups = cluster.spec.nodeGroups.length;
    this.offeringOfGroup = new Int32Array(groups).fill(-1);
    this.poolOfGroup = new Int32Array(groups).fill(-1);
    this.poolOfferings = spec.nodePools.map((pool, pi) =>
      pool.offerings.map((gi) => {
        const g = cluster.spec.nodeGroups[gi];
        const oi = this.offerings.length;
        this.offerings.push({ group: gi, capacityType: g.capacityType ?? 'on-demand', pricePerHour: g.pricePerHour, template: cluster.groupTemplates[gi] });
        this.offeringOfGroup[gi] = oi;
        this.poolOfGroup[gi] = pi;
        return oi;
      }),
    );
    this.unavailableUntil = new Float64Array(this.offerings.length);
  }

  unavailable(now: number): Set<number> {
    const out = new Set<number>();
    for (let o = 0; o < this.unavailableUntil.length; o++) if (this.unavailableUntil[o] > now) out.add(o);
    return out;
  }

  /** Is the node one of Karpenter's (launched by a NodePool)? */
  owns(node: Node): boolean {
    return this.poolOfGroup[node.group] >= 0;
  }
}
