/**
 * What an event is, for the report. The simulator writes events like `kubectl get events`: the
 * object's kind (Zone, Traffic, ClusterAutoscaler, Pod, Node, HorizontalPodAutoscaler) and the
 * event's reason (ZoneOutage, TrafficDrain, TriggeredScaleUp, Preempted, ...). Older or
 * hand-written files may put the type in `kind` instead; both are looked up, reason first.
 */

export type EventType =
  | 'outage'
  | 'recovered'
  | 'shift'
  | 'scaleUp'
  | 'scaleDown'
  | 'preempted'
  | 'nodeReady'
  | 'provisionFailed'
  /** faults: a spot node's interruption notice, a launch refused for a capacity shortage, a node group backed off */
  | 'spotInterrupted'
  | 'failedLaunch'
  | 'backOff'
  /** Karpenter: a consolidation command, a node past its expireAfter */
  | 'consolidated'
  | 'expired'
  | 'rescale'
  /** changes: one starting or ending in a cluster, a rollout rolled back or stuck past its deadline */
  | 'changeStarted'
  | 'changeEnded'
  | 'rolledBack'
  | 'progressDeadline'
  /** a rollout's ReplicaSet resized, a node cordoned, a pod evicted: counted and grouped */
  | 'rollout'
  /** one per pod (Scheduled, Started, ...): counted, never drawn or listed */
  | 'perPod'
  | 'other';

const TYPES: Record<string, EventType> = {
  ZoneOutage: 'outage',
  ZoneDown: 'outage',
  Outage: 'outage',
  ZoneRecovered: 'recovered',
  ZoneUp: 'recovered',
  TrafficShift: 'shift',
  TrafficDrain: 'shift',
  TrafficRestore: 'shift',
  Shift: 'shift',
  ScaleUp: 'scaleUp',
  TriggeredScaleUp: 'scaleUp',
  ScaleDown: 'scaleDown',
  ScaleDownEmpty: 'scaleDown',
  Preempted: 'preempted',
  Preemption: 'preempted',
  NodeReady: 'nodeReady',
  FailedToProvision: 'provisionFailed',
  SpotInterrupted: 'spotInterrupted',
  FailedLaunch: 'failedLaunch',
  BackOff: 'backOff',
  Launched: 'scaleUp',
  Consolidated: 'consolidated',
  Expired: 'expired',
  SuccessfulRescale: 'rescale',
  ChangeStarted: 'changeStarted',
  ChangeEnded: 'changeEnded',
  RolledBack: 'rolledBack',
  ProgressDeadlineExceeded: 'progressDeadline',
  ScalingReplicaSet: 'rollout',
  HPA: 'rescale',
  Scheduled: 'perPod',
  FailedScheduling: 'perPod',
  Pulled: 'perPod',
  Created: 'perPod',
  Started: 'perPod',
  Killing: 'perPod',
};

export function eventType(kind: string | undefined, reason: string | undefined): EventType {
  return (reason !== undefined ? TYPES[reason] : undefined) ?? (kind !== undefined ? TYPES[kind] : undefined) ?? 'other';
}

/** True for a name (kind or reason) of a per-pod event. */
export function isPerPodName(name: string): boolean {
  return TYPES[name] === 'perPod';
}
