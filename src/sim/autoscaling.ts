/**
 * Each cluster's cluster-autoscaler on its scan interval: the scale-up decision (decisions/
 * autoscaler/scaleup-plan.ts) over a snapshot of the cluster, applied and recorded; then, unless
 * the loop scaled up or is waiting for brand-new pods, the scale-down planner.
 */
import { emptyScaleDownState, type ScaleDownState } from '../decisions/autoscaler/scaledown/planner.ts';
import type { ClusterState } from './cluster.ts';
import { forgetStaleBackoffs } from './faults/backoff.ts';
import { healthy } from '../decisions/autoscaler/cluster-health.ts';
import { scaleDown } from './scale-down.ts';
import { scaleUp, unreadyPerGroup } from './scale-up.ts';
import { PRIORITY, type World } from './world.ts';

export function installClusterAutoscalers(world: World): void {
  const states: ScaleDownState[] = world.clusters.map(() => emptyScaleDownState());
  const kind = world.engine.defineKind('ClusterAutoscalerScan', PRIORITY.controller, (ci, _b, now) => {
    const c = world.clusters[ci];
    if (c.down) {
      // the autoscaler goes down with its zone and starts afresh: no unneeded time accrues meanwhile
      states[ci] = emptyScaleDownState();
    } else {
      states[ci] = scan(world, c, states[ci], now);
    }
    world.engine.schedule(now + c.spec.clusterAutoscaler.scanIntervalSec, kind, ci);
  });
  // a cluster under Karpenter runs no cluster-autoscaler (sim/karpenter/)
  for (const c of world.clusters) if (c.spec.karpenter === undefined) world.engine.schedule(0, kind, c.index);
}

function clusterHealthy(c: ClusterState): boolean {
  const { unready, registered } = unreadyPerGroup(c);
  return healthy(unready.reduce((a, b) => a + b, 0), registered.reduce((a, b) => a + b, 0));
}

function scan(world: World, c: ClusterState, sdState: ScaleDownState, now: number): ScaleDownState {
  // the registry's update at the top of each loop (clusterstate.go updateScaleRequests)
  forgetStaleBackoffs(c, now);
  // too many nodes unready (a zone of the cluster down): the loop does nothing (IsClusterHealthy)
  if (c.downZones.size > 0 && !clusterHealthy(c)) return sdState;
  const outcome = scaleUp(world, c, now);
  // As the autoscaler's loop: no scale-down in a loop that scaled up, nor in one where every pending
  // pod is brand new (the scheduler may not have had its say yet).
  if (!c.spec.clusterAutoscaler.scaleDownEnabled || outcome === 'ScaledUp' || outcome === 'PodsWaiting') return sdState;
  return scaleDown(world, c, sdState, now);
}
