/**
 * PodDisruptionBudget status as Kubernetes' disruption controller computes it
 * (pkg/controller/disruption: getExpectedPodCount, countHealthyPods, updatePdbStatus), from plain
 * data, so the scheduler's preemption and the autoscaler's scale-down can read disruptionsAllowed.
 *
 *   maxUnavailable (count or percent):  expected = Σ desired replicas of the pods' owners
 *                                        desiredHealthy = max(0, expected − maxUnavailable),
 *                                        a percent of expected rounded up
 *   minAvailable count:                  expected = matching pods; desiredHealthy = the count
 *   minAvailable percent:                expected = Σ owners' desired replicas;
 *                                        desiredHealthy = percent of expected, rounded up
 *   neither:                             expected = 0
 *   disruptionsAllowed = currentHealthy − desiredHealthy, or 0 when that is negative or
 *   expected ≤ 0; currentHealthy = matching pods Ready and not terminating.
 *
 * A pod with no owner is unmanaged: it counts as healthy but adds no scale. A pod whose owner's
 * scale is unknown makes the controller fail safe: no disruption allowed.
 */
import type { PodDisruptionBudgetSpec, IntOrPercent } from './types.ts';
import type { PodDisruptionBudget } from '../scheduler/types.ts';

export interface PdbPod {
  labels: Readonly<Record<string, string>>;
  ready: boolean;
  /** being deleted (e.g. a preemption victim in its grace period): never healthy */
  terminating?: boolean;
  /** the controller (Deployment) the pod belongs to, a key of `scales` */
  owner?: string;
}

export interface PdbStatus {
  expectedPods: number;
  desiredHealthy: number;
  currentHealthy: number;
  disruptionsAllowed: number;
}

/** An empty selector selects every pod, as an empty label selector does. */
export function selects(matchLabels: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const key in matchLabels) if (labels[key] !== matchLabels[key]) return false;
  return true;
}

/** intstr.GetScaledValueFromIntOrPercent: a percent of `total`, rounded up or down. */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (v.kind === 'count') return v.value;
  const exact = (v.value * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** `scales`: owner name -> its desired replicas (the Deployment's spec.replicas as the HPA set it). */
export function pdbStatus(spec: PodDisruptionBudgetSpec, pods: readonly PdbPod[], scales: Readonly<Record<string, number>>): PdbStatus {
  const matched = pods.filter((p) => selects(spec.matchLabels, p.labels));
  const currentHealthy = matched.filter((p) => p.ready && !p.terminating).length;
  let expectedPods = 0;
  let desiredHealthy = 0;
  if (spec.maxUnavailable !== undefined) {
    const scale = expectedScale(matched, scales);
    if (scale === undefined) return failSafe(currentHealthy);
    expectedPods = scale;
    desiredHealthy = Math.max(0, expectedPods - scaledValue(spec.maxUnavailable, expectedPods, true));
  } else if (spec.minAvailable !== undefined) {
    if (spec.minAvailable.kind === 'count') {
      desiredHealthy = spec.minAvailable.value;
      expectedPods = matched.length;
    } else {
      const scale = expectedScale(matched, scales);
      if (scale === undefined) return failSafe(currentHealthy);
      expectedPods = scale;
      desiredHealthy = scaledValue(spec.minAvailable, expectedPods, true);
    }
  }
  let disruptionsAllowed = currentHealthy - desiredHealthy;
  if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  return { expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed };
}

/** Σ desired replicas over the distinct owners of the pods; undefined when an owner is unknown. */
function expectedScale(pods: readonly PdbPod[], scales: Readonly<Record<string, number>>): number | undefined {
  const owners = new Set<string>();
  for (const p of pods) if (p.owner !== undefined) owners.add(p.owner);
  let total = 0;
  for (const o of owners) {
    const s = scales[o];
    if (s === undefined) return undefined;
    total += s;
  }
  return total;
}

function failSafe(currentHealthy: number): PdbStatus {
  return { expectedPods: 0, desiredHealthy: 0, currentHealthy, disruptionsAllowed: 0 };
}

/**
 * The PodDisruptionBudgets of one cluster as preemption and scale-down read them. Call it with the
 * cluster's pods (workloads' and placeholders') each time a decision needs them; PDBs apply per
 * cluster, as each zone is its own Kubernetes cluster.
 */
export function currentPdbs(
  specs: readonly PodDisruptionBudgetSpec[],
  pods: readonly PdbPod[],
  scales: Readonly<Record<string, number>>,
): PodDisruptionBudget[] {
  return specs.map((spec) => ({
    name: spec.name,
    matchLabels: { ...spec.matchLabels },
    disruptionsAllowed: pdbStatus(spec, pods, scales).disruptionsAllowed,
  }));
}
