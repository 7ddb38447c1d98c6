/**
 * Karpenter's termination of a node it disrupts (kubernetes-sigs/karpenter
 * pkg/controllers/node/termination): the node is cordoned (tainted karpenter.sh/disrupted), its
 * pods are evicted through the eviction API as their PodDisruptionBudgets allow, asked again every
 * few seconds, and once nothing but DaemonSet pods is left the instance is deleted.
 */
import { EVICTION_RETRY_SEC, evictAllowed } from '../drain.ts';
import { NodeState, PodPhase, type Node } from '../types.ts';
import type { World } from '../world.ts';
import type { KarpenterState } from './state.ts';

export function startTermination(world: World, k: KarpenterState, node: Node, drainKind: number): void {
  if (k.terminating.has(node) || node.state === NodeState.Removed) return;
  k.terminating.add(node);
  k.cluster.scaleDowns++;
  world.cordon(node);
  drainStep(world, k, node, drainKind);
}

/** One round of evictions; the node goes when its last evictable pod is gone. */
export function drainStep(world: World, k: KarpenterState, node: Node, drainKind: number): void {
  if (node.state === NodeState.Removed) {
    k.terminating.delete(node);
    k.movable.delete(node);
    return;
  }
  const evictable = [];
  let left = 0;
  for (const info of node.info.pods) {
    const pod = world.pods[info.uid];
    if (pod.owner.kind === 'daemonset') continue;
    left++;
    if (pod.phase !== PodPhase.Terminating) evictable.push(info);
  }
  if (left === 0) {
    k.terminating.delete(node);
    k.movable.delete(node);
    world.removeNow(node);
    return;
  }
  let next = world.now + EVICTION_RETRY_SEC;
  if (evictable.length > 0) {
    let lastGone = world.now;
    const refused = evictAllowed(world, node, (pod) => (lastGone = Math.max(lastGone, pod.goneAt)));
    // every eviction granted: look again when the last of them has terminated
    if (refused === 0 && left === evictable.length) next = lastGone;
  } else {
    // only terminating pods are left: look again when the first has gone
    next = Math.min(next, ...node.info.pods.map((p) => world.pods[p.uid].goneAt).filter((t) => t > world.now));
  }
  world.engine.schedule(next, drainKind, node.uid);
}
