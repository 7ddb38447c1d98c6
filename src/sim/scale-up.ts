/**
 * The scale-up half of a cluster-autoscaler scan: a snapshot of the cluster as the autoscaler
 * sees it, the one decision `headroom decide scale-up` makes too (planScaleUp), then the plan
 * applied to the world and recorded as the autoscaler's events.
 */
import { NO_FIT_MESSAGES, planScaleUp, type ScaleUpOutcome, type ScaleUpPlan, type ScaleUpSnapshot } from '../decisions/autoscaler/scaleup-plan.ts';
import type { NoFitReason, PendingPod } from '../decisions/autoscaler/scaleup-plan.ts';
import type { PodInfo } from '../decisions/scheduler/types.ts';
import { isBackedOff } from '../decisions/autoscaler/backoff.ts';
import type { ClusterState } from './cluster.ts';
import { NodeState, PodPhase } from './types.ts';
import type { World } from './world.ts';

const NO_REPLICAS: Readonly<Record<string, number>> = Object.freeze({});

export function scaleUp(world: World, c: ClusterState, now: number): ScaleUpOutcome {
  const plan = planScaleUp(scaleUpSnapshot(c, now), world.engine.rng(`expander/${c.name}`));
  applyScaleUp(world, c, plan, now);
  recordScaleUp(world, c, plan, now);
  return plan.outcome;
}

/** The cluster as the autoscaler's scale-up reads it at `now`. */
export function scaleUpSnapshot(c: ClusterState, now: number): ScaleUpSnapshot {
  const ca = c.spec.clusterAutoscaler;
  const pending: PendingPod[] = [];
  for (const pod of c.pending) {
    if (pod.phase !== PodPhase.Pending || !pod.unschedulable) continue;
    pending.push({ pod: pod.info, ageSec: now - pod.createdAt, nominated: pod.nominatedNode !== null });
  }
  const upcoming = [];
  for (const n of c.nodes) if (n.state === NodeState.Provisioning) upcoming.push(c.groupTemplates[n.group]);
  return {
    pending,
    nodes: c.readyInfos,
    upcoming,
    groups: c.spec.nodeGroups.map((g, gi) => ({
      name: g.name,
      template: c.groupTemplates[gi],
      pricePerHour: g.pricePerHour,
      min: g.min,
      max: g.max,
      current: c.groupSize[gi],
      priority: g.expanderPriority,
      backoff: isBackedOff(c.groupBackoff[gi], now),
    })),
    buffers: c.spec.buffers,
    workloadReplicas: c.spec.buffers.length > 0 ? desiredReplicas(c) : NO_REPLICAS,
    options: {
      expanders: ca.expanders,
      maxNodesTotal: ca.maxNodesTotal,
      maxNodesPerScaleUp: ca.maxNodesPerScaleUp,
      expendablePodsPriorityCutoff: ca.expendablePodsPriorityCutoff,
      newPodScaleUpDelaySec: ca.newPodScaleUpDelaySec,
    },
  };
}

/** Each workload's replicas in the cluster now (what a buffer's percentOf reads). */
export function desiredReplicas(c: ClusterState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of c.workloads) out[d.name] = d.desired;
  return out;
}

function applyScaleUp(world: World, c: ClusterState, plan: ScaleUpPlan, now: number): void {
  if (plan.outcome !== 'ScaledUp') return;
  const gi = c.spec.nodeGroups.findIndex((g) => g.name === plan.nodeGroup);
  for (let k = 0; k < plan.count; k++) world.addNode(c, gi, false);
  c.scaleUps++;
  c.nodesAdded += plan.count;
  c.notTriggered.clear();
  c.lastScaleUpAt = now;
  c.scaleUpInFlight[gi] = 1;
}

function recordScaleUp(world: World, c: ClusterState, plan: ScaleUpPlan, now: number): void {
  if (plan.outcome === 'ScaledUp') {
    const gi = c.spec.nodeGroups.findIndex((g) => g.name === plan.nodeGroup);
    world.log.add(
      {
        time_s: now,
        cluster: c.name,
        kind: 'ClusterAutoscaler',
        reason: 'TriggeredScaleUp',
        object: plan.nodeGroup!,
        message: `scale-up: group ${plan.nodeGroup} size set to ${c.groupSize[gi]} (+${plan.count}) for ${plan.pods.length} pending pods`,
        nodes: plan.count,
        pods: plan.pods.length,
      },
      true,
    );
  } else if (plan.outcome === 'NoFit') {
    recordNoFit(world, c, plan.pods, plan.reason!, now);
  }
  if (plan.noGroupCanHold !== undefined) recordNoFit(world, c, plan.noGroupCanHold, 'NoNodeGroupFits', now);
}

/**
 * The autoscaler's NotTriggerScaleUp: said once per Deployment while its pods keep failing to get a
 * node (until the next scale-up), so a planner sees why pods stay pending. Buffer pods are not the
 * world's and say nothing.
 */
function recordNoFit(world: World, c: ClusterState, pods: readonly PodInfo[], reason: NoFitReason, now: number): void {
  const why = NO_FIT_MESSAGES[reason];
  for (const info of pods) {
    if (info.uid < 0) continue;
    const dep = world.pods[info.uid].owner;
    if (c.notTriggered.has(dep)) continue;
    c.notTriggered.add(dep);
    world.log.add(
      {
        time_s: now,
        cluster: c.name,
        kind: 'Pod',
        reason: 'NotTriggerScaleUp',
        object: info.name,
        message: `pod didn't trigger scale-up: ${why}`,
      },
      true,
    );
  }
}
