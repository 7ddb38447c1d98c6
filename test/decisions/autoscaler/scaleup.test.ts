import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterOutSchedulable } from '../../../src/decisions/autoscaler/filter-schedulable.ts';
import { computeScaleUp, type NodeGroupState, type ScaleUpOptions } from '../../../src/decisions/autoscaler/scaleup.ts';
import type { PodInfo } from '../../../src/decisions/scheduler/types.ts';
import { GiB, MiB, cycleRng, makeNode, makePod, pods, template } from './fixtures.ts';

function group(name: string, o: Partial<NodeGroupState> = {}): NodeGroupState {
  return { name, template: template(1000, 4 * GiB, 110), pricePerHour: 0.1, min: 0, max: 100, current: 0, priority: 0, ...o };
}

const defaults: ScaleUpOptions = {
  expanders: ['random'],
  maxNodesTotal: 0,
  currentNodesTotal: 0,
};

describe('computeScaleUp', () => {
  // Unless said otherwise: 1-core nodes, pods of 500m (2 a node).
  const cases: {
    name: string;
    pending: PodInfo[];
    groups: NodeGroupState[];
    opts?: Partial<ScaleUpOptions>;
    want: { nodeGroup: string | null; count: number; estimates: Record<string, { nodes: number; pods: number }> };
  }[] = [
    {
      name: '10 pods, 2 a node: 5 nodes',
      pending: pods('p', 10, 500, MiB),
      groups: [group('a')],
      want: { nodeGroup: 'a', count: 5, estimates: { a: { nodes: 5, pods: 10 } } },
    },
    {
      name: 'no pods: nothing',
      pending: [],
      groups: [group('a')],
      want: { nodeGroup: null, count: 0, estimates: { a: { nodes: 0, pods: 0 } } },
    },
    {
      // max 5 − current 3 = room for 2 nodes: 4 pods counted, not 10.
      name: "the group's max caps the estimate",
      pending: pods('p', 10, 500, MiB),
      groups: [group('a', { max: 5, current: 3 })],
      want: { nodeGroup: 'a', count: 2, estimates: { a: { nodes: 2, pods: 4 } } },
    },
    {
      // 20 − 19 = 1 node left in the cluster.
      name: 'maxNodesTotal caps the estimate',
      pending: pods('p', 10, 500, MiB),
      groups: [group('a', { current: 4 })],
      opts: { maxNodesTotal: 20, currentNodesTotal: 19 },
      want: { nodeGroup: 'a', count: 1, estimates: { a: { nodes: 1, pods: 2 } } },
    },
    {
      name: 'maxNodesTotal reached: nothing',
      pending: pods('p', 10, 500, MiB),
      groups: [group('a')],
      opts: { maxNodesTotal: 20, currentNodesTotal: 20 },
      want: { nodeGroup: null, count: 0, estimates: { a: { nodes: 0, pods: 0 } } },
    },
    {
      name: 'maxNodesPerScaleUp caps the estimate',
      pending: pods('p', 10, 500, MiB),
      groups: [group('a')],
      opts: { maxNodesPerScaleUp: 3 },
      want: { nodeGroup: 'a', count: 3, estimates: { a: { nodes: 3, pods: 6 } } },
    },
    {
      name: 'a group at max is skipped',
      pending: pods('p', 3, 500, MiB),
      groups: [group('full', { max: 4, current: 4 }), group('b')],
      want: { nodeGroup: 'b', count: 2, estimates: { full: { nodes: 0, pods: 0 }, b: { nodes: 2, pods: 3 } } },
    },
    {
      name: 'pods that fit no group: nothing',
      pending: pods('p', 3, 1500, MiB),
      groups: [group('a'), group('b', { template: template(1000, 64 * GiB) })],
      want: { nodeGroup: null, count: 0, estimates: { a: { nodes: 0, pods: 0 }, b: { nodes: 0, pods: 0 } } },
    },
    {
      // "big" (4 cores) takes 8 of 500m on one node; "small" needs 4 nodes. Waste: big 0 + (8Gi − 8Mi)/8Gi;
      // small 0 + (16Gi − 8Mi)/16Gi, higher -> big. Each group reports its own estimate.
      name: 'the expander chooses among the options',
      pending: pods('p', 8, 500, MiB),
      groups: [group('small', { template: template(1000, 4 * GiB) }), group('big', { template: template(4000, 8 * GiB) })],
      opts: { expanders: ['least-waste'] },
      want: { nodeGroup: 'big', count: 1, estimates: { small: { nodes: 4, pods: 8 }, big: { nodes: 1, pods: 8 } } },
    },
    {
      // Only "big" fits the 2-core pods, so most-pods picks it though priority would not.
      name: 'a group placing more pods wins most-pods',
      pending: [...pods('small', 2, 500, MiB), ...pods('wide', 2, 2000, MiB)],
      groups: [group('small', { priority: 9 }), group('big', { template: template(4000, 8 * GiB) })],
      opts: { expanders: ['most-pods', 'priority'] },
      want: { nodeGroup: 'big', count: 2, estimates: { small: { nodes: 1, pods: 2 }, big: { nodes: 2, pods: 4 } } },
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const got = computeScaleUp(c.pending, c.groups, { ...defaults, ...c.opts }, cycleRng(0));
      expect({ nodeGroup: got.nodeGroup, count: got.count, estimates: got.estimates }).toEqual(c.want);
      expect(got.scheduledPods).toHaveLength(c.want.nodeGroup ? c.want.estimates[c.want.nodeGroup].pods : 0);
    });
  }

  it('breaks a tie with the rng', () => {
    const gs = [group('a'), group('b')];
    const ps = pods('p', 2, 500, MiB);
    expect(computeScaleUp(ps, gs, defaults, cycleRng(0.2)).nodeGroup).toBe('a');
    expect(computeScaleUp(ps, gs, defaults, cycleRng(0.8)).nodeGroup).toBe('b');
  });

  it('stays within every cap (property)', () => {
    const arbGroup = fc.record({
      cpu: fc.integer({ min: 500, max: 8000 }),
      max: fc.integer({ min: 0, max: 30 }),
      current: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(
        fc.array(arbGroup, { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ n: fc.integer({ min: 1, max: 40 }), cpu: fc.integer({ min: 1, max: 4000 }), prio: fc.integer({ min: -20, max: 5 }) }), {
          maxLength: 4,
        }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (gs, specs, maxNodesTotal, maxNodesPerScaleUp, r) => {
          const groups = gs.map((g, i) => group(`g${i}`, { template: template(g.cpu, 8 * GiB), max: g.max, current: g.current }));
          const pending = specs.flatMap((s, i) => pods(`p${i}`, s.n, s.cpu, MiB, s.prio));
          const currentNodesTotal = groups.reduce((sum, g) => sum + g.current, 0);
          const got = computeScaleUp(pending, groups, { ...defaults, expanders: ['least-waste'], maxNodesTotal, currentNodesTotal, maxNodesPerScaleUp }, () => r);
          const helpable = pending.length;
          for (const g of groups) {
            const e = got.estimates[g.name];
            expect(e.nodes).toBeLessThanOrEqual(Math.max(0, g.max - g.current));
            if (maxNodesTotal > 0) expect(e.nodes).toBeLessThanOrEqual(Math.max(0, maxNodesTotal - currentNodesTotal));
            if (maxNodesPerScaleUp) expect(e.nodes).toBeLessThanOrEqual(maxNodesPerScaleUp);
            expect(e.pods).toBeLessThanOrEqual(helpable);
          }
          if (got.nodeGroup === null) expect(got.count).toBe(0);
          else {
            expect(got.count).toBeGreaterThan(0);
            expect(got.count).toBe(got.estimates[got.nodeGroup].nodes);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('filterOutSchedulable', () => {
  it('keeps pending only the pods that fit no node, higher priority placed first', () => {
    // One node with 1000m free: the priority-5 pod (listed last) takes 600m, the 600m pod of
    // priority 0 no longer fits, the 300m one does.
    const node = makeNode('n', 1000, 4 * GiB);
    const low = makePod('low').req(600, MiB).obj();
    const small = makePod('small').req(300, MiB).obj();
    const high = makePod('high').req(600, MiB).prio(5).obj();
    const got = filterOutSchedulable([low, small, high], [node]);
    expect(got.schedulable.map((p) => p.name)).toEqual(['small', 'high']);
    expect(got.unschedulable.map((p) => p.name)).toEqual(['low']);
    expect(node.pods).toHaveLength(0);
  });

  it('with no nodes everything stays pending', () => {
    expect(filterOutSchedulable(pods('p', 2, 1, 1), []).unschedulable).toHaveLength(2);
  });
});
