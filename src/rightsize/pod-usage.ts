/**
 * What the pods of a (cluster, workload) used in one sample step, as rightsize samples it: the
 * one place a run's usage is read, so the recommenders, the usage bin-packing and the OOM kills
 * see the same numbers. cpu is the Ready pods' mean (metrics-server's rate over the step), memory
 * the largest working set among them (the VPA and KRR size memory by its peaks).
 */
import type { StepObservation } from '../run.ts';

export interface PodUsage {
  cpuCores: number;
  memoryBytes: number;
  /** containers OOM-killed, and pods evicted, in the step */
  oomKills: number;
  evictions: number;
  /** Ready pods held at their cpu limit */
  throttledPods: number;
  /** Ready pods in the step: cpu, memory and throttling are over them (0 when none) */
  readyPods: number;
}

/** `i` = cluster × workloads + workload; null when the step carries no usage. */
export function podUsageAt(obs: StepObservation, i: number, out: PodUsage): PodUsage | null {
  const u = obs.usage?.workloads;
  if (!u) return null;
  out.readyPods = obs.workloads.readyPods[i];
  out.cpuCores = u.cpuMilliMean[i] / 1000;
  out.memoryBytes = u.memoryBytesMax[i];
  out.oomKills = u.oomKills[i];
  out.evictions = u.evictions[i];
  out.throttledPods = u.throttledPods[i];
  return out;
}
