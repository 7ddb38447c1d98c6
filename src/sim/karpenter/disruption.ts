/**
 * Karpenter's disruption controller in one cluster, every 10 s: nodes past their pool's
 * expireAfter are terminated (expiration is forceful: no budget holds it, PDBs still pace the
 * drain); then, unless the provisioner has work in flight, the consolidation decision
 * (decisions/karpenter/consolidation.ts) over the nodes that may be consolidated, applied: a
 * delete terminates its nodes now, a replace launches the new node and terminates the old ones
 * once it is Ready (a replacement that fails to launch cancels the command).
 */
import { grantedEvictions } from '../../decisions/disruption/eviction.ts';
import { allowedDisruptions } from '../../decisions/karpenter/budgets.ts';
import { planConsolidation, type ConsolidationCandidate, type ConsolidationCommand, type ConsolidationInput } from '../../decisions/karpenter/consolidation.ts';
import { ANNOTATION_DO_NOT_DISRUPT, LABEL_INSTANCE_TYPE } from '../../decisions/defaults.ts';
import type { PodInfo } from '../../decisions/scheduler/types.ts';
import { clusterPdbs } from '../pdbs.ts';
import { NodeState, PodPhase, type Node } from '../types.ts';
import type { World } from '../world.ts';
import type { KarpenterState } from './state.ts';
import { startTermination } from './termination.ts';

export function disruptionPass(world: World, k: KarpenterState, drainKind: number): void {
  const c = k.cluster;
  if (c.down) return;
  expire(world, k, drainKind);
  // a replacement that timed out or failed is given up
  for (const uid of [...k.replacing.keys()]) if (world.nodes[uid].state === NodeState.Removed) k.replacing.delete(uid);
  if (k.batchOpen || k.replacing.size > 0) return;
  for (const n of c.nodes) if (n.state === NodeState.Provisioning && k.owns(n)) return;
  const input = consolidationInput(world, k);
  if (input.candidates.length === 0) return;
  const signature = quietSignature(world, k, input);
  if (signature === k.lastQuietSignature) return;
  const cmd = planConsolidation(input);
  if (!cmd) {
    k.lastQuietSignature = signature;
    return;
  }
  k.lastQuietSignature = '';
  applyCommand(world, k, cmd, drainKind);
}

function expire(world: World, k: KarpenterState, drainKind: number): void {
  for (const n of k.cluster.nodes) {
    if (n.state !== NodeState.Ready || !k.owns(n) || k.terminating.has(n)) continue;
    const pool = k.spec.nodePools[k.poolOfGroup[n.group]];
    if (world.now - n.requestedAt < pool.disruption.expireAfterSec) continue;
    world.log.add(
      { time_s: world.now, cluster: k.cluster.name, kind: 'Node', reason: 'Expired', object: n.name, message: `${n.name} is older than its nodepool's expireAfter (${pool.disruption.expireAfterSec}s): draining it` },
      true,
    );
    startTermination(world, k, n, drainKind);
  }
}

/** The cluster as the consolidation decision reads it: Ready nodes, the candidates among them, each pool's budget. */
export function consolidationInput(world: World, k: KarpenterState): ConsolidationInput {
  const c = k.cluster;
  const now = world.now;
  const pdbs = clusterPdbs(world, c);
  const pools = k.spec.nodePools.map((p, pi) => ({ policy: p.disruption.consolidationPolicy, nodes: 0, disrupting: 0, offerings: k.poolOfferings[pi] }));
  const replaced = new Set<Node>();
  for (const list of k.replacing.values()) for (const n of list) replaced.add(n);
  for (const n of c.nodes) {
    const pi = k.poolOfGroup[n.group];
    if (pi < 0 || n.state === NodeState.Removed || n.launchFailed) continue;
    pools[pi].nodes++;
    if (n.state === NodeState.Draining || replaced.has(n)) pools[pi].disrupting++;
  }
  const unavailable = k.unavailable(now);
  const candidates: ConsolidationCandidate[] = [];
  c.readyNodes.forEach((n, i) => {
    const pi = k.poolOfGroup[n.group];
    if (pi < 0 || replaced.has(n)) return;
    const d = k.spec.nodePools[pi].disruption;
    if (now - Math.max(n.readyAt, n.podEventAt) < d.consolidateAfterSec) return;
    let seen = k.movable.get(n);
    if (seen === undefined || seen.at !== n.podEventAt) {
      seen = { at: n.podEventAt, pods: movablePods(world, n) };
      k.movable.set(n, seen);
    }
    const pods = seen.pods;
    if (pods === null) return;
    // a pod its PodDisruptionBudget would not let go keeps the node (upstream: "pdb prevents pod evictions")
    if (pods.length > 0 && pdbs.length > 0 && grantedEvictions(pods, pdbs).length < pods.length) return;
    candidates.push({ node: i, pool: pi, pricePerHour: n.groupSpec.pricePerHour, pods });
  });
  return {
    nodes: c.readyInfos,
    candidates,
    pools: pools.map((p, pi) => ({
      policy: p.policy,
      allowed: allowedDisruptions(k.spec.nodePools[pi].disruption.budgets, p.nodes, p.disrupting),
      offerings: p.offerings.filter((o) => !unavailable.has(o)),
    })),
    offerings: k.offerings,
  };
}

/** The pods that would have to move, or null when one of them may not be disrupted (karpenter.sh/do-not-disrupt). */
function movablePods(world: World, n: Node): PodInfo[] | null {
  const out: PodInfo[] = [];
  for (const info of n.info.pods) {
    const pod = world.pods[info.uid];
    if (pod.owner.kind === 'daemonset' || pod.phase === PodPhase.Terminating) continue;
    // the annotation is read from the pod's labels here (the scenario gives pods labels, not annotations)
    if (info.labels[ANNOTATION_DO_NOT_DISRUPT] === 'true') return null;
    out.push(info);
  }
  return out;
}

/** What consolidation would see again: the candidates and the room on the nodes. */
function quietSignature(world: World, k: KarpenterState, input: ConsolidationInput): string {
  const a = k.cluster.acc;
  return `${input.candidates.length}/${input.nodes.length}/${a.readyReqCpuMilli}/${a.readyReqMemoryBytes}/${k.unavailable(world.now).size}`;
}

function applyCommand(world: World, k: KarpenterState, cmd: ConsolidationCommand, drainKind: number): void {
  const c = k.cluster;
  const nodes = cmd.nodes.map((i) => c.readyNodes[i]);
  let message = `${cmd.method} consolidation: ${cmd.decision} ${nodes.map((n) => n.name).join(', ')}`;
  if (cmd.decision === 'replace') {
    const o = k.offerings[cmd.replacement!.offering];
    const node = world.addNode(c, o.group, false);
    c.nodesAdded++;
    if (node.launchFailed) return;
    k.replacing.set(node.uid, nodes);
    c.consolidations++;
    message += ` with ${node.name} (${node.groupSpec.labels?.[LABEL_INSTANCE_TYPE] ?? node.groupSpec.instance?.type ?? node.groupSpec.name}, ${o.capacityType})`;
  }
  world.log.add(
    {
      time_s: world.now,
      cluster: c.name,
      kind: 'NodePool',
      reason: 'Consolidated',
      object: k.spec.nodePools[k.poolOfGroup[nodes[0].group]].name,
      message: `${message}, saving ${round(cmd.savingsPerHour)}/h`,
      method: cmd.method,
      decision: cmd.decision,
      nodes: nodes.length,
    },
    true,
  );
  if (cmd.decision === 'delete') {
    c.consolidations++;
    for (const n of nodes) startTermination(world, k, n, drainKind);
  }
}

/** The replacement is Ready: the nodes it replaces go now. A replacement that never came cancels the command. */
export function replacementDone(world: World, k: KarpenterState, replacement: Node, drainKind: number): void {
  const nodes = k.replacing.get(replacement.uid);
  if (!nodes) return;
  k.replacing.delete(replacement.uid);
  if (replacement.state !== NodeState.Ready) return;
  for (const n of nodes) if (n.state === NodeState.Ready) startTermination(world, k, n, drainKind);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
