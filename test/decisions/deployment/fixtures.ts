/** Deployments and ReplicaSets as the controller's tests write them (newDeployment, rs). */
import type { DeploymentSnapshot, IntOrPercent, ReplicaSetSnapshot } from '../../../src/decisions/deployment/index.ts';

export const count = (value: number): IntOrPercent => ({ kind: 'count', value });
export const percent = (value: number): IntOrPercent => ({ kind: 'percent', value });

/** RollingUpdate with counts (upstream's newDeployment sets both to 0 unless told). */
export function rolling(replicas: number, surge = 0, unavailable = 0): DeploymentSnapshot {
  return { replicas, strategy: { type: 'RollingUpdate', maxSurge: count(surge), maxUnavailable: count(unavailable) } };
}

/** `created`: smaller is older (upstream's olderTimestamp < oldTimestamp < newTimestamp). */
export function rs(name: string, replicas: number, created: number, available = 0, annotations?: { desired: number; max: number }): ReplicaSetSnapshot {
  const r: ReplicaSetSnapshot = { name, replicas, available, created };
  if (annotations) {
    r.desiredAnnotation = annotations.desired;
    r.maxAnnotation = annotations.max;
  }
  return r;
}
