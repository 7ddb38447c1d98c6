/** A workload pod's serving figures, from its revision when a rollout gave it one. */
import type { Scenario } from '../scenario/types.ts';
import type { ClusterState } from './cluster.ts';
import type { Pod } from './types.ts';

/** Requests a second a pod serves at most: its revision's (or workload's) concurrency / mean service time. */
export function naturalRpsOf(pod: Pod, scenario: Scenario): number {
  const r = pod.replicaSet?.revision ?? pod.owner.revision;
  if (r) return r.concurrency / r.serviceMeanSec;
  const wl = scenario.workloads[pod.owner.index];
  return wl.concurrency / wl.serviceTime.meanSec;
}

export function concurrencyOf(pod: Pod, scenario: Scenario): number {
  const r = pod.replicaSet?.revision ?? pod.owner.revision;
  return r ? r.concurrency : scenario.workloads[pod.owner.index].concurrency;
}

/** Nodes that are neither Ready nor on their way (cordoned, draining, NotReady): the ones whose pods the Deployment's counts do not place. */
export function cordonedOrNotReadyNodes(c: ClusterState): number {
  // groupSize counts the nodes not removed, groupProvisioning those of them not yet Ready (or failed)
  let n = -c.acc.readyNodes;
  for (let g = 0; g < c.groupSize.length; g++) n += c.groupSize[g] - c.groupProvisioning[g];
  return n;
}
