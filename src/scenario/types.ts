/**
 * The validated, defaulted scenario the simulation runs: every quantity in base units
 * (millicores, bytes, seconds, fractions), every default filled in, per-cluster overrides
 * already applied. This is the contract between scenario/ (which builds it from YAML) and sim/.
 */

export type { ScoringStrategy, PreemptionPolicy, SchedulerSpec } from '../decisions/scheduler/profile.ts';
export type { ScalingPolicy, ScalingRules, HpaSpec } from '../decisions/hpa/spec.ts';
export type { ExpanderName, ClusterAutoscalerSpec } from '../decisions/autoscaler/options.ts';
export type { CapacityBufferSpec } from '../decisions/autoscaler/buffers.ts';
export type { IntOrPercent, PodDisruptionBudgetSpec } from '../decisions/disruption/types.ts';
export type { ServiceTimeSpec } from '../serving/service-time.ts';
export type { KarpenterSpec, NodePoolSpec } from '../decisions/karpenter/types.ts';
import type { KarpenterSpec } from '../decisions/karpenter/types.ts';
import type { ScoringStrategy, PreemptionPolicy, SchedulerSpec } from '../decisions/scheduler/profile.ts';
import type { HpaSpec } from '../decisions/hpa/spec.ts';
import type { ClusterAutoscalerSpec } from '../decisions/autoscaler/options.ts';
import type { CapacityBufferSpec } from '../decisions/autoscaler/buffers.ts';
import type { PodDisruptionBudgetSpec } from '../decisions/disruption/types.ts';
import type { ServiceTimeSpec } from '../serving/service-time.ts';
import type { Placement, Taint } from '../decisions/scheduler/placement.ts';
export type { Placement, Taint } from '../decisions/scheduler/placement.ts';
import type { ResourceLimits, UsageSpec } from '../decisions/usage/model.ts';
export type { ResourceLimits, UsageSpec } from '../decisions/usage/model.ts';

/** Node provisioning / pod startup delays. */
export type DelayDist =
  | { kind: 'fixed'; sec: number }
  | { kind: 'uniform'; minSec: number; maxSec: number }
  /** lognormal given its median and 95th percentile: sigma = ln(p95/median) / 1.6449 */
  | { kind: 'lognormal'; medianSec: number; p95Sec: number };

export interface PriorityClass {
  name: string;
  value: number;
  preemptionPolicy: PreemptionPolicy;
  globalDefault: boolean;
}

export interface NodeGroupSpec {
  name: string;
  allocatable: { cpuMilli: number; memoryBytes: number; pods: number };
  pricePerHour: number;
  min: number;
  max: number;
  initial: number;
  provisioningDelay: DelayDist;
  /** priority expander: higher wins (cluster-autoscaler-priority-expander config). */
  expanderPriority: number;
  /** what `instanceType` filled in, and where each figure came from; absent for a group without one */
  instance?: NodeGroupInstance;
  /** metadata.labels of the group's nodes, beside the well-known ones the simulation sets; absent = none given */
  labels?: Record<string, string>;
  /** spec.taints of the group's nodes; absent = none */
  taints?: Taint[];
  /** the cloud tells the autoscaler at once that a launch failed (as the AWS provider does); absent = it learns at maxNodeProvisionTime */
  reportsLaunchErrors?: true;
  /** absent = on-demand, as before the key existed */
  capacityType?: 'on-demand' | 'spot';
  /** spot: the share of the group's nodes reclaimed in a month (the spot advisor's bands), drawn per node as a Poisson process */
  interruptionRatePerMonth?: number;
  /** spot: how long before the node goes it is told (2 min on AWS, 30 s on GCP) */
  interruptionNoticeSec?: number;
  /** in a cluster over several zones: the one zone of the group's nodes (absent = the cluster's name is the zone) */
  zone?: string;
  /**
   * a mixed-instances group: each type it may launch, in priority order, with what a node of it
   * offers and costs; the first is the group's own (its allocatable, price and instance above).
   * A launch takes the first type that has capacity. Absent = one type.
   */
  instanceTypes?: { allocatable: { cpuMilli: number; memoryBytes: number; pods: number }; pricePerHour: number; instance: NodeGroupInstance }[];
}

/** A node group short of capacity: every launch in it fails while a window is open. */
export type CapacityShortageSpec = {
  nodeGroup: string;
  /** absent = every cluster that has the group */
  cluster?: string;
  /** a mixed-instances group's type that is short; absent = every type of the group */
  instanceType?: string;
  forSec: number;
} & ({ kind: 'scheduled'; atSec: number } | { kind: 'random'; perDay: number });

/** A share of a spot group's Ready nodes reclaimed at once. */
export interface ReclaimWaveSpec {
  atSec: number;
  nodeGroup: string;
  /** absent = every cluster that has the group */
  cluster?: string;
  share: number;
}

export interface FaultsSpec {
  shortages: CapacityShortageSpec[];
  reclaims: ReclaimWaveSpec[];
}

/** A DaemonSet: one pod on every node its nodeSelector and tolerations allow, bound as the node becomes Ready. */
export interface DaemonSetSpec {
  name: string;
  requests: { cpuMilli: number; memoryBytes: number };
  /** nodeSelector and tolerations; absent = every untainted node */
  placement?: Placement;
}

export interface NodeGroupInstance {
  type: string;
  provider: 'aws' | 'gcp' | 'azure';
  region?: string;
  /** the machine before reservations, and what the provider's node image keeps back */
  capacity: { cpuMilli: number; memoryBytes: number };
  reserved: { kubeCpuMilli: number; kubeMemoryBytes: number; evictionMemoryBytes: number };
  /** per derived key: "scenario" when the group gave it, else the rule or table it came from */
  from: { cpuMilli: string; memoryBytes: string; pods: string; pricePerHour: string };
}

/** Traffic of one workload, before it is split over clusters. */
export type TrafficSpec =
  | { kind: 'none' }
  | {
      kind: 'trace';
      /** path as resolved against the scenario file's folder */
      path: string;
      /** path as the user wrote it, for error messages */
      displayPath: string;
      format: 'csv' | 'prometheus';
      column?: string;
      timeColumn?: string;
      interpolate: 'step' | 'linear';
      scale: number;
      speedup: number;
      loop: boolean;
      offsetSec: number;
      /** Prometheus JSON with several series: 'sum' adds them */
      aggregate?: 'sum';
    }
  | { kind: 'generator'; generator: GeneratorSpec };

export interface BurstSpec {
  atSec: number;
  /** total rate at the top of the burst (req/s), replacing base while it lasts */
  peak: number;
  riseSec: number;
  holdSec: number;
  fallSec: number;
}

export interface GeneratorSpec {
  base: number;
  bursts: BurstSpec[];
  diurnal?: { amplitude: number; periodSec: number; phaseSec: number };
  /** relative standard deviation of seeded multiplicative noise per step */
  noise: number;
}

export interface WorkloadSpec {
  name: string;
  priorityClass: string;
  priority: number;
  preemptionPolicy: PreemptionPolicy;
  requests: { cpuMilli: number; memoryBytes: number };
  serviceTime: ServiceTimeSpec;
  concurrency: number;
  timeoutSec: number;
  startupDelay: DelayDist;
  terminationGracePeriodSec: number;
  /** replicas per cluster at start */
  replicas: number;
  hpa?: HpaSpec;
  traffic: TrafficSpec;
  labels: Record<string, string>;
  /** tolerations, nodeSelector and affinity.nodeAffinity as the pod spec gives them; absent = none */
  placement?: Placement;
  /** the Deployment's strategy, minReadySeconds and progressDeadlineSeconds when the scenario gives any (a rollout's defaults) */
  deployment?: DeploymentRolloutSpec;
  /** what a pod uses (every field defaulted) when the scenario says; absent: it uses its request at full load (decisions/usage) */
  usage?: UsageSpec;
  /** the container's resources.limits when the scenario gives any; an absent field is no limit */
  limits?: ResourceLimits;
}


export interface OverprovisionerSpec {
  name: string;
  requests: { cpuMilli: number; memoryBytes: number };
  priorityClass: string;
  priority: number;
  terminationGracePeriodSec: number;
  sizing:
    | { kind: 'fixed'; replicasPerCluster: number }
    | {
        /** cluster-proportional-autoscaler linear mode */
        kind: 'proportional';
        coresPerReplica: number;
        nodesPerReplica: number;
        min: number;
        max: number;
        preventSinglePointFailure: boolean;
        includeUnschedulableNodes: boolean;
        /** how often the proportional autoscaler re-reads the cluster */
        pollPeriodSec: number;
        /**
         * the replicas it sets at the start, from the cluster's initial nodes (all Ready then):
         * decisions/overprovisioner/proportional.ts, as the simulation computes it at every poll
         */
        initialReplicas: number;
      };
}

/** Everything that may differ per cluster (a canary cluster's overrides are applied here). */
export interface ClusterSpec {
  name: string;
  /** a cluster over several zones lists them (its node groups are one per zone); absent = the cluster is one zone, named as the cluster */
  zones?: string[];
  nodeGroups: NodeGroupSpec[];
  scheduler: SchedulerSpec;
  clusterAutoscaler: ClusterAutoscalerSpec;
  overprovisioner: OverprovisionerSpec[];
  /** workload name -> replicas at start in this cluster (defaults to the workload's replicas) */
  replicas: Record<string, number>;
  /**
   * CapacityBuffer-style room the cluster-autoscaler keeps free without placeholder pods; turned
   * into virtual pending pods by decisions/autoscaler/buffers.ts at each scan.
   */
  buffers: CapacityBufferSpec[];
  /**
   * The cluster runs Karpenter instead of the cluster-autoscaler: its NodePools, whose offerings
   * are node groups after the scenario's own (those keep their initial nodes and are left alone).
   * Absent = the cluster-autoscaler.
   */
  karpenter?: KarpenterSpec;
}

export interface ShiftSpec {
  atSec: number;
  cluster: string;
  action: 'drain' | 'restore';
  overSec: number;
}

export interface OutageSpec {
  atSec: number;
  cluster: string;
  /**
   * Set when the outage takes one zone of a cluster that spans several: that zone's nodes go
   * NotReady and their pods are evicted after their toleration (sim/node-lifecycle.ts); the
   * cluster's control plane, its other zones and its share of traffic stay. Absent: the whole
   * cluster (a cluster per zone) goes down, and the traffic settings below apply.
   */
  zone?: string;
  forSec: number;
  autoShift: boolean;
  /** how long traffic keeps flowing to the dead zone before it is shifted away */
  detectionDelaySec: number;
  /** ramp of the automatic shift, both away and back */
  shiftOverSec: number;
  /** with autoShift: how long after the zone is back before its traffic starts coming back */
  restoreDelaySec: number;
}

export interface RoutingSpec {
  /** cluster name -> weight (equal by default) */
  weights: Record<string, number>;
  shifts: ShiftSpec[];
  outages: OutageSpec[];
}

export interface SloSpec {
  latencyP99Sec: number;
  errorRate: number;
}

/** A file a scenario read (a trace, an included manifest, Helm values), by its contents. */
export interface InputFile {
  /** relative to the scenario's folder */
  file: string;
  sha256: string;
}

export interface Scenario {
  name: string;
  /** the file the scenario came from, for messages and relative paths */
  file?: string;
  /**
   * Every file the scenario reads besides itself, sorted by name: their contents are part of the
   * scenario's hash, so a baseline or a sweep folder goes stale when a trace changes.
   */
  inputs?: InputFile[];
  seed: number;
  durationSec: number;
  stepSec: number;
  clusters: ClusterSpec[];
  priorityClasses: PriorityClass[];
  workloads: WorkloadSpec[];
  routing: RoutingSpec;
  serving: { model: 'fluid' | 'requests' };
  slo: SloSpec;
  /** currency of the node prices, for the report */
  currency: string;
  /** PodDisruptionBudgets, over every cluster's pods (decisions/disruption/pdb-status.ts computes their status) */
  podDisruptionBudgets: PodDisruptionBudgetSpec[];
  /** absent when the scenario has none */
  daemonSets?: DaemonSetSpec[];
  /** capacity shortages and spot reclaim waves; absent when the scenario has none */
  faults?: FaultsSpec;
  /** rollouts and other changes over time, in the order written; absent when the scenario has none */
  changes?: ChangeSpec[];
}

export type { DeploymentStrategy } from '../decisions/deployment/types.ts';
import type { DeploymentStrategy } from '../decisions/deployment/types.ts';

/** What a new revision changes in a workload's pods; absent keys keep the workload's. */
export interface RevisionSpec {
  requests?: { cpuMilli?: number; memoryBytes?: number };
  limits?: { cpuMilli?: number; memoryBytes?: number };
  serviceTimeMeanSec?: number;
  startupDelay?: DelayDist;
  concurrency?: number;
}

/** When a rollout rolls itself back, as a progressive-delivery gate would. */
export interface RollbackWhenSpec {
  p99AboveSec?: number;
  errorRateAbove?: number;
  /** a bound must stay crossed this long */
  forSec: number;
  progressDeadlineExceeded: boolean;
}

/** A new revision of a workload, rolled out by the Deployment controller. */
/** How a Deployment rolls out (spec.strategy, minReadySeconds, progressDeadlineSeconds). */
export interface DeploymentRolloutSpec {
  strategy: DeploymentStrategy;
  minReadySec: number;
  progressDeadlineSec: number;
}

export interface RolloutSpec {
  kind: 'rollout';
  workload: string;
  /** index into scenario.workloads */
  workloadIndex: number;
  strategy: DeploymentStrategy;
  minReadySec: number;
  progressDeadlineSec: number;
  revision: RevisionSpec;
  rollbackWhen?: RollbackWhenSpec;
}

/** A node group's nodes replaced, a few at a time. */
export interface RotateSpec {
  kind: 'rotate';
  nodeGroup: string;
  /** old nodes drained at once with no replacement up front (the cluster-autoscaler adds room as pods need it) */
  maxUnavailable: number;
  /** replacements launched ahead, each old node drained once its replacement is Ready */
  maxSurge: number;
  /** with a new instance type: the group as each cluster runs it from then on (its size bounds kept) */
  newGroup?: Record<string, NodeGroupSpec>;
}

/** Settings of a cluster changed in its turn: what each target cluster's spec becomes. */
export interface OverrideSpec {
  kind: 'override';
  /** as written, `path=value` */
  sets: string[];
  /** cluster name -> its settings after the change (scheduler, cluster-autoscaler, placeholders, node-group bounds) */
  after: Record<string, ClusterSpec>;
  /** when the override changes HPAs: cluster name -> each workload's HPA after the change (by workload index) */
  hpas?: Record<string, (HpaSpec | undefined)[]>;
}

/** A DaemonSet added, or one of daemonSets: given new requests, from a time on. */
export interface DaemonSetChangeSpec {
  kind: 'daemonSet';
  daemonSet: DaemonSetSpec;
  /** an existing DaemonSet's pods are replaced this many nodes at a time (its RollingUpdate); a new one starts on every node at once */
  maxUnavailable: number;
}

export type ChangeAction = RolloutSpec | RotateSpec | DaemonSetChangeSpec | OverrideSpec;

export interface ChangeSpec {
  atSec: number;
  /** in the order the change goes through them */
  clusters: string[];
  order: 'sequential' | 'parallel';
  waitBetweenClustersSec: number;
  action: ChangeAction;
}
