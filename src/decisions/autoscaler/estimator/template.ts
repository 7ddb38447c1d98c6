/**
 * A node group's template node: what one new node of the group offers. NodeInfo has these
 * fields too, so a NodeInfo can stand in for a template.
 *
 * As the cluster-autoscaler's template NodeInfo, it carries the group's labels and taints (so the
 * scheduler's placement filters run on it) and the DaemonSet pods that would start on such a node
 * (they take their room and pod slots before any pending pod).
 */
import { passesPlacement } from '../../scheduler/filters.ts';
import type { PodInfo, Taint } from '../../scheduler/types.ts';

export interface NodeTemplate {
  allocCpuMilli: number;
  allocMemoryBytes: number;
  allocPods: number;
  /** the template node's name (matchFields on metadata.name read it); absent = '' */
  name?: string;
  labels?: Readonly<Record<string, string>>;
  taints?: readonly Taint[];
  /** DaemonSet pods a new node of the group runs */
  daemonSetPods?: readonly PodInfo[];
}

/** What a new node of the template has in use before any pending pod: its DaemonSet pods. */
export interface TemplateUsage {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
}

const NOTHING: TemplateUsage = Object.freeze({ cpuMilli: 0, memoryBytes: 0, pods: 0 });

export function emptyNodeUsage(template: NodeTemplate): TemplateUsage {
  const ds = template.daemonSetPods;
  if (ds === undefined || ds.length === 0) return NOTHING;
  let cpuMilli = 0;
  let memoryBytes = 0;
  for (const p of ds) {
    cpuMilli += p.cpuMilli;
    memoryBytes += p.memoryBytes;
  }
  return { cpuMilli, memoryBytes, pods: ds.length };
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

/** Does one such pod fit a new node of the template, its DaemonSet pods there? (The scale-up orchestrator's pre-check.) */
export function fitsEmptyTemplate(template: NodeTemplate, cpuMilli: number, memoryBytes: number): boolean {
  const used = emptyNodeUsage(template);
  return podsThatFit(template, used.cpuMilli, used.memoryBytes, used.pods, cpuMilli, memoryBytes) >= 1;
}

/** Could a new node of the template ever hold the pod: its requests and its placement rules? */
export function templateAdmits(template: NodeTemplate, pod: PodInfo): boolean {
  if (!fitsEmptyTemplate(template, pod.cpuMilli, pod.memoryBytes)) return false;
  if (pod.placement === undefined && template.taints === undefined) return true;
  return passesPlacement(pod, { name: template.name ?? '', labels: template.labels, taints: template.taints });
}
