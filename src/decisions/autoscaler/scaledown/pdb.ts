/** PodDisruptionBudgets as the scale-down drain check reads them. */
import type { PodDisruptionBudget, PodInfo } from '../../scheduler/types.ts';

/** An empty matchLabels selects every pod, as an empty label selector does. */
export function pdbMatches(pdb: PodDisruptionBudget, pod: PodInfo): boolean {
  for (const key in pdb.matchLabels) {
    if (pod.labels[key] !== pdb.matchLabels[key]) return false;
  }
  return true;
}

/** The first pod that a PDB allowing no disruption covers, if any: it keeps the node. */
export function pdbBlockingPod(pods: readonly PodInfo[], pdbs: readonly PodDisruptionBudget[]): PodInfo | undefined {
  for (const pdb of pdbs) {
    if (pdb.disruptionsAllowed >= 1) continue;
    const pod = pods.find((p) => pdbMatches(pdb, p));
    if (pod) return pod;
  }
  return undefined;
}
