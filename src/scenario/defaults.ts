/**
 * Every default the scenario format fills in, in one place. Kubernetes' own defaults where
 * Kubernetes has one (the source is named), otherwise a choice explained here.
 */
import type { ClusterAutoscalerSpec, DelayDist, ScalingRules, SchedulerSpec } from './types.ts';

/** Stands for "no limit" where the format uses 0 for it (maxNodesTotal, proportional max). */
export const UNLIMITED = 1_000_000_000;

export const SCENARIO_DEFAULTS = {
  seed: 1,
  durationSec: 3600,
  /** sampling step of the metrics and of the fluid serving model */
  stepSec: 10,
  /** a scenario that names no clusters has one */
  clusters: ['default'],
  currency: 'USD',
  serving: { model: 'fluid' as const },
  slo: { latencyP99Sec: 0.25, errorRate: 0.001 },
  /** more steps than this is a typo in step or duration, not a plan */
  maxSteps: 10_000_000,
};

export const NODE_GROUP_DEFAULTS = {
  /** the kubelet's --max-pods */
  pods: 110,
  min: 0,
  expanderPriority: 0,
};

/** A pod's defaults: Kubernetes' for grace; the others are the simulator's. */
export const WORKLOAD_DEFAULTS = {
  /** PodSpec.terminationGracePeriodSeconds */
  terminationGracePeriodSec: 30,
  /** Deployment.spec.replicas (when there is no HPA to start from) */
  replicas: 1,
  concurrency: 1,
  /** a common load-balancer request timeout */
  timeoutSec: 30,
  startupDelay: { kind: 'fixed', sec: 0 } as DelayDist,
  /** priority of a pod whose class is not named and no class is globalDefault */
  priority: 0,
};

/** kube-controller-manager's HPA flags and the autoscaling/v2 defaults. */
export const HPA_DEFAULTS = {
  minReplicas: 1,
  /** `kubectl autoscale`'s default target */
  targetCPUUtilization: 80,
  /** --horizontal-pod-autoscaler-sync-period */
  syncPeriodSec: 15,
  /** --horizontal-pod-autoscaler-tolerance */
  tolerance: 0.1,
  /** --horizontal-pod-autoscaler-cpu-initialization-period */
  cpuInitializationPeriodSec: 300,
  /** --horizontal-pod-autoscaler-initial-readiness-delay */
  initialReadinessDelaySec: 30,
};

/** autoscaling/v2 default behavior (SetDefaults_HorizontalPodAutoscalerBehavior). */
export const HPA_SCALE_UP: ScalingRules = {
  stabilizationWindowSec: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Percent', value: 100, periodSec: 15 },
    { type: 'Pods', value: 4, periodSec: 15 },
  ],
};
export const HPA_SCALE_DOWN: ScalingRules = {
  /** --horizontal-pod-autoscaler-downscale-stabilization */
  stabilizationWindowSec: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSec: 15 }],
};
/** API validation limits of HPAScalingRules */
export const HPA_MAX_STABILIZATION_SEC = 3600;
export const HPA_MAX_POLICY_PERIOD_SEC = 1800;

/** cluster-autoscaler's flag defaults (delayAfterDelete follows scanInterval, as the flag does). */
export const CLUSTER_AUTOSCALER_DEFAULTS: Omit<ClusterAutoscalerSpec, 'scaleDownDelayAfterDeleteSec'> = {
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
  expendablePodsPriorityCutoff: -10,
  newPodScaleUpDelaySec: 0,
};

export const SCHEDULER_DEFAULTS: SchedulerSpec = {
  scoring: 'LeastAllocated',
  resources: [
    { name: 'cpu', weight: 1 },
    { name: 'memory', weight: 1 },
  ],
};

export const OVERPROVISIONER_DEFAULTS = {
  /** placeholders are pause pods: nothing to drain */
  terminationGracePeriodSec: 0,
  /** the class made up when the scenario has none below its workloads */
  priorityClassName: 'overprovisioning',
  priority: -1,
  /** cluster-proportional-autoscaler --poll-period-seconds */
  pollPeriodSec: 10,
  /** cluster-proportional-autoscaler reads a min of 0 (or none) as 1 */
  proportionalMin: 1,
};

export const TRAFFIC_DEFAULTS = {
  interpolate: 'step' as const,
  scale: 1,
  speedup: 1,
  loop: false,
  offsetSec: 0,
  generatorBase: 0,
  noise: 0,
  diurnalPeriodSec: 86_400,
};

export const ROUTING_DEFAULTS = {
  weight: 1,
  shiftOverSec: 60,
  outageAutoShift: false,
  outageDetectionDelaySec: 30,
  outageShiftOverSec: 60,
  /** traffic starts back the moment the zone is (a planner may wait for its pods to be Ready) */
  outageRestoreDelaySec: 0,
};
