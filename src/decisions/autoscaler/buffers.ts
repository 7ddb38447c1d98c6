/**
 * CapacityBuffers as the cluster-autoscaler uses them (processors/capacitybuffer): at every scan it
 * adds `replicas` fake copies of the buffer's pod to the pending pods, before it sets aside those
 * that fit on existing nodes. Copies that fit take room on a node (room the buffer keeps), the rest
 * make it scale up, exactly as pending pods would; none ever runs or preempts anything. The count
 * follows the buffer translators (capacitybuffer/translators): the smallest of
 *
 *   replicas                                   (a fixed count)
 *   floor(percent × workload replicas / 100)   (percentOf: a share of the workload's current scale)
 *   min over limited resources of floor(limit / pod request)
 *
 * and none at all when the count is 0.
 */
import { requestsOnlyPod } from '../scheduler/requests.ts';
import type { PodInfo } from '../scheduler/types.ts';

/**
 * A CapacityBuffer (autoscaling.x-k8s.io): `replicas` copies of a pod that the cluster-autoscaler
 * pretends are pending (scale-up) and keeps room for (scale-down), though no pod runs. The pod is
 * either a template of its own or a workload's (`percentOf`). When several of replicas, percent and
 * limits are given, the smallest count wins, as the buffer controller does.
 */
export interface CapacityBufferSpec {
  name: string;
  /** the pod each virtual replica stands for */
  requests: { cpuMilli: number; memoryBytes: number };
  priorityClass: string;
  priority: number;
  labels: Record<string, string>;
  /** a fixed number of virtual pods */
  replicas?: number;
  /** a share of a workload's current (desired) replicas in the cluster, rounded down */
  percentOf?: { workload: string; percent: number };
  /** caps the count so the virtual pods request at most this much in total */
  limits?: { cpuMilli?: number; memoryBytes?: number };
}

/** The label every virtual pod carries, with the buffer's name (no workload's labels: no PDB covers it). */
export const BUFFER_LABEL = 'headroom/capacity-buffer';

/** How many virtual pods a buffer asks for, given its workload's replicas now (desired, per cluster). */
export function bufferReplicas(spec: CapacityBufferSpec, workloadReplicas: Readonly<Record<string, number>>): number {
  let n = Infinity;
  if (spec.replicas !== undefined) n = Math.min(n, Math.max(0, spec.replicas));
  if (spec.percentOf !== undefined) {
    const scale = workloadReplicas[spec.percentOf.workload] ?? 0;
    n = Math.min(n, Math.max(0, Math.floor((spec.percentOf.percent * scale) / 100)));
  }
  if (spec.limits !== undefined) {
    const { cpuMilli, memoryBytes } = spec.limits;
    if (cpuMilli !== undefined && spec.requests.cpuMilli > 0) n = Math.min(n, Math.floor(cpuMilli / spec.requests.cpuMilli));
    if (memoryBytes !== undefined && spec.requests.memoryBytes > 0) n = Math.min(n, Math.floor(memoryBytes / spec.requests.memoryBytes));
  }
  return Number.isFinite(n) ? n : 0;
}

/**
 * The virtual pending pods of a cluster's buffers, named `capacity-buffer-<buffer>-<i>` (from 1) as
 * the autoscaler names its fake pods. Never preempting, no grace, uid -1: they are not pods of the
 * world, only of the autoscaler's what-if.
 */
export function bufferPods(specs: readonly CapacityBufferSpec[], workloadReplicas: Readonly<Record<string, number>>): PodInfo[] {
  const pods: PodInfo[] = [];
  for (const spec of specs) {
    const n = bufferReplicas(spec, workloadReplicas);
    const labels = { ...spec.labels, [BUFFER_LABEL]: spec.name };
    for (let i = 1; i <= n; i++) {
      pods.push({
        name: `capacity-buffer-${spec.name}-${i}`,
        priority: spec.priority,
        preemptionPolicy: 'Never',
        ...requestsOnlyPod(spec.requests),
        labels,
        startTime: 0,
        terminationGraceSec: 0,
        uid: -1,
      });
    }
  }
  return pods;
}

/** Whether a pod is one of the buffers' virtual pods. */
export function isBufferPod(pod: PodInfo): boolean {
  return pod.labels[BUFFER_LABEL] !== undefined;
}
