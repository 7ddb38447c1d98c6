/**
 * The Horizontal Pod Autoscaler's inputs and answers as plain data: what one sync sees of the
 * workload's pods, the counts the simulation keeps instead of pods, and the history the
 * autoscaling/v2 behaviour reads (recommendations and scale events, with their times).
 *
 * Times are seconds on one clock (the simulation's, or 0 = now for `headroom decide`); ages
 * (`...AgoSec`) are seconds before the sync.
 */
import type { HpaSpec } from './spec.ts';

export type HpaPodPhase = 'Running' | 'Pending' | 'Failed' | 'Succeeded';

/** One pod selected by the HPA, as the controller's pod lister and metrics client show it. */
export interface HpaPod {
  name: string;
  phase: HpaPodPhase;
  /** the pod's Ready condition */
  ready: boolean;
  /** has a deletion timestamp (terminating) */
  deleting: boolean;
  /** time since status.startTime */
  startedAgoSec: number;
  /** time since the Ready condition last changed (lastTransitionTime) */
  readySinceAgoSec: number;
  /** sum of the containers' cpu requests */
  cpuRequestMilli: number;
  /**
   * cpu usage over the metric window, whole millicores as the metrics API reports them;
   * absent when the metrics API returned nothing for the pod
   */
  cpuUsageMilli?: number;
}

/** How the controller's groupPods sorts a pod for a cpu utilization metric. */
export type HpaPodGroup =
  /** counted: has a usage sample that reflects a warmed-up, ready pod */
  | 'ready'
  /** Pending, or its sample may show start-up cpu: left out, or counted at 0% on a scale-up */
  | 'unready'
  /** running but no sample: counted at 0% on a scale-up, at max(100%, target) on a scale-down */
  | 'missing'
  /** terminating or Failed: never counted */
  | 'ignored';

/** The controller's flags that decide which samples it trusts. */
export interface PodGroupOptions {
  /** --horizontal-pod-autoscaler-cpu-initialization-period (default 300 s) */
  cpuInitializationPeriodSec?: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay (default 30 s) */
  initialReadinessDelaySec?: number;
  /** the window the metrics API averages usage over; samples are taken at the sync (default 30 s) */
  metricWindowSec?: number;
}

export interface ReplicaCalcInput extends PodGroupOptions {
  /** the scale target's spec.replicas */
  currentReplicas: number;
  /** target average cpu utilization, percent of the request */
  targetUtilization: number;
  /** no change while the usage ratio is within 1 ± tolerance (default 0.1) */
  tolerance?: number;
  pods: HpaPod[];
}

/**
 * The same sync described by counts, for the simulation: every pod of a group is summed.
 * `calculateReplicasFromCounts` gives the answer `calculateReplicas` gives for the pods.
 */
export interface ReplicaCounts {
  currentReplicas: number;
  /** target average cpu utilization, percent of the request */
  target: number;
  /** default 0.1 */
  tolerance?: number;
  readyCount: number;
  readyUsageMilliTotal: number;
  readyRequestMilliTotal: number;
  unreadyCount: number;
  unreadyRequestMilliTotal: number;
  missingCount: number;
  missingRequestMilliTotal: number;
  /**
   * what the missing pods are assumed to use on a scale-down: the sum over them of
   * floor(request × max(100, target) / 100). Absent: computed from the total request, which is
   * exact whenever target ≤ 100 (see `missingFallbackUsageMilli`).
   */
  missingFallbackUsageMilliTotal?: number;
  ignoredCount: number;
}

/** Why the controller could not compute a recommendation this sync (it then keeps the scale). */
export type ReplicaCalcFailure =
  /** the selector matched no pod */
  | 'NoPods'
  /** no pod is counted: none has a trusted usage sample (pods might be unready) */
  | 'NoMetrics'
  /** the counted pods request no cpu, so utilization is undefined */
  | 'ZeroRequests';

export interface ReplicaCalculation {
  /** the recommendation (the current replicas when there is no change, or on failure) */
  desiredReplicas: number;
  /** integer percent of the request used by the counted (ready, sampled) pods; 0 on failure */
  utilization: number;
  failure?: ReplicaCalcFailure;
}

/** An unstabilized recommendation the controller remembers for its stabilization windows. */
export interface TimestampedRecommendation {
  replicas: number;
  atSec: number;
}

/** A rescale the controller remembers for its rate policies. */
export interface ScaleEvent {
  /** pods added (scale-up list) or removed (scale-down list), positive */
  change: number;
  atSec: number;
  /**
   * older than the direction's longest policy period when last checked: its slot may be reused
   * by the next event (the controller reuses one slot per event, so old events can linger and
   * still count for the other direction's longer periods)
   */
  outdated: boolean;
}

/** Everything an HPA remembers between syncs. */
export interface HpaBehaviorState {
  recommendations: TimestampedRecommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

/** The part of the HPA spec the behaviour reads. */
export type BehaviorSpec = Pick<HpaSpec, 'minReplicas' | 'maxReplicas' | 'scaleUp' | 'scaleDown'>;

/**
 * The part of the HPA spec one sync reads: the behaviour's, and whether a `behavior` is given at
 * all (false: the controller's older path, legacy.ts, which reads only minReplicas, maxReplicas
 * and scaleDown.stabilizationWindowSec as the downscale-stabilization flag).
 */
export type HpaSyncSpec = BehaviorSpec & Pick<HpaSpec, 'behaviorGiven'>;

/** Condition reasons the controller reports for a sync's outcome. */
export type RateLimitReason = 'DesiredWithinRange' | 'ScaleUpLimit' | 'TooManyReplicas' | 'ScaleDownLimit' | 'TooFewReplicas';
