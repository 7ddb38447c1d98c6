/**
 * selectHost's answer for a cluster's pending pods, kept between calls so that placing a pod costs
 * what changed since the last one of its kind, not every node again.
 *
 * For a "plain" pod (no topology spread, no pod (anti-)affinity, no preferred node affinity) in a
 * cluster where no node carries a PreferNoSchedule taint or a pod with pod affinity, selectHost
 * picks the feasible node with the highest nodeResourceScore, lowest index on ties, and each
 * node's verdict and score read only the pod's spec and that node's NodeInfo. Pods of one
 * Deployment (or ReplicaSet) share that spec, so the memo keeps, per kind of pod, every node's
 * score (-Infinity where a filter refuses) in a BestScoreTree, and recomputes only the nodes the
 * world says changed (`nodeChanged`): a bind, a pod gone, a nomination made or dropped, a taint.
 * A new node list (a node became Ready or stopped being so) starts it afresh. Anything else asks
 * selectHost itself, which stays the one decision; test/sim/host-memo.property.test.ts holds the two equal.
 *
 * A pod nominated somewhere is not plain either: its own nomination does not count against it
 * (fit.ts samePod), so callers ask selectHost for it.
 */
import { runFilters } from '../decisions/scheduler/filters.ts';
import { hasPodAffinity } from '../decisions/scheduler/nodeinfo.ts';
import { hasPreferredTerms } from '../decisions/scheduler/plugins/nodeaffinity/node-affinity.ts';
import { SUCCESS } from '../decisions/scheduler/plugins/noderesources/fit.ts';
import { hasPreferNoSchedule } from '../decisions/scheduler/plugins/tainttoleration/taint-toleration.ts';
import type { IsTerminating } from '../decisions/scheduler/plugins/podtopologyspread/common.ts';
import type { SchedulerSpec } from '../decisions/scheduler/profile.ts';
import { nodeResourceScore } from '../decisions/scheduler/scores.ts';
import { selectHost } from '../decisions/scheduler/select-host.ts';
import type { NodeInfo, PodDisruptionBudget, PodInfo } from '../decisions/scheduler/types.ts';
import { selectVictimsOnNode, type Victims } from '../decisions/scheduler/preemption.ts';
import { BestScoreTree } from './best-score-tree.ts';

/** One kind of pod: the spec its answers were computed for, and how far through the change log they are. */
interface KindScores {
  pod: PodInfo;
  spec: SchedulerSpec;
  tree: BestScoreTree;
  /** change-log position (absolute) its scores are good up to */
  seen: number;
  /** preemption's dry run per node (selectVictimsOnNode without PDBs), undefined = not asked since the node changed */
  victims: (Victims | null | undefined)[];
  victimsSeen: number;
}

export class HostMemo {
  /** the node list the positions and scores are for */
  private nodes: readonly NodeInfo[] | null = null;
  private readonly position = new Map<NodeInfo, number>();
  private readonly kinds = new Map<object, KindScores>();
  /** NodeInfos changed, in order; entry i has absolute position logBase + i */
  private readonly log: NodeInfo[] = [];
  private logBase = 0;
  /** the cluster-wide conditions that make placement scores or stateful filters matter */
  private readonly flagged = new Set<NodeInfo>();
  private flagsSeen = 0;
  /** scratch for a full rebuild */
  private scratch = new Float64Array(0);

  /** The node's NodeInfo changed in something a filter or score reads. */
  nodeChanged(node: NodeInfo): void {
    if (this.nodes === null || !this.position.has(node)) return;
    this.log.push(node);
    // an old log is dropped: kinds behind it rebuild in full, which costs what the log would
    if (this.log.length > 4 * this.position.size + 1024) {
      this.syncFlags();
      this.logBase += this.log.length;
      this.flagsSeen = this.logBase;
      this.log.length = 0;
    }
  }

  /**
   * selectHost(pod, nodes, spec, isTerminating), where `kind` is the same object for pods of one
   * spec (their Deployment or ReplicaSet) and `nominated` says the pod is nominated to a node.
   */
  selectHost(pod: PodInfo, kind: object, nominated: boolean, nodes: readonly NodeInfo[], spec: SchedulerSpec, isTerminating: IsTerminating): number {
    const k = this.kindOf(pod, kind, nominated, nodes, spec);
    if (k === null) return selectHost(pod, nodes, spec, isTerminating);
    if (k.seen < this.logBase) this.rebuild(k);
    else {
      for (let i = k.seen - this.logBase; i < this.log.length; i++) {
        const node = this.log[i];
        k.tree.set(this.position.get(node)!, scoreOn(k.pod, node, spec));
      }
    }
    k.seen = this.logBase + this.log.length;
    return k.tree.best();
  }

  /**
   * For preempt's victimsOnNode: each node's dry run for this pod, kept until the node changes,
   * or undefined where the memo does not apply (then preempt runs every dry run itself). With a
   * PDB the answer would read the budgets too, which change without the nodes: not kept then.
   */
  victimsOnNode(
    pod: PodInfo,
    kind: object,
    nominated: boolean,
    nodes: readonly NodeInfo[],
    spec: SchedulerSpec,
    pdbs: readonly PodDisruptionBudget[],
  ): ((nodeIndex: number, scratch: PodInfo[]) => Victims | null) | undefined {
    if (pdbs.length > 0) return undefined;
    const k = this.kindOf(pod, kind, nominated, nodes, spec);
    if (k === null) return undefined;
    if (k.victimsSeen < this.logBase) {
      k.victims.length = 0;
      k.victims.length = nodes.length;
    } else {
      for (let i = k.victimsSeen - this.logBase; i < this.log.length; i++) k.victims[this.position.get(this.log[i])!] = undefined;
    }
    k.victimsSeen = this.logBase + this.log.length;
    const { victims } = k;
    const stand = k.pod;
    return (i, scratch) => {
      let v = victims[i];
      if (v === undefined) v = victims[i] = selectVictimsOnNode(stand, nodes[i], pdbs, null, scratch);
      return v;
    };
  }

  /** The pod's kind, its answers valid for `nodes`; null where the memo does not apply. */
  private kindOf(pod: PodInfo, kind: object, nominated: boolean, nodes: readonly NodeInfo[], spec: SchedulerSpec): KindScores | null {
    if (nodes !== this.nodes) this.restart(nodes);
    this.syncFlags();
    if (nominated || this.flagged.size > 0 || !plainPod(pod)) return null;
    let k = this.kinds.get(kind);
    if (k === undefined || !sameSpec(k.pod, pod) || k.spec !== spec) {
      // a stand-in with no identity: no node's nomination is its own (fit.ts samePod)
      k = { pod: { ...pod, uid: -1 }, spec, tree: k?.tree ?? new BestScoreTree(), seen: -1, victims: [], victimsSeen: -1 };
      this.kinds.set(kind, k);
    }
    return k;
  }

  private restart(nodes: readonly NodeInfo[]): void {
    this.nodes = nodes;
    this.position.clear();
    for (let i = 0; i < nodes.length; i++) this.position.set(nodes[i], i);
    // past every kind's position, so each rebuilds on the new list
    this.logBase += this.log.length + 1;
    this.log.length = 0;
    this.flagged.clear();
    for (const n of nodes) if (flags(n)) this.flagged.add(n);
    this.flagsSeen = this.logBase;
  }

  private syncFlags(): void {
    for (let i = this.flagsSeen - this.logBase; i < this.log.length; i++) {
      const n = this.log[i];
      if (flags(n)) this.flagged.add(n);
      else this.flagged.delete(n);
    }
    this.flagsSeen = this.logBase + this.log.length;
  }

  private rebuild(k: KindScores): void {
    const nodes = this.nodes!;
    if (this.scratch.length < nodes.length) this.scratch = new Float64Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) this.scratch[i] = scoreOn(k.pod, nodes[i], k.spec);
    k.tree.reset(nodes.length);
    k.tree.setAll(this.scratch, nodes.length);
  }
}

/** selectHost's per-node value for a plain pod: its resource score where every filter passes. */
function scoreOn(pod: PodInfo, node: NodeInfo, spec: SchedulerSpec): number {
  return runFilters(pod, node, null) === SUCCESS ? nodeResourceScore(pod, node, spec) : -Infinity;
}

/** Neither spreads, nor meets pod (anti-)affinity, nor prefers nodes: its filters and scores read one node each. */
function plainPod(pod: PodInfo): boolean {
  const p = pod.placement;
  if (p === undefined) return true;
  return (p.topologySpreadConstraints === undefined || p.topologySpreadConstraints.length === 0) && !hasPodAffinity(pod) && !hasPreferredTerms(pod);
}

/** Does the node make placement scores or the stateful filters matter for every pod (scores.ts placementScoresMatter, cycle-state.ts)? */
function flags(node: NodeInfo): boolean {
  return (node.podsWithAffinity ?? 0) > 0 || hasPreferNoSchedule(node);
}

/** What the filters and resource scores read of a plain pod, other than its identity. */
function sameSpec(a: PodInfo, b: PodInfo): boolean {
  return (
    a.cpuMilli === b.cpuMilli &&
    a.memoryBytes === b.memoryBytes &&
    a.nonZeroCpuMilli === b.nonZeroCpuMilli &&
    a.nonZeroMemoryBytes === b.nonZeroMemoryBytes &&
    a.priority === b.priority &&
    a.placement === b.placement
  );
}
