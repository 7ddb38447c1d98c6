/**
 * The scale-down half of a cluster-autoscaler scan: the cluster as the planner reads it, the one
 * planner `headroom decide scale-down` calls too (planScaleDown), then its nodes drained and
 * recorded.
 */
import { bufferPods } from '../decisions/autoscaler/buffers.ts';
import { planScaleDown, type NodeGroupSize, type ScaleDownInput, type ScaleDownNode, type ScaleDownPlan, type ScaleDownSimulation, type ScaleDownState } from '../decisions/autoscaler/scaledown/planner.ts';
import { addPod, cloneNodeInfo } from '../decisions/scheduler/nodeinfo.ts';
import { fitsRequests } from '../decisions/scheduler/plugins/noderesources/fit.ts';
import type { NodeInfo } from '../decisions/scheduler/types.ts';
import type { ClusterState } from './cluster.ts';
import { clusterPdbs } from './pdbs.ts';
import { desiredReplicas } from './scale-up.ts';
import { NodeState, type Node } from './types.ts';
import type { World } from './world.ts';

export function scaleDown(world: World, c: ClusterState, state: ScaleDownState, now: number): ScaleDownState {
  const plan = planScaleDown(scaleDownInput(world, c, state, now), c.spec.clusterAutoscaler);
  c.scaleDownSimulation = { simulation: plan.simulation, nodeChanges: c.nodeChanges };
  const removed = applyScaleDown(world, c, plan, now);
  recordScaleDown(world, c, removed, now);
  return plan.state;
}

/** The cluster as the scale-down planner reads it at `now`. */
export function scaleDownInput(world: World, c: ClusterState, state: ScaleDownState, now: number): ScaleDownInput {
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
  const nodeInfos = withBufferRoom(c);
  return {
    nowSec: now,
    nodes: scaleDownNodes(c, nodeInfos, groupName),
    nodeInfos,
    groups,
    pdbs: clusterPdbs(world, c),
    state,
    lastScaleUpSec: c.lastScaleUpAt,
    lastScaleDownDeleteSec: c.lastScaleDownAt,
    deletionsInProgress: { empty: drainingEmpty, drain: draining },
    previous: previousSimulation(c),
  };
}

/**
 * The last pass's removal simulation while no NodeInfo of the cluster changed since (the planner
 * reuses it only for the same node list, candidates, PDBs and settings).
 */
function previousSimulation(c: ClusterState): ScaleDownSimulation | undefined {
  const kept = c.scaleDownSimulation;
  return kept !== null && kept.nodeChanges === c.nodeChanges ? kept.simulation : undefined;
}

/**
 * The planner's node list, kept while the Ready nodes are the same list (ClusterState replaces
 * readyInfos whenever a node becomes Ready or stops being so). Nodes with buffer room taken are
 * copies made for the pass, so listed afresh.
 */
function scaleDownNodes(c: ClusterState, infos: readonly NodeInfo[], groupName: readonly string[]): ScaleDownNode[] {
  const kept = c.scaleDownNodes;
  if (kept !== null && kept.infos === infos) return kept.nodes;
  const nodes = infos.map((info, i) => ({ node: info, group: groupName[c.readyNodes[i].group] }));
  if (infos === c.readyInfos) c.scaleDownNodes = { infos, nodes };
  return nodes;
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

interface Removal {
  node: Node;
  /** pods on it when its drain began */
  pods: number;
}

function applyScaleDown(world: World, c: ClusterState, plan: ScaleDownPlan, now: number): Removal[] {
  const names = [...plan.empty, ...plan.drain.map((d) => d.node)];
  if (names.length === 0) return [];
  const byName = new Map(c.readyNodes.map((n) => [n.info.name, n]));
  const removed: Removal[] = [];
  for (const name of names) {
    const node = byName.get(name);
    if (!node) continue;
    removed.push({ node, pods: node.info.pods.length });
    world.drainNode(node);
    c.scaleDowns++;
  }
  c.lastScaleDownAt = now;
  return removed;
}

function recordScaleDown(world: World, c: ClusterState, removed: readonly Removal[], now: number): void {
  for (const { node, pods } of removed) {
    world.log.add(
      {
        time_s: now,
        cluster: c.name,
        kind: 'ClusterAutoscaler',
        reason: 'ScaleDown',
        object: node.name,
        message: `scale-down: removing ${pods === 0 ? 'empty ' : ''}node ${node.name}${pods ? `, evicting ${pods} pods` : ''}`,
      },
      true,
    );
  }
}
