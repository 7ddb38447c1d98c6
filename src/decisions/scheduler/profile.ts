/**
 * The scheduler profile a cluster runs (KubeSchedulerConfiguration's one profile, in the parts
 * headroom models): NodeResourcesFit's scoring strategy, resources and shape, each score plugin's
 * weight, PodTopologySpread's default constraints, and preemption's policy names.
 */
import { HEADROOM_SCORE_WEIGHTS, SCHEDULER_RESOURCES, SCHEDULER_SCORING, SCORE_WEIGHTS, SYSTEM_DEFAULT_CONSTRAINTS } from '../defaults.ts';
import { MAX_CUSTOM_PRIORITY_SCORE, MAX_UTILIZATION, type ResourceSpec, type ScoringStrategy, type UtilizationShapePoint } from './framework.ts';
import type { TopologySpreadConstraint } from './placement.ts';

export type { ScoringStrategy, UtilizationShapePoint };
export type PreemptionPolicy = 'PreemptLowerPriority' | 'Never';

/** The score plugins headroom models, in default_plugins.go's order. */
export const SCORE_PLUGINS = [
  'NodeResourcesFit',
  'TaintToleration',
  'NodeAffinity',
  'PodTopologySpread',
  'InterPodAffinity',
  'NodeResourcesBalancedAllocation',
] as const;
export type ScorePluginName = (typeof SCORE_PLUGINS)[number];
export type ScoreWeights = Readonly<Record<ScorePluginName, number>>;

/** `profile: kube-default`: kube-scheduler's own default profile (BalancedAllocation and the system default spread on). */
export const SCHEDULER_PROFILES = ['kube-default'] as const;
export type SchedulerProfileName = (typeof SCHEDULER_PROFILES)[number];

/** PodTopologySpreadArgs.defaultConstraints entries: a constraint without a selector (the pod's workload gives it). */
export type DefaultConstraint = Pick<TopologySpreadConstraint, 'maxSkew' | 'topologyKey' | 'whenUnsatisfiable'>;

export interface SchedulerSpec {
  scoring: ScoringStrategy;
  /** NodeResourcesFit resources and weights; default cpu:1, memory:1 (BalancedAllocation reads the names) */
  resources: readonly ResourceSpec[];
  /** RequestedToCapacityRatio's shape as written (scores 0..10); present with that strategy only */
  shape?: UtilizationShapePoint[];
  /** the preset the profile starts from; absent = headroom's own (no BalancedAllocation, no default spread) */
  profile?: SchedulerProfileName;
  /** every score plugin's weight, 0 = disabled; absent = HEADROOM_SCORE_WEIGHTS */
  scoreWeights?: ScoreWeights;
  /** PodTopologySpreadArgs.defaultingType; absent = no default constraints */
  defaultingType?: 'System' | 'List';
  /** the default constraints in force (System's, or the List given); absent or empty = none */
  defaultConstraints?: DefaultConstraint[];
}

/** The weights the profile scores with. */
export function scoreWeightsOf(spec: Pick<SchedulerSpec, 'scoreWeights'>): ScoreWeights {
  return spec.scoreWeights ?? HEADROOM_SCORE_WEIGHTS;
}

/** A profile as a scenario or `headroom decide schedule` writes it, its values already of the right types. */
export interface SchedulerInput {
  scoring?: ScoringStrategy;
  resources?: readonly ResourceSpec[];
  shape?: readonly UtilizationShapePoint[];
  profile?: SchedulerProfileName;
  scoreWeights?: Partial<Record<ScorePluginName, number>>;
  defaultingType?: 'System' | 'List';
  defaultConstraints?: readonly DefaultConstraint[];
}

/** Where a problem is, relative to the profile's object, and what it is. */
export type ProfileProblem = (path: (string | number)[], message: string) => void;

/**
 * The profile in force: the preset (or headroom's own), then what is given over it; the rules
 * kube-scheduler's validation holds NodeResourcesFitArgs and PodTopologySpreadArgs to
 * (pkg/scheduler/apis/config/validation/validation_pluginargs.go) reported as problems. Keys not
 * given stay absent, so a scenario that gives none has the spec it always had.
 */
export function resolveProfile(raw: SchedulerInput, problem: ProfileProblem): SchedulerSpec {
  const scoring = raw.scoring ?? SCHEDULER_SCORING;
  const spec: SchedulerSpec = { scoring, resources: (raw.resources ?? SCHEDULER_RESOURCES).map((r) => ({ ...r })) };
  const seen = new Set<string>();
  spec.resources.forEach((r, i) => {
    if (seen.has(r.name)) problem(['resources', i, 'name'], `resource ${r.name} is listed twice`);
    seen.add(r.name);
  });
  if (scoring === 'RequestedToCapacityRatio') {
    if (raw.shape === undefined) problem(['shape'], 'RequestedToCapacityRatio needs a shape: [{utilization, score}, ...]');
    else spec.shape = checkedShape(raw.shape, problem);
  } else if (raw.shape !== undefined) problem(['shape'], `shape is read by RequestedToCapacityRatio only, and scoring is ${scoring}`);
  if (raw.profile !== undefined) spec.profile = raw.profile;
  if (raw.profile !== undefined || raw.scoreWeights !== undefined) {
    const base = raw.profile === 'kube-default' ? SCORE_WEIGHTS : HEADROOM_SCORE_WEIGHTS;
    spec.scoreWeights = { ...base, ...raw.scoreWeights };
  }
  const defaulting = raw.defaultingType ?? (raw.defaultConstraints !== undefined ? 'List' : raw.profile === 'kube-default' ? 'System' : undefined);
  if (defaulting === 'System') {
    if (raw.defaultConstraints !== undefined && raw.defaultConstraints.length > 0) {
      problem(['defaultConstraints'], 'defaultConstraints must be empty when defaultingType is System (the system defaults are used)');
    }
    spec.defaultingType = 'System';
    spec.defaultConstraints = SYSTEM_DEFAULT_CONSTRAINTS.map((c) => ({ ...c }));
  } else if (defaulting === 'List') {
    spec.defaultingType = 'List';
    spec.defaultConstraints = checkedDefaultConstraints(raw.defaultConstraints ?? [], problem);
  }
  return spec;
}

/** validateFunctionShape: utilizations 0..100 strictly increasing, scores 0..10, at least one point. */
function checkedShape(shape: readonly UtilizationShapePoint[], problem: ProfileProblem): UtilizationShapePoint[] {
  if (shape.length === 0) problem(['shape'], 'a shape needs at least one point');
  shape.forEach((p, i) => {
    if (!Number.isInteger(p.utilization) || p.utilization < 0 || p.utilization > MAX_UTILIZATION) {
      problem(['shape', i, 'utilization'], `utilization must be a whole number from 0 to ${MAX_UTILIZATION}, got ${p.utilization}`);
    } else if (i > 0 && p.utilization <= shape[i - 1].utilization) {
      problem(['shape', i, 'utilization'], `utilizations must increase from point to point: ${p.utilization} follows ${shape[i - 1].utilization}`);
    }
    if (!Number.isInteger(p.score) || p.score < 0 || p.score > MAX_CUSTOM_PRIORITY_SCORE) {
      problem(['shape', i, 'score'], `score must be a whole number from 0 to ${MAX_CUSTOM_PRIORITY_SCORE}, got ${p.score}`);
    }
  });
  return shape.map((p) => ({ utilization: p.utilization, score: p.score }));
}

/** validateTopologySpreadConstraints for defaults: maxSkew >= 1, one constraint per topologyKey and kind. */
function checkedDefaultConstraints(list: readonly DefaultConstraint[], problem: ProfileProblem): DefaultConstraint[] {
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (!Number.isInteger(c.maxSkew) || c.maxSkew < 1) problem(['defaultConstraints', i, 'maxSkew'], `maxSkew must be a whole number of at least 1, got ${c.maxSkew}`);
    const key = `${c.topologyKey} ${c.whenUnsatisfiable}`;
    if (seen.has(key)) problem(['defaultConstraints', i], `topologyKey ${c.topologyKey} with ${c.whenUnsatisfiable} is listed twice`);
    seen.add(key);
  });
  return list.map((c) => ({ maxSkew: c.maxSkew, topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable }));
}
