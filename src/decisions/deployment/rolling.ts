/**
 * One step of a RollingUpdate (pkg/controller/deployment/rolling.go and util/deployment_util.go):
 * the new ReplicaSet grows while all pods stay within replicas + maxSurge; old ReplicaSets shrink,
 * unhealthy pods first, while the available pods stay at or above replicas − maxUnavailable.
 * Each function returns the sizes it would set; the caller applies them.
 */
import { maxUnavailable, resolveFenceposts } from './fenceposts.ts';
import { availableCount, byCreation, replicaCount } from './order.ts';
import type { DeploymentSnapshot, ReplicaSetSnapshot } from './types.ts';

/** NewRSNewReplicas: the new ReplicaSet's next size. `all` are every ReplicaSet's indices. */
export function newRSNewReplicas(d: DeploymentSnapshot, rss: readonly ReplicaSetSnapshot[], all: readonly number[], newIndex: number): number {
  const newRS = rss[newIndex];
  if (d.strategy.type !== 'RollingUpdate') return d.replicas;
  const { surge } = resolveFenceposts(d.strategy.maxSurge, d.strategy.maxUnavailable, d.replicas);
  const current = replicaCount(rss, all);
  const maxTotal = d.replicas + surge;
  if (current >= maxTotal) return newRS.replicas;
  // never past the Deployment's replicas
  return newRS.replicas + Math.min(maxTotal - current, d.replicas - newRS.replicas);
}

/** reconcileNewReplicaSet: the new ReplicaSet's size when it changes, null when it stays. */
export function reconcileNewReplicaSet(d: DeploymentSnapshot, rss: readonly ReplicaSetSnapshot[], all: readonly number[], newIndex: number): number | null {
  const current = rss[newIndex].replicas;
  if (current === d.replicas) return null;
  if (current > d.replicas) return d.replicas;
  const next = newRSNewReplicas(d, rss, all, newIndex);
  return next === current ? null : next;
}

/**
 * cleanupUnhealthyReplicas: old ReplicaSets (oldest first) lose their pods that are not available,
 * at most `maxCleanup` in all; that never lowers availability. Returns the new size per index given.
 */
export function cleanupUnhealthyReplicas(rss: readonly ReplicaSetSnapshot[], old: readonly number[], maxCleanup: number): { sizes: Map<number, number>; cleaned: number } {
  const sizes = new Map<number, number>();
  let cleaned = 0;
  for (const i of byCreation(rss, old)) {
    if (cleaned >= maxCleanup) break;
    const rs = rss[i];
    // none to clean (upstream refuses the sync when more are available than asked for)
    if (rs.replicas === 0 || rs.available >= rs.replicas) continue;
    const n = Math.min(maxCleanup - cleaned, rs.replicas - rs.available);
    sizes.set(i, rs.replicas - n);
    cleaned += n;
  }
  return { sizes, cleaned };
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: old ReplicaSets (oldest first) shrink by as many pods
 * as are available above replicas − maxUnavailable.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(
  d: DeploymentSnapshot,
  rss: readonly ReplicaSetSnapshot[],
  all: readonly number[],
  old: readonly number[],
): { sizes: Map<number, number>; scaledDown: number } {
  const sizes = new Map<number, number>();
  const minAvailable = d.replicas - maxUnavailable(d);
  const available = availableCount(rss, all);
  if (available <= minAvailable) return { sizes, scaledDown: 0 };
  const total = available - minAvailable;
  let scaledDown = 0;
  for (const i of byCreation(rss, old)) {
    if (scaledDown >= total) break;
    const rs = rss[i];
    if (rs.replicas === 0) continue;
    const n = Math.min(rs.replicas, total - scaledDown);
    sizes.set(i, rs.replicas - n);
    scaledDown += n;
  }
  return { sizes, scaledDown };
}

/**
 * reconcileOldReplicaSets: how far old ReplicaSets may shrink now. maxScaledDown = all pods −
 * minAvailable − the new ReplicaSet's unavailable pods, so pods of a new revision that never
 * become available do not let the old ones go (the controller's own example: 10 replicas,
 * maxUnavailable 2, maxSurge 3, new pods crash-looping: 13 − 8 − 5 = 0, nothing is scaled down).
 */
export function reconcileOldReplicaSets(
  d: DeploymentSnapshot,
  rss: readonly ReplicaSetSnapshot[],
  all: readonly number[],
  old: readonly number[],
  newIndex: number,
): { sizes: Map<number, number>; scaledDown: number } {
  const sizes = new Map<number, number>();
  if (replicaCount(rss, old) === 0) return { sizes, scaledDown: 0 };
  const minAvailable = d.replicas - maxUnavailable(d);
  const newRS = rss[newIndex];
  const maxScaledDown = replicaCount(rss, all) - minAvailable - (newRS.replicas - newRS.available);
  if (maxScaledDown <= 0) return { sizes, scaledDown: 0 };
  const cleanup = cleanupUnhealthyReplicas(rss, old, maxScaledDown);
  // the scale-down reads the sizes the cleanup left
  const after = rss.map((rs, i) => (cleanup.sizes.has(i) ? { ...rs, replicas: cleanup.sizes.get(i)! } : rs));
  const down = scaleDownOldReplicaSetsForRollingUpdate(d, after, all, old);
  for (const [i, n] of cleanup.sizes) sizes.set(i, n);
  for (const [i, n] of down.sizes) sizes.set(i, n);
  return { sizes, scaledDown: cleanup.cleaned + down.scaledDown };
}
