/**
 * The cluster-autoscaler's health checks over unready nodes (clusterstate/clusterstate.go):
 * IsClusterHealthy stops the whole loop (no scale-up, no scale-down: static_autoscaler.go logs
 * "Cluster is not ready for autoscaling"); IsNodeGroupHealthy makes scale-up skip the group
 * (IsNodeGroupSafeToScaleUp: healthy and not backed off). Either is unhealthy when its unready
 * nodes are more than --ok-total-unready-count (3) and more than --max-total-unready-percentage
 * (45%) of its nodes. For a group the unready are its registered nodes that are not Ready (the
 * upstream "unjustified unready": acceptable minimum − Ready, the acceptable minimum being the
 * target size less the nodes still starting).
 */
import { MAX_TOTAL_UNREADY_PERCENTAGE, OK_TOTAL_UNREADY_COUNT } from '../defaults.ts';

/** Healthy unless more than 3 and more than 45% of `nodes` are unready. */
export function healthy(unready: number, nodes: number): boolean {
  return !(unready > OK_TOTAL_UNREADY_COUNT && unready > (MAX_TOTAL_UNREADY_PERCENTAGE / 100) * nodes);
}
