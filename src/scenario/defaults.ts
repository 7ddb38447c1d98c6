/**
 * Every default the scenario format fills in, in one place: Kubernetes' own come from
 * decisions/defaults.ts (where their source is named), the simulator's choices are explained here.
 */
import {
  CLUSTER_AUTOSCALER_DEFAULTS,
  DEPLOYMENT_REPLICAS,
  HPA_DEFAULTS as KUBERNETES_HPA_DEFAULTS,
  HPA_MAX_POLICY_PERIOD_SEC,
  HPA_MAX_STABILIZATION_SEC,
  HPA_SCALE_DOWN_RULES,
  HPA_SCALE_UP_RULES,
  KUBELET_MAX_PODS,
  POD_PRIORITY,
  POD_TERMINATION_GRACE_SEC,
  PROPORTIONAL_DEFAULTS,
  SCHEDULER_RESOURCES,
  SCHEDULER_SCORING,
  UNLIMITED,
} from '../decisions/defaults.ts';
import type { DelayDist, ScalingRules, SchedulerSpec } from './types.ts';

export { CLUSTER_AUTOSCALER_DEFAULTS, HPA_MAX_POLICY_PERIOD_SEC, HPA_MAX_STABILIZATION_SEC, UNLIMITED };

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
  pods: KUBELET_MAX_PODS,
  min: 0,
  expanderPriority: 0,
};

/** A pod's defaults: Kubernetes' for grace, replicas and priority; the others are the simulator's. */
export const WORKLOAD_DEFAULTS = {
  terminationGracePeriodSec: POD_TERMINATION_GRACE_SEC,
  /** (when there is no HPA to start from) */
  replicas: DEPLOYMENT_REPLICAS,
  concurrency: 1,
  /** a common load-balancer request timeout */
  timeoutSec: 30,
  startupDelay: { kind: 'fixed', sec: 0 } as DelayDist,
  priority: POD_PRIORITY,
};

/** kube-controller-manager's HPA flags and the autoscaling/v2 defaults (decisions/defaults.ts). */
export const HPA_DEFAULTS = {
  minReplicas: KUBERNETES_HPA_DEFAULTS.minReplicas,
  targetCPUUtilization: KUBERNETES_HPA_DEFAULTS.targetCPUUtilization,
  syncPeriodSec: KUBERNETES_HPA_DEFAULTS.syncPeriodSec,
  tolerance: KUBERNETES_HPA_DEFAULTS.tolerance,
  cpuInitializationPeriodSec: KUBERNETES_HPA_DEFAULTS.cpuInitializationPeriodSec,
  initialReadinessDelaySec: KUBERNETES_HPA_DEFAULTS.initialReadinessDelaySec,
};

export const HPA_SCALE_UP: Readonly<ScalingRules> = HPA_SCALE_UP_RULES;
export const HPA_SCALE_DOWN: Readonly<ScalingRules> = HPA_SCALE_DOWN_RULES;

export const SCHEDULER_DEFAULTS: SchedulerSpec = {
  scoring: SCHEDULER_SCORING,
  resources: SCHEDULER_RESOURCES.map((r) => ({ ...r })),
};

export const OVERPROVISIONER_DEFAULTS = {
  /** placeholders are pause pods: nothing to drain */
  terminationGracePeriodSec: 0,
  /** the class made up when the scenario has none below its workloads */
  priorityClassName: 'overprovisioning',
  priority: -1,
  pollPeriodSec: PROPORTIONAL_DEFAULTS.pollPeriodSec,
  proportionalMin: PROPORTIONAL_DEFAULTS.min,
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

/** Spot capacity: the notice is AWS's two-minute interruption notice (GCP gives 30 s: set it per group). */
export const SPOT_DEFAULTS = {
  interruptionNoticeSec: 120,
  interruptionRate: 0,
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

/**
 * Karpenter's offerings where the scenario does not price them: spot at this share of the
 * on-demand price (the simulator's assumption; AWS quotes spot "up to 90%" below on-demand, and
 * general-purpose types mostly sit 55–70% below), and spot interruptions as for a spot node group.
 */
export const KARPENTER_SPOT_DEFAULTS = {
  priceRatio: 0.4,
  ...SPOT_DEFAULTS,
};
