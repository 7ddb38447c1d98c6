/**
 * The contract between `headroom run` and `headroom decide scale-up`: for many generated cluster
 * states, the JSON a user would write from what they see (pending pods with ages and
 * nominations, Ready nodes, nodes on their way, node groups, backoff, buffers) makes decide ask
 * for exactly the nodes the simulation's scan asks for.
 *
 * The states come from a real world: a two-group cluster where pods are created at random times,
 * nodes are asked for, the scheduler runs (binding, preempting placeholders, marking pods
 * unschedulable) and groups may be backing off. The JSON is written from the world's objects here,
 * independently of the simulation's own snapshot builder.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideScaleUp } from '../../src/decide/scale-up.ts';
import { planScaleUp } from '../../src/decisions/autoscaler/scaleup-plan.ts';
import type { PodInfo } from '../../src/decisions/scheduler/types.ts';
import { isBackedOff } from '../../src/decisions/autoscaler/backoff.ts';
import { namedStream } from '../../src/engine/random.ts';
import type { ClusterState } from '../../src/sim/cluster.ts';
import { scaleUpSnapshot } from '../../src/sim/scale-up.ts';
import { installScheduler } from '../../src/sim/scheduling.ts';
import { setupWorld } from '../../src/sim/setup.ts';
import { NodeState, PodPhase } from '../../src/sim/types.ts';
import { World } from '../../src/sim/world.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { scenarioFromYaml } from '../helpers/scenario.ts';

const scenarios = new Map<string, Scenario>();
function scenario(expander: string, newPodDelay: number, maxNodesTotal: number): Scenario {
  const key = `${expander}/${newPodDelay}/${maxNodesTotal}`;
  if (!scenarios.has(key)) scenarios.set(key, scenarioYaml(expander, newPodDelay, maxNodesTotal));
  return scenarios.get(key)!;
}

function scenarioYaml(expander: string, newPodDelay: number, maxNodesTotal: number): Scenario {
  return scenarioFromYaml(`
name: contract
seed: 3
duration: 1h
clusters: [az-a]
nodeGroups:
  - {name: small, allocatable: {cpu: 2, memory: 8Gi, pods: 12}, pricePerHour: 0.1, min: 1, max: 9, initial: 2, provisioningDelay: {fixed: 90s}, expanderPriority: 1}
  - {name: large, allocatable: {cpu: 8, memory: 32Gi, pods: 40}, pricePerHour: 0.35, min: 0, max: 4, initial: 1, provisioningDelay: {fixed: 90s}}
priorityClasses:
  - {name: overprovisioning, value: -1, preemptionPolicy: Never}
  - {name: default, value: 0, globalDefault: true}
  - {name: critical, value: 100}
workloads:
  - {name: web, requests: {cpu: 500m, memory: 1Gi}, serviceTime: 50ms, replicas: 4}
  - {name: api, priorityClass: critical, requests: {cpu: 1500m, memory: 2Gi}, serviceTime: 50ms, replicas: 1}
overprovisioner:
  - {name: headroom, requests: {cpu: 500m, memory: 512Mi}, replicasPerCluster: 4, priorityClass: overprovisioning}
buffers:
  - {name: room, percentOf: web, percent: 25}
clusterAutoscaler: {expander: '${expander}', newPodScaleUpDelay: ${newPodDelay}s, maxNodesTotal: ${maxNodesTotal}}
`);
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('pods' as const), dep: fc.integer({ min: 0, max: 2 }), n: fc.integer({ min: 1, max: 12 }), dt: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('node' as const), group: fc.integer({ min: 0, max: 1 }), dt: fc.integer({ min: 0, max: 40 }) }),
);

function podJson(info: PodInfo): Record<string, unknown> {
  return {
    name: info.name,
    priority: info.priority,
    preemptionPolicy: info.preemptionPolicy,
    labels: info.labels,
    requests: { cpu: `${info.cpuMilli}m`, memory: info.memoryBytes },
  };
}

/** What a user would write for `decide scale-up` from the cluster at `now`. */
function decideInput(world: World, c: ClusterState, now: number): unknown {
  const ca = c.spec.clusterAutoscaler;
  const pods = c.pending
    .filter((p) => p.phase === PodPhase.Pending && p.unschedulable)
    .map((p) => ({ ...podJson(p.info), age: now - p.createdAt, ...(p.nominatedNode ? { nominatedNode: p.nominatedNode.name } : {}) }));
  const nodes = c.readyNodes.map((n) => ({
    name: n.name,
    allocatable: { cpu: `${n.info.allocCpuMilli}m`, memory: n.info.allocMemoryBytes, pods: n.info.allocPods },
    pods: n.info.pods.map(podJson),
    nominatedPods: n.info.nominated.map(podJson),
  }));
  const upcoming = c.nodes.filter((n) => n.state === NodeState.Provisioning).map((n) => ({ nodeGroup: n.groupSpec.name }));
  const replicas: Record<string, number> = {};
  for (const d of c.workloads) replicas[d.name] = d.desired;
  const json = {
    expander: ca.expanders.join(','),
    maxNodesTotal: ca.maxNodesTotal,
    maxNodesPerScaleUp: ca.maxNodesPerScaleUp,
    expendablePodsPriorityCutoff: ca.expendablePodsPriorityCutoff,
    newPodScaleUpDelay: ca.newPodScaleUpDelaySec,
    nodeGroups: c.spec.nodeGroups.map((g, gi) => ({
      name: g.name,
      allocatable: { cpu: `${g.allocatable.cpuMilli}m`, memory: g.allocatable.memoryBytes, pods: g.allocatable.pods },
      pricePerHour: g.pricePerHour,
      min: g.min,
      max: g.max,
      current: c.groupSize[gi],
      priority: g.expanderPriority,
      backoff: isBackedOff(c.groupBackoff[gi], now),
    })),
    pods,
    nodes,
    upcoming,
    buffers: c.spec.buffers.map((b) => ({
      name: b.name,
      requests: { cpu: `${b.requests.cpuMilli}m`, memory: b.requests.memoryBytes },
      priority: b.priority,
      labels: b.labels,
      ...(b.replicas !== undefined ? { replicas: b.replicas } : {}),
      ...(b.percentOf ? { percentOf: b.percentOf } : {}),
    })),
    workloadReplicas: replicas,
  };
  // through text, as stdin would bring it
  return JSON.parse(JSON.stringify(json));
}

describe('decide scale-up asks for the nodes the simulation asks for', () => {
  it('on generated cluster states', () => {
    let scaledUp = 0;
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 12 }),
        fc.constantFrom('random', 'least-waste', 'priority,least-waste', 'most-pods', 'price'),
        fc.constantFrom(0, 5),
        fc.constantFrom(0, 7, 9),
        fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        (ops, expander, newPodDelay, maxNodesTotal, backoff, settle, seed) => {
          const s = scenario(expander, newPodDelay, maxNodesTotal);
          const world = new World(s, { recordEvents: false });
          installScheduler(world);
          setupWorld(world, s);
          const c = world.clusters[0];
          const deps = [...c.workloads, ...c.placeholders];
          let t = 0;
          for (const o of ops) {
            t += o.dt;
            world.engine.run(t);
            if (o.kind === 'pods') {
              deps[o.dep].desired += o.n;
              world.reconcile(deps[o.dep]);
            } else {
              world.addNode(c, o.group, false);
            }
          }
          const now = t + settle;
          world.engine.run(now);
          backoff.forEach((b, gi) => {
            if (b) c.groupBackoff[gi] = { durationSec: 60, untilSec: now + 60, lastFailedSec: now };
          });

          const sim = planScaleUp(scaleUpSnapshot(c, now), namedStream(seed, 'contract'));
          const decided = decideScaleUp(decideInput(world, c, now), namedStream(seed, 'contract'));
          outcomes.add(sim.outcome);
          if (sim.outcome === 'ScaledUp') scaledUp++;
          expect({ outcome: decided.outcome, nodeGroup: decided.nodeGroup, count: decided.count, pods: decided.pods, estimates: decided.estimates }).toEqual({
            outcome: sim.outcome,
            nodeGroup: sim.nodeGroup,
            count: sim.count,
            pods: sim.pods.map((p) => p.name),
            estimates: sim.estimates,
          });
        },
      ),
      { numRuns: 150 },
    );
    // the generated states reach every kind of answer, not only the easy ones
    expect(scaledUp).toBeGreaterThan(10);
    expect([...outcomes].sort()).toEqual(['NoFit', 'Nothing', 'PodsWaiting', 'ScaledUp']);
  }, 120_000);
});
