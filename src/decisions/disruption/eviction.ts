/**
 * Which evictions the eviction API grants (pkg/registry/core/pod/storage/eviction.go): a pod is
 * evicted only while every PodDisruptionBudget that selects it has a disruption left, and each
 * granted eviction spends one of each; the others are refused (429) and may be asked again once
 * the budgets' status has moved.
 */
import { pdbMatches } from '../autoscaler/scaledown/pdb.ts';
import type { PodDisruptionBudget, PodInfo } from '../scheduler/types.ts';

/** The pods, in the given order, whose eviction would be granted if asked for one after another now. */
export function grantedEvictions(pods: readonly PodInfo[], pdbs: readonly PodDisruptionBudget[]): PodInfo[] {
  if (pdbs.length === 0) return pods.slice();
  const allowed = pdbs.map((p) => p.disruptionsAllowed);
  const granted: PodInfo[] = [];
  for (const pod of pods) {
    let ok = true;
    for (let i = 0; i < pdbs.length && ok; i++) if (pdbMatches(pdbs[i], pod) && allowed[i] < 1) ok = false;
    if (!ok) continue;
    for (let i = 0; i < pdbs.length; i++) if (pdbMatches(pdbs[i], pod)) allowed[i]--;
    granted.push(pod);
  }
  return granted;
}
