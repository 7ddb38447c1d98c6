/**
 * Which eviction would break a PodDisruptionBudget, as kube-scheduler's
 * filterPodsWithPDBViolation decides it during preemption.
 */
import type { PodDisruptionBudget, PodInfo } from '../../types.ts';

/** A PDB's selector matches a pod when every matchLabels pair is on it; an empty selector matches nothing. */
export function pdbMatches(pdb: PodDisruptionBudget, pod: PodInfo): boolean {
  let keys = 0;
  for (const key in pdb.matchLabels) {
    keys++;
    if (pod.labels[key] !== pdb.matchLabels[key]) return false;
  }
  return keys > 0;
}

export interface PdbSplit {
  violating: PodInfo[];
  nonViolating: PodInfo[];
}

/**
 * Splits pods, in the given order, into those whose eviction would take some matching PDB below
 * zero disruptions and the rest. Each matching eviction spends one allowed disruption, so with
 * the pods sorted most important first, the most important ones spend the budget first.
 * Both lists keep the input order.
 */
export function splitByPdbViolation(pods: readonly PodInfo[], pdbs: readonly PodDisruptionBudget[]): PdbSplit {
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  if (pdbs.length === 0) {
    nonViolating.push(...pods);
    return { violating, nonViolating };
  }
  const allowed = pdbs.map((p) => p.disruptionsAllowed);
  for (const pod of pods) {
    let violated = false;
    for (let i = 0; i < pdbs.length; i++) {
      if (!pdbMatches(pdbs[i], pod)) continue;
      allowed[i]--;
      if (allowed[i] < 0) violated = true;
    }
    (violated ? violating : nonViolating).push(pod);
  }
  return { violating, nonViolating };
}
