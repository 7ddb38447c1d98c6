/**
 * The scheduler's loop over one cluster: pending pods by priority, then arrival; each goes to the
 * best-scoring Ready node, or preempts lower-priority pods and is nominated to that node, or is
 * marked unschedulable for the cluster-autoscaler to see.
 */
import { fitErrorMessage, preemptionFailureMessage } from '../decisions/scheduler/fit-error.ts';
import { runFilters, cycleStateFor } from '../decisions/scheduler/filters.ts';
import { SUCCESS } from '../decisions/scheduler/plugins/noderesources/fit.ts';
import { preempt } from '../decisions/scheduler/preemption.ts';
import { skewBlocked } from '../decisions/scheduler/skew-blocked.ts';
import { hasConstraints } from '../decisions/scheduler/plugins/podtopologyspread/common.ts';
import type { ClusterState } from './cluster.ts';
import { NodeState, PodPhase, type Deployment, type Pod } from './types.ts';
import type { World } from './world.ts';
import { clusterPdbs } from './pdbs.ts';

export function installScheduler(world: World): void {
  world.onSchedulePass = (c) => schedulePass(world, c);
}

/**
 * The pending pods in the scheduling queue's order: priority, highest first, then creation (uid).
 * The pending list is already in uid order, so this is a stable pass per priority level (a
 * cluster's pods have few), not a sort.
 */
export function queueOrder(pending: readonly Pod[]): Pod[] {
  const levels: number[] = [];
  for (let i = 0; i < pending.length; i++) {
    const p = pending[i].info.priority;
    if (!levels.includes(p)) levels.push(p);
  }
  levels.sort((a, b) => b - a);
  if (levels.length === 1) return pending.slice();
  const queue = new Array<Pod>(pending.length);
  let k = 0;
  for (const level of levels) for (let i = 0; i < pending.length; i++) if (pending[i].info.priority === level) queue[k++] = pending[i];
  return queue;
}

export function schedulePass(world: World, c: ClusterState): void {
  if (c.pending.length === 0 || c.down) return;
  const spec = c.spec.scheduler;
  const queue = queueOrder(c.pending);
  world.holdPending(c);
  // Pods of one Deployment are identical: once one finds no node and no victims in this pass,
  // the rest of its pods would too (kube-scheduler's unschedulable queue spares the same work),
  // and would be told the same FailedScheduling message.
  let hopeless: Map<Deployment, Unplaced> | null = null;
  for (const pod of queue) {
    if (pod.phase !== PodPhase.Pending) continue;
    // A pod nominated by its own preemption goes to its node as soon as there is room there,
    // whatever its siblings found elsewhere.
    const nominated = pod.nominatedNode;
    if (nominated && nominated.state === NodeState.Ready && runFilters(pod.info, nominated.info, cycleStateFor(pod.info, c.schedInfos, world.isTerminating)) === SUCCESS) {
      world.bindPod(pod, nominated);
      continue;
    }
    const known = hopeless?.get(pod.owner);
    if (known !== undefined) {
      if (!nominated) markUnschedulable(world, c, pod, known);
      continue;
    }
    const idx = c.hostMemo.selectHost(pod.info, pod.replicaSet ?? pod.owner, nominated !== null, c.schedInfos, spec, world.isTerminating);
    if (idx >= 0) {
      world.bindPod(pod, c.schedNodes[idx]);
      continue;
    }
    if (nominated && nominated.state === NodeState.Ready && hasTerminatingVictims(world, nominated.info.pods, pod)) {
      // Still waiting for the victims it already chose to leave: it does not preempt again.
      continue;
    }
    if (tryPreemption(world, c, pod)) continue;
    const unplaced: Unplaced = {
      message: world.log.enabled ? failedSchedulingMessage(world, c, pod) : '',
      // only pods that spread with DoNotSchedule can be held by it: the others skip the walk
      skewBlocked: hasConstraints(pod.info, 'DoNotSchedule') && skewBlocked(pod.info, c.schedInfos, cycleStateFor(pod.info, c.schedInfos, world.isTerminating)),
    };
    markUnschedulable(world, c, pod, unplaced);
    (hopeless ??= new Map()).set(pod.owner, unplaced);
  }
  world.sweepPending(c);
}

/** What the pass found for a pod with no node and no preemption (the same for its Deployment's other pods). */
interface Unplaced {
  message: string;
  skewBlocked: boolean;
}

/**
 * kube-scheduler's FailedScheduling text for a pod that fits no Ready node and preempts nowhere:
 * the filter's Status on every node, then why preemption did not help (decisions/scheduler/fit-error.ts).
 */
function failedSchedulingMessage(world: World, c: ClusterState, pod: Pod): string {
  const state = cycleStateFor(pod.info, c.schedInfos, world.isTerminating);
  const statuses = c.schedInfos.map((node) => runFilters(pod.info, node, state));
  return fitErrorMessage(c.schedInfos.length, statuses, preemptionFailureMessage(pod.info, c.schedInfos, state));
}

/** PodScheduled=False (Unschedulable): said once per pod, when it first finds no node. */
function markUnschedulable(world: World, c: ClusterState, pod: Pod, { message, skewBlocked }: Unplaced): void {
  world.setSkewBlocked(pod, skewBlocked);
  if (!pod.unschedulable && world.log.enabled) {
    world.log.add({
      time_s: world.now,
      cluster: c.name,
      kind: 'Pod',
      reason: 'FailedScheduling',
      object: pod.info.name,
      message,
    });
  }
  if (!pod.unschedulable) world.onPodUnschedulable(c);
  pod.unschedulable = true;
}

function hasTerminatingVictims(world: World, podsOnNode: readonly { uid: number; priority: number }[], pod: Pod): boolean {
  for (const p of podsOnNode) {
    if (p.priority < pod.info.priority && world.pods[p.uid].phase === PodPhase.Terminating) return true;
  }
  return false;
}

function tryPreemption(world: World, c: ClusterState, pod: Pod): boolean {
  if (pod.info.preemptionPolicy === 'Never') return false;
  const pdbs = clusterPdbs(world, c);
  const victimsOnNode = c.hostMemo.victimsOnNode(pod.info, pod.replicaSet ?? pod.owner, pod.nominatedNode !== null, c.schedInfos, c.spec.scheduler, pdbs);
  const result = preempt(pod.info, c.schedInfos, pdbs, {
    isTerminating: world.isTerminating,
    state: cycleStateFor(pod.info, c.schedInfos, world.isTerminating),
    // the sim keeps each pod's nominated node: no walk over every node's nominations to find it
    nominatedNodeIndex: pod.nominatedNode === null ? -1 : c.schedNodes.indexOf(pod.nominatedNode),
    ...(victimsOnNode !== undefined ? { victimsOnNode } : {}),
  });
  if (!result) return false;
  const node = c.schedNodes[result.nodeIndex];
  pod.unschedulable = false;
  world.setSkewBlocked(pod, false);
  for (const v of result.victims) {
    const victim = world.pods[v.uid];
    if (victim.phase === PodPhase.Terminating || victim.phase === PodPhase.Gone) continue;
    c.preemptions++;
    world.log.add({
      time_s: world.now,
      cluster: c.name,
      kind: 'Pod',
      reason: 'Preempted',
      object: victim.info.name,
      message: `preempted by ${pod.info.name} on ${node.name}`,
      preemptor: pod.info.name,
      preemptorPriority: pod.info.priority,
      victimPriority: victim.info.priority,
      node: node.name,
    });
    world.deletePod(victim);
  }
  // Lower-priority pods nominated to the same node lose their claim and go back to the queue.
  for (const n of result.lowerPriorityNominated) world.clearNomination(world.pods[n.uid]);
  world.nominate(pod, node);
  return true;
}
