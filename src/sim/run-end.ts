/** The end of a run as the observer sees it: every cluster's integrals closed at the run's end. */
import type { ClusterState } from './cluster.ts';
import type { ClusterTotals, RunEnd } from './observer.ts';
import type { World } from './world.ts';

export function observeEnd(world: World, settled: { served: Float64Array; failed: Float64Array }): RunEnd {
  for (const c of world.clusters) c.acc.advance(world.scenario.durationSec);
  return {
    clusters: world.clusters.map(clusterTotals),
    settledServed: settled.served,
    settledFailed: settled.failed,
    maxPendingPods: world.maxPendingPods,
    peakNodes: world.peakNodes,
    engineEvents: world.engine.events,
    eventLines: world.log.lines,
    annotations: world.log.annotations,
  };
}

function clusterTotals(c: ClusterState): ClusterTotals {
  const a = c.acc;
  return {
    nodeSeconds: a.nodeSeconds,
    cost: a.cost,
    headroomCost: a.headroomCost,
    allocCpuMilliSec: a.allocCpuMilliSec,
    allocMemoryByteSec: a.allocMemoryByteSec,
    reqCpuMilliSec: a.reqCpuMilliSec,
    reqMemoryByteSec: a.reqMemoryByteSec,
    placeholderCpuMilliSec: a.placeholderCpuMilliSec,
    placeholderMemoryByteSec: a.placeholderMemoryByteSec,
    pendingPodSeconds: a.pendingPodSeconds,
    pendingPlaceholderSeconds: a.pendingPlaceholderSeconds,
    skewBlockedPodSeconds: a.skewBlockedPodSeconds,
    peakBilledNodes: a.peakBilledNodes,
    maxPendingPods: a.maxPendingPods,
    preemptions: c.preemptions,
    scaleUps: c.scaleUps,
    scaleDowns: c.scaleDowns,
    nodesAdded: c.nodesAdded,
    spotInterruptions: c.spotInterruptions,
    failedLaunches: c.failedLaunches,
    backoffs: c.backoffs,
    consolidations: c.consolidations,
    scheduleToReadySec: c.scheduleToReady,
  };
}
