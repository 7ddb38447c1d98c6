import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addPod, cloneNodeInfo, hasPodBelowPriority, newNodeInfo, removePod } from '../../../src/decisions/scheduler/nodeinfo.ts';
import type { NodeInfo } from '../../../src/decisions/scheduler/types.ts';
import { pod } from './fixtures.ts';

const walked = (n: NodeInfo, priority: number): boolean => n.pods.some((p) => p.priority < priority);

describe('priority counts on a node', () => {
  it('answer as a walk over the pods would, through any adds, removes and clones', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -2, max: 2 }), fc.nat(20))), fc.integer({ min: -3, max: 3 }), (ops, asked) => {
        let n = newNodeInfo('n', { cpuMilli: 1e6, memoryBytes: 1e12, pods: 1000 });
        for (const [add, priority, k] of ops) {
          if (add || n.pods.length === 0) addPod(n, pod({ cpu: 10, memory: 10, priority }));
          else removePod(n, n.pods[k % n.pods.length]);
          if (k % 7 === 0) n = cloneNodeInfo(n);
        }
        expect(hasPodBelowPriority(n, asked)).toBe(walked(n, asked));
        const counted = n.priorityCounts?.reduce((a, b) => a + b, 0) ?? 0;
        expect(counted).toBe(n.pods.length);
      }),
      { numRuns: 300 },
    );
  });

  it('walk the pods of a node written with pods and no counts', () => {
    // a node given whole, its pods not added through addPod: the counts (none, or too few) are not trusted
    const n: NodeInfo = { ...newNodeInfo('n', { cpuMilli: 1000, memoryBytes: 1000, pods: 10 }), pods: [pod({ priority: -1 })] };
    expect(hasPodBelowPriority(n, 0)).toBe(true);
    addPod(n, pod({ priority: 5 }));
    expect(hasPodBelowPriority(n, 0)).toBe(true);
    expect(hasPodBelowPriority(n, -1)).toBe(false);
  });
});
