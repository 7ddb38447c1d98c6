/**
 * Each cluster's cluster-autoscaler on its scan interval: pending pods the scheduler could not
 * place (and that wait on no preemption of their own) become a scale-up, once what already fits on
 * Ready and upcoming nodes is taken out; then the scale-down planner picks nodes to drain.
 */
import { computeScaleUp, type NodeGroupState } from '../decisions/autoscaler/scaleup.ts';
import { filterOutSchedulable } from '../decisions/autoscaler/filter-schedulable.ts';
import { emptyScaleDownState, planScaleDown, type ScaleDownState, type NodeGroupSize } from '../decisions/autoscaler/scaledown/planner.ts';
import { addPod, cloneNodeInfo, newNodeInfo } from '../decisions/scheduler/nodeinfo.ts';
import { fitsRequests } from '../decisions/scheduler/plugins/noderesources/fit.ts';
import { bufferPods } from '../decisions/autoscaler/buffers.ts';
import { clusterPdbs } from './pdbs.ts';
import type { NodeInfo, PodInfo } from '../decisions/scheduler/types.ts';
import type { ClusterState } from './cluster.ts';
import { NodeState, PodPhase } from './types.ts';
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
  for (const c of world.clusters) world.engine.schedule(0, kind, c.index);
}

function scan(world: World, c: ClusterState, sdState: ScaleDownState, now: number): ScaleDownState {
  const ca = c.spec.clusterAutoscaler;
  const outcome = scaleUp(world, c, now);
  // As the autoscaler's loop: no scale-down in a loop that scaled up, nor in one where every pending
  // pod is brand new (the scheduler may not have had its say yet).
  if (!ca.scaleDownEnabled || outcome === ScaleUpOutcome.ScaledUp || outcome === ScaleUpOutcome.PodsWaiting) return sdState;
  return scaleDown(world, c, sdState, now);
}

/**
 * The autoscaler's unschedulablePodTimeBuffer: when every pending pod is younger than this, more are
 * probably on the way, so it waits one loop, scaling neither up nor down.
 */
const ALL_PODS_NEW_SEC = 2;

const enum ScaleUpOutcome {
  /** no pending pod needed anything */
  Nothing = 0,
  ScaledUp = 1,
  /** every pending pod is younger than the autoscaler's 2 s buffer */
  PodsWaiting = 2,
  /** pods need nodes that no node group can give (at max, in backoff, or too small) */
  NoFit = 3,
}

function scaleUp(world: World, c: ClusterState, now: number): ScaleUpOutcome {
  const ca = c.spec.clusterAutoscaler;
  const pending: PodInfo[] = [];
  let helpable = 0;
  let brandNew = 0;
  for (const pod of c.pending) {
    if (pod.phase !== PodPhase.Pending || !pod.unschedulable || pod.nominatedNode) continue;
    if (pod.info.priority < ca.expendablePodsPriorityCutoff) continue;
    helpable++;
    if (now - pod.createdAt < ALL_PODS_NEW_SEC) brandNew++;
    // --new-pod-scale-up-delay: young pods are left for a later scan, without holding scale-down
    if (now - pod.createdAt >= ca.newPodScaleUpDelaySec) pending.push(pod.info);
  }
  if (helpable > 0 && brandNew === helpable) return ScaleUpOutcome.PodsWaiting;
  // CapacityBuffers: virtual pending pods the autoscaler keeps room for, without placeholders.
  const buffers = c.spec.buffers.length > 0 ? bufferPods(c.spec.buffers, desiredReplicas(c)) : [];
  for (const b of buffers) pending.push(b);
  if (pending.length === 0) return ScaleUpOutcome.Nothing;

  // Room held for preemptors waiting on their victims is taken (the autoscaler adds nominated pods
  // to its snapshot first), and nodes on their way count as template nodes, so the same pods do not
  // ask twice.
  const capacity: NodeInfo[] = c.readyInfos.map((info) => {
    if (info.nominated.length === 0) return info;
    const copy = cloneNodeInfo(info);
    for (const p of info.nominated) addPod(copy, p);
    return copy;
  });
  let liveNodes = 0;
  for (const n of c.nodes) {
    if (n.state === NodeState.Removed) continue;
    liveNodes++;
    if (n.state === NodeState.Provisioning) capacity.push(newNodeInfo(n.name, n.groupSpec.allocatable));
  }
  const { unschedulable } = filterOutSchedulable(pending, capacity);
  if (unschedulable.length === 0) return ScaleUpOutcome.Nothing;

  const groups: NodeGroupState[] = [];
  c.spec.nodeGroups.forEach((g, gi) => {
    if (c.groupBackoffUntil[gi] > now) return;
    groups.push({
      name: g.name,
      template: { allocCpuMilli: g.allocatable.cpuMilli, allocMemoryBytes: g.allocatable.memoryBytes, allocPods: g.allocatable.pods },
      pricePerHour: g.pricePerHour,
      min: g.min,
      max: g.max,
      current: c.groupSize[gi],
      priority: g.expanderPriority,
    });
  });
  if (groups.length === 0) return noFit(world, c, unschedulable, now, 'every node group is backing off after a failed scale-up');
  const decision = computeScaleUp(
    unschedulable,
    groups,
    {
      expanders: ca.expanders,
      maxNodesTotal: ca.maxNodesTotal,
      currentNodesTotal: liveNodes,
      maxNodesPerScaleUp: ca.maxNodesPerScaleUp,
      expendablePodsPriorityCutoff: ca.expendablePodsPriorityCutoff,
    },
    world.engine.rng(`expander/${c.name}`),
  );
  if (!decision.nodeGroup || decision.count <= 0) {
    return noFit(world, c, unschedulable, now, 'no node group can hold them (at its max, or too small)');
  }
  const gi = c.spec.nodeGroups.findIndex((g) => g.name === decision.nodeGroup);
  for (let k = 0; k < decision.count; k++) world.addNode(c, gi, false);
  c.scaleUps++;
  c.nodesAdded += decision.count;
  c.notTriggered.clear();
  c.lastScaleUpAt = now;
  world.log.add(
    {
      time_s: now,
      cluster: c.name,
      kind: 'ClusterAutoscaler',
      reason: 'TriggeredScaleUp',
      object: decision.nodeGroup,
      message: `scale-up: group ${decision.nodeGroup} size set to ${c.groupSize[gi]} (+${decision.count}) for ${decision.scheduledPods.length} pending pods`,
      nodes: decision.count,
      pods: decision.scheduledPods.length,
    },
    true,
  );
  return ScaleUpOutcome.ScaledUp;
}

/**
 * The autoscaler's NotTriggerScaleUp: said once per Deployment while its pods keep failing to get a
 * node, so a planner sees why pods stay pending. Pods that fit nowhere do not block scale-down.
 */
function noFit(world: World, c: ClusterState, pods: readonly PodInfo[], now: number, why: string): ScaleUpOutcome {
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
  return ScaleUpOutcome.NoFit;
}

function desiredReplicas(c: ClusterState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of c.workloads) out[d.name] = d.desired;
  return out;
}

/**
 * The Ready nodes as scale-down sees them: buffer room that fits on them counts as taken (the
 * buffer's virtual pods go first fit, as at scale-up), so a node is not removed while the room it
 * keeps has nowhere else to go.
 */
function withBufferRoom(c: ClusterState): NodeInfo[] {
  if (c.spec.buffers.length === 0) return c.readyInfos;
  const nodes = c.readyInfos.map(cloneNodeInfo);
  for (const pod of bufferPods(c.spec.buffers, desiredReplicas(c))) {
    const n = nodes.find((node) => fitsRequests(pod, node));
    if (n) addPod(n, pod);
  }
  return nodes;
}

function scaleDown(world: World, c: ClusterState, state: ScaleDownState, now: number): ScaleDownState {
  const ca = c.spec.clusterAutoscaler;
  const groupName = c.spec.nodeGroups.map((g) => g.name);
  const groups: Record<string, NodeGroupSize> = {};
  c.spec.nodeGroups.forEach((g, gi) => (groups[g.name] = { min: g.min, size: c.groupSize[gi] }));
  let drainingEmpty = 0;
  let draining = 0;
  for (const n of c.nodes) {
    if (n.state !== NodeState.Draining) continue;
    groups[groupName[n.group]].size--;
    if (n.info.pods.length === 0) drainingEmpty++;
    else draining++;
  }
  const plan = planScaleDown(
    {
      nowSec: now,
      nodes: withBufferRoom(c).map((info, i) => ({ node: info, group: groupName[c.readyNodes[i].group] })),
      groups,
      pdbs: clusterPdbs(world, c),
      state,
      lastScaleUpSec: c.lastScaleUpAt,
      lastScaleDownDeleteSec: c.lastScaleDownAt,
      deletionsInProgress: { empty: drainingEmpty, drain: draining },
    },
    ca,
  );
  const names = [...plan.empty, ...plan.drain.map((d) => d.node)];
  if (names.length > 0) {
    const byName = new Map(c.readyNodes.map((n) => [n.info.name, n]));
    for (const name of names) {
      const node = byName.get(name);
      if (!node) continue;
      const pods = node.info.pods.length;
      world.drainNode(node);
      c.scaleDowns++;
      world.log.add(
        {
          time_s: now,
          cluster: c.name,
          kind: 'ClusterAutoscaler',
          reason: 'ScaleDown',
          object: name,
          message: `scale-down: removing ${pods === 0 ? 'empty ' : ''}node ${name}${pods ? `, evicting ${pods} pods` : ''}`,
        },
        true,
      );
    }
    c.lastScaleDownAt = now;
  }
  return plan.state;
}
