/**
 * Which nodes are unneeded right now (the autoscaler's planner categorizing candidates with its
 * RemovalSimulator):
 *
 * - a candidate is eligible when its utilization (utilization.ts) is below the threshold,
 *   measured on the cluster as it is;
 * - eligible candidates are then simulated one after another, in the order given: the node's
 *   pods at or above the expendable cutoff must all move (pods below it are dropped, not moved;
 *   placeholders are movable like any replicated pod; DaemonSet pods stay, as a drain leaves
 *   them); a pod covered by a PDB that allows no
 *   disruption blocks the node; every other pod must fit, first fit in destination order, on a
 *   destination other than the node itself and the nodes already found removable;
 * - a successful simulation is kept (the autoscaler persists it): the moved pods take room on
 *   their new nodes, and the removed node is no destination for later candidates. A failed one
 *   is rolled back.
 */
import { addPod, cloneNodeInfo, removePod } from '../../scheduler/nodeinfo.ts';
import { passesPlacement } from '../../scheduler/filters.ts';
import { fitsRequests } from '../../scheduler/plugins/noderesources/fit.ts';
import type { NodeInfo, PodDisruptionBudget, PodInfo } from '../../scheduler/types.ts';
import { pdbBlockingPod } from './pdb.ts';
import { UnremovableNodes, type UnremovableNode } from './unremovable.ts';
import { utilizationOf } from './utilization.ts';

export type { UnremovableNode, UnremovableReason } from './unremovable.ts';

export interface UnneededNode {
  name: string;
  /** pods that would have to move, as the simulation saw them; empty: the node is empty */
  podsToMove: PodInfo[];
  utilization: number;
}

export interface FindUnneededOptions {
  utilizationThreshold: number;
  expendablePodsPriorityCutoff: number;
  pdbs: readonly PodDisruptionBudget[];
}

export interface UnneededResult {
  unneeded: UnneededNode[];
  /** the candidates set aside, in the order found (built from the flat list when first read) */
  readonly unremovable: UnremovableNode[];
}

/**
 * @param candidates nodes that may go, in the order to try them
 * @param destinations nodes pods may move to (candidates are usually among them, matched by
 *   name); neither list is modified
 * @param into where the set-aside candidates are added, flat (the planner passes its own list,
 *   so a pass allocates no object per node it turns down)
 */
export function findUnneeded(
  candidates: readonly NodeInfo[],
  destinations: readonly NodeInfo[],
  opts: FindUnneededOptions,
  into: UnremovableNodes = new UnremovableNodes(),
): UnneededResult {
  const first = into.length;
  const unneeded = findUnneededInto(candidates, destinations, opts, into);
  let listed: UnremovableNode[] | undefined;
  return {
    unneeded,
    get unremovable() {
      return (listed ??= into.list(first));
    },
  };
}

function findUnneededInto(
  candidates: readonly NodeInfo[],
  destinations: readonly NodeInfo[],
  opts: FindUnneededOptions,
  unremovable: UnremovableNodes,
): UnneededNode[] {
  const unneeded: UnneededNode[] = [];
  // cluster-autoscaler core/scaledown/eligibility/eligibility.go: a node at or above the threshold is not a candidate
  const eligible: NodeInfo[] = [];
  for (const node of candidates) {
    if (utilizationOf(node) < opts.utilizationThreshold) eligible.push(node);
    else unremovable.add(node.name, 'NotUnderutilized');
  }
  if (eligible.length === 0) return unneeded;

  const sim = new MoveSimulation(destinations);
  for (const node of eligible) {
    const self = sim.indexOf(node.name);
    const current = self >= 0 ? sim.node(self) : node;
    const movable = current.pods.filter((p) => p.priority >= opts.expendablePodsPriorityCutoff && p.daemonSet !== true);
    const blocking = pdbBlockingPod(movable, opts.pdbs);
    if (blocking) {
      unremovable.add(node.name, 'BlockedByPod', blocking.name);
      continue;
    }
    if (!sim.tryMoveAll(movable, self)) {
      unremovable.add(node.name, 'NoPlaceToMovePods');
      continue;
    }
    if (self >= 0) sim.remove(self);
    unneeded.push({ name: node.name, podsToMove: movable, utilization: utilizationOf(node) });
  }
  return unneeded;
}

/**
 * The destinations as the simulation changes them: copied on first write, so a pass that moves
 * few pods copies few nodes.
 */
class MoveSimulation {
  private readonly work: (NodeInfo | undefined)[];
  private readonly removed: Uint8Array;
  private readonly byName = new Map<string, number>();
  /**
   * Per pod size (cpu, then memory): the first destination that might still take such a pod.
   * Destinations only fill up while moves succeed, so a node that refused a size keeps refusing
   * it; a rollback frees room on the nodes it touched, so no cursor may stay past the first.
   */
  private readonly cursors = new Map<number, Map<number, number>>();

  constructor(private readonly nodes: readonly NodeInfo[]) {
    this.work = new Array(nodes.length);
    this.removed = new Uint8Array(nodes.length);
    nodes.forEach((n, i) => this.byName.set(n.name, i));
  }

  indexOf(name: string): number {
    return this.byName.get(name) ?? -1;
  }

  node(i: number): NodeInfo {
    return this.work[i] ?? this.nodes[i];
  }

  remove(i: number): void {
    this.removed[i] = 1;
  }

  /** Move every pod off node `self` (-1: not a destination), or change nothing and say false. */
  tryMoveAll(pods: readonly PodInfo[], self: number): boolean {
    const placed: number[] = [];
    for (const pod of pods) {
      const target = this.findPlace(pod, self);
      if (target < 0) {
        let first = this.nodes.length;
        for (let i = placed.length - 1; i >= 0; i--) {
          removePod(this.work[placed[i]]!, pods[i]);
          first = Math.min(first, placed[i]);
        }
        if (placed.length > 0) this.rewindCursors(first);
        return false;
      }
      const writable = this.work[target] ?? (this.work[target] = cloneNodeInfo(this.nodes[target]));
      addPod(writable, pod);
      placed.push(target);
    }
    return true;
  }

  private rewindCursors(to: number): void {
    for (const byMemory of this.cursors.values()) {
      for (const [memory, cursor] of byMemory) if (cursor > to) byMemory.set(memory, to);
    }
  }

  private findPlace(pod: PodInfo, self: number): number {
    // The cursors are kept per request shape, and whether a node refuses a pod by its placement
    // rules is not a matter of shape: a pod with rules searches from the first node, as plain first fit.
    if (pod.placement !== undefined) return this.firstPlace(pod, self);
    let byMemory = this.cursors.get(pod.cpuMilli);
    if (!byMemory) this.cursors.set(pod.cpuMilli, (byMemory = new Map()));
    const start = byMemory.get(pod.memoryBytes) ?? 0;
    let cursor = start;
    // The candidate itself is skipped only for now; the cursor must not move past it.
    let canAdvance = true;
    let found = -1;
    for (let i = start; i < this.nodes.length; i++) {
      if (i === self) {
        canAdvance = false;
        continue;
      }
      if (this.removed[i] === 0 && fitsRequests(pod, this.node(i)) && passesPlacement(pod, this.node(i))) {
        found = i;
        break;
      }
      if (canAdvance) cursor = i + 1;
    }
    byMemory.set(pod.memoryBytes, cursor);
    return found;
  }

  private firstPlace(pod: PodInfo, self: number): number {
    for (let i = 0; i < this.nodes.length; i++) {
      if (i !== self && this.removed[i] === 0 && fitsRequests(pod, this.node(i)) && passesPlacement(pod, this.node(i))) return i;
    }
    return -1;
  }
}
