/**
 * What the pods of a (cluster, workload) used in one sample step, as rightsize samples it: the
 * one place a run's step usage is read for the recommenders (the run's totals come from its
 * summary). cpu is the Ready pods' mean (metrics-server's rate over the step), memory
 * the largest working set among them (the VPA and KRR size memory by its peaks).
 */
import type { StepObservation } from '../run.ts';

export interface PodUsage {
  cpuCores: number;
  memoryBytes: number;
  /** containers OOM-killed in the step (the VPA bumps memory after one) */
  oomKills: number;
  /** Ready pods in the step: cpu and memory are over them (0 when none) */
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
  return out;
}
