/**
 * A Deployment and its ReplicaSets as the Deployment controller reads them (apps/v1): plain
 * numbers, so the simulation, `headroom decide` and the tests build them the same way.
 */
import type { IntOrPercent } from '../disruption/types.ts';

export type { IntOrPercent } from '../disruption/types.ts';

export type DeploymentStrategy =
  | { type: 'RollingUpdate'; maxSurge: IntOrPercent; maxUnavailable: IntOrPercent }
  | { type: 'Recreate' };

export interface DeploymentSnapshot {
  /** spec.replicas (what the HPA sets) */
  replicas: number;
  strategy: DeploymentStrategy;
}

export interface ReplicaSetSnapshot {
  name: string;
  /** spec.replicas */
  replicas: number;
  /** status.availableReplicas: Ready for at least minReadySeconds */
  available: number;
  /** creation order (smaller = older), for ReplicaSetsByCreationTimestamp */
  created: number;
  /** the deployment.kubernetes.io/desired-replicas and max-replicas annotations, when set */
  desiredAnnotation?: number;
  maxAnnotation?: number;
}

/** One ReplicaSet resized by a sync: `operation` is the word the ScalingReplicaSet event uses. */
export interface Scaling {
  /** index into the ReplicaSets given */
  index: number;
  from: number;
  to: number;
  operation: 'up' | 'down';
}
