/** summary.json's usage figures from the run's UsageTotals (metrics/usage-totals.ts). */
import { round } from './round.ts';
import type { UsageSummary, WorkloadUsageSummary } from './summary-types.ts';
import type { UsageTotals } from './usage-totals.ts';

/** The totals over the (cluster, workload) indices `at`. */
export function usageSummary(u: UsageTotals, at: readonly number[]): UsageSummary {
  let readyPodSec = 0;
  let throttled = 0;
  let shared = 0;
  let oomKills = 0;
  let restarts = 0;
  let evictions = 0;
  for (const i of at) {
    readyPodSec += u.readyPodSec[i];
    throttled += u.throttledPodSec[i];
    shared += u.cpuSharedPodSec[i];
    oomKills += u.oomKills[i];
    restarts += u.restarts[i];
    evictions += u.evictions[i];
  }
  const share = (part: number) => round(readyPodSec > 0 ? part / readyPodSec : 0, 6);
  return { oomKills, restarts, evictions, throttledShare: share(throttled), cpuSharedShare: share(shared) };
}

/** One workload's usage per pod over the (cluster, workload) indices `at`. */
export function workloadUsageSummary(u: UsageTotals, at: readonly number[], qosClass: string): WorkloadUsageSummary {
  let readyPodSec = 0;
  let cpu = 0;
  let memory = 0;
  let cpuMax = 0;
  let memoryMax = 0;
  for (const i of at) {
    readyPodSec += u.readyPodSec[i];
    cpu += u.cpuMilliPodSec[i];
    memory += u.memoryBytePodSec[i];
    cpuMax = Math.max(cpuMax, u.cpuMilliMax[i]);
    memoryMax = Math.max(memoryMax, u.memoryBytesMax[i]);
  }
  const mean = (x: number) => (readyPodSec > 0 ? x / readyPodSec : 0);
  return {
    qosClass,
    cpuMilliMean: round(mean(cpu), 3),
    cpuMilliMax: round(cpuMax, 3),
    memoryBytesMean: Math.round(mean(memory)),
    memoryBytesMax: Math.round(memoryMax),
    ...usageSummary(u, at),
  };
}

/** Bin-packing by usage: ∫ what pods on Ready nodes used over ∫ those nodes' allocatable, over the clusters `at`. */
export function usedShares(u: UsageTotals, at: readonly number[], allocCpuMilliSec: number, allocMemoryByteSec: number): { cpuUsedShare: number; memoryUsedShare: number } {
  let cpu = 0;
  let memory = 0;
  for (const ci of at) {
    cpu += u.usedCpuMilliSec[ci];
    memory += u.usedMemoryByteSec[ci];
  }
  const share = (part: number, whole: number) => round(whole > 0 ? part / whole : 0, 6);
  return { cpuUsedShare: share(cpu, allocCpuMilliSec), memoryUsedShare: share(memory, allocMemoryByteSec) };
}
