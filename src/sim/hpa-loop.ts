/**
 * Each HPA (one per workload per cluster) on its sync period: reads the pods' cpu as load drives
 * it (a Ready pod's utilization = its share of the arrival rate / its capacity, at most 1: a pod
 * busy all the time uses its full-load cpu, however long the queue behind it), sorts the pods as
 * the controller does (warming-up and not-Ready pods are unready), asks the replica calculator,
 * normalizes as one sync does (reconcileHpa: the autoscaling/v2 behaviour when the HPA gives a
 * `behavior`, the controller's older path when not) and sets the Deployment's replicas.
 */
import type { HpaSpec, Scenario } from '../scenario/types.ts';
import {
  calculateReplicasFromCounts,
  countPods,
  initialHpaState,
  reconcileHpa,
  type HpaBehaviorState,
  type ReplicaCounts,
} from '../decisions/hpa/index.ts';
import { HPA_DEFAULTS } from '../decisions/defaults.ts';
import { podCpuUsageMilli } from '../decisions/usage/model.ts';
import { PodPhase, type Deployment } from './types.ts';
import { servingOf } from './changes/replica-sets.ts';
import { PRIORITY, type World } from './world.ts';

/** The metrics API's averaging window: a pod Ready for less than this still shows start-up cpu. */
const METRIC_WINDOW_SEC = HPA_DEFAULTS.metricWindowSec;

interface HpaInstance {
  dep: Deployment;
  spec: HpaSpec;
  state: HpaBehaviorState;
}

/**
 * @param arrivalRps current arrival rate of (cluster, workload), read at each sync
 */
export function installHpas(world: World, scenario: Scenario, arrivalRps: (cluster: number, workload: number) => number): void {
  const instances: HpaInstance[] = [];
  for (const c of world.clusters) {
    for (const dep of c.workloads) {
      const spec = scenario.workloads[dep.index].hpa;
      if (!spec) continue;
      instances.push({ dep, spec, state: initialHpaState(dep.desired, 0) });
    }
  }
  // one record reused by every sync (each sets every field it reads)
  const counts: ReplicaCounts = countPods([], 0, 0);
  const kind = world.engine.defineKind('HPASync', PRIORITY.controller, (i, _b, now) => {
    const inst = instances[i];
    // an override may have changed this cluster's HPA since the last sync
    if (inst.dep.hpaOverride !== undefined && inst.dep.hpaOverride !== inst.spec) inst.spec = inst.dep.hpaOverride;
    sync(world, inst, counts, arrivalRps(inst.dep.cluster, inst.dep.index), now);
    world.engine.schedule(now + inst.spec.syncPeriodSec, kind, i);
  });
  instances.forEach((inst, i) => world.engine.schedule(inst.spec.syncPeriodSec, kind, i));
}

/** Ready pods whose cpu sample the controller does not trust yet (see above). */
function recentlyReady(dep: Deployment, now: number, initPeriodSec: number): number {
  const log = dep.readyLog;
  const at = dep.readyLogAt;
  let head = dep.readyLogHead;
  while (head < log.length && now - at[head] >= METRIC_WINDOW_SEC) head++;
  if (head > 256 && head * 2 > log.length) {
    log.splice(0, head);
    at.splice(0, head);
    head = 0;
  }
  dep.readyLogHead = head;
  let n = 0;
  for (let i = head; i < log.length; i++) {
    const pod = log[i];
    if (pod.phase === PodPhase.Ready && pod.readyAt === at[i] && now - pod.boundAt < initPeriodSec) n++;
  }
  return n;
}

function sync(world: World, inst: HpaInstance, counts: ReplicaCounts, arrivalRps: number, now: number): void {
  const c = world.clusters[inst.dep.cluster];
  if (c.down) return; // the zone's control plane is down with it
  const { dep, spec } = inst;
  const wl = world.scenario.workloads[dep.index];
  let request = wl.requests.cpuMilli;
  // What metrics-server reports is the cpu a pod used, and a pod can use no more than its full
  // load: past its capacity the extra requests wait in the queue, they do not burn cpu. So each
  // Ready pod's sample is its share of the arrivals up to what it can serve (a burst at three
  // times the fleet's capacity reads as 100% busy pods, not 300%, and the controller steps up by
  // busy / target per sync, as it does on a real cluster).
  let perPodUtilization: number;
  let podServedRps: number;
  if (dep.replicaSets || dep.revision) {
    // pods of the current template request what it says; load spreads over the Ready pods' capacity
    request = dep.template.cpuMilli;
    const capacity = { servers: 0, mu: 0 };
    servingOf(dep, wl, capacity);
    perPodUtilization = capacity.servers > 0 ? Math.min(1, arrivalRps / (capacity.servers * capacity.mu)) : 0;
    podServedRps = dep.readyCount > 0 ? Math.min(arrivalRps, capacity.servers * capacity.mu) / dep.readyCount : 0;
  } else {
    const podCapacityRps = wl.concurrency / wl.serviceTime.meanSec;
    podServedRps = dep.readyCount > 0 ? Math.min(arrivalRps / dep.readyCount, podCapacityRps) : 0;
    perPodUtilization = podServedRps / podCapacityRps;
  }
  // With a usage model the pod's cpu is what its load costs (at most its limit), and the controller
  // divides it by the request (replica_calculator.go GetResourceReplicas: usage / request): a smaller
  // request reads as a higher utilization, so more replicas at the same target.
  const usagePerPod = wl.usage !== undefined ? Math.ceil(podCpuUsageMilli(wl.usage, wl.limits, podServedRps)) : Math.ceil(perPodUtilization * request);

  counts.currentReplicas = dep.desired;
  counts.target = spec.targetCPUUtilization;
  counts.tolerance = spec.tolerance;
  // Ready pods are trusted, except those that started within the cpu initialization period and
  // became Ready less than a metric window ago (their sample still shows start-up cpu): the
  // controller counts them as unready. Only the tail of the readiness log can hold such pods.
  const distrusted = recentlyReady(dep, now, spec.cpuInitializationPeriodSec);
  const trusted = dep.readyCount - distrusted;
  const unready = dep.pods.length - trusted;
  counts.readyCount = trusted;
  counts.readyUsageMilliTotal = trusted * usagePerPod;
  counts.readyRequestMilliTotal = trusted * request;
  counts.unreadyCount = unready;
  counts.unreadyRequestMilliTotal = unready * request;
  const calc = calculateReplicasFromCounts(counts);
  const result = reconcileHpa(
    inst.state,
    { currentReplicas: dep.desired, recommendation: calc.failure ? null : calc.desiredReplicas },
    now,
    spec,
  );
  inst.state = result.state;
  if (result.desiredReplicas !== dep.desired) {
    world.log.add({
      time_s: now,
      cluster: c.name,
      kind: 'HorizontalPodAutoscaler',
      reason: 'SuccessfulRescale',
      object: dep.name,
      message: `New size: ${result.desiredReplicas}; reason: cpu resource utilization (percentage of request) ${calc.utilization}% vs target ${spec.targetCPUUtilization}% (${result.reason})`,
      from: dep.desired,
      to: result.desiredReplicas,
    });
    dep.desired = result.desiredReplicas;
    world.reconcile(dep);
  }
}
