/**
 * `headroom decide hpa`: what the Horizontal Pod Autoscaler recommends for these pods.
 *
 * Input (JSON):
 *   { currentReplicas, targetCPUUtilization, tolerance?, cpuInitializationPeriod?,
 *     initialReadinessDelay?, metricWindow?, downscaleStabilization?,
 *     pods: [{ name, phase?: Running|Pending|Failed|Succeeded, ready?, deleting?, startedAgo?,
 *              readySinceAgo?, cpuRequest, cpuUsage? }],
 *     minReplicas?, maxReplicas?, behavior?, history? }
 * Output: { desiredReplicas, utilization }
 *
 * Usage samples are taken now and cover the last `metricWindow` (30s); a pod without `cpuUsage`
 * has no sample. A pod's `startedAgo` defaults to its `readySinceAgo`, and both default to long
 * ago (a pod that has run for ages). Without minReplicas, maxReplicas, behavior, history or
 * downscaleStabilization the answer is the replica calculator's; with any of them it is one whole
 * sync, as the controller runs it: with `behavior` (even `{}`), the autoscaling/v2 rules
 * (stabilization windows and rate policies over `history`, then min/max); without, the
 * controller's older path (the highest recommendation of the last `downscaleStabilization`, then
 * min, max and a scale-up of at most max(2 × current, 4)). `downscaleStabilization` is the
 * controller's flag (5 minutes by default): the older path's window, and a behavior's scale-down
 * window when it gives none. `history` lists what the HPA remembers:
 * `recommendations: [{replicas, ago}]`, and with a behavior `scaleUps: [{pods, ago}]`,
 * `scaleDowns: [{pods, ago}]`; absent, nothing holds the answer back.
 */
import { HeadroomError } from '../errors.ts';
import { parseCpuMilli, parseDurationSec, parseRatio } from '../quantity.ts';
import type { ScalingPolicy, ScalingRules } from '../scenario/types.ts';
import { HPA_DEFAULTS, HPA_MAX_POLICY_PERIOD_SEC, HPA_MAX_STABILIZATION_SEC } from '../decisions/defaults.ts';
import { defaultScaleDownRules, defaultScaleUpRules, emptyHpaState } from '../decisions/hpa/behavior.ts';
import { reconcileHpa } from '../decisions/hpa/controller.ts';
import { calculateReplicas, describeFailure } from '../decisions/hpa/replica-calculator.ts';
import type { HpaBehaviorState, HpaSyncSpec, HpaPod, HpaPodPhase, ReplicaCalcInput, ScaleEvent } from '../decisions/hpa/types.ts';
import {
  DEFAULT_CPU_INITIALIZATION_PERIOD_SEC,
  DEFAULT_INITIAL_READINESS_DELAY_SEC,
  DEFAULT_METRIC_WINDOW_SEC,
  DEFAULT_TOLERANCE,
} from '../decisions/hpa/utilization.ts';
import { atPath, boolean, describe, duration, expectKeys, expectList, expectName, expectObject, inputError, join, wholeNumber } from './pods.ts';

export interface HpaDecision {
  desiredReplicas: number;
  /** integer percent of the request used by the pods that count (Ready, with a sample) */
  utilization: number;
}

/** A pod that says nothing of its age has been running for ten years. */
const LONG_AGO_SEC = 10 * 365 * 86400;

const INPUT_KEYS = [
  'currentReplicas',
  'targetCPUUtilization',
  'tolerance',
  'cpuInitializationPeriod',
  'initialReadinessDelay',
  'metricWindow',
  'downscaleStabilization',
  'pods',
  'minReplicas',
  'maxReplicas',
  'behavior',
  'history',
];
const POD_KEYS = ['name', 'phase', 'ready', 'deleting', 'startedAgo', 'readySinceAgo', 'cpuRequest', 'cpuUsage'];
const PHASES: readonly HpaPodPhase[] = ['Running', 'Pending', 'Failed', 'Succeeded'];
const RULES_KEYS = ['stabilizationWindowSeconds', 'stabilizationWindow', 'selectPolicy', 'policies'];
const POLICY_KEYS = ['type', 'value', 'periodSeconds', 'period'];
const SELECT_POLICIES: readonly ScalingRules['selectPolicy'][] = ['Max', 'Min', 'Disabled'];
const HISTORY_KEYS = ['recommendations', 'scaleUps', 'scaleDowns'];

export function decideHpa(input: unknown): HpaDecision {
  const o = expectObject(input, '', 'an object with currentReplicas, targetCPUUtilization and pods');
  expectKeys(o, INPUT_KEYS, '');
  const calcInput = parseCalcInput(o);
  const calc = calculateReplicas(calcInput);

  const behaviour = parseBehaviourSpec(o);
  if (behaviour === null) {
    if (calc.failure) throw noRecommendation(calc.failure, calcInput.currentReplicas);
    return { desiredReplicas: calc.desiredReplicas, utilization: calc.utilization };
  }
  const state = parseHistory(o.history, 'history');
  const sync = reconcileHpa(
    state,
    { currentReplicas: calcInput.currentReplicas, recommendation: calc.failure ? null : calc.desiredReplicas },
    0,
    behaviour,
  );
  // Out-of-range guards answer without metrics; anything else needs a recommendation.
  if (calc.failure && sync.reason === 'FailedGetResourceMetric') throw noRecommendation(calc.failure, calcInput.currentReplicas);
  return { desiredReplicas: sync.desiredReplicas, utilization: calc.utilization };
}

function noRecommendation(failure: NonNullable<ReturnType<typeof calculateReplicas>['failure']>, current: number): HeadroomError {
  return inputError('pods', `${describeFailure(failure)}: the controller makes no recommendation and keeps ${current} replicas`);
}

function parseCalcInput(o: Record<string, unknown>): ReplicaCalcInput {
  if (o.currentReplicas === undefined) throw inputError('currentReplicas', 'missing: the scale target\'s current replicas');
  const currentReplicas = wholeNumber(o.currentReplicas, 'currentReplicas');
  if (o.targetCPUUtilization === undefined) {
    throw inputError('targetCPUUtilization', 'missing: the target average cpu utilization, percent of the request (e.g. 60)');
  }
  const targetUtilization = wholeNumber(o.targetCPUUtilization, 'targetCPUUtilization');
  if (targetUtilization === 0) throw inputError('targetCPUUtilization', 'must be above 0 percent');
  const tolerance = o.tolerance === undefined ? DEFAULT_TOLERANCE : atPath('tolerance', () => parseRatio(o.tolerance, 'tolerance'));
  const cpuInitializationPeriodSec = duration(o.cpuInitializationPeriod, 'cpuInitializationPeriod', DEFAULT_CPU_INITIALIZATION_PERIOD_SEC);
  const initialReadinessDelaySec = duration(o.initialReadinessDelay, 'initialReadinessDelay', DEFAULT_INITIAL_READINESS_DELAY_SEC);
  const metricWindowSec = duration(o.metricWindow, 'metricWindow', DEFAULT_METRIC_WINDOW_SEC);

  if (o.pods === undefined) throw inputError('pods', 'missing: the pods the HPA selects');
  const seen = new Set<string>();
  const pods = expectList(o.pods, 'pods').map((raw, i) => {
    const pod = parseHpaPod(raw, join('pods', i));
    if (seen.has(pod.name)) throw inputError(join('pods', i, 'name'), `two pods are named "${pod.name}"; the metrics are matched by name`);
    seen.add(pod.name);
    return pod;
  });
  return { currentReplicas, targetUtilization, tolerance, cpuInitializationPeriodSec, initialReadinessDelaySec, metricWindowSec, pods };
}

export function parseHpaPod(raw: unknown, path: string): HpaPod {
  const o = expectObject(raw, path, 'a pod');
  expectKeys(o, POD_KEYS, path);
  const name = expectName(o.name, join(path, 'name'));
  let phase: HpaPodPhase = 'Running';
  if (o.phase !== undefined) {
    if (!PHASES.includes(o.phase as HpaPodPhase)) {
      throw inputError(join(path, 'phase'), `phase must be one of ${PHASES.join(', ')}, got ${describe(o.phase)}`);
    }
    phase = o.phase as HpaPodPhase;
  }
  const ready = o.ready === undefined ? true : boolean(o.ready, join(path, 'ready'));
  const deleting = o.deleting === undefined ? false : boolean(o.deleting, join(path, 'deleting'));
  const readySinceGiven = o.readySinceAgo === undefined ? undefined : duration(o.readySinceAgo, join(path, 'readySinceAgo'), 0);
  const startedAgoSec = o.startedAgo === undefined ? (readySinceGiven ?? LONG_AGO_SEC) : duration(o.startedAgo, join(path, 'startedAgo'), 0);
  const readySinceAgoSec = readySinceGiven ?? startedAgoSec;
  if (o.cpuRequest === undefined) {
    throw inputError(join(path, 'cpuRequest'), 'missing: every pod needs a cpu request, the HPA measures utilization against it');
  }
  const cpuRequestMilli = atPath(join(path, 'cpuRequest'), () => parseCpuMilli(o.cpuRequest, 'cpuRequest'));
  const pod: HpaPod = { name, phase, ready, deleting, startedAgoSec, readySinceAgoSec, cpuRequestMilli };
  if (o.cpuUsage !== undefined) pod.cpuUsageMilli = atPath(join(path, 'cpuUsage'), () => parseCpuMilli(o.cpuUsage, 'cpuUsage'));
  return pod;
}

/** null when the input asks for the calculator alone. */
function parseBehaviourSpec(o: Record<string, unknown>): HpaSyncSpec | null {
  const syncKeys = ['minReplicas', 'maxReplicas', 'behavior', 'history', 'downscaleStabilization'];
  if (syncKeys.every((key) => o[key] === undefined)) return null;
  if (o.maxReplicas === undefined) {
    throw inputError('maxReplicas', 'missing: one whole sync (minReplicas, behavior, history or downscaleStabilization given) needs maxReplicas');
  }
  const minReplicas = o.minReplicas === undefined ? HPA_DEFAULTS.minReplicas : wholeNumber(o.minReplicas, 'minReplicas');
  const maxReplicas = wholeNumber(o.maxReplicas, 'maxReplicas');
  if (maxReplicas < 1) throw inputError('maxReplicas', 'must be at least 1');
  if (minReplicas > maxReplicas) throw inputError('minReplicas', `minReplicas (${minReplicas}) is above maxReplicas (${maxReplicas})`);
  let scaleUp = defaultScaleUpRules();
  let scaleDown = defaultScaleDownRules();
  // The controller's --horizontal-pod-autoscaler-downscale-stabilization: the older path's window,
  // and a behavior's scale-down window when it gives none (the API leaves that one unset for the
  // controller to fill, maybeInitScaleDownStabilizationWindow).
  scaleDown.stabilizationWindowSec = duration(o.downscaleStabilization, 'downscaleStabilization', HPA_DEFAULTS.downscaleStabilizationSec);
  if (o.behavior === undefined) {
    const h = o.history as Record<string, unknown> | undefined;
    for (const key of ['scaleUps', 'scaleDowns']) {
      if (h !== null && typeof h === 'object' && h[key] !== undefined) {
        throw inputError(join('history', key), 'an HPA without behavior remembers no rescales (the controller keeps them only for behavior\'s policies); give a behavior, or leave them out');
      }
    }
    return { minReplicas, maxReplicas, scaleUp, scaleDown, behaviorGiven: false };
  }
  const b = expectObject(o.behavior, 'behavior', 'an object with scaleUp and/or scaleDown');
  expectKeys(b, ['scaleUp', 'scaleDown'], 'behavior');
  if (b.scaleUp !== undefined) scaleUp = parseRules(b.scaleUp, 'behavior.scaleUp', scaleUp);
  if (b.scaleDown !== undefined) scaleDown = parseRules(b.scaleDown, 'behavior.scaleDown', scaleDown);
  return { minReplicas, maxReplicas, scaleUp, scaleDown, behaviorGiven: true };
}

/** HPAScalingRules as a manifest writes them; what is left out comes from the direction's defaults. */
export function parseRules(raw: unknown, path: string, defaults: ScalingRules): ScalingRules {
  const o = expectObject(raw, path, 'scaling rules (stabilizationWindowSeconds, selectPolicy, policies)');
  expectKeys(o, RULES_KEYS, path);
  const rules: ScalingRules = { ...defaults, policies: defaults.policies.map((p) => ({ ...p })) };
  if (o.stabilizationWindowSeconds !== undefined && o.stabilizationWindow !== undefined) {
    throw inputError(join(path, 'stabilizationWindow'), 'give stabilizationWindowSeconds or stabilizationWindow, not both');
  }
  if (o.stabilizationWindowSeconds !== undefined) {
    rules.stabilizationWindowSec = wholeNumber(o.stabilizationWindowSeconds, join(path, 'stabilizationWindowSeconds'));
  } else if (o.stabilizationWindow !== undefined) {
    rules.stabilizationWindowSec = duration(o.stabilizationWindow, join(path, 'stabilizationWindow'), 0);
  }
  if (rules.stabilizationWindowSec > HPA_MAX_STABILIZATION_SEC) {
    throw inputError(join(path, 'stabilizationWindowSeconds'), `must be at most ${HPA_MAX_STABILIZATION_SEC} (one hour), as the API allows`);
  }
  if (o.selectPolicy !== undefined) {
    if (!SELECT_POLICIES.includes(o.selectPolicy as ScalingRules['selectPolicy'])) {
      throw inputError(join(path, 'selectPolicy'), `selectPolicy must be one of ${SELECT_POLICIES.join(', ')}, got ${describe(o.selectPolicy)}`);
    }
    rules.selectPolicy = o.selectPolicy as ScalingRules['selectPolicy'];
  }
  if (o.policies !== undefined) rules.policies = expectList(o.policies, join(path, 'policies')).map((p, i) => parsePolicy(p, join(path, 'policies', i)));
  return rules;
}

function parsePolicy(raw: unknown, path: string): ScalingPolicy {
  const o = expectObject(raw, path, 'a scaling policy {type, value, periodSeconds}');
  expectKeys(o, POLICY_KEYS, path);
  if (o.type !== 'Pods' && o.type !== 'Percent') throw inputError(join(path, 'type'), `type must be Pods or Percent, got ${describe(o.type)}`);
  if (o.value === undefined) throw inputError(join(path, 'value'), 'missing: how many pods, or what percent, per period');
  const value = wholeNumber(o.value, join(path, 'value'));
  if (value < 1) throw inputError(join(path, 'value'), 'must be at least 1');
  let periodSec: number;
  if (o.periodSeconds !== undefined && o.period !== undefined) throw inputError(join(path, 'period'), 'give periodSeconds or period, not both');
  if (o.periodSeconds !== undefined) periodSec = wholeNumber(o.periodSeconds, join(path, 'periodSeconds'));
  else if (o.period !== undefined) periodSec = duration(o.period, join(path, 'period'), 0);
  else throw inputError(join(path, 'periodSeconds'), 'missing: the period the policy counts changes over');
  if (periodSec <= 0 || periodSec > HPA_MAX_POLICY_PERIOD_SEC) {
    throw inputError(join(path, 'periodSeconds'), `must be between 1 and ${HPA_MAX_POLICY_PERIOD_SEC} seconds, as the API allows`);
  }
  return { type: o.type, value, periodSec };
}

/** The remembered recommendations and rescales, with now = 0. */
function parseHistory(raw: unknown, path: string): HpaBehaviorState {
  const state = emptyHpaState();
  if (raw === undefined) return state;
  const o = expectObject(raw, path, 'an object with recommendations, scaleUps and/or scaleDowns');
  expectKeys(o, HISTORY_KEYS, path);
  if (o.recommendations !== undefined) {
    state.recommendations = expectList(o.recommendations, join(path, 'recommendations')).map((r, i) => {
      const p = join(path, 'recommendations', i);
      const e = expectObject(r, p, 'a recommendation {replicas, ago}');
      expectKeys(e, ['replicas', 'ago'], p);
      if (e.replicas === undefined) throw inputError(join(p, 'replicas'), 'missing: the replicas recommended');
      return { replicas: wholeNumber(e.replicas, join(p, 'replicas')), atSec: -ago(e.ago, join(p, 'ago')) };
    });
  }
  state.scaleUpEvents = parseEvents(o.scaleUps, join(path, 'scaleUps'));
  state.scaleDownEvents = parseEvents(o.scaleDowns, join(path, 'scaleDowns'));
  return state;
}

function parseEvents(raw: unknown, path: string): ScaleEvent[] {
  if (raw === undefined) return [];
  return expectList(raw, path).map((r, i) => {
    const p = join(path, i);
    const e = expectObject(r, p, 'a rescale {pods, ago}');
    expectKeys(e, ['pods', 'ago'], p);
    if (e.pods === undefined) throw inputError(join(p, 'pods'), 'missing: how many pods the rescale added or removed');
    return { change: wholeNumber(e.pods, join(p, 'pods')), atSec: -ago(e.ago, join(p, 'ago')), outdated: false };
  });
}

function ago(raw: unknown, path: string): number {
  if (raw === undefined) throw inputError(path, 'missing: how long ago (e.g. "90s" or 90)');
  return duration(raw, path, 0);
}
