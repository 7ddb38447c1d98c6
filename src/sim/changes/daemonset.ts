/**
 * An add-on change: a DaemonSet added, or an existing one given new requests, from a time on. The
 * DaemonSet controller makes one pod per node the DaemonSet's rules allow; each is pinned to its
 * node (never pending elsewhere) and, at system-node-critical priority, preempts what it must
 * there, chosen as kube-scheduler's SelectVictimsOnNode chooses, holding the room as a nominated
 * pod until the victims are gone. A new DaemonSet starts on every node at once; an existing one's
 * pods are replaced maxUnavailable nodes at a time (its RollingUpdate). Nodes that come up later
 * run the new pod from the start, and the autoscaler's template nodes count it.
 */
import { fits } from '../../decisions/scheduler/plugins/noderesources/fit.ts';
import { selectVictimsOnNode } from '../../decisions/scheduler/plugins/defaultpreemption/select-victims.ts';
import type { DaemonSetChangeSpec } from '../../scenario/types.ts';
import type { ClusterState } from '../cluster.ts';
import { clusterPdbs } from '../pdbs.ts';
import { daemonSetPodsFor, groupTemplate } from '../placement.ts';
import { daemonSetOwner } from '../setup.ts';
import { NodeState, PodPhase, type Deployment, type Node, type Pod } from '../types.ts';
import type { World } from '../world.ts';
import type { ChangeRecord } from './record.ts';

/** The controller looks again this often while a pod waits for its victims to go. */
const DAEMONSET_SYNC_SEC = 1;

interface Placing {
  node: Node;
  pod: Pod;
}

export class DaemonSetRun {
  readonly tickSec = DAEMONSET_SYNC_SEC;
  done = false;
  private dep!: Deployment;
  private queue: Node[] = [];
  private placing: Placing[] = [];
  private batch = 0;

  constructor(
    private readonly world: World,
    private readonly spec: DaemonSetChangeSpec,
    private readonly cluster: ClusterState,
    readonly record: ChangeRecord,
    private readonly onEnd: () => void,
  ) {}

  get endedWell(): boolean {
    return this.record.finished;
  }

  start(nowSec: number): void {
    const c = this.cluster;
    const ds = this.spec.daemonSet;
    const fresh = daemonSetOwner(c, c.daemonSets.length, ds);
    const existing = c.daemonSets.find((d) => d.name === ds.name);
    if (existing) {
      existing.template = fresh.template;
      this.dep = existing;
      this.batch = this.spec.maxUnavailable;
    } else {
      c.daemonSets.push(fresh);
      this.dep = fresh;
      this.batch = Infinity;
    }
    const templates = c.daemonSets.map((d) => d.template);
    c.groupTemplates = c.spec.nodeGroups.map((g) => groupTemplate(c.name, g, templates));
    this.queue = c.nodes.filter((n) => n.state === NodeState.Ready && daemonSetPodsFor([this.dep.template], n.info).length > 0);
    this.record.start(nowSec);
    const what = existing ? `DaemonSet ${ds.name} changes` : `DaemonSet ${ds.name} is added`;
    this.event(nowSec, 'ChangeStarted', `${what}: ${this.queue.length} nodes, ${ds.requests.cpuMilli}m cpu and ${Math.round(ds.requests.memoryBytes / 2 ** 20)}Mi each`, true);
    this.tick(nowSec);
  }

  tick(nowSec: number): boolean {
    if (this.done) return false;
    this.placing = this.placing.filter((p) => !this.place(p, nowSec));
    while (this.queue.length > 0 && this.placing.length < this.batch) {
      const node = this.queue.shift()!;
      if (node.state !== NodeState.Ready) continue;
      // the old pod goes first (a DaemonSet's RollingUpdate deletes, then creates)
      const old = node.info.pods.map((i) => this.world.pods[i.uid]).find((p) => p.owner === this.dep && p.phase !== PodPhase.Terminating);
      if (old) this.world.deletePod(old);
      const p: Placing = { node, pod: this.world.daemonSetPod(this.dep) };
      if (!this.place(p, nowSec)) this.placing.push(p);
    }
    if (this.queue.length === 0 && this.placing.length === 0) {
      this.done = true;
      this.record.end(nowSec, true);
      this.event(nowSec, 'ChangeEnded', `DaemonSet ${this.dep.name} runs its new pod on every node`, true);
      this.onEnd();
      return false;
    }
    return true;
  }

  /** Binds the pod when its node has room, else makes room; true once it is bound (or its node is gone). */
  private place(p: Placing, nowSec: number): boolean {
    const { world } = this;
    if (p.node.state !== NodeState.Ready) {
      // the node is going: a new node runs the DaemonSet from the start
      world.clearNomination(p.pod);
      p.pod.phase = PodPhase.Gone;
      return true;
    }
    if (fits(p.pod.info, p.node.info)) {
      world.bindDaemonSetPod(p.node, p.pod);
      return true;
    }
    if (p.pod.nominatedNode !== p.node) world.nominate(p.pod, p.node);
    const victims = selectVictimsOnNode(p.pod.info, p.node.info, clusterPdbs(world, this.cluster));
    for (const info of victims?.pods ?? []) {
      const v = world.pods[info.uid];
      if (v.phase === PodPhase.Terminating) continue;
      this.cluster.preemptions++;
      world.log.add({
        time_s: nowSec,
        cluster: this.cluster.name,
        kind: 'Pod',
        reason: 'Preempted',
        object: v.info.name,
        message: `Preempted by DaemonSet pod ${p.pod.info.name} on node ${p.node.name}`,
      });
      world.deletePod(v);
    }
    return false;
  }

  private event(nowSec: number, reason: string, message: string, annotate: boolean): void {
    this.world.log.add({ time_s: nowSec, cluster: this.cluster.name, kind: 'DaemonSet', reason, object: this.spec.daemonSet.name, message }, annotate);
  }
}
