/**
 * A node group's nodes replaced (a new image), as a managed node-group update or kops' rolling
 * update does it: each old node is cordoned (NodeNotSchedulable) and drained through the eviction
 * API, its PodDisruptionBudgets honoured and refused evictions asked again every 5 s (drain.ts);
 * once empty it is terminated. With maxSurge, a replacement is launched first and the old node
 * drained when it is Ready; with maxUnavailable, the node is drained at once and its pods wait for
 * room like any pending pod (the cluster-autoscaler adds nodes for them). Cordoned nodes are not
 * scale-down candidates and their room is not offered to pending pods, as upstream.
 */
import type { RotateSpec } from '../../scenario/types.ts';
import type { ClusterState } from '../cluster.ts';
import { EVICTION_RETRY_SEC, evictAllowed } from '../drain.ts';
import { groupTemplate } from '../placement.ts';
import { NodeState, PodPhase, type Node, type Pod } from '../types.ts';
import type { World } from '../world.ts';
import type { ChangeRecord } from './record.ts';

interface InFlight {
  node: Node;
  /** the surged replacement it waits for; null when drained without one */
  replacement: Node | null;
  evicting: boolean;
}

export class RotationRun {
  readonly tickSec = EVICTION_RETRY_SEC;
  private readonly group: number;
  private queue: Node[] = [];
  private inFlight: InFlight[] = [];
  private replaced = 0;
  done = false;

  constructor(
    private readonly world: World,
    private readonly spec: RotateSpec,
    private readonly cluster: ClusterState,
    readonly record: ChangeRecord,
    private readonly onEnd: () => void,
  ) {
    this.group = cluster.spec.nodeGroups.findIndex((g) => g.name === spec.nodeGroup);
  }

  get endedWell(): boolean {
    return this.record.finished;
  }

  start(nowSec: number): void {
    // the nodes running the old image: every one up now (those still on their way come up new)
    const c = this.cluster;
    this.queue = c.nodes.filter((n) => n.group === this.group && (n.state === NodeState.Ready || n.state === NodeState.NotReady));
    // a new machine type: every node launched from now on (replacements, scale-ups) is one
    const next = this.spec.newGroup?.[c.name];
    if (next) {
      c.spec.nodeGroups[this.group] = next;
      c.groupTemplates[this.group] = groupTemplate(c.name, next, c.daemonSets.map((d) => d.template));
    }
    this.record.start(nowSec);
    const { maxSurge, maxUnavailable } = this.spec;
    const to = next?.instance ? `, to ${next.instance.type}` : '';
    this.event(nowSec, 'Node', 'ChangeStarted', this.spec.nodeGroup, `rotation of node group ${this.spec.nodeGroup} begins: ${this.queue.length} nodes${to}, maxSurge ${maxSurge}, maxUnavailable ${maxUnavailable}`, true);
    this.tick(nowSec);
  }

  /** Moves every node in flight on, takes new ones while the budgets allow; false once all are replaced. */
  tick(nowSec: number): boolean {
    if (this.done) return false;
    for (const f of this.inFlight) this.advance(f, nowSec);
    this.inFlight = this.inFlight.filter((f) => f.node.state === NodeState.Draining && (f.evicting === false || this.hasPodsToEvict(f.node)));
    const surging = this.inFlight.filter((f) => f.replacement !== null).length;
    const unavailable = this.inFlight.length - surging;
    let surge = this.spec.maxSurge - surging;
    let down = this.spec.maxUnavailable - unavailable;
    while (this.queue.length > 0 && (surge > 0 || down > 0)) {
      const node = this.queue.shift()!;
      // gone meanwhile (scaled down, reclaimed): nothing to replace
      if (node.state !== NodeState.Ready && node.state !== NodeState.NotReady) continue;
      this.world.cordon(node);
      this.event(nowSec, 'Node', 'NodeNotSchedulable', node.name, `Node ${node.name} status is now: NodeNotSchedulable`, false);
      let f: InFlight;
      if (surge > 0) {
        surge--;
        f = { node, replacement: this.world.addNode(this.cluster, this.group, false), evicting: false };
      } else {
        down--;
        f = { node, replacement: null, evicting: true };
      }
      this.advance(f, nowSec);
      if (f.node.state === NodeState.Draining && (!f.evicting || this.hasPodsToEvict(f.node))) this.inFlight.push(f);
    }
    if (this.queue.length === 0 && this.inFlight.length === 0) {
      this.done = true;
      this.record.end(nowSec, true);
      this.event(nowSec, 'Node', 'ChangeEnded', this.spec.nodeGroup, `rotation of node group ${this.spec.nodeGroup} complete: ${this.replaced} nodes replaced`, true);
      this.onEnd();
      return false;
    }
    return true;
  }

  private advance(f: InFlight, nowSec: number): void {
    if (f.node.state !== NodeState.Draining) return;
    if (!f.evicting) {
      const r = f.replacement!;
      // a replacement that never came (a failed launch) does not hold the drain up for ever
      if (r.state !== NodeState.Ready && r.state !== NodeState.Removed) return;
      f.evicting = true;
    }
    const left = evictAllowed(this.world, f.node, (pod) => this.evicted(pod, f.node, nowSec));
    if (left === 0) {
      // every pod evicted: the node goes once the last one has terminated
      this.world.drainNode(f.node);
      this.replaced++;
    }
  }

  private hasPodsToEvict(node: Node): boolean {
    for (const info of node.info.pods) {
      const p = this.world.pods[info.uid];
      if (p.owner.kind !== 'daemonset' && p.phase !== PodPhase.Terminating) return true;
    }
    return false;
  }

  private evicted(pod: Pod, node: Node, nowSec: number): void {
    this.event(nowSec, 'Pod', 'Evicted', pod.info.name, `Evicted pod ${pod.info.name} from ${node.name} (drain of node group ${this.spec.nodeGroup})`, false);
  }

  private event(nowSec: number, kind: string, reason: string, object: string, message: string, annotate: boolean): void {
    this.world.log.add({ time_s: nowSec, cluster: this.cluster.name, kind, reason, object, message }, annotate);
  }
}
