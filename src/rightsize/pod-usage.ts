/**
 * What one pod of a (cluster, workload) uses in one sample step: the one place a run's usage is
 * read, so the recommenders and the usage bin-packing figure see the same numbers.
 * The run reports no usage of its own yet: a pod's cpu is its busy share (served requests ÷ the
 * Ready pods' capacity) × its cpu request, its memory its memory request.
 */
import type { StepObservation } from '../run.ts';
import type { WorkloadSpec } from '../scenario/types.ts';

export interface PodUsage {
  cpuCores: number;
  memoryBytes: number;
}

/** `i` = cluster × workloads + workload; null when the (cluster, workload) has no Ready pod in the step. */
export function podUsageAt(obs: StepObservation, i: number, w: WorkloadSpec, out: PodUsage): PodUsage | null {
  const c = obs.workloads;
  if (!(c.readyPods[i] > 0) || !(c.capacityRps[i] > 0) || !(obs.dtSec > 0)) return null;
  const busy = Math.min(1, c.served[i] / obs.dtSec / c.capacityRps[i]);
  out.cpuCores = (busy * w.requests.cpuMilli) / 1000;
  out.memoryBytes = w.requests.memoryBytes;
  return out;
}
