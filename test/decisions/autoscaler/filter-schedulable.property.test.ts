/**
 * filterOutSchedulable resumes each pod's first fit where the last pod of the same requests and
 * placement rules went;
 * it must answer exactly what a plain first fit (every pod tried on every node from the first)
 * answers, for any pods and nodes.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { filterOutSchedulable } from '../../../src/decisions/autoscaler/filter-schedulable.ts';
import { addPod, cloneNodeInfo } from '../../../src/decisions/scheduler/nodeinfo.ts';
import { fitsRequests } from '../../../src/decisions/scheduler/plugins/noderesources/fit.ts';
import { passesPlacement } from '../../../src/decisions/scheduler/filters.ts';
import type { Placement, Taint } from '../../../src/decisions/scheduler/types.ts';
import type { NodeInfo, PodInfo } from '../../../src/decisions/scheduler/types.ts';
import { GiB, makeNode, makePod } from './fixtures.ts';

function plainFirstFit(pods: readonly PodInfo[], nodes: readonly NodeInfo[]): boolean[] {
  const work = nodes.map(cloneNodeInfo);
  const order = pods.map((_, i) => i).sort((a, b) => pods[b].priority - pods[a].priority || a - b);
  const fits = pods.map(() => false);
  for (const i of order) {
    const node = work.find((n) => fitsRequests(pods[i], n) && passesPlacement(pods[i], n));
    if (node) {
      addPod(node, pods[i]);
      fits[i] = true;
    }
  }
  return fits;
}

// A few shared placement objects (a Deployment's pods share one), and node labels and taints they read.
const PLACEMENTS: (Placement | undefined)[] = [
  undefined,
  { nodeSelector: { pool: 'a' } },
  { tolerations: [{ key: 'dedicated', operator: 'Exists' }] },
  { tolerations: [{ key: 'dedicated', operator: 'Exists' }], nodeSelector: { pool: 'b' } },
];
const TAINTS: (Taint[] | undefined)[] = [undefined, [{ key: 'dedicated', effect: 'NoSchedule' }], [{ key: 'spot', effect: 'PreferNoSchedule' }]];

// A few shapes, so that many pods share requests (the case the resume is for).
const shape = fc.record({ cpuMilli: fc.constantFrom(0, 100, 250, 500, 1000, 2000), memoryGi: fc.constantFrom(0, 0.25, 1, 2, 4), priority: fc.constantFrom(-10, 0, 100), placement: fc.integer({ min: 0, max: PLACEMENTS.length - 1 }) });
const node = fc.record({ cpuMilli: fc.integer({ min: 0, max: 8000 }), memoryGi: fc.integer({ min: 0, max: 16 }), maxPods: fc.integer({ min: 0, max: 12 }), bound: fc.array(shape, { maxLength: 4 }), pool: fc.constantFrom('a', 'b'), taints: fc.integer({ min: 0, max: TAINTS.length - 1 }) });

describe('filterOutSchedulable', () => {
  it('answers what a plain first fit answers', () => {
    fc.assert(
      fc.property(fc.array(shape, { maxLength: 60 }), fc.array(node, { maxLength: 12 }), (podShapes, nodeSpecs) => {
        const pods = podShapes.map((s, i) => {
          const p = makePod(`p${i}`).req(s.cpuMilli, s.memoryGi * GiB).prio(s.priority).obj();
          const placement = PLACEMENTS[s.placement];
          if (placement !== undefined) p.placement = placement;
          return p;
        });
        const nodes = nodeSpecs.map((n, i) =>
          makeNode(`n${i}`, n.cpuMilli, n.memoryGi * GiB, n.maxPods, n.bound.map((b, j) => makePod(`b${i}-${j}`).req(b.cpuMilli, b.memoryGi * GiB).obj())),
        );
        nodeSpecs.forEach((n, i) => {
          nodes[i].labels = { pool: n.pool };
          const taints = TAINTS[n.taints];
          if (taints !== undefined) nodes[i].taints = taints;
        });
        const before = JSON.stringify(nodes);
        const split = filterOutSchedulable(pods, nodes);
        const expected = plainFirstFit(pods, nodes);
        expect(split.schedulable).toEqual(pods.filter((_, i) => expected[i]));
        expect(split.unschedulable).toEqual(pods.filter((_, i) => !expected[i]));
        expect(JSON.stringify(nodes)).toBe(before); // the nodes given are not touched
      }),
      { numRuns: 400 },
    );
  });
});
