/**
 * Node-pressure eviction over time: a node whose pods use more memory than its allocatable evicts
 * pods in the kubelet's order (decisions/usage/memory-pressure.ts) and carries the MemoryPressure
 * taint while pressed and for the transition period after, so no new pod lands there meanwhile
 * (kubelet's eviction manager, pkg/kubelet/eviction/eviction_manager.go).
 */
import { memoryPressureVictims, type MemoryPressurePod } from '../decisions/usage/memory-pressure.ts';
import { EVICTION_PRESSURE_TRANSITION_SEC, MEMORY_PRESSURE_TAINT, NODE_PRESSURE_EVICTION_GRACE_SEC } from '../decisions/defaults.ts';
import { NodeState, PodPhase, type Node, type Pod } from './types.ts';
import type { World } from './world.ts';

export class NodePressure {
  /** what `press` found and `apply` does */
  private readonly evictions: Pod[] = [];
  private readonly pressed: Node[] = [];
  /** nodes under the MemoryPressure condition (tainted), and when it lifts if no new pressure comes */
  private readonly until = new Map<Node, number>();

  constructor(private readonly world: World) {}

  /**
   * A node using `usedBytes` of memory, over its allocatable: the pods to evict, by the kubelet's
   * ranking of what each pod uses (`memoryOf`); returns them for the caller's counts.
   */
  press(node: Node, usedBytes: number, memoryOf: (pod: Pod) => number): readonly Pod[] {
    this.pressed.push(node);
    const candidates: MemoryPressurePod[] = [];
    const pods: Pod[] = [];
    for (const info of node.info.pods) {
      const pod = this.world.pods[info.uid];
      const usageBytes = memoryOf(pod);
      // node agents (DaemonSet pods) are critical: the kubelet does not evict them
      if (usageBytes <= 0 || pod.owner.kind === 'daemonset') continue;
      candidates.push({ usageBytes, requestBytes: pod.info.memoryBytes, priority: pod.info.priority });
      pods.push(pod);
    }
    const victims = memoryPressureVictims(candidates, usedBytes, node.info.allocMemoryBytes).map((v) => pods[v]);
    this.evictions.push(...victims);
    return victims;
  }

  /** After the step was observed: the evictions (the Deployment replaces each pod), then the taints. */
  apply(): void {
    const { world } = this;
    const now = world.now;
    for (const pod of this.evictions) {
      if (pod.phase === PodPhase.Terminating || pod.phase === PodPhase.Gone) continue;
      world.log.add({
        time_s: now,
        cluster: world.clusters[pod.cluster].name,
        kind: 'Pod',
        reason: 'Evicted',
        object: pod.info.name,
        message: `The node was low on resource: memory. ${pod.info.name} evicted from ${pod.node?.name ?? 'its node'}`,
        node: pod.node?.name,
      });
      world.deletePod(pod, NODE_PRESSURE_EVICTION_GRACE_SEC);
    }
    this.evictions.length = 0;
    if (this.pressed.length > 0 || this.until.size > 0) this.applyCondition(now);
  }

  private applyCondition(now: number): void {
    for (const node of this.pressed) {
      if (!this.until.has(node)) {
        node.info.taints = [...(node.info.taints ?? []), MEMORY_PRESSURE_TAINT];
        this.world.nodeChanged(node);
      }
      this.until.set(node, now + EVICTION_PRESSURE_TRANSITION_SEC);
    }
    this.pressed.length = 0;
    for (const [node, until] of this.until) {
      if (now < until && node.state !== NodeState.Removed) continue;
      const rest = (node.info.taints ?? []).filter((t) => t !== MEMORY_PRESSURE_TAINT);
      if (rest.length > 0) node.info.taints = rest;
      else delete node.info.taints;
      this.world.nodeChanged(node);
      this.until.delete(node);
      if (node.state === NodeState.Ready) this.world.requestSchedule(this.world.clusters[node.cluster]);
    }
  }
}
