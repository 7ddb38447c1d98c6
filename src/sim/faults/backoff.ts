/**
 * The autoscaler's memory of failed scale-ups per node group (its cluster state registry,
 * cluster-autoscaler/clusterstate/clusterstate.go): a failure backs the group off, a scale-up whose
 * nodes all became Ready forgets the backoff, and a backoff with no failure for the reset timeout
 * is forgotten at the next loop. The rule itself is decisions/autoscaler/backoff.ts.
 */
import { backoffAfterFailure, isBackedOff, withoutStale, type BackoffOptions } from '../../decisions/autoscaler/backoff.ts';
import { NODE_GROUP_BACKOFF } from '../../decisions/defaults.ts';
import type { ClusterState } from '../cluster.ts';
import type { EventLog } from '../event-log.ts';

export function backoffOptions(c: ClusterState): BackoffOptions {
  return c.spec.clusterAutoscaler.nodeGroupBackoff ?? NODE_GROUP_BACKOFF;
}

/** A scale-up of group `gi` failed at `now` (`why` ends the BackOff event's message). */
export function failScaleUp(log: EventLog, c: ClusterState, gi: number, now: number, why: string): void {
  const before = c.groupBackoff[gi];
  const wasBackedOff = isBackedOff(before, now);
  const after = backoffAfterFailure(before, now, backoffOptions(c));
  c.groupBackoff[gi] = after;
  c.scaleUpInFlight[gi] = 0;
  if (wasBackedOff) return;
  c.backoffs++;
  const group = c.spec.nodeGroups[gi].name;
  log.add(
    {
      time_s: now,
      cluster: c.name,
      kind: 'ClusterAutoscaler',
      reason: 'BackOff',
      object: group,
      message: `node group ${group} backs off for ${after.durationSec}s: ${why}`,
      backoffS: after.durationSec,
    },
    true,
  );
}

/** A node of group `gi` became Ready: when none of the group's is on its way any more, the scale-up succeeded. */
export function noteNodeReady(c: ClusterState, gi: number): void {
  if (c.scaleUpInFlight[gi] === 0 || c.groupProvisioning[gi] > 0) return;
  c.scaleUpInFlight[gi] = 0;
  c.groupBackoff[gi] = null;
}

/** Every loop: backoffs without a failure for the reset timeout are forgotten. */
export function forgetStaleBackoffs(c: ClusterState, now: number): void {
  const o = backoffOptions(c);
  for (let gi = 0; gi < c.groupBackoff.length; gi++) c.groupBackoff[gi] = withoutStale(c.groupBackoff[gi], now, o);
}
