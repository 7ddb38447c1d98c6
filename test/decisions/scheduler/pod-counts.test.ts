import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../../../src/decisions/scheduler/label-selector.ts';
import { addPod, cloneNodeInfo, markTerminating, removePod } from '../../../src/decisions/scheduler/nodeinfo.ts';
import { countOnNode } from '../../../src/decisions/scheduler/pod-counts.ts';
import { countMatching } from '../../../src/decisions/scheduler/plugins/podtopologyspread/common.ts';
import type { NodeInfo, PodInfo } from '../../../src/decisions/scheduler/types.ts';
import { node, pod } from './fixtures.ts';

// Pods of a few "workloads" share their labels object, as a Deployment's pods do; some pods get
// labels of their own, as `decide` builds them.
const SHARED: Record<string, string>[] = [{ app: 'a' }, { app: 'b', tier: 'web' }, { app: 'c', tier: 'web' }];
const SELECTORS: (LabelSelector | undefined)[] = [
  undefined,
  {},
  { matchLabels: { app: 'a' } },
  { matchLabels: { tier: 'web' } },
  { matchExpressions: [{ key: 'app', operator: 'In', values: ['b', 'c'] }] },
  { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
];

type Op = { kind: 'add'; labels: number } | { kind: 'remove'; at: number } | { kind: 'terminate'; at: number } | { kind: 'clone' };
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), labels: fc.integer({ min: 0, max: SHARED.length }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('terminate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clone' as const }) },
);

describe('countOnNode', () => {
  it('equals the plain count over the pods, terminating ones left out, after any binds, unbinds, terminations and copies', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 60 }), fc.boolean(), (ops, tracked) => {
        let n: NodeInfo = node('n', { cpu: 100_000, memory: 1e12, pods: 1000 });
        if (tracked) n.terminating = [];
        const terminating = new Set<PodInfo>();
        for (const op of ops) {
          if (op.kind === 'add') {
            const p = pod({ cpu: 1, memory: 1 });
            p.labels = op.labels < SHARED.length ? SHARED[op.labels] : { app: 'own' };
            addPod(n, p);
          } else if (op.kind === 'remove' && n.pods.length > 0) {
            const p = n.pods[op.at % n.pods.length];
            removePod(n, p);
            terminating.delete(p);
          } else if (op.kind === 'terminate' && tracked && n.pods.length > 0) {
            const p = n.pods[op.at % n.pods.length];
            markTerminating(n, p);
            terminating.add(p);
          } else if (op.kind === 'clone') n = cloneNodeInfo(n);
          const isTerminating = (p: PodInfo) => terminating.has(p);
          for (const s of SELECTORS) {
            expect(countOnNode(n, s, tracked ? isTerminating : undefined)).toBe(countMatching(n.pods, s, isTerminating));
          }
        }
        // a node's groups are never more than its distinct labels objects
        expect(n.groupLabels?.length ?? 0).toBe(new Set(n.pods.map((p) => p.labels)).size);
      }),
      { numRuns: 300 },
    );
  });

  it('asks isTerminating pod by pod on a node that does not track terminating pods', () => {
    const a = pod({ labels: SHARED[0] });
    const b = pod({ labels: SHARED[0] });
    const n = node('n', { cpu: 1000, memory: 1000 }, [a, b]);
    expect(countOnNode(n, { matchLabels: { app: 'a' } }, (p) => p === a)).toBe(1);
    expect(countOnNode(n, { matchLabels: { app: 'a' } })).toBe(2);
  });
});
