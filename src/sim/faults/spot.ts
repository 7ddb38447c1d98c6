/**
 * Spot interruptions: each spot node's reclaim drawn from a Poisson process of the group's
 * monthly rate from the moment it is Ready (stream `spot/<cluster>/<group>`), and the scenario's
 * reclaim waves (a share of a group's Ready nodes at once, picked from `faults/reclaim/<wave>/<cluster>`).
 * At the notice the node is cordoned and its pods are evicted as their PodDisruptionBudgets allow,
 * asked again every few seconds as kubectl drain does; when the notice is up the node is gone.
 * Their Deployments recreate the pods and the autoscaler adds capacity for them as for any pod.
 */
import { exponential } from '../../engine/random.ts';
import { HOURS_PER_MONTH } from '../../quantity.ts';
import { faultTargets } from '../../scenario/fault-targets.ts';
import type { Scenario } from '../../scenario/types.ts';
import { EVICTION_RETRY_SEC, evictAllowed } from '../drain.ts';
import { NodeState, type Node } from '../types.ts';
import { PRIORITY, type World } from '../world.ts';

export function installSpotInterruptions(world: World, scenario: Scenario): void {
  const e = world.engine;
  const hasSpot = scenario.clusters.some((c) => c.nodeGroups.some((g) => g.capacityType === 'spot'));
  if (!hasSpot) return;
  const evict = e.defineKind('SpotEvict', PRIORITY.lifecycle, (uid) => evictPods(world, world.nodes[uid], evict));
  const notice = e.defineKind('SpotNotice', PRIORITY.lifecycle, (uid) => interrupt(world, world.nodes[uid], 'its spot capacity is reclaimed', evict));
  world.onNodeReady = (node) => {
    const rate = node.groupSpec.interruptionRatePerMonth ?? 0;
    if (rate <= 0) return;
    const c = world.clusters[node.cluster];
    const meanSec = (HOURS_PER_MONTH * 3600) / rate;
    const at = world.now + exponential(e.rng(`spot/${c.name}/${node.groupSpec.name}`), meanSec);
    if (at < scenario.durationSec) e.schedule(at, notice, node.uid);
  };
  // the nodes Ready from the start were set up before this hook
  for (const node of world.nodes) if (node.state === NodeState.Ready) world.onNodeReady(node);
  const wave = e.defineKind('ReclaimWave', PRIORITY.zone, (wi, ci) => reclaimWave(world, wi, ci, evict));
  (scenario.faults?.reclaims ?? []).forEach((r, wi) => {
    world.clusters.forEach((c) => {
      if (r.cluster !== undefined && r.cluster !== c.name) return;
      if (faultTargets(c.spec.nodeGroups, r.nodeGroup, true).length === 0) return;
      e.schedule(r.atSec, wave, wi, c.index);
    });
  });
}

function reclaimWave(world: World, wi: number, ci: number, evictKind: number): void {
  const r = world.scenario.faults!.reclaims[wi];
  const c = world.clusters[ci];
  const targets = faultTargets(c.spec.nodeGroups, r.nodeGroup, true);
  const nodes = c.nodes.filter((n) => targets.includes(n.group) && n.state === NodeState.Ready && Number.isNaN(n.reclaimAt));
  const count = Math.min(nodes.length, Math.ceil(r.share * nodes.length - 1e-9));
  const rng = world.engine.rng(`faults/reclaim/${wi}/${c.name}`);
  // the first `count` of a seeded shuffle
  for (let k = 0; k < count; k++) {
    const j = k + Math.floor(rng() * (nodes.length - k));
    [nodes[k], nodes[j]] = [nodes[j], nodes[k]];
    interrupt(world, nodes[k], `a reclaim wave takes ${count} of ${nodes.length} nodes of ${r.nodeGroup}`, evictKind);
  }
}

function interrupt(world: World, node: Node, why: string, evictKind: number): void {
  if (!Number.isNaN(node.reclaimAt) || node.state === NodeState.Removed || node.state === NodeState.Provisioning) return;
  const c = world.clusters[node.cluster];
  const noticeSec = node.groupSpec.interruptionNoticeSec ?? 0;
  c.spotInterruptions++;
  world.log.add(
    {
      time_s: world.now,
      cluster: c.name,
      kind: 'Node',
      reason: 'SpotInterrupted',
      object: node.name,
      message: `${node.name} is interrupted: ${why}; cordoned, it goes in ${noticeSec}s`,
      pods: node.info.pods.length,
    },
    true,
  );
  world.cordonForRemoval(node, world.now + noticeSec);
  evictPods(world, node, evictKind);
}

/** Evicts what the budgets allow now; asks again later while the node is still there and time allows. */
function evictPods(world: World, node: Node, evictKind: number): void {
  if (node.state === NodeState.Removed) return;
  if (evictAllowed(world, node) > 0 && world.now + EVICTION_RETRY_SEC < node.reclaimAt) {
    world.engine.schedule(world.now + EVICTION_RETRY_SEC, evictKind, node.uid);
  }
}
