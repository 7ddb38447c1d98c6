/** What must hold of the world after every sample step, whatever the fleet: the invariants the property tests check. */
import { expect } from 'vitest';
import { runFilters, cycleStateFor } from '../../src/decisions/scheduler/filters.ts';
import { SUCCESS } from '../../src/decisions/scheduler/plugins/noderesources/fit.ts';
import { NodeState, PodPhase } from '../../src/sim/types.ts';
import type { World } from '../../src/sim/world.ts';

export function checkWorld(world: World): void {
  for (const c of world.clusters) {
    // the accounting levels agree with the nodes they summarize
    let readyReq = 0;
    let readyPlaceholder = 0;
    for (const n of c.nodes) {
      if (n.state !== NodeState.Ready) continue;
      readyReq += n.info.reqCpuMilli;
      readyPlaceholder += n.placeholderCpuMilli;
    }
    expect(c.acc.readyReqCpuMilli).toBe(readyReq);
    expect(c.acc.readyPlaceholderCpuMilli).toBe(readyPlaceholder);
    for (const n of c.nodes) {
      if (n.state === NodeState.Removed) {
        expect(n.info.pods).toHaveLength(0);
        continue;
      }
      let cpu = 0;
      let mem = 0;
      for (const p of n.info.pods) {
        cpu += p.cpuMilli;
        mem += p.memoryBytes;
        const pod = world.pods[p.uid];
        expect(pod.node).toBe(n);
      }
      // the node's terminating list (topology spread's counts read it) is exactly its pods on their way out
      const terminating = n.info.pods.filter((p) => world.pods[p.uid].phase === PodPhase.Terminating);
      expect(new Set(n.info.terminating)).toEqual(new Set(terminating));
      expect(n.info.terminating).toHaveLength(terminating.length);
      expect(n.info.reqCpuMilli).toBe(cpu);
      expect(n.info.reqMemoryBytes).toBe(mem);
      // no node over-committed
      expect(cpu).toBeLessThanOrEqual(n.info.allocCpuMilli);
      expect(mem).toBeLessThanOrEqual(n.info.allocMemoryBytes);
      expect(n.info.pods.length).toBeLessThanOrEqual(n.info.allocPods);
    }
    if (c.down) continue;
    // the scheduler leaves no pending pod that some Ready node could take (nominated pods wait
    // for their victims; room held for a higher-priority nominee counts as taken; every filter
    // asked, topology spread with the cluster's counts)
    // (a pass still queued for this instant, as after a kubelet's evictions at a sample, has not run yet)
    for (const p of c.passQueued ? [] : c.pending) {
      if (p.nominatedNode) continue;
      const spread = cycleStateFor(p.info, c.schedInfos, world.isTerminating);
      for (const info of c.schedInfos) expect(runFilters(p.info, info, spread) === SUCCESS, `${p.info.name} fits ${info.name}`).toBe(false);
    }
    for (const dep of [...c.workloads, ...c.placeholders]) {
      // pods conserved: the ReplicaSet holds exactly its desired pods (terminating ones aside);
      // in a rollout, each ReplicaSet its own replicas
      expect(dep.pods.length).toBe(dep.replicaSets ? dep.replicaSets.reduce((a, rs) => a + rs.replicas, 0) : dep.desired);
      for (const rs of dep.replicaSets ?? []) expect(dep.pods.filter((p) => p.replicaSet === rs)).toHaveLength(rs.replicas);
      let pending = 0;
      let ready = 0;
      for (const p of dep.pods) {
        expect([PodPhase.Pending, PodPhase.Starting, PodPhase.Ready]).toContain(p.phase);
        if (p.phase === PodPhase.Pending) {
          pending++;
          expect(p.node).toBeNull();
          expect(c.pending).toContain(p);
        } else {
          expect(p.node!.info.pods).toContain(p.info);
        }
        if (p.phase === PodPhase.Ready) ready++;
      }
      expect(dep.pendingCount).toBe(pending);
      expect(dep.readyCount).toBe(ready);
    }
  }
}

/** ∫ billed nodes × price dt, from each node's own billing interval (a refused launch is never billed). */
export function billedCost(world: World, durationSec: number): number {
  let cost = 0;
  for (const n of world.nodes) {
    if (n.launchFailed) continue;
    const until = Number.isNaN(n.removedAt) ? durationSec : n.removedAt;
    cost += ((until - n.requestedAt) * n.groupSpec.pricePerHour) / 3600;
  }
  return cost;
}
