import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../../../src/decisions/autoscaler/estimator/binpacking.ts';
import { orderByDecreasingScore } from '../../../../src/decisions/autoscaler/estimator/decreasing-order.ts';
import type { NodeTemplate } from '../../../../src/decisions/autoscaler/estimator/template.ts';
import { groupPods } from '../../../../src/decisions/autoscaler/estimator/equivalence-groups.ts';
import { addPod, newNodeInfo } from '../../../../src/decisions/scheduler/nodeinfo.ts';
import { fitsRequests } from '../../../../src/decisions/scheduler/plugins/noderesources/fit.ts';
import type { NodeInfo, PodInfo } from '../../../../src/decisions/scheduler/types.ts';
import { GiB, MiB, makePod, pods, template } from '../fixtures.ts';

// The cases of the autoscaler's binpacking estimator table, in our own numbers. Its host-port and
// topology-spread cases have no counterpart: headroom's pods have neither.
describe('estimate: the binpacking estimator table', () => {
  const cases: {
    name: string;
    template: NodeTemplate;
    pods: PodInfo[];
    maxNodes: number;
    nodes: number;
    scheduled: number;
    scheduledNames?: string[];
  }[] = [
    {
      // 1100m per node, 400m per pod: 2·400 = 800 ≤ 1100 < 3·400 = 1200, so 2 pods a node;
      // 12 pods / 2 = 6 nodes. Memory (1 KiB a pod) never binds.
      name: 'resources bound: two pods a node',
      template: template(3 * 400 - 100, 2 * GiB, 10),
      pods: pods('p', 12, 400, 1024),
      maxNodes: 0,
      nodes: 6,
      scheduled: 12,
    },
    {
      // 10 pods of 10m use 100m of 8000m, but the node has 10 pod slots: ceil(25 / 10) = 3.
      name: 'pod slots bound',
      template: template(8000, 16 * GiB, 10),
      pods: pods('p', 25, 10, 100),
      maxNodes: 0,
      nodes: 3,
      scheduled: 25,
    },
    {
      // 2 pods of 500m a node would need 10 nodes for 20 pods; the limiter allows 4: 8 placed.
      name: 'the limiter cuts the packing short',
      template: template(1000, 4 * GiB, 10),
      pods: pods('p', 20, 500, 1024),
      maxNodes: 4,
      nodes: 4,
      scheduled: 8,
    },
    {
      // Score = cpu share + memory share: big 250/1000 + 1/4096 > small 40/1000 + 1/4096, so the
      // big pods go first although listed last: 4 a node (4·250 = 1000m) fill the 4 allowed
      // nodes' cpu; no small pod fits after them.
      name: 'bigger pods are packed first',
      template: template(1000, 4 * GiB, 10),
      pods: [...pods('small', 8, 40, MiB), ...pods('big', 16, 250, MiB)],
      maxNodes: 4,
      nodes: 4,
      scheduled: 16,
      scheduledNames: pods('big', 16, 250, MiB).map((p) => p.name),
    },
    {
      // The autoscaler's benchmark, scaled: 500 pods of 90m go first (score 0.09 > 0.04):
      // 11 a node (990m), 500 = 45·11 + 5, so 45 full nodes and a 46th with 5 (450m).
      // The 40m pods: the 45 full nodes have 10m left (none fit); node 46 takes (1000 − 450) / 40
      // = 13 (520m). 20000 − 13 = 19987 left at 25 a node: 799 full nodes + 1 with 12.
      // 46 + 800 = 846 nodes, every pod placed.
      name: 'many pods, two sizes (benchmark)',
      template: template(1000, 5000 * MiB, 100),
      pods: [...pods('s', 20000, 40, 100), ...pods('m', 500, 90, 190)],
      maxNodes: 3000,
      nodes: 846,
      scheduled: 20500,
    },
    {
      // 1500m pods fit no 1000m node: left out, and they do not use the limit. 500m pods, 2 a node.
      name: 'pods that fit no empty node are not counted',
      template: template(1000, 4 * GiB, 10),
      pods: [...pods('huge', 2, 1500, MiB), ...pods('p', 4, 500, MiB)],
      maxNodes: 2,
      nodes: 2,
      scheduled: 4,
    },
    {
      // Requests of 0 are bound by pod slots only: ceil(7 / 3) = 3.
      name: 'pods without requests',
      template: template(1000, GiB, 3),
      pods: pods('p', 7, 0, 0),
      maxNodes: 0,
      nodes: 3,
      scheduled: 7,
    },
    {
      // Memory binds: 3 GiB pods on 8 GiB: 2 a node (6 ≤ 8 < 9), 5 pods -> 3 nodes.
      name: 'memory bound',
      template: template(16000, 8 * GiB, 110),
      pods: pods('p', 5, 100, 3 * GiB),
      maxNodes: 0,
      nodes: 3,
      scheduled: 5,
    },
    {
      // 3 of 600m need 3 nodes (600 + 600 > 1000); the 300m pods fill the gaps first fit:
      // each node has 400m left -> one 300m each, and the fourth opens a node.
      name: 'smaller pods fill earlier nodes first fit',
      template: template(1000, 4 * GiB, 10),
      pods: [...pods('s', 4, 300, MiB), ...pods('l', 3, 600, MiB)],
      maxNodes: 0,
      nodes: 4,
      scheduled: 7,
    },
    {
      name: 'nothing pending',
      template: template(1000, GiB, 10),
      pods: [],
      maxNodes: 0,
      nodes: 0,
      scheduled: 0,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const got = estimate(c.pods, c.template, c.maxNodes);
      expect(got.nodeCount).toBe(c.nodes);
      expect(got.scheduled).toHaveLength(c.scheduled);
      if (c.scheduledNames) expect(got.scheduled.map((p) => p.name)).toEqual(c.scheduledNames);
    });
  }

  it('places the smaller pods in the gaps of the first nodes', () => {
    const got = estimate([...pods('s', 4, 300, MiB), ...pods('l', 3, 600, MiB)], template(1000, 4 * GiB, 10), 0);
    // nodes 1–3: 600 + 300 = 900m; node 4: 300m
    expect(got.nodes.map((n) => n.cpuMilli)).toEqual([900, 900, 900, 300]);
  });
});

describe('decreasing pod order', () => {
  it('orders by cpu share + memory share, ties in input order', () => {
    const t = template(1000, 1000, 10);
    const groups = [
      { name: 'a', cpuMilli: 100, memoryBytes: 100 }, // 0.1 + 0.1 = 0.2
      { name: 'b', cpuMilli: 300, memoryBytes: 0 }, // 0.3
      { name: 'c', cpuMilli: 0, memoryBytes: 200 }, // 0.2, tie with a, after it
      { name: 'd', cpuMilli: 50, memoryBytes: 500 }, // 0.55
    ];
    expect(orderByDecreasingScore(groups, t).map((g) => g.name)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('groups identical requests together in order of first appearance', () => {
    const ps = [makePod('x').req(1, 2).obj(), makePod('y').req(3, 4).obj(), makePod('z').req(1, 2).obj()];
    expect(groupPods(ps).map((g) => g.pods.map((p) => p.name))).toEqual([['x', 'z'], ['y']]);
  });
});

/**
 * The autoscaler's algorithm pod by pod, with NodeInfo and fitsRequests: order groups by score,
 * each pod first fit over the open nodes, else the last node, else a new node if the limit allows.
 */
function referenceEstimate(all: PodInfo[], t: NodeTemplate, maxNodes: number) {
  const limit = maxNodes > 0 ? maxNodes : Infinity;
  const empty = () => newNodeInfo('e', { cpuMilli: t.allocCpuMilli, memoryBytes: t.allocMemoryBytes, pods: t.allocPods });
  const groups = orderByDecreasingScore(
    groupPods(all).filter((g) => fitsRequests(g.pods[0], empty())),
    t,
  );
  const nodes: NodeInfo[] = [];
  const scheduled: PodInfo[] = [];
  for (const g of groups) {
    let i = 0;
    for (; i < g.pods.length; i++) {
      const n = nodes.find((node) => fitsRequests(g.pods[i], node));
      if (!n) break;
      addPod(n, g.pods[i]);
      scheduled.push(g.pods[i]);
    }
    for (; i < g.pods.length; i++) {
      const last = nodes[nodes.length - 1];
      if (last && fitsRequests(g.pods[i], last)) {
        addPod(last, g.pods[i]);
      } else {
        if (nodes.length >= limit) break;
        const n = empty();
        nodes.push(n);
        addPod(n, g.pods[i]);
      }
      scheduled.push(g.pods[i]);
    }
  }
  return { nodeCount: nodes.length, scheduled, nodes };
}

const arbTemplate = fc.record({
  allocCpuMilli: fc.integer({ min: 500, max: 8000 }),
  allocMemoryBytes: fc.integer({ min: 512, max: 16384 }).map((m) => m * MiB),
  allocPods: fc.integer({ min: 1, max: 30 }),
});
const arbPods = fc
  .array(
    fc.record({
      n: fc.integer({ min: 1, max: 15 }),
      cpu: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9000 })),
      memMiB: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20000 })),
    }),
    { maxLength: 6 },
  )
  .map((specs) => specs.flatMap((s, i) => pods(`g${i}`, s.n, s.cpu, s.memMiB * MiB)));

describe('estimate: properties', () => {
  const params = { numRuns: 200, verbose: true } as const;

  it('uncapped, it places every pod that fits an empty template node', () => {
    fc.assert(
      fc.property(arbTemplate, arbPods, (t, ps) => {
        const fitsEmpty = ps.filter(
          (p) => p.cpuMilli <= t.allocCpuMilli && p.memoryBytes <= t.allocMemoryBytes && t.allocPods >= 1,
        );
        const got = estimate(ps, t, 0);
        expect(new Set(got.scheduled)).toEqual(new Set(fitsEmpty));
        expect(got.scheduled).toHaveLength(fitsEmpty.length);
      }),
      params,
    );
  });

  it('never over-commits a template node, and every counted node holds a pod', () => {
    fc.assert(
      fc.property(arbTemplate, arbPods, fc.integer({ min: 0, max: 20 }), (t, ps, maxNodes) => {
        const got = estimate(ps, t, maxNodes);
        expect(got.nodes).toHaveLength(got.nodeCount);
        for (const n of got.nodes) {
          expect(n.cpuMilli).toBeLessThanOrEqual(t.allocCpuMilli);
          expect(n.memoryBytes).toBeLessThanOrEqual(t.allocMemoryBytes);
          expect(n.pods).toBeLessThanOrEqual(t.allocPods);
          expect(n.pods).toBeGreaterThan(0);
        }
        const cpu = got.scheduled.reduce((s, p) => s + p.cpuMilli, 0);
        expect(got.nodes.reduce((s, n) => s + n.cpuMilli, 0)).toBe(cpu);
        expect(got.nodes.reduce((s, n) => s + n.pods, 0)).toBe(got.scheduled.length);
      }),
      params,
    );
  });

  it('opens no more nodes than the limit', () => {
    fc.assert(
      fc.property(arbTemplate, arbPods, fc.integer({ min: 1, max: 10 }), (t, ps, maxNodes) => {
        expect(estimate(ps, t, maxNodes).nodeCount).toBeLessThanOrEqual(maxNodes);
      }),
      params,
    );
  });

  it('agrees with the pod-by-pod algorithm', () => {
    fc.assert(
      fc.property(arbTemplate, arbPods, fc.integer({ min: 0, max: 8 }), (t, ps, maxNodes) => {
        const got = estimate(ps, t, maxNodes);
        const want = referenceEstimate(ps, t, maxNodes);
        expect(got.nodeCount).toBe(want.nodeCount);
        expect(got.scheduled.map((p) => p.name)).toEqual(want.scheduled.map((p) => p.name));
        expect(got.nodes.map((n) => n.cpuMilli)).toEqual(want.nodes.map((n) => n.reqCpuMilli));
      }),
      params,
    );
  });
});
