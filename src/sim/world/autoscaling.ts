/**
 * Each cluster's cluster-autoscaler on its scan interval: pending pods the scheduler could not
 * place (and that wait on no preemption of their own) become a scale-up, once what already fits on
 * Ready and upcoming nodes is taken out; then the scale-down planner picks nodes to drain.
 */
import { computeScaleUp, type NodeGroupState } from '../autoscaler/scaleup.ts';
import { filterOutSchedulable } from '../autoscaler/filter-schedulable.ts';
import { emptyScaleDownState, planScaleDown, type ScaleDownState, type NodeGroupSize } from '../autoscaler/scaledown/planner.ts';
import { addPod, cloneNodeInfo, fitsRequests, newNodeInfo } from '../scheduler/nodeinfo.ts';
import { bufferPods } from '../autoscaler/buffers.ts';
import { clusterPdbs } from './pdbs.ts';
import type { NodeInfo, PodInfo } from '../scheduler/types.ts';
import type { ClusterState } from './cluster.ts';
import { NodeState, PodPhase } from './types.ts';
import { PRIORITY, type World } from './world.ts';

export function installClusterAutoscalers(world: World): void {
  const states: ScaleDownState[] = world.clusters.map(() => emptyScaleDownState());
  const kind = world.engine.defineKind('ClusterAutoscalerScan', PRIORITY.controller, (ci, _b, now) => {
    const c = world.clusters[ci];
    if (!c.down) states[ci] = scan(world, c, states[ci], now);
    world.engine.schedule(now + c.spec.clusterAutoscaler.scanIntervalSec, kind, ci);
  });
  for (const c of world.clusters) world.engine.schedule(0, kind, c.index);
}

function scan(world: World, c: ClusterState, sdState: ScaleDownState, now: number): ScaleDownState {
  const ca = c.spec.clusterAutoscaler;
  const scaledUp = scaleUp(world, c, now);
  if (!ca.scaleDownEnabled || scaledUp) return sdState;
  return scaleDown(world, c, sdState, now);
}

function scaleUp(world: World, c: ClusterState, now: number): boolean {
  const ca = c.spec.clusterAutoscaler;
  const pending: PodInfo[] = [];
  for (const pod of c.pending) {
    if (
      pod.phase === PodPhase.Pending &&
      pod.unschedulable &&
      !pod.nominatedNode &&
      pod.info.priority >= ca.expendablePodsPriorityCutoff &&
      now - pod.createdAt >= ca.newPodScaleUpDelaySec
    ) {
      pending.push(pod.info);
    }
  }
  // CapacityBuffers: virtual pending pods the autoscaler keeps room for, without placeholders.
  const buffers = c.spec.buffers.length > 0 ? bufferPods(c.spec.buffers, desiredReplicas(c)) : [];
  for (const b of buffers) pending.push(b);
  if (pending.length === 0) return false;

  // Nodes on their way count as template nodes, so the same pods do not ask twice.
  const capacity: NodeInfo[] = c.readyInfos.slice();
  let liveNodes = 0;
  for (const n of c.nodes) {
    if (n.state === NodeState.Removed) continue;
    liveNodes++;
    if (n.state === NodeState.Provisioning) capacity.push(newNodeInfo(n.name, n.groupSpec.allocatable));
  }
  const { unschedulable } = filterOutSchedulable(pending, capacity);
  if (unschedulable.length === 0) return false;

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
  if (groups.length === 0) return false;
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
  if (!decision.nodeGroup || decision.count <= 0) return false;
  const gi = c.spec.nodeGroups.findIndex((g) => g.name === decision.nodeGroup);
  for (let k = 0; k < decision.count; k++) world.addNode(c, gi, false);
  c.scaleUps++;
  c.nodesAdded += decision.count;
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
  return true;
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
      lastScaleDownFailSec: c.lastScaleDownFailAt,
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
      world.drainNode(node, 'ScaleDown');
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
