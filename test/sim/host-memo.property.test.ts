/**
 * The cluster's HostMemo answers as selectHost does, on random clusters through random sequences
 * of binds, pods gone, nominations, taints, cordons and new node lists, and preemption with its
 * kept dry runs as preemption without: the memo is an optimisation, never a second decision.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEDULER_RESOURCES } from '../../src/decisions/defaults.ts';
import { addPod, removePod } from '../../src/decisions/scheduler/nodeinfo.ts';
import { resolveProfile, type SchedulerSpec } from '../../src/decisions/scheduler/profile.ts';
import { fits } from '../../src/decisions/scheduler/plugins/noderesources/fit.ts';
import { preempt } from '../../src/decisions/scheduler/preemption.ts';
import { selectHost } from '../../src/decisions/scheduler/select-host.ts';
import type { NodeInfo, Placement, PodInfo, Taint } from '../../src/decisions/scheduler/types.ts';
import { BestScoreTree } from '../../src/sim/best-score-tree.ts';
import { HostMemo } from '../../src/sim/host-memo.ts';
import { node, pod } from '../decisions/scheduler/fixtures.ts';

const noProblem = (): void => {
  throw new Error('bad profile');
};

const SPECS: SchedulerSpec[] = [
  { scoring: 'LeastAllocated', resources: SCHEDULER_RESOURCES },
  { scoring: 'MostAllocated', resources: SCHEDULER_RESOURCES },
  resolveProfile({ profile: 'kube-default' }, noProblem),
];

const GPU: Taint = { key: 'gpu', effect: 'NoSchedule' };
const SOFT: Taint = { key: 'spot', effect: 'PreferNoSchedule' };
const TOLERATES_GPU: Placement = { tolerations: [{ key: 'gpu', operator: 'Exists' }] };
const ZONE_A: Placement = { nodeSelector: { zone: 'a' } };
const SPREADS: Placement = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'k2' } } }] };
const PLACEMENTS = [undefined, undefined, TOLERATES_GPU, ZONE_A, SPREADS];

/** A kind of pod: what its Deployment's pods share. */
const arbKind = fc.record({
  cpu: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
  memory: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined }),
  priority: fc.integer({ min: -1, max: 2 }),
  placement: fc.integer({ min: 0, max: PLACEMENTS.length - 1 }),
});

const arbNode = fc.record({
  cpu: fc.integer({ min: 0, max: 8000 }),
  memory: fc.integer({ min: 0, max: 16000 }),
  pods: fc.integer({ min: 1, max: 8 }),
  zone: fc.constantFrom('a', 'b'),
  fillers: fc.integer({ min: 0, max: 6 }),
  fillerCpu: fc.integer({ min: 100, max: 2000 }),
});

const arbOp = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('place' as const), kind: fc.nat(), bind: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('gone' as const), node: fc.nat(), pod: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nominate' as const), node: fc.nat(), kind: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unnominate' as const), node: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('taint' as const), node: fc.nat(), taint: fc.constantFrom(GPU, GPU, SOFT, undefined, undefined) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cordon' as const), node: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('addNode' as const), spec: arbNode }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('removeNode' as const), node: fc.nat() }) },
);

describe('HostMemo', () => {
  it('chooses the node selectHost chooses, after any sequence of node changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPECS),
        fc.array(arbKind, { minLength: 1, maxLength: 4 }),
        fc.array(arbNode, { minLength: 0, maxLength: 8 }),
        fc.array(arbOp, { maxLength: 80 }),
        (spec, kinds, nodeSpecs, ops) => {
          let uid = 0;
          const makeNode = (s: (typeof nodeSpecs)[number], i: number): NodeInfo => {
            const n = node(`n${i}`, s);
            n.labels = { zone: s.zone };
            // filled with placeholders of the lowest priority, as far as they fit, for preemption to find
            for (let f = 0; f < s.fillers; f++) {
              const filler = pod({ cpu: s.fillerCpu, memory: s.fillerCpu, priority: -2, start: f, uid: uid++ });
              if (fits(filler, n)) addPod(n, filler);
            }
            return n;
          };
          const templates = kinds.map((k, i) => ({ key: {}, ...k, app: `k${i}` }));
          const podOf = (t: (typeof templates)[number]): PodInfo => {
            const p = pod({ cpu: t.cpu, memory: t.memory, priority: t.priority, labels: { app: t.app }, uid: uid++ });
            const placement = PLACEMENTS[t.placement];
            if (placement !== undefined) p.placement = placement;
            return p;
          };
          let nodes = nodeSpecs.map(makeNode);
          let named = nodes.length;
          const memo = new HostMemo();
          for (const o of ops) {
            const n = nodes.length > 0 && 'node' in o ? nodes[o.node % nodes.length] : undefined;
            switch (o.op) {
              case 'place': {
                const t = templates[o.kind % templates.length];
                const p = podOf(t);
                const want = selectHost(p, nodes, spec);
                expect(memo.selectHost(p, t.key, false, nodes, spec, () => false)).toBe(want);
                if (want < 0) {
                  // and preemption's dry runs, kept per node, come to the same preemption
                  const victimsOnNode = memo.victimsOnNode(p, t.key, false, nodes, spec, []);
                  const result = preempt(p, nodes, []);
                  expect(preempt(p, nodes, [], victimsOnNode ? { victimsOnNode } : {})).toEqual(result);
                  if (o.bind && result !== null) {
                    // as the scheduler acts on it: the victims go, the preemptor is nominated there
                    const target = nodes[result.nodeIndex];
                    for (const v of result.victims) removePod(target, v);
                    target.nominated.push(p);
                    memo.nodeChanged(target);
                  }
                }
                if (o.bind && want >= 0) {
                  addPod(nodes[want], p);
                  memo.nodeChanged(nodes[want]);
                }
                break;
              }
              case 'gone':
                if (n === undefined || n.pods.length === 0) break;
                removePod(n, n.pods[o.pod % n.pods.length]);
                memo.nodeChanged(n);
                break;
              case 'nominate':
                if (n === undefined) break;
                n.nominated.push(podOf(templates[o.kind % templates.length]));
                memo.nodeChanged(n);
                break;
              case 'unnominate':
                if (n === undefined || n.nominated.length === 0) break;
                n.nominated.shift();
                memo.nodeChanged(n);
                break;
              case 'taint':
                if (n === undefined) break;
                if (o.taint === undefined) delete n.taints;
                else n.taints = [o.taint];
                memo.nodeChanged(n);
                break;
              case 'cordon':
                if (n === undefined) break;
                n.unschedulable = n.unschedulable !== true;
                memo.nodeChanged(n);
                break;
              case 'addNode':
                nodes = [...nodes, makeNode(o.spec, named++)];
                break;
              case 'removeNode':
                if (n !== undefined) nodes = nodes.filter((x) => x !== n);
                break;
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('starts afresh on a new node list, even with no change logged since', () => {
    const spec = SPECS[0];
    const memo = new HostMemo();
    const key = {};
    const p = pod({ cpu: 500, memory: 500, uid: 1 });
    const a = node('a', { cpu: 1000, memory: 1000 });
    expect(memo.selectHost(p, key, false, [a], spec, () => false)).toBe(0);
    // b is emptier: LeastAllocated prefers it
    expect(memo.selectHost(p, key, false, [a, node('b', { cpu: 4000, memory: 4000 })], spec, () => false)).toBe(1);
  });

  it('asks selectHost for a pod nominated to a node: its own nomination does not count against it', () => {
    const spec = SPECS[0];
    const a = node('a', { cpu: 1000, memory: 1000 });
    const b = node('b', { cpu: 4000, memory: 4000 });
    const nodes = [a, b];
    const key = {};
    const p = pod({ cpu: 1000, memory: 1000, uid: 7 });
    // b is emptier; p's own claim on it leaves it room only for p
    b.nominated.push(p, pod({ cpu: 2500, memory: 2500, uid: 8 }));
    const memo = new HostMemo();
    expect(memo.selectHost(p, key, true, nodes, spec, () => false)).toBe(selectHost(p, nodes, spec));
    expect(memo.selectHost(p, key, true, nodes, spec, () => false)).toBe(1);
  });
});

describe('BestScoreTree', () => {
  it('holds the first index of the highest score as slots change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(-Infinity, 0, 1, 2, 50, 100)), { maxLength: 80 }),
        (n, sets) => {
          const tree = new BestScoreTree();
          tree.reset(n);
          const scores = new Array<number>(n).fill(-Infinity);
          for (const [slot, score] of sets) {
            if (n === 0) break;
            tree.set(slot % n, score);
            scores[slot % n] = score;
            let best = -1;
            for (let i = 0; i < n; i++) if (scores[i] > -Infinity && (best < 0 || scores[i] > scores[best])) best = i;
            expect(tree.best()).toBe(best);
          }
        },
      ),
    );
  });
});
