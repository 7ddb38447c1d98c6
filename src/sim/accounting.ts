/**
 * Exact time integrals of one cluster's piecewise-constant quantities (billed nodes, cost rate,
 * headroom cost rate, requested and allocatable resources of Ready nodes, pending pods). Every
 * change to one of them first calls advance(now), so each integral is a sum of rate × interval
 * with no sampling error: cost is exactly ∫ Σ price dt.
 */
export class ClusterAccounting {
  private lastT = 0;

  // current levels
  billedNodes = 0;
  /** sum of the hourly prices of billed nodes */
  pricePerHour = 0;
  /** sum over nodes of price × placeholder share of the node's allocatable */
  headroomPricePerHour = 0;
  readyNodes = 0;
  readyAllocCpuMilli = 0;
  readyAllocMemoryBytes = 0;
  readyReqCpuMilli = 0;
  readyReqMemoryBytes = 0;
  /** of the requests above, what placeholder pods request */
  readyPlaceholderCpuMilli = 0;
  readyPlaceholderMemoryBytes = 0;
  pendingPods = 0;
  pendingPlaceholders = 0;
  /** pending workload pods the scheduler last found held back by topology spread alone */
  skewBlockedPods = 0;

  // integrals up to lastT
  nodeSeconds = 0;
  cost = 0;
  headroomCost = 0;
  allocCpuMilliSec = 0;
  allocMemoryByteSec = 0;
  reqCpuMilliSec = 0;
  reqMemoryByteSec = 0;
  placeholderCpuMilliSec = 0;
  placeholderMemoryByteSec = 0;
  pendingPodSeconds = 0;
  pendingPlaceholderSeconds = 0;
  skewBlockedPodSeconds = 0;

  // peaks
  peakBilledNodes = 0;
  maxPendingPods = 0;

  advance(now: number): void {
    const dt = now - this.lastT;
    if (dt <= 0) return;
    this.nodeSeconds += this.billedNodes * dt;
    this.cost += (this.pricePerHour * dt) / 3600;
    this.headroomCost += (this.headroomPricePerHour * dt) / 3600;
    this.allocCpuMilliSec += this.readyAllocCpuMilli * dt;
    this.allocMemoryByteSec += this.readyAllocMemoryBytes * dt;
    this.reqCpuMilliSec += this.readyReqCpuMilli * dt;
    this.reqMemoryByteSec += this.readyReqMemoryBytes * dt;
    this.placeholderCpuMilliSec += this.readyPlaceholderCpuMilli * dt;
    this.placeholderMemoryByteSec += this.readyPlaceholderMemoryBytes * dt;
    this.pendingPodSeconds += this.pendingPods * dt;
    this.pendingPlaceholderSeconds += this.pendingPlaceholders * dt;
    this.skewBlockedPodSeconds += this.skewBlockedPods * dt;
    this.lastT = now;
  }

  notePeaks(): void {
    if (this.billedNodes > this.peakBilledNodes) this.peakBilledNodes = this.billedNodes;
    if (this.pendingPods > this.maxPendingPods) this.maxPendingPods = this.pendingPods;
  }
}
