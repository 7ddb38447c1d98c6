import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnneeded, type FindUnneededOptions } from '../../../../src/decisions/autoscaler/scaledown/removal.ts';
import { isUnderutilized, nodeUtilization } from '../../../../src/decisions/autoscaler/scaledown/utilization.ts';
import { addPod, cloneNodeInfo } from '../../../../src/decisions/scheduler/nodeinfo.ts';
import { fitsRequests } from '../../../../src/decisions/scheduler/plugins/noderesources/fit.ts';
import type { NodeInfo } from '../../../../src/decisions/scheduler/types.ts';
import { GiB, MiB, makeNode, makePod, pods } from '../fixtures.ts';

describe('nodeUtilization', () => {
  const cases: { name: string; node: NodeInfo; want: { utilization: number; resource: 'cpu' | 'memory' } }[] = [
    // cpu 300/1000 = 0.3, memory 600/1000 = 0.6 -> 0.6 memory
    { name: 'memory dominates', node: makeNode('n', 1000, 1000 * MiB, 110, pods('p', 1, 300, 600 * MiB)), want: { utilization: 0.6, resource: 'memory' } },
    // cpu 2 · 400/1000 = 0.8, memory 2 · 100/1000 = 0.2 -> 0.8 cpu
    { name: 'cpu dominates', node: makeNode('n', 1000, 1000 * MiB, 110, pods('p', 2, 400, 100 * MiB)), want: { utilization: 0.8, resource: 'cpu' } },
    // 0.5 and 0.5: memory, as the autoscaler reports a tie
    { name: 'a tie reports memory', node: makeNode('n', 1000, 1000 * MiB, 110, pods('p', 1, 500, 500 * MiB)), want: { utilization: 0.5, resource: 'memory' } },
    { name: 'an empty node', node: makeNode('n', 1000, GiB), want: { utilization: 0, resource: 'memory' } },
    // placeholders and expendable pods request resources too, so they count
    {
      name: 'placeholders and expendable pods count',
      node: makeNode('n', 1000, 10 * GiB, 110, [makePod('ph').req(300, MiB).prio(-1).obj(), makePod('x').req(100, MiB).prio(-50).obj()]),
      want: { utilization: 0.4, resource: 'cpu' },
    },
    { name: 'no allocatable counts as 0', node: makeNode('n', 0, 0), want: { utilization: 0, resource: 'memory' } },
  ];
  for (const c of cases) {
    it(c.name, () => expect(nodeUtilization(c.node)).toMatchObject(c.want));
  }
  it('is under the threshold only strictly below it', () => {
    const node = makeNode('n', 1000, 10 * GiB, 110, pods('p', 1, 500, MiB));
    expect(isUnderutilized(node, 0.5)).toBe(false);
    expect(isUnderutilized(node, 0.51)).toBe(true);
  });
});

const opts: FindUnneededOptions = { utilizationThreshold: 0.5, expendablePodsPriorityCutoff: -10, pdbs: [] };
const cpuNode = (name: string, usedMilli: number[], maxPods = 110) =>
  makeNode(name, 1000, 64 * GiB, maxPods, usedMilli.map((m, i) => makePod(`${name}-${i}`).req(m, MiB).obj()));
const names = (xs: { name: string }[]) => xs.map((x) => x.name);

describe('findUnneeded', () => {
  it('a node at or above the threshold is not a candidate', () => {
    const busy = cpuNode('busy', [500]);
    const got = findUnneeded([busy], [busy, cpuNode('idle', [])], opts);
    expect(got.unremovable).toEqual([{ name: 'busy', reason: 'NotUnderutilized' }]);
    expect(got.unneeded).toEqual([]);
  });

  it('an empty node is unneeded with nothing to move', () => {
    const empty = cpuNode('empty', []);
    expect(findUnneeded([empty], [empty], opts).unneeded).toEqual([{ name: 'empty', podsToMove: [], utilization: 0 }]);
  });

  it('a node whose pods fit elsewhere is unneeded', () => {
    // 300m moves to b (600m used, 400m free)
    const a = cpuNode('a', [300]);
    const b = cpuNode('b', [600]);
    const got = findUnneeded([a], [a, b], opts);
    expect(names(got.unneeded)).toEqual(['a']);
    expect(got.unneeded[0].podsToMove.map((p) => p.name)).toEqual(['a-0']);
    expect(b.pods).toHaveLength(1); // inputs untouched
  });

  it('a node whose pods fit nowhere else stays', () => {
    // 400m does not fit b's 300m free
    const a = cpuNode('a', [400]);
    const b = cpuNode('b', [700]);
    expect(findUnneeded([a], [a, b], opts).unremovable).toEqual([{ name: 'a', reason: 'NoPlaceToMovePods' }]);
  });

  it('pod slots count: a full node takes no more pods', () => {
    const a = cpuNode('a', [10]);
    const b = cpuNode('b', [10, 10], 2);
    expect(findUnneeded([a], [a, b], opts).unremovable).toEqual([{ name: 'a', reason: 'NoPlaceToMovePods' }]);
  });

  it('expendable pods are dropped, not moved', () => {
    // Only a pod below the cutoff: nothing to move, so the node counts as empty even with no
    // room anywhere else.
    const a = makeNode('a', 1000, GiB, 110, [makePod('batch').req(400, MiB).prio(-11).obj()]);
    const got = findUnneeded([a], [a], opts);
    expect(got.unneeded).toEqual([{ name: 'a', podsToMove: [], utilization: 0.4 }]);
  });

  it('placeholder pods are moved like any replicated pod', () => {
    const ph = makePod('placeholder').req(400, MiB).prio(-1).obj();
    const a = makeNode('a', 1000, 64 * GiB, 110, [ph]);
    // room elsewhere: movable
    expect(findUnneeded([a], [a, cpuNode('b', [500])], opts).unneeded[0].podsToMove).toEqual([ph]);
    // no room: the placeholder keeps the node
    expect(findUnneeded([a], [a, cpuNode('b', [700])], opts).unremovable[0].reason).toBe('NoPlaceToMovePods');
  });

  it('a pod whose PDB allows no disruption blocks the node', () => {
    const a = makeNode('a', 1000, 64 * GiB, 110, [makePod('db-0').req(100, MiB).labels({ app: 'db' }).obj()]);
    const b = cpuNode('b', []);
    const blocked = findUnneeded([a], [a, b], { ...opts, pdbs: [{ name: 'db', matchLabels: { app: 'db' }, disruptionsAllowed: 0 }] });
    expect(blocked.unremovable).toEqual([{ name: 'a', reason: 'BlockedByPod', blockingPod: 'db-0' }]);
    const allowed = findUnneeded([a], [a, b], { ...opts, pdbs: [{ name: 'db', matchLabels: { app: 'db' }, disruptionsAllowed: 1 }] });
    expect(names(allowed.unneeded)).toEqual(['a']);
    const other = findUnneeded([a], [a, b], { ...opts, pdbs: [{ name: 'web', matchLabels: { app: 'web' }, disruptionsAllowed: 0 }] });
    expect(names(other.unneeded)).toEqual(['a']);
  });

  it('pods do not move onto a node found removable in the same pass', () => {
    // a (400m) moves onto b (400m -> 800m); b's 800m then has nowhere to go: a is leaving.
    const a = cpuNode('a', [400]);
    const b = cpuNode('b', [400]);
    const got = findUnneeded([a, b], [a, b], opts);
    expect(names(got.unneeded)).toEqual(['a']);
    expect(got.unremovable).toEqual([{ name: 'b', reason: 'NoPlaceToMovePods' }]);
  });

  it('pods moved in the pass must move again when their new node goes', () => {
    // Each at 300m (0.3, eligible on the cluster as it is). a -> b (600m); b's 600m -> c (900m);
    // c's 900m has nowhere to go.
    const a = cpuNode('a', [300]);
    const b = cpuNode('b', [300]);
    const c = cpuNode('c', [300]);
    const got = findUnneeded([a, b, c], [a, b, c], opts);
    expect(names(got.unneeded)).toEqual(['a', 'b']);
    expect(got.unneeded[1].podsToMove.map((p) => p.name)).toEqual(['b-0', 'a-0']);
    expect(got.unremovable).toEqual([{ name: 'c', reason: 'NoPlaceToMovePods' }]);
  });

  it('a failed simulation leaves no trace', () => {
    // Threshold 0.9. a's first 400m pod takes b's last pod slot, its second fits nowhere (c has
    // no slot, d 300m free): rolled back. c's 350m then still finds b's slot.
    const a = cpuNode('a', [400, 400]);
    const b = cpuNode('b', [600], 2);
    const c = cpuNode('c', [350], 1);
    const d = cpuNode('d', [700]);
    const got = findUnneeded([a, c], [a, b, c, d], { ...opts, utilizationThreshold: 0.9 });
    expect(got.unremovable).toEqual([{ name: 'a', reason: 'NoPlaceToMovePods' }]);
    expect(names(got.unneeded)).toEqual(['c']);
  });
});

/** The same pass without any of the shortcuts: every pod searches every node from the first. */
function referenceUnneeded(candidates: NodeInfo[], destinations: NodeInfo[], o: FindUnneededOptions): string[] {
  const work = destinations.map(cloneNodeInfo);
  const removed = new Set<string>();
  const eligible = candidates.filter((c) => nodeUtilization(c).utilization < o.utilizationThreshold);
  const out: string[] = [];
  for (const c of eligible) {
    const self = work.find((w) => w.name === c.name) ?? c;
    const movable = self.pods.filter((p) => p.priority >= o.expendablePodsPriorityCutoff);
    const trial = work.map(cloneNodeInfo);
    const ok = movable.every((pod) => {
      const target = trial.find((w) => w.name !== c.name && !removed.has(w.name) && fitsRequests(pod, w));
      if (target) addPod(target, pod);
      return target !== undefined;
    });
    if (!ok) continue;
    trial.forEach((t, i) => (work[i] = t));
    removed.add(c.name);
    out.push(c.name);
  }
  return out;
}

describe('findUnneeded: properties', () => {
  const arbNodes = fc.array(
    fc.record({
      maxPods: fc.integer({ min: 1, max: 6 }),
      pods: fc.array(
        fc.record({ cpu: fc.constantFrom(50, 100, 200, 300), prio: fc.constantFrom(-20, -1, 0, 10) }),
        { maxLength: 5 },
      ),
    }),
    { minLength: 1, maxLength: 8 },
  ).filter((spec) => spec.every((n) => n.pods.reduce((sum, p) => sum + p.cpu, 0) <= 1000));
  const build = (spec: { maxPods: number; pods: { cpu: number; prio: number }[] }[]) =>
    spec.map((s, i) =>
      makeNode(`n${i}`, 1000, 64 * GiB, Math.max(s.maxPods, s.pods.length), s.pods.map((p, j) => makePod(`n${i}-${j}`).req(p.cpu, MiB).prio(p.prio).obj())),
    );

  it('agrees with the plain simulation and never over-commits a destination', () => {
    fc.assert(
      fc.property(arbNodes, fc.constantFrom(0.3, 0.5, 0.8), (spec, threshold) => {
        const nodes = build(spec);
        const o = { ...opts, utilizationThreshold: threshold };
        const got = findUnneeded(nodes, nodes, o);
        expect(names(got.unneeded)).toEqual(referenceUnneeded(nodes, nodes, o));

        // Every movable pod that started on a leaving node is moved, and the staying nodes
        // have the room for all of them.
        const leaving = new Set(names(got.unneeded));
        const mustMove = nodes.filter((n) => leaving.has(n.name)).flatMap((n) => n.pods.filter((p) => p.priority >= -10));
        const moved = new Set(got.unneeded.flatMap((u) => u.podsToMove));
        expect(mustMove.every((p) => moved.has(p))).toBe(true);
        const staying = nodes.filter((n) => !leaving.has(n.name));
        const cpuFree = staying.reduce((sum, n) => sum + n.allocCpuMilli - n.reqCpuMilli, 0);
        expect(mustMove.reduce((sum, p) => sum + p.cpuMilli, 0)).toBeLessThanOrEqual(cpuFree);
        // the inputs are left as they were
        expect(nodes.map((n) => n.pods.length)).toEqual(spec.map((sp) => sp.pods.length));
      }),
      { numRuns: 300 },
    );
  });
});
