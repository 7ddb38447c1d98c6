/**
 * The Kubernetes objects headroom reads, reduced to what the simulation uses (quantities in base
 * units) and each keeping its source, so the scenario built from them can point back at the field.
 */
import type { KeyPath } from '../input/document.ts';
import type { IntOrPercent } from '../decisions/disruption/types.ts';
import type { PreemptionPolicy } from '../decisions/scheduler/profile.ts';
import type { ObjectSource } from './source.ts';
import type { Requests } from './pod-requests.ts';

/** A value read from a `headroom/*` annotation, with the field path it was found at. */
export interface AnnotationValue {
  /** the annotation's text read as YAML: `50ms`, `4`, `{dist: uniform, min: 20s, max: 40s}` */
  value: unknown;
  path: KeyPath;
}

/** What the headroom/* annotations add to a Deployment (what Kubernetes does not know). */
export interface HeadroomAnnotations {
  serviceTime?: AnnotationValue;
  concurrency?: AnnotationValue;
  startupDelay?: AnnotationValue;
  timeout?: AnnotationValue;
}

export interface DeploymentInfo {
  name: string;
  source: ObjectSource;
  /** spec.replicas as written (Kubernetes' default is 1) */
  replicas?: number;
  requests: Requests;
  /** the pod-wide limits (every container limits the resource, or the pod does); a resource without one is left out */
  limits?: { cpuMilli?: number; memoryBytes?: number };
  priorityClassName?: string;
  terminationGracePeriodSec?: number;
  /** the pod template's labels: what the pods carry, what PDB selectors match */
  labels: Record<string, string>;
  annotations: HeadroomAnnotations;
  /**
   * the pod spec's placement fields as written (tolerations, nodeSelector, affinity.nodeAffinity,
   * topologySpreadConstraints): the scenario's schema checks them, naming the manifest's line
   */
  placement?: Record<string, unknown>;
  /** spec.strategy (rollingUpdate's keys beside the type), minReadySeconds, progressDeadlineSeconds, as written */
  strategy?: { type?: 'RollingUpdate' | 'Recreate'; maxSurge?: number | string; maxUnavailable?: number | string };
  minReadySec?: number;
  progressDeadlineSec?: number;
}

/** A Deployment of placeholder pods (pause containers, or the cluster-overprovisioner chart's). */
export interface PlaceholderInfo {
  name: string;
  source: ObjectSource;
  replicas: number;
  requests: Requests;
  priorityClassName?: string;
  terminationGracePeriodSec?: number;
  /** where each field came from, inside the source */
  paths: { name: KeyPath; replicas: KeyPath; requests: KeyPath; priorityClass: KeyPath; terminationGracePeriod: KeyPath };
}

export interface ScalingRulesInfo {
  stabilizationWindowSec?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: { type: 'Pods' | 'Percent'; value: number; periodSec: number }[];
}

export interface HpaInfo {
  name: string;
  source: ObjectSource;
  /** the Deployment it scales */
  target: string;
  minReplicas?: number;
  maxReplicas: number;
  /** the Resource cpu Utilization target, percent */
  targetCPUUtilization?: number;
  /** where that target is written */
  targetPath?: KeyPath;
  /** HPAConfigurableTolerance, when given */
  tolerance?: number | string;
  behavior?: { scaleUp?: ScalingRulesInfo; scaleDown?: ScalingRulesInfo };
}

export interface PriorityClassInfo {
  name: string;
  source: ObjectSource;
  value: number;
  preemptionPolicy?: PreemptionPolicy;
  globalDefault?: boolean;
  description?: string;
  /** where each field is written (they differ between a manifest and a Helm values file) */
  paths?: { name: KeyPath; value: KeyPath };
}

export interface PdbInfo {
  name: string;
  source: ObjectSource;
  matchLabels: Record<string, string>;
  minAvailable?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
  paths?: { name: KeyPath; matchLabels: KeyPath; minAvailable: KeyPath; maxUnavailable: KeyPath };
}

/** The cluster-autoscaler's own Deployment: its command line is the team's autoscaler config. */
export interface ClusterAutoscalerInfo {
  name: string;
  source: ObjectSource;
  flags: string[];
}

/** An apps/v1 DaemonSet: its pod's effective requests and the placement fields the scenario's daemonSets take. */
export interface DaemonSetInfo {
  name: string;
  source: ObjectSource;
  requests: Requests;
  /** nodeSelector and tolerations as written, when given */
  nodeSelector?: Record<string, string>;
  tolerations?: unknown[];
}

/** A karpenter.sh/v1 NodePool, already in the scenario's `nodePools` shape, with where each key came from. */
export interface NodePoolInfo {
  name: string;
  source: ObjectSource;
  raw: Record<string, unknown>;
  /** per top-level key of `raw`: the manifest field it was read from */
  paths: Record<string, KeyPath>;
}

/** Everything read from a set of manifest files. */
export interface ManifestSet {
  deployments: DeploymentInfo[];
  placeholders: PlaceholderInfo[];
  hpas: HpaInfo[];
  priorityClasses: PriorityClassInfo[];
  pdbs: PdbInfo[];
  clusterAutoscalers: ClusterAutoscalerInfo[];
  nodePools: NodePoolInfo[];
  daemonSets: DaemonSetInfo[];
}
