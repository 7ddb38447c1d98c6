/**
 * A change of replicas in the middle of a rollout (the HPA acting on the Deployment): the
 * Deployment controller's scale() in pkg/controller/deployment/sync.go, with getProportion and
 * getReplicaSetFraction of util/deployment_util.go. Each active ReplicaSet gets its share of the
 * replicas added or taken away, in proportion to its size against the max-replicas annotation the
 * last scaling left on it; what rounding leaves over goes to the largest (newest when growing,
 * oldest when shrinking).
 */
import { maxSurge } from './fenceposts.ts';
import { byCreation, bySizeNewer, bySizeOlder, replicaCount } from './order.ts';
import type { DeploymentSnapshot, ReplicaSetSnapshot, Scaling } from './types.ts';

/** `statusReplicas`: the Deployment's status.replicas, for a ReplicaSet without annotation. */
export function replicaSetFraction(rs: ReplicaSetSnapshot, d: DeploymentSnapshot, statusReplicas: number): number {
  if (d.replicas === 0) return -rs.replicas;
  const deploymentReplicas = d.replicas + maxSurge(d);
  const annotated = rs.maxAnnotation ?? statusReplicas;
  // integer.RoundToInt32: math.Round, half away from zero (sizes are positive here)
  return Math.round((rs.replicas * deploymentReplicas) / annotated) - rs.replicas;
}

export function proportion(rs: ReplicaSetSnapshot, d: DeploymentSnapshot, toAdd: number, added: number, statusReplicas: number): number {
  if (rs.replicas === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d, statusReplicas);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * scale(): the sizes after a scaling event. `newIndex` is -1 when the Deployment has no ReplicaSet
 * of its current template. Returned scalings may leave a size as it is (from = to): the controller
 * writes the annotations of every ReplicaSet it looks at.
 */
export function scaleReplicaSets(d: DeploymentSnapshot, rss: readonly ReplicaSetSnapshot[], newIndex: number, statusReplicas: number): Scaling[] {
  const all = rss.map((_, i) => i);
  const active = all.filter((i) => rss[i].replicas > 0);
  // FindActiveOrLatest: one active ReplicaSet takes the whole count; none: the newest does
  let target = -1;
  if (active.length === 1) target = active[0];
  else if (active.length === 0) target = newIndex >= 0 ? newIndex : byCreation(rss, all).at(-1)!;
  if (target >= 0) {
    const from = rss[target].replicas;
    return [{ index: target, from, to: d.replicas, operation: d.replicas >= from ? 'up' : 'down' }];
  }
  // IsSaturated: the new ReplicaSet has every replica, available: the old ones go
  const newRS = newIndex >= 0 ? rss[newIndex] : undefined;
  if (newRS && newRS.replicas === d.replicas && newRS.desiredAnnotation === d.replicas && newRS.available === d.replicas) {
    return active.filter((i) => i !== newIndex).map((i) => ({ index: i, from: rss[i].replicas, to: 0, operation: 'down' as const }));
  }
  if (d.strategy.type !== 'RollingUpdate') return [];
  const allowed = d.replicas > 0 ? d.replicas + maxSurge(d) : 0;
  const toAdd = allowed - replicaCount(rss, active);
  const order = toAdd > 0 ? bySizeNewer(rss, active) : toAdd < 0 ? bySizeOlder(rss, active) : active;
  const sizes = new Map<number, number>();
  let added = 0;
  for (const i of order) {
    const p = toAdd === 0 ? 0 : proportion(rss[i], d, toAdd, added, statusReplicas);
    sizes.set(i, rss[i].replicas + p);
    added += p;
  }
  if (toAdd !== 0 && order.length > 0) sizes.set(order[0], Math.max(0, sizes.get(order[0])! + toAdd - added));
  const operation = toAdd >= 0 ? 'up' : 'down';
  return order.map((i) => ({ index: i, from: rss[i].replicas, to: sizes.get(i)!, operation }));
}
