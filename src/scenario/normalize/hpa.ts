import type { z } from 'zod';
import {
  HPA_DEFAULTS,
  HPA_MAX_POLICY_PERIOD_SEC,
  HPA_MAX_STABILIZATION_SEC,
  HPA_SCALE_DOWN,
  HPA_SCALE_UP,
} from '../defaults.ts';
import type { hpaSchema } from '../schema/workload.ts';
import type { HpaSpec, ScalingRules } from '../types.ts';
import { type At, type IssueSink, ratio, sec } from './context.ts';

type RawHpa = z.output<ReturnType<typeof hpaSchema>>;
type RawRules = NonNullable<NonNullable<RawHpa['behavior']>['scaleUp']>;

export function normalizeHpa(raw: RawHpa, at: At, sink: IssueSink): HpaSpec {
  const minReplicas = raw.min ?? HPA_DEFAULTS.minReplicas;
  if (raw.max < minReplicas) sink.add(at(['max']), `max (${raw.max}) must be at least min (${minReplicas})`);
  const tolerance = raw.tolerance === undefined ? HPA_DEFAULTS.tolerance : ratio(raw.tolerance);
  if (tolerance >= 1) sink.add(at(['tolerance']), `tolerance is a fraction of the target (0.1 = 10%), got ${tolerance}`);
  const syncPeriodSec = raw.syncPeriod === undefined ? HPA_DEFAULTS.syncPeriodSec : sec(raw.syncPeriod);
  if (syncPeriodSec <= 0) sink.add(at(['syncPeriod']), 'syncPeriod must be greater than 0');
  return {
    minReplicas,
    maxReplicas: raw.max,
    targetCPUUtilization: raw.targetCPUUtilization ?? HPA_DEFAULTS.targetCPUUtilization,
    syncPeriodSec,
    tolerance,
    cpuInitializationPeriodSec:
      raw.cpuInitializationPeriod === undefined ? HPA_DEFAULTS.cpuInitializationPeriodSec : sec(raw.cpuInitializationPeriod),
    initialReadinessDelaySec:
      raw.initialReadinessDelay === undefined ? HPA_DEFAULTS.initialReadinessDelaySec : sec(raw.initialReadinessDelay),
    // autoscaling/v2 leaves behavior nil when it is not given, and the controller keeps its older path
    behaviorGiven: raw.behavior !== undefined,
    scaleUp: normalizeRules(raw.behavior?.scaleUp, HPA_SCALE_UP, (sub = []) => at(['behavior', 'scaleUp', ...sub]), sink),
    scaleDown: normalizeRules(raw.behavior?.scaleDown, HPA_SCALE_DOWN, (sub = []) => at(['behavior', 'scaleDown', ...sub]), sink),
  };
}

/** Each field not given keeps the autoscaling/v2 default, as the API server's defaulting does. */
function normalizeRules(raw: RawRules | undefined, defaults: ScalingRules, at: At, sink: IssueSink): ScalingRules {
  const stabilizationWindowSec =
    raw?.stabilizationWindow === undefined ? defaults.stabilizationWindowSec : sec(raw.stabilizationWindow);
  if (stabilizationWindowSec > HPA_MAX_STABILIZATION_SEC) {
    sink.add(at(['stabilizationWindow']), `must be at most ${HPA_MAX_STABILIZATION_SEC}s (1h), as in autoscaling/v2`);
  }
  const policies = raw?.policies
    ? raw.policies.map((p, i) => {
        const periodSec = sec(p.period);
        if (periodSec <= 0 || periodSec > HPA_MAX_POLICY_PERIOD_SEC) {
          sink.add(at(['policies', i, 'period']), `must be greater than 0 and at most ${HPA_MAX_POLICY_PERIOD_SEC}s (30m), as in autoscaling/v2`);
        }
        return { type: p.type, value: p.value, periodSec };
      })
    : defaults.policies.map((p) => ({ ...p }));
  return { stabilizationWindowSec, selectPolicy: raw?.selectPolicy ?? defaults.selectPolicy, policies };
}
