/**
 * Draining a node through the eviction API, as kubectl drain does (k8s.io/kubectl/pkg/drain): each
 * pod is evicted only as its PodDisruptionBudgets allow (decisions/disruption/eviction.ts); the
 * refused ones are asked again EVICTION_RETRY_SEC later. DaemonSet pods stay (they go with the
 * node); terminating pods are already on their way. Spot interruptions and node-group rotations
 * both drain this way.
 */
import { grantedEvictions } from '../decisions/disruption/eviction.ts';
import { clusterPdbs } from './pdbs.ts';
import { NodeState, PodPhase, type Node, type Pod } from './types.ts';
import type { World } from './world.ts';

/** kubectl drain asks again this long after an eviction a budget refused (k8s.io/kubectl/pkg/drain). */
export const EVICTION_RETRY_SEC = 5;

/** Evicts what the budgets allow now; returns how many pods are left to evict. */
export function evictAllowed(world: World, node: Node, onEvicted?: (pod: Pod) => void): number {
  if (node.state === NodeState.Removed) return 0;
  const c = world.clusters[node.cluster];
  const infos = [];
  for (const info of node.info.pods) {
    const pod = world.pods[info.uid];
    if (pod.owner.kind !== 'daemonset' && pod.phase !== PodPhase.Terminating) infos.push(info);
  }
  if (infos.length === 0) return 0;
  const granted = grantedEvictions(infos, clusterPdbs(world, c));
  for (const info of granted) {
    const pod = world.pods[info.uid];
    world.deletePod(pod);
    onEvicted?.(pod);
  }
  return infos.length - granted.length;
}
