/**
 * A pod's requests from its containers, as kube-scheduler aggregates them: app containers run
 * together so their requests add up; init containers run one at a time before them, so the pod
 * needs the larger of the two, per resource.
 */
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from './types.ts';

/** One container's requests; `undefined` means the container does not name that request. */
export interface ContainerRequests {
  cpuMilli?: number;
  memoryBytes?: number;
}

export interface PodRequests {
  /** what the Fit filter charges (a missing request is 0) */
  cpuMilli: number;
  memoryBytes: number;
  /** what scoring charges (a missing request is the scheduler's default, per container) */
  nonZeroCpuMilli: number;
  nonZeroMemoryBytes: number;
}

export function podRequests(containers: ContainerRequests[], initContainers: ContainerRequests[] = []): PodRequests {
  let cpuMilli = 0;
  let memoryBytes = 0;
  let nonZeroCpuMilli = 0;
  let nonZeroMemoryBytes = 0;
  for (const c of containers) {
    cpuMilli += c.cpuMilli ?? 0;
    memoryBytes += c.memoryBytes ?? 0;
    // An explicit 0 stays 0: only an absent request gets the default (GetNonzeroRequests).
    nonZeroCpuMilli += c.cpuMilli ?? DEFAULT_MILLI_CPU_REQUEST;
    nonZeroMemoryBytes += c.memoryBytes ?? DEFAULT_MEMORY_REQUEST;
  }
  for (const c of initContainers) {
    cpuMilli = Math.max(cpuMilli, c.cpuMilli ?? 0);
    memoryBytes = Math.max(memoryBytes, c.memoryBytes ?? 0);
    nonZeroCpuMilli = Math.max(nonZeroCpuMilli, c.cpuMilli ?? DEFAULT_MILLI_CPU_REQUEST);
    nonZeroMemoryBytes = Math.max(nonZeroMemoryBytes, c.memoryBytes ?? DEFAULT_MEMORY_REQUEST);
  }
  return { cpuMilli, memoryBytes, nonZeroCpuMilli, nonZeroMemoryBytes };
}
