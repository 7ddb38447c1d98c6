/**
 * A node group's backoff after a failed scale-up, as the cluster-autoscaler keeps it
 * (cluster-autoscaler/utils/backoff/exponential_backoff.go; the registry that calls it is
 * clusterstate/clusterstate.go):
 *
 * - a failure while the group is not backed off doubles the last backoff (the first is the
 *   initial duration), capped at the maximum;
 * - a failure while it is still backed off (several nodes of one scale-up failing together)
 *   restarts the same backoff from now, without doubling (at the very instant a backoff ends it
 *   counts as ended for both questions, where the autoscaler's two strict comparisons leave that
 *   instant, which real clocks never meet, on neither side);
 * - the record is forgotten once no failure has come for the reset timeout (RemoveStaleBackoffData,
 *   every loop), or when a scale-up of the group finishes with all its nodes registered
 *   (updateScaleRequests' RemoveBackoff).
 *
 * Pure: the simulation keeps one record per (cluster, node group) and calls these.
 */

export interface BackoffOptions {
  /** --initial-node-group-backoff-duration */
  initialSec: number;
  /** --max-node-group-backoff-duration */
  maxSec: number;
  /** --node-group-backoff-reset-timeout */
  resetTimeoutSec: number;
}

export interface NodeGroupBackoff {
  /** the length of the backoff last set */
  durationSec: number;
  /** no scale-up of the group before this */
  untilSec: number;
  lastFailedSec: number;
}

/** The record after a failed scale-up at `nowSec` (exponentialBackoff.Backoff). */
export function backoffAfterFailure(prev: NodeGroupBackoff | null, nowSec: number, o: BackoffOptions): NodeGroupBackoff {
  let durationSec = o.initialSec;
  if (prev !== null) {
    durationSec = prev.durationSec;
    if (prev.untilSec <= nowSec) durationSec = Math.min(2 * prev.durationSec, o.maxSec);
  }
  return { durationSec, untilSec: nowSec + durationSec, lastFailedSec: nowSec };
}

/** IsBackedOff: the group offers no option to the expander now. */
export function isBackedOff(b: NodeGroupBackoff | null, nowSec: number): boolean {
  return b !== null && b.untilSec > nowSec;
}

/** RemoveStaleBackoffData: a record with no failure for the reset timeout is forgotten. */
export function withoutStale(b: NodeGroupBackoff | null, nowSec: number, o: BackoffOptions): NodeGroupBackoff | null {
  return b !== null && b.lastFailedSec + o.resetTimeoutSec < nowSec ? null : b;
}
