/**
 * NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable): a cordoned node takes no
 * pod unless the pod tolerates the node.kubernetes.io/unschedulable:NoSchedule taint.
 */
import type { Status } from '../../framework.ts';
import type { Taint } from '../../placement.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';
import { tolerates } from '../tainttoleration/taint-toleration.ts';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT: Taint = Object.freeze({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
const UNSCHEDULABLE: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: Object.freeze([ERR_REASON_UNSCHEDULABLE]) }) as Status;

export function filter(pod: PodInfo, node: Pick<NodeInfo, 'name' | 'labels' | 'taints' | 'unschedulable'>, success: Status): Status {
  if (node.unschedulable !== true) return success;
  const tolerations = pod.placement?.tolerations;
  return tolerations !== undefined && tolerates(tolerations, UNSCHEDULABLE_TAINT) ? success : UNSCHEDULABLE;
}
