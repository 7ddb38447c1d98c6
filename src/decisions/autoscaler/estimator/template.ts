/**
 * A node group's template node: what one new node of the group offers. NodeInfo has these
 * fields too, so a NodeInfo can stand in for a template.
 */
export interface NodeTemplate {
  allocCpuMilli: number;
  allocMemoryBytes: number;
  allocPods: number;
}

/**
 * How many pods asking for (cpuMilli, memoryBytes) still fit on a node with this much used:
 * the count k with k·cpu ≤ free cpu, k·memory ≤ free memory and k ≤ free pod slots, which is
 * what adding them one at a time under the Fit filter (fitsRequests) would accept.
 */
export function podsThatFit(
  template: NodeTemplate,
  usedCpuMilli: number,
  usedMemoryBytes: number,
  usedPods: number,
  cpuMilli: number,
  memoryBytes: number,
): number {
  let k = template.allocPods - usedPods;
  if (cpuMilli > 0) k = Math.min(k, Math.floor((template.allocCpuMilli - usedCpuMilli) / cpuMilli));
  if (memoryBytes > 0) k = Math.min(k, Math.floor((template.allocMemoryBytes - usedMemoryBytes) / memoryBytes));
  return k > 0 ? k : 0;
}

/** Does one such pod fit an empty template node? (The scale-up orchestrator's pre-check.) */
export function fitsEmptyTemplate(template: NodeTemplate, cpuMilli: number, memoryBytes: number): boolean {
  return podsThatFit(template, 0, 0, 0, cpuMilli, memoryBytes) >= 1;
}
