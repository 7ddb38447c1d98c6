/**
 * The ReplicaSet controller's side of a rollout: each ReplicaSet of a Deployment keeps its own
 * count of pods, creating up to it and deleting down to it in the order Kubernetes deletes pods
 * (controller.ActivePods: pending, then starting, then the most recently Ready).
 */
import type { WorkloadSpec } from '../../scenario/types.ts';
import { PodPhase, type Deployment, type Pod, type ReplicaSet } from '../types.ts';

/** The pods that matter least first. */
export function deletionOrder(a: Pod, b: Pod): number {
  return a.phase - b.phase || (b.readyAt || 0) - (a.readyAt || 0) || b.uid - a.uid;
}

/** Brings every ReplicaSet's pods (terminating ones no longer count) to its replicas. */
export function reconcileReplicaSets(dep: Deployment, sets: readonly ReplicaSet[], create: (rs: ReplicaSet) => void, remove: (pod: Pod) => void): void {
  for (const rs of sets) {
    let n = 0;
    for (const p of dep.pods) if (p.replicaSet === rs) n++;
    for (; n < rs.replicas; n++) create(rs);
    if (n > rs.replicas) {
      const victims = dep.pods.filter((p) => p.replicaSet === rs).sort(deletionOrder).slice(0, n - rs.replicas);
      for (const p of victims) remove(p);
    }
  }
}

/** Ready pods that have been Ready for at least `minReadySec`: a ReplicaSet's available replicas. */
export function availablePods(dep: Deployment, rs: ReplicaSet, nowSec: number, minReadySec: number): number {
  let n = 0;
  for (const p of dep.pods) if (p.replicaSet === rs && p.phase === PodPhase.Ready && nowSec - p.readyAt >= minReadySec) n++;
  return n;
}

/**
 * What a Deployment's Ready pods serve with: servers (pods × concurrency) and the service rate.
 * Pods of two revisions at once share one queue: their servers add up and the rate is the one
 * that gives their summed capacity (Σ pods × concurrency / mean service time). Pods on a node that
 * stopped reporting are Ready in the API but serve nothing.
 */
export function servingOf(dep: Deployment, wl: WorkloadSpec, out: { servers: number; mu: number }): void {
  if (dep.replicaSets) {
    let servers = 0;
    let capacity = 0;
    for (const p of dep.pods) {
      if (p.phase !== PodPhase.Ready || p.node?.unreachable === true) continue;
      const r = p.replicaSet?.revision;
      const conc = r ? r.concurrency : wl.concurrency;
      servers += conc;
      capacity += conc / (r ? r.serviceMeanSec : wl.serviceTime.meanSec);
    }
    out.servers = servers;
    out.mu = servers > 0 ? capacity / servers : 1 / wl.serviceTime.meanSec;
    return;
  }
  const r = dep.revision;
  // pods on nodes that stopped reporting serve nothing (sim/node-lifecycle.ts)
  out.servers = (dep.readyCount - dep.unreachableReady) * (r ? r.concurrency : wl.concurrency);
  out.mu = 1 / (r ? r.serviceMeanSec : wl.serviceTime.meanSec);
}
