/** An HPA as a scenario gives it: autoscaling/v2 fields with the controller's defaults filled in. */

/** autoscaling/v2 HPAScalingPolicy */
export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSec: number;
}

/** autoscaling/v2 HPAScalingRules */
export interface ScalingRules {
  stabilizationWindowSec: number;
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: ScalingPolicy[];
}

export interface HpaSpec {
  minReplicas: number;
  maxReplicas: number;
  /** percent of the cpu request, e.g. 60 */
  targetCPUUtilization: number;
  syncPeriodSec: number;
  tolerance: number;
  cpuInitializationPeriodSec: number;
  initialReadinessDelaySec: number;
  /**
   * Whether the HPA gives a `behavior` block. With one, the autoscaling/v2 rules below apply (what
   * it leaves out defaulted); without, the controller's older path does (decisions/hpa/legacy.ts):
   * only scaleDown.stabilizationWindowSec is read, as --horizontal-pod-autoscaler-downscale-stabilization.
   */
  behaviorGiven: boolean;
  scaleUp: ScalingRules;
  scaleDown: ScalingRules;
}
