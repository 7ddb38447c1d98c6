/**
 * Kubernetes' defaults, each written once, with the upstream place it comes from. The scenario's
 * defaults (scenario/defaults.ts), `headroom decide` and the simulation all read them from here;
 * a default that is the simulator's own choice and not Kubernetes' lives in scenario/defaults.ts.
 */
import type { BackoffOptions } from './autoscaler/backoff.ts';
import type { ClusterAutoscalerSpec } from './autoscaler/options.ts';
import type { ScalingRules } from './hpa/spec.ts';
import type { ResourceSpec, ScoringStrategy } from './scheduler/framework.ts';

/** Stands for "no limit" where Kubernetes writes 0 for it (--max-nodes-total, a proportional max). */
export const UNLIMITED = 1_000_000_000;

// ---- core API and kubelet ----

/** The kubelet's --max-pods (KubeletConfiguration.maxPods). */
export const KUBELET_MAX_PODS = 110;
/** PodSpec.terminationGracePeriodSeconds (pkg/apis/core/v1/defaults.go). */
export const POD_TERMINATION_GRACE_SEC = 30;
/**
 * The kubelet's restart back-off of a crashed container (CrashLoopBackOff): pkg/kubelet/kubelet.go
 * backOffPeriod (10 s, doubling) and MaxContainerBackOff (300 s); client-go's flowcontrol.Backoff
 * forgets a container's back-off once it has gone 2 × the maximum (10 min) without a new one.
 */
export const CRASH_LOOP_BACKOFF = Object.freeze({ initialSec: 10, maxSec: 300, resetAfterSec: 600 });
/**
 * The grace period the kubelet gives a pod it evicts for node pressure past a hard threshold
 * (pkg/kubelet/eviction/eviction_manager.go, immediateEvictionGracePeriodSeconds).
 */
export const NODE_PRESSURE_EVICTION_GRACE_SEC = 1;
/**
 * A node under memory pressure carries the MemoryPressure condition, and so the taint
 * node.kubernetes.io/memory-pressure:NoSchedule (k8s.io/api/core/v1 well_known_taints.go, set by the
 * node lifecycle controller's TaintNodesByCondition), until the pressure has been gone for the
 * kubelet's evictionPressureTransitionPeriod (5m, pkg/kubelet/apis/config/v1beta1 defaults).
 */
export const MEMORY_PRESSURE_TAINT = Object.freeze({ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' as const });
export const EVICTION_PRESSURE_TRANSITION_SEC = 300;
/** cpu.shares per core and the least a container gets (pkg/kubelet/cm/helpers_linux.go, SharesPerCPU and MinShares). */
export const CPU_SHARES_PER_CORE = 1024;
export const CPU_MIN_SHARES = 2;
/** DeploymentSpec.replicas (pkg/apis/apps/v1/defaults.go). */
export const DEPLOYMENT_REPLICAS = 1;
/** The priority of a pod whose class is not named when no class is globalDefault (scheduling/v1). */
export const POD_PRIORITY = 0;

// ---- kube-scheduler ----

/**
 * What scoring charges a container that names no request (pkg/scheduler/util/pod_resources.go,
 * DefaultMilliCPURequest and DefaultMemoryRequest); the Fit filter charges it nothing.
 */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** NodeResourcesFitArgs' default scoring strategy and resources (pkg/scheduler/apis/config/v1/defaults.go). */
export const SCHEDULER_SCORING: ScoringStrategy = 'LeastAllocated';
export const SCHEDULER_RESOURCES: readonly ResourceSpec[] = Object.freeze([
  Object.freeze({ name: 'cpu', weight: 1 }),
  Object.freeze({ name: 'memory', weight: 1 }),
] as ResourceSpec[]);

/**
 * Score weights of the default profile's plugins headroom models (pkg/scheduler/apis/config/v1/
 * default_plugins.go): TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2,
 * NodeResourcesFit 1, NodeResourcesBalancedAllocation 1.
 */
export const SCORE_WEIGHTS = Object.freeze({
  NodeResourcesFit: 1,
  TaintToleration: 3,
  NodeAffinity: 2,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesBalancedAllocation: 1,
});

/**
 * headroom's own profile when a scenario names none: kube-scheduler's weights without
 * BalancedAllocation, the profile every scenario written before it ran with (their outputs stay
 * as they were); `scheduler.profile: kube-default` switches to SCORE_WEIGHTS.
 */
export const HEADROOM_SCORE_WEIGHTS = Object.freeze({ ...SCORE_WEIGHTS, NodeResourcesBalancedAllocation: 0 });

/** Well-known node labels (k8s.io/api/core/v1 well_known_labels.go) the simulation sets on every node. */
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_INSTANCE_TYPE = 'node.kubernetes.io/instance-type';
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';

/**
 * PodTopologySpread's system default constraints (podtopologyspread/plugin.go,
 * systemDefaultConstraints), applied under defaultingType System to a pod that gives no
 * constraint of its own, with its workload's selector.
 */
export const SYSTEM_DEFAULT_CONSTRAINTS = Object.freeze([
  Object.freeze({ topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway' as const, maxSkew: 3 }),
  Object.freeze({ topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway' as const, maxSkew: 5 }),
]);

/** RollingUpdateDaemonSet's maxUnavailable (pkg/apis/apps/v1/defaults.go): one node's pod replaced at a time. */
export const DAEMONSET_MAX_UNAVAILABLE = 1;

/** DaemonSet pods run in this class unless told otherwise, as node agents do (system-node-critical). */
export const DAEMONSET_PRIORITY = 2_000_001_000;

/** DefaultPreemptionArgs (pkg/scheduler/apis/config/v1/defaults.go). */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

// ---- node lifecycle and taint eviction (kube-controller-manager) ----

/** the taint the node lifecycle controller puts on a node that stopped reporting (v1.TaintNodeUnreachable) */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/**
 * --node-monitor-grace-period: how long a node may go without a heartbeat before the node
 * lifecycle controller sets its Ready condition Unknown; 50 s since Kubernetes 1.32
 * (kubernetes/kubernetes#126287; 40 s before).
 */
export const NODE_MONITOR_GRACE_PERIOD_SEC = 50;
/**
 * --node-eviction-rate: nodes per second the controller taints NoExecute in a zone that is not
 * partially disrupted (a zone wholly down is "FullDisruption" and keeps this rate while another
 * zone of the cluster is healthy: node_lifecycle_controller.go setLimiterInZone); the token
 * bucket's burst is 1.
 */
export const NODE_EVICTION_RATE_PER_SEC = 0.1;
/**
 * The DefaultTolerationSeconds admission plugin (plugin/pkg/admission/defaulttolerationseconds):
 * a pod that does not tolerate node.kubernetes.io/unreachable:NoExecute (nor not-ready) gets a
 * toleration of it for 300 s (--default-unreachable-toleration-seconds).
 */
export const DEFAULT_UNREACHABLE_TOLERATION_SEC = 300;

// ---- cluster-autoscaler (cluster-autoscaler/config/flags/flags.go) ----

/**
 * The cluster-autoscaler's flag defaults. The expander is the scenario's own default, `random`:
 * the binary's default until 2025, since then least-waste (kubernetes/autoscaler#7631).
 * scaleDownDelayAfterDelete follows scanInterval, as the flag does, so it is not listed; the
 * backoff flags are NODE_GROUP_BACKOFF below; --balance-similar-node-groups is off unless a scenario turns it on.
 */
export const CLUSTER_AUTOSCALER_DEFAULTS: Readonly<Omit<ClusterAutoscalerSpec, 'scaleDownDelayAfterDeleteSec' | 'nodeGroupBackoff' | 'balanceSimilarNodeGroups'>> = Object.freeze<Omit<ClusterAutoscalerSpec, 'scaleDownDelayAfterDeleteSec' | 'nodeGroupBackoff' | 'balanceSimilarNodeGroups'>>({
  scanIntervalSec: 10,
  expanders: ['random'],
  scaleDownEnabled: true,
  scaleDownUnneededTimeSec: 600,
  scaleDownUtilizationThreshold: 0.5,
  scaleDownDelayAfterAddSec: 600,
  scaleDownDelayAfterFailureSec: 180,
  maxNodeProvisionTimeSec: 900,
  /** --max-nodes-total=0 means no limit */
  maxNodesTotal: UNLIMITED,
  maxNodesPerScaleUp: 1000,
  maxEmptyBulkDelete: 10,
  /** --expendable-pods-priority-cutoff: pods below it never make the autoscaler add a node */
  expendablePodsPriorityCutoff: -10,
  newPodScaleUpDelaySec: 0,
});

/**
 * --ok-total-unready-count and --max-total-unready-percentage: the cluster (or a node group) is
 * unhealthy when more than 3 of its nodes and more than 45% of them are unready
 * (clusterstate/clusterstate.go IsClusterHealthy, IsNodeGroupHealthy).
 */
export const OK_TOTAL_UNREADY_COUNT = 3;
export const MAX_TOTAL_UNREADY_PERCENTAGE = 45;
/** --unremovable-node-recheck-timeout */
export const UNREMOVABLE_NODE_RECHECK_SEC = 300;
/** --max-drain-parallelism */
export const MAX_DRAIN_PARALLELISM = 1;
/**
 * --initial-node-group-backoff-duration, --max-node-group-backoff-duration and
 * --node-group-backoff-reset-timeout: a group whose scale-up failed is not asked again for 5 m,
 * then 10, 20, 30 m on further failures; it starts again from 5 m after 3 h without one.
 */
export const NODE_GROUP_BACKOFF: Readonly<BackoffOptions> = Object.freeze({ initialSec: 300, maxSec: 1800, resetTimeoutSec: 10_800 });
/**
 * The autoscaler's unschedulablePodTimeBuffer (core/static_autoscaler.go): when every pending pod
 * is younger than this, more are probably on the way, so it waits one loop.
 */
export const UNSCHEDULABLE_POD_TIME_BUFFER_SEC = 2;

// ---- Horizontal Pod Autoscaler (kube-controller-manager flags, autoscaling/v2 defaulting) ----

/** The HPA controller's flags and the API's defaults that it reads. */
export const HPA_DEFAULTS = Object.freeze({
  /** HorizontalPodAutoscalerSpec.minReplicas */
  minReplicas: 1,
  /** autoscaling/v1's targetCPUUtilizationPercentage default, and `kubectl autoscale`'s */
  targetCPUUtilization: 80,
  /** --horizontal-pod-autoscaler-sync-period */
  syncPeriodSec: 15,
  /** --horizontal-pod-autoscaler-tolerance */
  tolerance: 0.1,
  /** --horizontal-pod-autoscaler-cpu-initialization-period */
  cpuInitializationPeriodSec: 300,
  /** --horizontal-pod-autoscaler-initial-readiness-delay */
  initialReadinessDelaySec: 30,
  /** --horizontal-pod-autoscaler-downscale-stabilization */
  downscaleStabilizationSec: 300,
  /**
   * the window a pod's cpu sample covers, ending at the sync: a pod Ready for less than this may
   * still show start-up cpu (the controller compares the sample's window with the Ready time)
   */
  metricWindowSec: 30,
});

/**
 * An HPA without `behavior` caps a scale-up at max(scaleUpLimitFactor × current,
 * scaleUpLimitMinimum) (pkg/controller/podautoscaler/horizontal.go, calculateScaleUpLimit).
 */
export const HPA_SCALE_UP_LIMIT_FACTOR = 2;
export const HPA_SCALE_UP_LIMIT_MINIMUM = 4;

/** autoscaling/v2 default scale-up rules (GenerateHPAScaleUpRules): double, or add 4 pods, every 15 s. */
export const HPA_SCALE_UP_RULES: Readonly<ScalingRules> = Object.freeze<ScalingRules>({
  stabilizationWindowSec: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Percent', value: 100, periodSec: 15 },
    { type: 'Pods', value: 4, periodSec: 15 },
  ],
});

/** autoscaling/v2 default scale-down rules (GenerateHPAScaleDownRules): any amount every 15 s, after 5 minutes. */
export const HPA_SCALE_DOWN_RULES: Readonly<ScalingRules> = Object.freeze<ScalingRules>({
  stabilizationWindowSec: HPA_DEFAULTS.downscaleStabilizationSec,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSec: 15 }],
});

/** API validation limits of HPAScalingRules (pkg/apis/autoscaling/validation). */
export const HPA_MAX_STABILIZATION_SEC = 3600;
export const HPA_MAX_POLICY_PERIOD_SEC = 1800;

/** A fresh copy of a direction's rules, for callers that fill in or change them. */
export function copyRules(rules: Readonly<ScalingRules>): ScalingRules {
  return { ...rules, policies: rules.policies.map((p) => ({ ...p })) };
}

// ---- cluster-proportional-autoscaler ----

export const PROPORTIONAL_DEFAULTS = Object.freeze({
  /** --poll-period-seconds */
  pollPeriodSec: 10,
  /** the linear controller reads a min of 0 (or none) as 1 (linear_controller.go, parseParams) */
  min: 1,
});

// ---- Vertical Pod Autoscaler recommender ----
// vertical-pod-autoscaler/pkg/recommender/model/aggregations_config.go (the aggregation) and
// pkg/recommender/logic/recommender.go (the flags of the estimators).

export const VPA_DEFAULTS = Object.freeze({
  /** --memory-aggregation-interval: one memory peak per container per interval */
  memoryAggregationIntervalSec: 24 * 3600,
  /** --memory-aggregation-interval-count: the history is this many intervals long */
  memoryAggregationIntervalCount: 8,
  /** DefaultHistogramBucketSizeGrowth: each bucket 5% wider than the one before */
  histogramBucketSizeGrowth: 0.05,
  /** --cpu-histogram-decay-half-life and --memory-histogram-decay-half-life */
  cpuHalfLifeSec: 24 * 3600,
  memoryHalfLifeSec: 24 * 3600,
  /**
   * The cpu histogram's first bucket, in cores. cpuHistogramOptions() passes 0.01 core in the
   * releases (and in the comment above it); the newest stored source passes 0.001. A choice here,
   * not a guess: `cpuFirstBucketCores` in the options picks the other.
   */
  cpuFirstBucketCores: 0.01,
  cpuHistogramMaxCores: 1000,
  /** memoryHistogramOptions(): the first bucket is 10 MB (1e7 bytes), the last starts at 1 TB */
  memoryFirstBucketBytes: 1e7,
  memoryHistogramMaxBytes: 1e12,
  /** --oom-bump-up-ratio and --oom-min-bump-up-bytes */
  oomBumpUpRatio: 1.2,
  oomMinBumpUpBytes: 100 * 1024 * 1024,
  /** --recommendation-margin-fraction */
  safetyMarginFraction: 0.15,
  /** --pod-recommendation-min-cpu-millicores and --pod-recommendation-min-memory-mb (MiB: mb × 1024 × 1024) */
  podMinCpuMillicores: 25,
  podMinMemoryMb: 250,
  /** --target-cpu-percentile, --recommendation-lower-bound-cpu-percentile, ...-upper-bound-... (memory the same) */
  targetPercentile: 0.9,
  lowerBoundPercentile: 0.5,
  upperBoundPercentile: 0.95,
  /** --confidence-interval-cpu and --confidence-interval-memory */
  confidenceIntervalSec: 24 * 3600,
});

// ---- Deployment controller (pkg/apis/apps/v1/defaults.go) ----

/** DeploymentSpec defaults: RollingUpdate with 25% surge and 25% unavailable, 600 s to make progress, no minReadySeconds. */
export const DEPLOYMENT_DEFAULTS = Object.freeze({
  maxSurgePercent: 25,
  maxUnavailablePercent: 25,
  progressDeadlineSec: 600,
  minReadySec: 0,
});

/**
 * Karpenter's defaults: the batcher's windows (kubernetes-sigs/karpenter pkg/operator/options,
 * BATCH_IDLE_DURATION 1s, BATCH_MAX_DURATION 10s), the unavailable-offerings cache TTL
 * (aws/karpenter-provider-aws pkg/cache UnavailableOfferingsTTL, 3m), the disruption controller's
 * polling period (pkg/controllers/disruption/controller.go, 10s) and a v1 NodePool's defaults
 * (pkg/apis/v1/nodepool.go: consolidationPolicy WhenEmptyOrUnderutilized, consolidateAfter 0s,
 * expireAfter 720h, one budget of 10% of the nodes, weight 0).
 */
export const KARPENTER_DEFAULTS = Object.freeze({
  batchIdleDurationSec: 1,
  batchMaxDurationSec: 10,
  unavailableOfferingsTtlSec: 180,
  disruptionPollSec: 10,
  consolidationPolicy: 'WhenEmptyOrUnderutilized' as const,
  consolidateAfterSec: 0,
  expireAfterSec: 720 * 3600,
  budgetNodesPercent: 10,
  weight: 0,
});

/** The well-known labels and annotation Karpenter sets and reads (pkg/apis/v1/labels.go). */
export const LABEL_NODEPOOL = 'karpenter.sh/nodepool';
export const LABEL_CAPACITY_TYPE = 'karpenter.sh/capacity-type';
export const ANNOTATION_DO_NOT_DISRUPT = 'karpenter.sh/do-not-disrupt';
