/**
 * The scheduler's view of pods and nodes: plain data, flat numeric fields, kept up to date
 * incrementally by the simulation (as kube-scheduler's NodeInfo cache is) and built from JSON by
 * `headroom decide`. Decisions read these; only nodeinfo.ts helpers mutate them.
 */
import type { PreemptionPolicy } from './profile.ts';
import type { Placement, Taint } from './placement.ts';

export type * from './placement.ts';

export { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from '../defaults.ts';

export interface PodInfo {
  name: string;
  priority: number;
  preemptionPolicy: PreemptionPolicy;
  /** requests as the Fit filter sees them (a missing request counts as 0) */
  cpuMilli: number;
  memoryBytes: number;
  /** requests as scoring sees them (a missing container request counts as the defaults above) */
  nonZeroCpuMilli: number;
  nonZeroMemoryBytes: number;
  labels: Record<string, string>;
  /** seconds; used to order victims and break ties (earlier = older) */
  startTime: number;
  terminationGraceSec: number;
  /** the simulation's pod index; -1 for pods built from JSON */
  uid: number;
  /**
   * tolerations, nodeSelector and node affinity, when the pod has any. Pods of one Deployment
   * share the one object, so equal references mean equal rules (the autoscaler groups on it).
   */
  placement?: Placement;
  /** a DaemonSet's pod: bound to its node for the node's life, never moved by a drain */
  daemonSet?: boolean;
}

export interface NodeInfo {
  name: string;
  allocCpuMilli: number;
  allocMemoryBytes: number;
  allocPods: number;
  /** pods bound to the node, including ones terminating (they hold their resources until gone) */
  pods: PodInfo[];
  reqCpuMilli: number;
  reqMemoryBytes: number;
  nonZeroReqCpuMilli: number;
  nonZeroReqMemoryBytes: number;
  /** pods nominated to this node by preemption, waiting for their victims to leave */
  nominated: PodInfo[];
  /** the simulation's node index; -1 for nodes built from JSON */
  uid: number;
  /** metadata.labels; absent = none */
  labels?: Readonly<Record<string, string>>;
  /** spec.taints; absent = none */
  taints?: readonly Taint[];
  /** spec.unschedulable (cordoned) */
  unschedulable?: boolean;
  /** how many of `pods` carry pod affinity or anti-affinity (nodeinfo.ts keeps it); absent = none ever did */
  podsWithAffinity?: number;
  /**
   * `pods` grouped by their labels object (pods of one Deployment share it): parallel flat arrays,
   * kept by addPod / removePod, so a selector is matched once per group rather than once per pod
   * (pod-counts.ts). Absent until a pod is added.
   */
  groupLabels?: Readonly<Record<string, string>>[];
  groupCounts?: number[];
  /**
   * `pods` counted by priority: parallel flat arrays of the distinct priorities on the node and
   * how many pods hold each, kept by addPod / removePod, so preemption's dry run can tell without
   * walking the pods that a node has none of lower priority to evict. Absent until a pod is added
   * (a node built by hand with pods and no levels is walked instead).
   */
  priorityLevels?: number[];
  priorityCounts?: number[];
  /**
   * The bound pods on their way out, when the owner of the node tracks them (the simulation does,
   * markTerminating); absent = not tracked, and callers say which pods terminate.
   */
  terminating?: PodInfo[];
}

/** A PodDisruptionBudget as preemption and scale-down need it. */
export interface PodDisruptionBudget {
  name: string;
  matchLabels: Record<string, string>;
  disruptionsAllowed: number;
}
