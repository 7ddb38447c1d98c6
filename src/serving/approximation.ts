/**
 * Where the fluid model's M/G/c approximation (maths/mgc.ts) may be off: a service time more
 * variable than the exponential, few servers, high utilization. A run says so once, naming what
 * it met; `headroom validate` names the workloads that could meet it.
 */
import { type ApproximationDoubt, DOUBT_SCV, doubtUtilization } from '../maths/mgc.ts';
import { type ServiceTimeSpec, serviceTimeScv } from './service-time.ts';

export interface DoubtMet extends ApproximationDoubt {
  workload: string;
  cluster: string;
}

/** The one line a run prints about the places its fluid model met the doubtful region. */
export function doubtsMessage(doubts: readonly DoubtMet[]): string | undefined {
  if (doubts.length === 0) return undefined;
  const where = doubts
    .map((d) => `${d.workload} in ${d.cluster} (service-time SCV ${d.scv.toFixed(1)}, ${d.servers} servers at ${Math.round(100 * d.utilization)}% utilization)`)
    .join('; ');
  return (
    `the fluid model's M/G/c approximation may be off for ${where}: a skewed service time on few, busy servers; ` +
    'check with --set serving.model=requests (docs/latency.md)'
  );
}

export interface WorkloadServing {
  name: string;
  serviceTime: ServiceTimeSpec;
  concurrency: number;
  /** the fewest pods it can run with in a cluster */
  minReplicas: number;
}

/**
 * The workloads whose fluid latency may be off somewhere in a run: a service time of SCV above
 * DOUBT_SCV on few enough servers (at its fewest pods) that high utilization is in doubt.
 */
export function workloadsInDoubt(workloads: readonly WorkloadServing[]): { name: string; scv: number; servers: number }[] {
  const out: { name: string; scv: number; servers: number }[] = [];
  for (const w of workloads) {
    const scv = serviceTimeScv(w.serviceTime);
    const servers = Math.max(1, w.minReplicas) * w.concurrency;
    if (scv > DOUBT_SCV && doubtUtilization(servers) <= 1) out.push({ name: w.name, scv, servers });
  }
  return out;
}
