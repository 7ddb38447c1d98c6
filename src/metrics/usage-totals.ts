/**
 * The usage figures of a run, folded step by step from the observation's `usage` columns: per
 * (cluster, workload) pod-second-weighted means, peaks, the share of Ready pod time spent
 * throttled at the cpu limit or short of cpu on a busy node, and the OOM kills, restarts and
 * evictions; per cluster ∫ what the pods on Ready nodes used (for bin-packing by usage).
 */
import type { StepObservation } from '../sim/observer.ts';

export class UsageTotals {
  /** by (cluster, workload): ∫ Ready pods dt, and ∫ of their cpu and working set */
  readonly readyPodSec: Float64Array;
  readonly cpuMilliPodSec: Float64Array;
  readonly memoryBytePodSec: Float64Array;
  readonly cpuMilliMax: Float64Array;
  readonly memoryBytesMax: Float64Array;
  readonly throttledPodSec: Float64Array;
  readonly cpuSharedPodSec: Float64Array;
  readonly oomKills: Float64Array;
  readonly restarts: Float64Array;
  readonly evictions: Float64Array;
  /** by cluster: ∫ cpu and memory used on Ready nodes dt */
  readonly usedCpuMilliSec: Float64Array;
  readonly usedMemoryByteSec: Float64Array;

  constructor(clusters: number, workloads: number) {
    const n = clusters * workloads;
    this.readyPodSec = new Float64Array(n);
    this.cpuMilliPodSec = new Float64Array(n);
    this.memoryBytePodSec = new Float64Array(n);
    this.cpuMilliMax = new Float64Array(n);
    this.memoryBytesMax = new Float64Array(n);
    this.throttledPodSec = new Float64Array(n);
    this.cpuSharedPodSec = new Float64Array(n);
    this.oomKills = new Float64Array(n);
    this.restarts = new Float64Array(n);
    this.evictions = new Float64Array(n);
    this.usedCpuMilliSec = new Float64Array(clusters);
    this.usedMemoryByteSec = new Float64Array(clusters);
  }

  add(o: StepObservation): void {
    const u = o.usage;
    if (!u) return;
    const dt = o.dtSec;
    const w = u.workloads;
    const ready = o.workloads.readyPods;
    for (let i = 0; i < this.readyPodSec.length; i++) {
      const podSec = ready[i] * dt;
      this.readyPodSec[i] += podSec;
      this.cpuMilliPodSec[i] += w.cpuMilliMean[i] * podSec;
      this.memoryBytePodSec[i] += w.memoryBytesMean[i] * podSec;
      if (w.cpuMilliMax[i] > this.cpuMilliMax[i]) this.cpuMilliMax[i] = w.cpuMilliMax[i];
      if (w.memoryBytesMax[i] > this.memoryBytesMax[i]) this.memoryBytesMax[i] = w.memoryBytesMax[i];
      this.throttledPodSec[i] += w.throttledPods[i] * dt;
      this.cpuSharedPodSec[i] += w.cpuSharedPods[i] * dt;
      this.oomKills[i] += w.oomKills[i];
      this.restarts[i] += w.restarts[i];
      this.evictions[i] += w.evictions[i];
    }
    for (let ci = 0; ci < this.usedCpuMilliSec.length; ci++) {
      this.usedCpuMilliSec[ci] += u.clusters.usedCpuMilli[ci] * dt;
      this.usedMemoryByteSec[ci] += u.clusters.usedMemoryBytes[ci] * dt;
    }
  }
}
