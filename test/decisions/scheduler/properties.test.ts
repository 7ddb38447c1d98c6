import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCORING_STRATEGIES, type ResourceSpec } from '../../../src/decisions/scheduler/framework.ts';
import { SCHEDULER_RESOURCES as DEFAULT_RESOURCES } from '../../../src/decisions/defaults.ts';
import { cloneNodeInfo, removePod } from '../../../src/decisions/scheduler/nodeinfo.ts';
import { preempt } from '../../../src/decisions/scheduler/plugins/defaultpreemption/default-preemption.ts';
import { selectVictimsOnNode } from '../../../src/decisions/scheduler/plugins/defaultpreemption/select-victims.ts';
import { filter, fits } from '../../../src/decisions/scheduler/plugins/noderesources/fit.ts';
import { score } from '../../../src/decisions/scheduler/plugins/noderesources/resource-allocation.ts';
import { selectHost } from '../../../src/decisions/scheduler/select-host.ts';
import { addPod } from '../../../src/decisions/scheduler/nodeinfo.ts';
import type { NodeInfo, PodDisruptionBudget, PodInfo } from '../../../src/decisions/scheduler/types.ts';
import { node, pod } from './fixtures.ts';

const RUNS = { numRuns: 300 };

const podOf = (maxCpu: number, maxMemory: number) =>
  fc
    .record({
      cpu: fc.option(fc.integer({ min: 0, max: maxCpu }), { nil: undefined }),
      memory: fc.option(fc.integer({ min: 0, max: maxMemory }), { nil: undefined }),
      priority: fc.integer({ min: -2, max: 3 }),
      start: fc.integer({ min: 0, max: 50 }),
      app: fc.constantFrom(undefined, 'web', 'db'),
    })
    .map((s) => pod({ ...s, labels: s.app ? { app: s.app } : {} }));
const arbPod = podOf(3000, 6000);
/** Small pods fill nodes several at a time, so preemption often needs more than one victim. */
const arbSmallPod = podOf(1200, 2500);

/** A node filled only with pods that fit it, as a scheduler would have placed them. */
const arbNode = fc
  .record({
    cpu: fc.integer({ min: 0, max: 8000 }),
    memory: fc.integer({ min: 0, max: 16000 }),
    pods: fc.integer({ min: 0, max: 8 }),
    candidates: fc.array(arbSmallPod, { maxLength: 10 }),
  })
  .map((s) => {
    const n = node('n', { cpu: s.cpu, memory: s.memory, pods: s.pods });
    for (const p of s.candidates) if (fits(p, n)) addPod(n, p);
    return n;
  });

/** Nodes packed with small pods, and preemptors that mostly outrank them. */
const arbFullNode = fc
  .record({
    cpu: fc.integer({ min: 2000, max: 8000 }),
    memory: fc.integer({ min: 4000, max: 16000 }),
    pods: fc.integer({ min: 3, max: 10 }),
    candidates: fc.array(arbSmallPod, { minLength: 4, maxLength: 12 }),
  })
  .map((s) => {
    const n = node('n', { cpu: s.cpu, memory: s.memory, pods: s.pods });
    for (const p of s.candidates) if (fits(p, n)) addPod(n, p);
    return n;
  });
const arbPreemptor = fc
  .record({ cpu: fc.integer({ min: 500, max: 6000 }), memory: fc.integer({ min: 0, max: 12000 }), priority: fc.integer({ min: 0, max: 5 }) })
  .map((s) => pod(s));

const arbNodes = fc.array(arbNode, { minLength: 1, maxLength: 5 }).map((ns) => {
  ns.forEach((n, i) => (n.name = `n${i}`));
  return ns;
});

const arbResources: fc.Arbitrary<ResourceSpec[]> = fc.array(
  fc.record({ name: fc.constantFrom('cpu' as const, 'memory' as const), weight: fc.integer({ min: 1, max: 100 }) }),
  { maxLength: 3 },
);

const arbPdbs: fc.Arbitrary<PodDisruptionBudget[]> = fc.array(
  fc.record({
    name: fc.constant('pdb'),
    matchLabels: fc.constantFrom<Record<string, string>>({ app: 'web' }, { app: 'db' }, {}),
    disruptionsAllowed: fc.integer({ min: 0, max: 2 }),
  }),
  { maxLength: 2 },
);

function overCommitted(n: NodeInfo): boolean {
  return n.reqCpuMilli > n.allocCpuMilli || n.reqMemoryBytes > n.allocMemoryBytes || n.pods.length > n.allocPods;
}

function without(n: NodeInfo, gone: readonly PodInfo[]): NodeInfo {
  const c = cloneNodeInfo(n);
  for (const p of gone) removePod(c, p);
  return c;
}

// RequestedToCapacityRatio's shape, read by that strategy only: a packing one with a kink
const SHAPE = [
  { utilization: 0, score: 0 },
  { utilization: 40, score: 7 },
  { utilization: 100, score: 10 },
];

describe('scheduler properties', () => {
  it('fits agrees with the filter, and scores are whole numbers in 0..100', () => {
    fc.assert(
      fc.property(arbPod, arbNode, arbResources, fc.constantFrom(...SCORING_STRATEGIES), (p, n, resources, strategy) => {
        expect(fits(p, n)).toBe(filter(p, n).code === 'Success');
        const s = score(p, n, strategy, resources, SHAPE);
        expect(Number.isInteger(s) && s >= 0 && s <= 100).toBe(true);
      }),
      RUNS,
    );
  });

  it('placing pods one after another never over-commits a node', () => {
    fc.assert(
      fc.property(arbNodes, fc.array(arbPod, { maxLength: 20 }), fc.constantFrom(...SCORING_STRATEGIES), (nodes, pending, strategy) => {
        for (const p of pending) {
          const i = selectHost(p, nodes, { scoring: strategy, resources: DEFAULT_RESOURCES, shape: SHAPE });
          if (i < 0) {
            expect(nodes.some((n) => fits(p, n))).toBe(false);
            continue;
          }
          addPod(nodes[i], p);
          expect(overCommitted(nodes[i])).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('selectHost picks a feasible node with the best score, the first among equals', () => {
    fc.assert(
      fc.property(arbPod, arbNodes, arbResources, fc.constantFrom(...SCORING_STRATEGIES), (p, nodes, resources, strategy) => {
        const i = selectHost(p, nodes, { scoring: strategy, resources, shape: SHAPE });
        const feasible = nodes.map((n, k) => k).filter((k) => fits(p, nodes[k]));
        if (feasible.length === 0) {
          expect(i).toBe(-1);
          return;
        }
        const scores = feasible.map((k) => score(p, nodes[k], strategy, resources, SHAPE));
        const best = Math.max(...scores);
        expect(i).toBe(feasible[scores.indexOf(best)]);
      }),
      RUNS,
    );
  });

  it('preemption evicts only strictly lower priority, and no pod it could have kept', () => {
    fc.assert(
      fc.property(arbPod, arbNodes, arbPdbs, (p, nodes, pdbs) => {
        const r = preempt(p, nodes, pdbs);
        if (r === null) return;
        const chosen = nodes[r.nodeIndex];
        expect(fits(p, chosen)).toBe(false);
        expect(r.victims.length).toBeGreaterThan(0);
        for (const v of r.victims) {
          expect(v.priority).toBeLessThan(p.priority);
          expect(chosen.pods).toContain(v);
        }
        expect(fits(p, without(chosen, r.victims))).toBe(true);
        // minimal: sparing any single victim leaves no room
        for (const spared of r.victims) {
          expect(fits(p, without(chosen, r.victims.filter((v) => v !== spared)))).toBe(false);
        }
        // no other node would have broken fewer PDBs (the first rule of node choice)
        for (const n of nodes) {
          if (fits(p, n)) continue;
          const other = selectVictimsOnNode(p, n, pdbs);
          if (other) expect(r.pdbViolations).toBeLessThanOrEqual(other.numPdbViolations);
        }
      }),
      RUNS,
    );
  });

  it('victims on any node are strictly lower priority, enough, and each one needed', () => {
    let multi = 0;
    fc.assert(
      fc.property(arbPreemptor, arbFullNode, arbPdbs, (p, n, pdbs) => {
        if (fits(p, n)) return;
        const v = selectVictimsOnNode(p, n, pdbs);
        if (v === null) return;
        if (v.pods.length > 1) multi++;
        for (const victim of v.pods) expect(victim.priority).toBeLessThan(p.priority);
        expect(fits(p, without(n, v.pods))).toBe(true);
        for (const spared of v.pods) {
          expect(fits(p, without(n, v.pods.filter((x) => x !== spared)))).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
    // the generator must reach the interesting case, or the property proves little
    expect(multi).toBeGreaterThan(10);
  });

  it('preemption finds a node whenever evicting lower-priority pods somewhere would make room', () => {
    fc.assert(
      fc.property(arbPod, arbNodes, (p, nodes) => {
        const r = preempt(p, nodes, []);
        const helps = nodes.some((n) => {
          if (fits(p, n) || filter(p, n).code !== 'Unschedulable') return false;
          const lower = n.pods.filter((q) => q.priority < p.priority);
          return lower.length > 0 && fits(p, without(n, lower));
        });
        expect(r !== null).toBe(helps && p.preemptionPolicy !== 'Never');
      }),
      RUNS,
    );
  });
});
