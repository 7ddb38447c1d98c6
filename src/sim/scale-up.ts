/**
 * The scale-up half of a cluster-autoscaler scan: a snapshot of the cluster as the autoscaler
 * sees it, the one decision `headroom decide scale-up` makes too (planScaleUp), then the plan
 * applied to the world and recorded as the autoscaler's events.
 */
import { NO_FIT_MESSAGES, planScaleUp, type ScaleUpOutcome, type ScaleUpPlan, type ScaleUpSnapshot } from '../decisions/autoscaler/scaleup-plan.ts';
import type { NoFitReason, PendingPod } from '../decisions/autoscaler/scaleup-plan.ts';
import type { PodInfo } from '../decisions/scheduler/types.ts';
import { isBackedOff } from '../decisions/autoscaler/backoff.ts';
import { healthy } from '../decisions/autoscaler/cluster-health.ts';
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
  // unready nodes exist only while one of the cluster's zones is down
  const unready = c.downZones.size > 0 ? unreadyPerGroup(c) : null;
  return {
    pending,
    nodes: c.schedInfos,
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
      ...(unready !== null && !healthy(unready.unready[gi], unready.registered[gi]) ? { unhealthy: true } : {}),
    })),
    buffers: c.spec.buffers,
    workloadReplicas: c.spec.buffers.length > 0 ? desiredReplicas(c) : NO_REPLICAS,
    options: {
      expanders: ca.expanders,
      maxNodesTotal: ca.maxNodesTotal,
      maxNodesPerScaleUp: ca.maxNodesPerScaleUp,
      expendablePodsPriorityCutoff: ca.expendablePodsPriorityCutoff,
      newPodScaleUpDelaySec: ca.newPodScaleUpDelaySec,
      ...(ca.balanceSimilarNodeGroups ? { balanceSimilarNodeGroups: true } : {}),
    },
  };
}

/** Per node group: its registered nodes (not provisioning, not removed) and of those the NotReady ones. */
export function unreadyPerGroup(c: ClusterState): { unready: Int32Array; registered: Int32Array } {
  const unready = new Int32Array(c.spec.nodeGroups.length);
  const registered = new Int32Array(c.spec.nodeGroups.length);
  for (const n of c.nodes) {
    if (n.state === NodeState.Removed || n.state === NodeState.Provisioning) continue;
    registered[n.group]++;
    if (n.state === NodeState.NotReady) unready[n.group]++;
  }
  return { unready, registered };
}

/** Each workload's replicas in the cluster now (what a buffer's percentOf reads). */
export function desiredReplicas(c: ClusterState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of c.workloads) out[d.name] = d.desired;
  return out;
}

/** The groups a ScaledUp plan grows and by how much: the balanced split, or the one group. */
function scaleUps(plan: ScaleUpPlan): { nodeGroup: string; count: number }[] {
  return plan.balanced ?? [{ nodeGroup: plan.nodeGroup!, count: plan.count }];
}

function applyScaleUp(world: World, c: ClusterState, plan: ScaleUpPlan, now: number): void {
  if (plan.outcome !== 'ScaledUp') return;
  for (const { nodeGroup, count } of scaleUps(plan)) {
    const gi = c.spec.nodeGroups.findIndex((g) => g.name === nodeGroup);
    for (let k = 0; k < count; k++) world.addNode(c, gi, false);
    c.nodesAdded += count;
    c.scaleUpInFlight[gi] = 1;
  }
  c.scaleUps++;
  c.notTriggered.clear();
  c.lastScaleUpAt = now;
}

function recordScaleUp(world: World, c: ClusterState, plan: ScaleUpPlan, now: number): void {
  if (plan.outcome === 'ScaledUp') {
    for (const { nodeGroup, count } of scaleUps(plan)) {
      const gi = c.spec.nodeGroups.findIndex((g) => g.name === nodeGroup);
      world.log.add(
        {
          time_s: now,
          cluster: c.name,
          kind: 'ClusterAutoscaler',
          reason: 'TriggeredScaleUp',
          object: nodeGroup,
          message: `scale-up: group ${nodeGroup} size set to ${c.groupSize[gi]} (+${count}) for ${plan.pods.length} pending pods`,
          nodes: count,
          pods: plan.pods.length,
        },
        true,
      );
    }
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
