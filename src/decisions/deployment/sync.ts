/**
 * One sync of the Deployment controller (pkg/controller/deployment/deployment_controller.go
 * syncDeployment): a scaling event (a ReplicaSet's desired-replicas annotation differs from the
 * Deployment's replicas) is resolved proportionally; otherwise the strategy takes one step.
 */
import { newRSNewReplicas, reconcileNewReplicaSet, reconcileOldReplicaSets } from './rolling.ts';
import { scaleReplicaSets } from './proportional.ts';
import type { DeploymentSnapshot, ReplicaSetSnapshot, Scaling } from './types.ts';

export interface DeploymentSyncInput {
  deployment: DeploymentSnapshot;
  /** every ReplicaSet of the Deployment */
  replicaSets: readonly ReplicaSetSnapshot[];
  /** the one whose template is the Deployment's */
  newIndex: number;
  /** pods of each ReplicaSet that still exist, terminating included (Recreate waits for them to go) */
  pods: readonly number[];
}

/** isScalingEvent: an active ReplicaSet was sized for another replica count. */
export function isScalingEvent(d: DeploymentSnapshot, rss: readonly ReplicaSetSnapshot[]): boolean {
  return rss.some((rs) => rs.replicas > 0 && rs.desiredAnnotation !== undefined && rs.desiredAnnotation !== d.replicas);
}

export function syncDeployment(input: DeploymentSyncInput): Scaling[] {
  const { deployment: d, replicaSets: rss, newIndex } = input;
  if (isScalingEvent(d, rss)) {
    const statusReplicas = input.pods.reduce((a, b) => a + b, 0);
    return scaleReplicaSets(d, rss, newIndex, statusReplicas);
  }
  const all = rss.map((_, i) => i);
  const old = all.filter((i) => i !== newIndex);
  if (d.strategy.type === 'Recreate') return recreateStep(input, old);
  const next = reconcileNewReplicaSet(d, rss, all, newIndex);
  if (next !== null) {
    const from = rss[newIndex].replicas;
    return [{ index: newIndex, from, to: next, operation: next > from ? 'up' : 'down' }];
  }
  const { sizes } = reconcileOldReplicaSets(d, rss, all, old, newIndex);
  return [...sizes].filter(([i, to]) => to !== rss[i].replicas).map(([i, to]) => ({ index: i, from: rss[i].replicas, to, operation: 'down' as const }));
}

/**
 * rolloutRecreate (recreate.go): every old ReplicaSet to 0; once none of their pods is left
 * (terminating ones included), the new one to the Deployment's replicas.
 */
function recreateStep(input: DeploymentSyncInput, old: readonly number[]): Scaling[] {
  const { deployment: d, replicaSets: rss, newIndex } = input;
  const down = old.filter((i) => rss[i].replicas > 0).map((i) => ({ index: i, from: rss[i].replicas, to: 0, operation: 'down' as const }));
  if (down.length > 0) return down;
  if (old.some((i) => input.pods[i] > 0)) return [];
  const from = rss[newIndex].replicas;
  const to = newRSNewReplicas(d, rss, [], newIndex);
  return to === from ? [] : [{ index: newIndex, from, to, operation: to > from ? 'up' : 'down' }];
}
