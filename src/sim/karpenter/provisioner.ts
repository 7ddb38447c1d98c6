/**
 * Karpenter's provisioner in one cluster: a batch opens with the first pod the scheduler finds no
 * room for and closes once no new one came for batchIdleDuration, or batchMaxDuration after it
 * opened (kubernetes-sigs/karpenter pkg/controllers/provisioning/batcher.go); then the cluster as
 * the provisioner reads it goes to the one decision (decisions/karpenter/provisioning.ts), and its
 * NodeClaims are launched and recorded.
 */
import { LABEL_INSTANCE_TYPE } from '../../decisions/defaults.ts';
import { batchClosesAt } from '../../decisions/karpenter/batch.ts';
import { planProvisioning, type ProvisioningPlan, type ProvisioningSnapshot } from '../../decisions/karpenter/provisioning.ts';
import { addPod, newNodeInfo } from '../../decisions/scheduler/nodeinfo.ts';
import type { NodeInfo, PodInfo } from '../../decisions/scheduler/types.ts';
import type { ClusterState } from '../cluster.ts';
import { NodeState, PodPhase, type Node } from '../types.ts';
import type { World } from '../world.ts';
import type { KarpenterState } from './state.ts';

/** A pod became unschedulable (or capacity went away): open the batch, or keep it open. */
export function noteNewPod(world: World, k: KarpenterState, checkKind: number): void {
  const now = world.now;
  k.lastPodAt = now;
  if (k.batchOpen) return;
  k.batchOpen = true;
  k.batchStartedAt = now;
  world.engine.schedule(now + k.spec.batchIdleDurationSec, checkKind, k.cluster.index);
}

/** The batch's timer: closes it and provisions, or waits for the window's end. */
export function batchTimer(world: World, k: KarpenterState, checkKind: number): void {
  const now = world.now;
  const closesAt = batchClosesAt(k.batchStartedAt, k.lastPodAt, k.spec);
  if (now < closesAt) {
    world.engine.schedule(closesAt, checkKind, k.cluster.index);
    return;
  }
  k.batchOpen = false;
  if (k.cluster.down) return;
  provision(world, k);
}

export function provision(world: World, k: KarpenterState): ProvisioningPlan {
  const plan = planProvisioning(provisioningSnapshot(world, k));
  applyProvisioning(world, k, plan);
  return plan;
}

/** The cluster as Karpenter's provisioner reads it now. */
export function provisioningSnapshot(world: World, k: KarpenterState): ProvisioningSnapshot {
  const c = k.cluster;
  const now = world.now;
  const pods: PodInfo[] = [];
  for (const pod of c.pending) {
    if (pod.phase === PodPhase.Pending && pod.unschedulable && pod.nominatedNode === null) pods.push(pod.info);
  }
  const launching: NodeInfo[] = [];
  const used = k.spec.nodePools.map(() => ({ cpuMilli: 0, memoryBytes: 0 }));
  for (const n of c.nodes) {
    if (n.state === NodeState.Removed || n.launchFailed) continue;
    const pool = k.poolOfGroup[n.group];
    if (pool >= 0) {
      used[pool].cpuMilli += n.info.allocCpuMilli;
      used[pool].memoryBytes += n.info.allocMemoryBytes;
    }
    if (n.state === NodeState.Provisioning) launching.push(launchingInfo(c, n));
    // pods on a node being deleted need a place too (the provisioner counts them as pending)
    if (n.state === NodeState.Draining) {
      for (const info of n.info.pods) {
        const p = world.pods[info.uid];
        if (p.owner.kind !== 'daemonset' && p.phase !== PodPhase.Terminating) pods.push(info);
      }
    }
  }
  return {
    pods,
    nodes: c.readyInfos,
    launching,
    pools: k.spec.nodePools.map((p, pi) => ({
      name: p.name,
      remaining: { cpuMilli: p.limits.cpuMilli - used[pi].cpuMilli, memoryBytes: p.limits.memoryBytes - used[pi].memoryBytes },
      offerings: k.poolOfferings[pi],
    })),
    offerings: k.offerings,
    unavailable: k.unavailable(now),
  };
}

/** A node still launching as it will be once Ready: its group's template with its DaemonSet pods. */
function launchingInfo(c: ClusterState, n: Node): NodeInfo {
  const t = c.groupTemplates[n.group];
  const info = newNodeInfo(n.name, n.info.allocCpuMilli === 0 ? { cpuMilli: t.allocCpuMilli, memoryBytes: t.allocMemoryBytes, pods: t.allocPods } : { cpuMilli: n.info.allocCpuMilli, memoryBytes: n.info.allocMemoryBytes, pods: n.info.allocPods }, n.uid);
  info.labels = n.info.labels;
  if (n.info.taints !== undefined) info.taints = n.info.taints;
  for (const ds of t.daemonSetPods ?? []) addPod(info, ds);
  return info;
}

function applyProvisioning(world: World, k: KarpenterState, plan: ProvisioningPlan): void {
  const c = k.cluster;
  for (const claim of plan.claims) {
    const o = k.offerings[claim.offering];
    const node = world.addNode(c, o.group, false);
    // counted as the cluster-autoscaler counts its requests: a refused launch too
    c.nodesAdded++;
    c.scaleUps++;
    if (node.launchFailed) continue;
    const g = node.groupSpec;
    world.log.add(
      {
        time_s: world.now,
        cluster: c.name,
        kind: 'NodeClaim',
        reason: 'Launched',
        object: node.name,
        message: `nodepool ${k.spec.nodePools[claim.pool].name} launched ${g.labels?.[LABEL_INSTANCE_TYPE] ?? g.instance?.type ?? g.name} (${o.capacityType}, ${g.pricePerHour}/h) for ${claim.pods.length} pods`,
        nodes: 1,
        pods: claim.pods.length,
      },
      true,
    );
  }
}
