/**
 * What a pod uses, as a function of the load it serves: cpu is an idle share plus cpu time per
 * request served; the memory working set is a base, a share per request in flight and a slow
 * growth since the container started. A workload that says nothing of its usage uses its request
 * at full load and its memory request (defaultUsage), which is the model every run used before
 * usage existed, so those runs keep their outputs.
 */

/** A pod's resource use (a scenario's `workloads[].usage`, every field defaulted). */
export interface UsageSpec {
  /** cpu time one request takes, seconds (cores × seconds) */
  cpuSecPerRequest: number;
  /** cpu a pod uses with no traffic */
  idleCpuMilli: number;
  /** a pod's working set with nothing in flight */
  memoryBytes: number;
  /** working set added by each request in flight */
  memoryBytesPerRequest: number;
  /** working set added per hour since the container started (a slow leak; a restart resets it) */
  memoryGrowthBytesPerHour: number;
}

/** A container's resources.limits; an absent field is no limit. */
export interface ResourceLimits {
  cpuMilli?: number;
  memoryBytes?: number;
}

export interface Requests {
  cpuMilli: number;
  memoryBytes: number;
}

/**
 * The usage that reproduces the model without usage: a pod serving at its full capacity
 * (concurrency / mean service time requests a second) uses exactly its cpu request, and its
 * working set is its memory request whatever the load.
 */
export function defaultUsage(requests: Requests, concurrency: number, serviceMeanSec: number): UsageSpec {
  return {
    cpuSecPerRequest: ((requests.cpuMilli / 1000) * serviceMeanSec) / concurrency,
    idleCpuMilli: 0,
    memoryBytes: requests.memoryBytes,
    memoryBytesPerRequest: 0,
    memoryGrowthBytesPerHour: 0,
  };
}

/** cpu (millicores) a pod serving `servedRps` wants. */
export function cpuDemandMilli(usage: UsageSpec, servedRps: number): number {
  return usage.idleCpuMilli + servedRps * usage.cpuSecPerRequest * 1000;
}

/** A pod's working set with `inFlight` requests in service, `runningSec` after its container started. */
export function workingSetBytes(usage: UsageSpec, inFlight: number, runningSec: number): number {
  return usage.memoryBytes + inFlight * usage.memoryBytesPerRequest + (usage.memoryGrowthBytesPerHour * runningSec) / 3600;
}

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/**
 * The pod's QoS class as pkg/apis/core/helper/qos/qos.go (GetPodQOS) computes it for one
 * container: Guaranteed when cpu and memory both have limits equal to their requests, BestEffort
 * when nothing is requested or limited, Burstable otherwise.
 */
export function qosClass(requests: Requests, limits: ResourceLimits | undefined): QosClass {
  const limitCpu = limits?.cpuMilli;
  const limitMemory = limits?.memoryBytes;
  if (requests.cpuMilli === 0 && requests.memoryBytes === 0 && limitCpu === undefined && limitMemory === undefined) return 'BestEffort';
  if (limitCpu !== undefined && limitMemory !== undefined && limitCpu === requests.cpuMilli && limitMemory === requests.memoryBytes) {
    return 'Guaranteed';
  }
  return 'Burstable';
}

/** The cpu a pod is seen to use serving `servedRps` (what metrics-server reports): its demand, at most its cpu limit. */
export function podCpuUsageMilli(usage: UsageSpec, limits: ResourceLimits | undefined, servedRps: number): number {
  const demand = cpuDemandMilli(usage, servedRps);
  const limit = limits?.cpuMilli;
  return limit !== undefined && demand > limit ? limit : demand;
}
