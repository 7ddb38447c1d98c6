/** The PodDisruptionBudgets of one cluster as they stand now, for preemption and scale-down. */
import type { PodDisruptionBudget } from '../decisions/scheduler/types.ts';
import type { ClusterState } from './cluster.ts';
import { currentPdbs, type PdbPod } from '../decisions/disruption/pdb-status.ts';
import { PodPhase } from './types.ts';
import type { World } from './world.ts';

const NONE: PodDisruptionBudget[] = [];

export function clusterPdbs(world: World, c: ClusterState): PodDisruptionBudget[] {
  const specs = world.scenario.podDisruptionBudgets;
  if (!specs || specs.length === 0) return NONE;
  const pods: PdbPod[] = [];
  const scales: Record<string, number> = {};
  for (const dep of [...c.workloads, ...c.placeholders]) {
    scales[dep.name] = dep.desired;
    for (const p of dep.pods) pods.push({ labels: p.info.labels, ready: p.phase === PodPhase.Ready, owner: dep.name });
  }
  return currentPdbs(specs, pods, scales);
}
