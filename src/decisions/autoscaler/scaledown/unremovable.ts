/**
 * The nodes a scale-down pass sets aside, and why: the reasons of cluster-autoscaler's
 * simulator.UnremovableReason that headroom models. A pass turns down nearly every node of a
 * busy cluster, so they are kept as flat lists (a name and a reason code per entry, in the order
 * found, room made for the pass's nodes at once) and made into objects only for whoever reads them.
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


/** The reasons by code, in the order of UnremovableReason. */
const REASONS: readonly UnremovableReason[] = [
  'NotUnderutilized',
  'BlockedByPod',
  'NoPlaceToMovePods',
  'RecentlyUnremovable',
  'NodeGroupMinSizeReached',
  'NotUnneededLongEnough',
  'NotAutoscaled',
];
const CODE: Readonly<Record<UnremovableReason, number>> = Object.fromEntries(REASONS.map((r, i) => [r, i])) as Record<UnremovableReason, number>;

export class UnremovableNodes {
  private names: string[];
  private codes: Uint8Array;
  /** the pod's name for a BlockedByPod entry, by entry (rare: only nodes a PDB holds) */
  private readonly blockingPods = new Map<number, string>();
  /** entries 0 to `shared` are `prefix`'s, read in place (entries are only ever appended) */
  private readonly prefix: UnremovableNodes | null;
  private readonly shared: number;
  private size: number;

  /**
   * @param capacity how many entries of its own to make room for at once (a pass: its node count)
   * @param prefix a list whose first `shared` entries are this one's first, not copied: a pass
   *   reusing an earlier pass's findings
   */
  constructor(capacity = 16, prefix: UnremovableNodes | null = null, shared = 0) {
    this.names = new Array<string>(capacity);
    this.codes = new Uint8Array(capacity);
    this.prefix = prefix;
    this.shared = prefix === null ? 0 : shared;
    this.size = this.shared;
  }

  get length(): number {
    return this.size;
  }

  add(name: string, reason: UnremovableReason, blockingPod?: string): void {
    const i = this.size++ - this.shared;
    if (i === this.codes.length) {
      const codes = new Uint8Array(2 * i + 1);
      codes.set(this.codes);
      this.codes = codes;
    }
    this.names[i] = name;
    this.codes[i] = CODE[reason];
    if (blockingPod !== undefined) this.blockingPods.set(i, blockingPod);
  }

  nameAt(i: number): string {
    return i < this.shared ? this.prefix!.nameAt(i) : this.names[i - this.shared];
  }

  reasonAt(i: number): UnremovableReason {
    return i < this.shared ? this.prefix!.reasonAt(i) : REASONS[this.codes[i - this.shared]];
  }

  private blockingPodAt(i: number): string | undefined {
    return i < this.shared ? this.prefix!.blockingPodAt(i) : this.blockingPods.get(i - this.shared);
  }

  /** The entries from `from` on, as objects (blockingPod only where there is one). */
  list(from = 0): UnremovableNode[] {
    const out: UnremovableNode[] = [];
    for (let i = from; i < this.size; i++) {
      const u: UnremovableNode = { name: this.nameAt(i), reason: this.reasonAt(i) };
      const pod = this.blockingPodAt(i);
      if (pod !== undefined) u.blockingPod = pod;
      out.push(u);
    }
    return out;
  }
}
