import { describe, expect, it } from 'vitest';
import {
  emptyScaleDownState,
  planScaleDown,
  type ScaleDownInput,
  type ScaleDownSettings,
  type ScaleDownState,
} from '../../../../src/decisions/autoscaler/scaledown/planner.ts';
import type { NodeInfo } from '../../../../src/decisions/scheduler/types.ts';
import { GiB, MiB, makeNode, makePod } from '../fixtures.ts';

const settings: ScaleDownSettings = {
  scaleDownUtilizationThreshold: 0.5,
  scaleDownUnneededTimeSec: 600,
  scaleDownDelayAfterAddSec: 600,
  scaleDownDelayAfterDeleteSec: 10,
  scaleDownDelayAfterFailureSec: 180,
  maxEmptyBulkDelete: 10,
  expendablePodsPriorityCutoff: -10,
};

const cpuNode = (name: string, usedMilli: number[]) =>
  makeNode(name, 1000, 64 * GiB, 110, usedMilli.map((m, i) => makePod(`${name}-${i}`).req(m, MiB).obj()));

function input(nodes: NodeInfo[], o: Partial<ScaleDownInput> = {}): ScaleDownInput {
  return {
    nowSec: 1000,
    nodes: nodes.map((node) => ({ node, group: 'g' })),
    groups: { g: { min: 0, size: nodes.length } },
    pdbs: [],
    state: emptyScaleDownState(),
    ...o,
  };
}

const since = (entries: [string, number][]): ScaleDownState => ({ unneededSince: new Map(entries), unremovableUntil: new Map() });

describe('planScaleDown', () => {
  it('a newly unneeded node is remembered, not deleted', () => {
    const plan = planScaleDown(input([cpuNode('idle', []), cpuNode('busy', [900])]), settings);
    expect([...plan.state.unneededSince]).toEqual([['idle', 1000]]);
    expect(plan.empty).toEqual([]);
    expect(plan.unremovable).toContainEqual({ name: 'idle', reason: 'NotUnneededLongEnough' });
  });

  it('goes once unneeded for longer than scaleDownUnneededTime', () => {
    const nodes = [cpuNode('idle', []), cpuNode('busy', [900])];
    // since 400 + 600 = 1000 is not before now 1000: not yet
    expect(planScaleDown(input(nodes, { state: since([['idle', 400]]) }), settings).empty).toEqual([]);
    // since 399 + 600 = 999 < 1000: it goes, and keeps its original time
    const plan = planScaleDown(input(nodes, { state: since([['idle', 399]]) }), settings);
    expect(plan.empty).toEqual(['idle']);
    expect(plan.state.unneededSince.get('idle')).toBe(399);
  });

  it('with a zero unneeded time, an unneeded node goes on the pass that finds it', () => {
    // the autoscaler skips the wait when the threshold is 0 (since + 0 is not before now, but no wait applies)
    const plan = planScaleDown(input([cpuNode('idle', []), cpuNode('busy', [900])]), { ...settings, scaleDownUnneededTimeSec: 0 });
    expect(plan.empty).toEqual(['idle']);
  });

  it('a node needed again is forgotten', () => {
    const plan = planScaleDown(input([cpuNode('n', [600])], { state: since([['n', 0]]) }), settings);
    expect(plan.state.unneededSince.size).toBe(0);
    expect(plan.unremovable).toEqual([{ name: 'n', reason: 'NotUnderutilized' }]);
  });

  it('a non-empty node goes by draining, its pods listed', () => {
    // a's 300m fits b (600m used)
    const plan = planScaleDown(input([cpuNode('a', [300]), cpuNode('b', [600])], { state: since([['a', 0]]) }), settings);
    expect(plan.drain.map((d) => [d.node, d.podsToMove.map((p) => p.name)])).toEqual([['a', ['a-0']]]);
  });

  const cooldowns: { name: string; o: Partial<ScaleDownInput>; cooling: boolean }[] = [
    // 500 + 600 > 1000: still within scaleDownDelayAfterAdd
    { name: 'within delay after add', o: { lastScaleUpSec: 500 }, cooling: true },
    // 400 + 600 = 1000, not after now
    { name: 'delay after add over', o: { lastScaleUpSec: 400 }, cooling: false },
    { name: 'within delay after delete', o: { lastScaleDownDeleteSec: 995 }, cooling: true },
    { name: 'within delay after failure', o: { lastScaleDownFailSec: 900 }, cooling: true },
    { name: 'delay after failure over', o: { lastScaleDownFailSec: 820 }, cooling: false },
  ];
  for (const c of cooldowns) {
    it(`cooldown: ${c.name}`, () => {
      const plan = planScaleDown(input([cpuNode('idle', [])], { state: since([['idle', 0]]), ...c.o }), settings);
      expect(plan.inCooldown).toBe(c.cooling);
      expect(plan.empty).toEqual(c.cooling ? [] : ['idle']);
      // the unneeded clock keeps running through a cooldown
      expect(plan.state.unneededSince.get('idle')).toBe(0);
    });
  }

  it("respects the group's min size", () => {
    // size 3, min 2: one of the three idle nodes may go
    const nodes = [cpuNode('a', []), cpuNode('b', []), cpuNode('c', [])];
    const state = since([['a', 0], ['b', 0], ['c', 0]]);
    const plan = planScaleDown(input(nodes, { state, groups: { g: { min: 2, size: 3 } } }), settings);
    expect(plan.empty).toEqual(['a']);
    expect(plan.unremovable).toContainEqual({ name: 'b', reason: 'NodeGroupMinSizeReached' });
    // at min already: not even a candidate
    const atMin = planScaleDown(input(nodes, { state, groups: { g: { min: 3, size: 3 } } }), settings);
    expect(atMin.unneeded).toEqual([]);
    expect(atMin.unremovable.map((u) => u.reason)).toEqual(Array(3).fill('NodeGroupMinSizeReached'));
  });

  it('deletes empty nodes in bulk up to maxEmptyBulkDelete, drains one at a time', () => {
    // 5 idle nodes and 2 at 100m, all unneeded long enough; a big node takes the moved pods.
    const nodes = [
      ...['e0', 'e1', 'e2', 'e3', 'e4'].map((n) => cpuNode(n, [])),
      cpuNode('d0', [100]),
      cpuNode('d1', [100]),
      makeNode('big', 64000, 64 * GiB, 110, [makePod('big-0').req(60000, MiB).obj()]),
    ];
    const state = since(nodes.map((n) => [n.name, 0] as [string, number]));
    const bulk3 = planScaleDown(input(nodes, { state }), { ...settings, maxEmptyBulkDelete: 3 });
    expect(bulk3.empty).toEqual(['e0', 'e1', 'e2']);
    expect(bulk3.drain).toEqual([]);
    const bulk10 = planScaleDown(input(nodes, { state }), settings);
    expect(bulk10.empty).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(bulk10.drain.map((d) => d.node)).toEqual(['d0']);
    // deletions in progress use the budgets: 10 − 7 − 1 = 2 empty, no drain (1 − 1)
    const busy = planScaleDown(input(nodes, { state, deletionsInProgress: { empty: 7, drain: 1 } }), settings);
    expect(busy.empty).toEqual(['e0', 'e1']);
    expect(busy.drain).toEqual([]);
    const twoDrains = planScaleDown(input(nodes, { state }), { ...settings, maxDrainParallelism: 2 });
    expect(twoDrains.drain.map((d) => d.node)).toEqual(['d0', 'd1']);
  });

  it('keeps the nodes already unneeded first, so their clocks keep running', () => {
    // a and b at 400m each: only one of them can go (the other takes its pod). b was unneeded
    // before; although a is listed first, b stays the unneeded one.
    const a = cpuNode('a', [400]);
    const b = cpuNode('b', [400]);
    const plan = planScaleDown(input([a, b], { state: since([['b', 100]]) }), settings);
    expect([...plan.state.unneededSince]).toEqual([['b', 100]]);
    const fresh = planScaleDown(input([a, b]), settings);
    expect([...fresh.state.unneededSince]).toEqual([['a', 1000]]);
  });

  it('does not recheck a node that failed a simulation until its recheck time', () => {
    // a's 400m fits nowhere (b has 300m free)
    const nodes = [cpuNode('a', [400]), cpuNode('b', [700])];
    const first = planScaleDown(input(nodes), settings);
    expect(first.unremovable).toContainEqual({ name: 'a', reason: 'NoPlaceToMovePods' });
    expect(first.state.unremovableUntil.get('a')).toBe(1300);
    // b frees up (550m used: 450m free, and still not under the threshold itself), but a is not
    // looked at again before 1300
    const roomy = [cpuNode('a', [400]), cpuNode('b', [550])];
    const second = planScaleDown(input(roomy, { nowSec: 1200, state: first.state }), settings);
    expect(second.unremovable).toContainEqual({ name: 'a', reason: 'RecentlyUnremovable' });
    const third = planScaleDown(input(roomy, { nowSec: 1300, state: second.state }), settings);
    expect(third.unneeded.map((u) => u.name)).toContain('a');
    expect(third.state.unremovableUntil.has('a')).toBe(false);
  });

  it('placeholder pods are movable; expendable ones do not count as pods to move', () => {
    const ph = makePod('placeholder').req(300, MiB).prio(-1).obj();
    const batch = makePod('batch').req(100, MiB).prio(-11).obj();
    // "room" (600m used, not a candidate) comes first, so the placeholder moves there.
    const nodes = [cpuNode('room', [600]), makeNode('p', 1000, GiB, 110, [ph]), makeNode('x', 1000, GiB, 110, [batch])];
    const state = since([['p', 0], ['x', 0]]);
    const plan = planScaleDown(input(nodes, { state }), settings);
    // x only has an expendable pod: empty. p's placeholder must move: drained.
    expect(plan.empty).toEqual(['x']);
    expect(plan.drain.map((d) => [d.node, d.podsToMove.map((pod) => pod.name)])).toEqual([['p', ['placeholder']]]);
  });

  it('pods moved onto a node in the pass make it a node to drain', () => {
    // The placeholder's first fit is x, which then holds it: x must be drained, not deleted empty.
    const ph = makePod('placeholder').req(300, MiB).prio(-1).obj();
    const batch = makePod('batch').req(100, MiB).prio(-11).obj();
    const nodes = [makeNode('p', 1000, GiB, 110, [ph]), makeNode('x', 1000, GiB, 110, [batch]), cpuNode('room', [600])];
    const plan = planScaleDown(input(nodes, { state: since([['p', 0], ['x', 0]]) }), settings);
    expect(plan.empty).toEqual([]);
    expect(plan.unneeded.map((u) => [u.name, u.podsToMove.map((pod) => pod.name)])).toEqual([
      ['p', ['placeholder']],
      ['x', ['placeholder']],
    ]);
  });

  it('a node of an unknown group is not autoscaled', () => {
    const plan = planScaleDown({ ...input([cpuNode('n', [])]), groups: {} }, settings);
    expect(plan.unremovable).toEqual([{ name: 'n', reason: 'NotAutoscaled' }]);
  });
});
