/**
 * A node's utilization as the autoscaler's scale-down sees it: the larger of the cpu and memory
 * requests of every pod on the node (placeholders and expendable pods included) over the node's
 * allocatable. Usage does not matter, only requests.
 */
import type { NodeInfo } from '../../scheduler/types.ts';

export interface Utilization {
  cpu: number;
  memory: number;
  /** max(cpu, memory) */
  utilization: number;
  /** which of the two it is (memory on a tie, as the autoscaler reports it) */
  resource: 'cpu' | 'memory';
}

// A node with no allocatable of a resource counts as 0 there (the autoscaler errors and carries
// on with zero): cluster-autoscaler simulator/utilization/info.go.
const cpuOf = (node: NodeInfo): number => (node.allocCpuMilli > 0 ? node.reqCpuMilli / node.allocCpuMilli : 0);
const memoryOf = (node: NodeInfo): number => (node.allocMemoryBytes > 0 ? node.reqMemoryBytes / node.allocMemoryBytes : 0);

export function nodeUtilization(node: NodeInfo): Utilization {
  const cpu = cpuOf(node);
  const memory = memoryOf(node);
  return cpu > memory ? { cpu, memory, utilization: cpu, resource: 'cpu' } : { cpu, memory, utilization: memory, resource: 'memory' };
}

/** nodeUtilization(node).utilization without the object: the planner asks it of every node on every pass. */
export function utilizationOf(node: NodeInfo): number {
  const cpu = cpuOf(node);
  const memory = memoryOf(node);
  return cpu > memory ? cpu : memory;
}

/** Eligible for scale-down: utilization strictly below the threshold. */
export function isUnderutilized(node: NodeInfo, threshold: number): boolean {
  return utilizationOf(node) < threshold;
}
