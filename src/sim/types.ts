/**
 * The simulated world's objects. They are plain mutable records indexed by integer uid; only the
 * simulation's event handlers change them, and the pure decisions read them through NodeInfo and
 * PodInfo.
 */
import type { NodeInfo, PodInfo } from '../decisions/scheduler/types.ts';
import type { DelayDist, HpaSpec, NodeGroupSpec } from '../scenario/types.ts';

export const enum PodPhase {
  /** waiting for a node */
  Pending = 0,
  /** bound to a node, containers starting (not Ready, serves nothing) */
  Starting = 1,
  /** Ready: serves traffic */
  Ready = 2,
  /** being deleted: holds its node's resources until its grace period ends */
  Terminating = 3,
  Gone = 4,
}

export const enum NodeState {
  /** asked for, billed, not yet Ready */
  Provisioning = 0,
  Ready = 1,
  /** cordoned and draining for scale-down: billed, takes no new pods */
  Draining = 2,
  /** its zone is down (the cluster's, or in a cluster over several zones its own after nodeMonitorGracePeriod): billed, serves and schedules nothing */
  NotReady = 3,
  /** gone (scaled down, or never became Ready in time): no longer billed */
  Removed = 4,
}

/** `daemonset`: its pods are bound by the node's arrival, one per node, never pending and never replaced */
export type OwnerKind = 'workload' | 'placeholder' | 'daemonset';

/** A Deployment (through its ReplicaSet) in one cluster: keeps `desired` pods alive. */
export interface Deployment {
  kind: OwnerKind;
  /** index into scenario.workloads, or into the cluster's overprovisioner list */
  index: number;
  name: string;
  cluster: number;
  desired: number;
  /** pods that are not terminating (pending, starting or ready) */
  pods: Pod[];
  readyCount: number;
  pendingCount: number;
  template: PodInfo;
  startupDelayStream: string;
  /**
   * Pods in the order they became Ready, with the time they did (a pod may appear again after a
   * restart; only the entry matching its readyAt counts). The HPA reads the tail to find pods
   * Ready for less than a metric window without walking every pod.
   */
  readyLog: Pod[];
  readyLogAt: number[];
  readyLogHead: number;
  /** of the Ready pods, those on nodes that stopped reporting (their zone is down) and not yet marked NotReady: the Service still sends them requests, which fail */
  unreachableReady: number;
  /**
   * While the Deployment controller rolls a new revision out (sim/changes/rollout.ts): its
   * ReplicaSets, oldest first. `desired` stays the Deployment's spec.replicas (the HPA's); each
   * ReplicaSet keeps its own count of pods. Absent otherwise.
   */
  replicaSets?: ReplicaSet[];
  /** how the pods serve once a rollout has finished (absent: as the scenario's workload) */
  revision?: PodRevision;
  /** this cluster's HPA settings since an override changed them (hpa-loop reads these over the workload's) */
  hpaOverride?: HpaSpec;
}

/** How a revision's pods start and serve. */
export interface PodRevision {
  concurrency: number;
  serviceMeanSec: number;
  startupDelay: DelayDist;
}

/** One ReplicaSet of a Deployment: a pod template and the pods it keeps. */
export interface ReplicaSet {
  name: string;
  /** creation order among the Deployment's ReplicaSets (smaller = older) */
  created: number;
  template: PodInfo;
  revision: PodRevision;
  /** spec.replicas, as the Deployment controller sets it */
  replicas: number;
  /** the deployment.kubernetes.io/desired-replicas and max-replicas annotations of its last scaling */
  desiredAnnotation: number;
  maxAnnotation: number;
}

export interface Pod {
  uid: number;
  cluster: number;
  owner: Deployment;
  info: PodInfo;
  phase: PodPhase;
  node: Node | null;
  createdAt: number;
  boundAt: number;
  readyAt: number;
  /** engine event id of the pending readiness, -1 if none */
  readyEvent: number;
  /** when a terminating pod's grace period ends */
  goneAt: number;
  /** node this pod is nominated to after preempting there */
  nominatedNode: Node | null;
  /** the scheduler found no place and no preemption for it in its last attempt */
  unschedulable: boolean;
  /** of those, held back by topology spread alone (decisions/scheduler/skew-blocked.ts); workload pods only */
  skewBlocked: boolean;
  /** the ReplicaSet that made it, once its Deployment has more than one (a rollout) */
  replicaSet?: ReplicaSet;
}

export interface Node {
  uid: number;
  cluster: number;
  group: number;
  groupSpec: NodeGroupSpec;
  name: string;
  state: NodeState;
  requestedAt: number;
  readyAt: number;
  removedAt: number;
  info: NodeInfo;
  /** engine event id of the pending NodeReady / provisioning timeout */
  readyEvent: number;
  /** the cloud refused its launch (a capacity shortage): never Ready, never billed */
  launchFailed: boolean;
  /** when a spot interruption notice said the node goes; NaN while none has come */
  reclaimAt: number;
  /** its zone is down: the kubelet reports nothing (Ready or not in the API, its pods serve nothing) */
  unreachable: boolean;
  /** when a pod was last bound to it, began terminating on it or left it (Karpenter's consolidateAfter counts from here) */
  podEventAt: number;
  /** placeholder requests on this node, for the headroom share of its cost */
  placeholderCpuMilli: number;
  placeholderMemoryBytes: number;
}
