/** Fluent-enough fixtures for scheduler tests: pods and nodes in millicores and bytes. */
import { addPod, newNodeInfo } from '../../../src/decisions/scheduler/nodeinfo.ts';
import { podRequests } from '../../../src/decisions/scheduler/requests.ts';
import type { NodeInfo, PodInfo } from '../../../src/decisions/scheduler/types.ts';

export interface PodSpec {
  name?: string;
  /** undefined = the container names no cpu request (scoring charges 100m) */
  cpu?: number;
  /** undefined = the container names no memory request (scoring charges 200Mi) */
  memory?: number;
  priority?: number;
  start?: number;
  labels?: Record<string, string>;
  never?: boolean;
  uid?: number;
}

let seq = 0;

export function pod(spec: PodSpec = {}): PodInfo {
  const req = podRequests({ containers: [{ requests: { cpuMilli: spec.cpu, memoryBytes: spec.memory } }] });
  return {
    name: spec.name ?? `pod-${seq++}`,
    priority: spec.priority ?? 0,
    preemptionPolicy: spec.never ? 'Never' : 'PreemptLowerPriority',
    labels: spec.labels ?? {},
    startTime: spec.start ?? 0,
    terminationGraceSec: 30,
    uid: spec.uid ?? -1,
    ...req,
  };
}

export function node(
  name: string,
  alloc: { cpu: number; memory: number; pods?: number },
  pods: PodInfo[] = [],
  nominated: PodInfo[] = [],
): NodeInfo {
  const n = newNodeInfo(name, { cpuMilli: alloc.cpu, memoryBytes: alloc.memory, pods: alloc.pods ?? 110 });
  for (const p of pods) addPod(n, p);
  n.nominated.push(...nominated);
  return n;
}

export const Mi = 2 ** 20;
export const Gi = 2 ** 30;
