/**
 * Karpenter's consolidation: empty nodes first, then multi-node, then single-node; delete when the
 * pods fit elsewhere, replace with one cheaper node otherwise; budgets; never a pod left without a place.
 */
import { describe, expect, it } from 'vitest';
import { allowedDisruptions } from '../../../src/decisions/karpenter/budgets.ts';
import { planConsolidation, type ConsolidationCandidate, type ConsolidationInput } from '../../../src/decisions/karpenter/consolidation.ts';
import type { NodeInfo } from '../../../src/decisions/scheduler/types.ts';
import { GiB, makeNode, pods } from '../autoscaler/fixtures.ts';
import { offering } from './fixtures.ts';

// 2, 4 and 8 cores at 0.048/h a core
const offerings = [offering(0, 2, 0.096), offering(1, 4, 0.192), offering(2, 8, 0.384)];

function input(nodes: NodeInfo[], prices: number[], over: Partial<ConsolidationInput> = {}, allowed = 100): ConsolidationInput {
  const candidates: ConsolidationCandidate[] = nodes.map((n, i) => ({ node: i, pool: 0, pricePerHour: prices[i], pods: n.pods }));
  return { nodes, candidates, pools: [{ policy: 'WhenEmptyOrUnderutilized', allowed, offerings: [0, 1, 2] }], offerings, ...over };
}

describe('allowedDisruptions', () => {
  it.each([
    // budgets, nodes, disrupting -> allowed
    [[{ kind: 'percent', value: 10 }], 10, 0, 1],
    [[{ kind: 'percent', value: 10 }], 19, 0, 2], // 1.9 rounds up
    [[{ kind: 'percent', value: 5 }], 10, 0, 1], // 0.5 rounds up: a small pool still consolidates
    [[{ kind: 'percent', value: 10 }], 30, 2, 1],
    [[{ kind: 'percent', value: 50 }, { kind: 'count', value: 2 }], 10, 0, 2], // the most restrictive
    [[{ kind: 'count', value: 0 }], 10, 0, 0],
    [[{ kind: 'count', value: 1 }], 10, 3, 0],
  ] as const)('%j of %i nodes, %i disrupting: %i', (budgets, nodes, disrupting, allowed) => {
    expect(allowedDisruptions(budgets, nodes, disrupting)).toBe(allowed);
  });
});

describe('planConsolidation', () => {
  it('deletes empty nodes first, as many as the budget allows', () => {
    const busy = makeNode('busy', 8000, 32 * GiB, 110, pods('p', 2, 1000, GiB));
    const nodes = [busy, makeNode('e1', 8000, 32 * GiB), makeNode('e2', 8000, 32 * GiB), makeNode('e3', 8000, 32 * GiB)];
    const cmd = planConsolidation(input(nodes, [0.384, 0.384, 0.384, 0.384], {}, 2));
    expect(cmd).toMatchObject({ method: 'Empty', decision: 'delete', nodes: [1, 2] });
  });

  it('a WhenEmpty pool deletes empty nodes only', () => {
    const nodes = [makeNode('a', 8000, 32 * GiB, 110, pods('a', 1, 1000, GiB)), makeNode('b', 8000, 32 * GiB, 110, pods('b', 1, 1000, GiB))];
    const cmd = planConsolidation(input(nodes, [0.384, 0.384], { pools: [{ policy: 'WhenEmpty', allowed: 10, offerings: [0, 1, 2] }] }));
    expect(cmd).toBeNull();
  });

  it('multi-node: the longest run of candidates whose pods fit on the others, deleted together', () => {
    // 8-core nodes with 1 and 2 cores used and a 16-core one with 12: all three (15 cores) fit no
    // single offering, but the first two's 3 cores fit on the third
    const nodes = [
      makeNode('n1', 8000, 32 * GiB, 110, pods('a', 1, 1000, GiB)),
      makeNode('n2', 8000, 32 * GiB, 110, pods('b', 2, 1000, GiB)),
      makeNode('n3', 16000, 64 * GiB, 110, pods('c', 12, 1000, GiB)),
    ];
    const cmd = planConsolidation(input(nodes, [0.384, 0.384, 0.768]));
    expect(cmd).toMatchObject({ method: 'MultiNode', decision: 'delete', nodes: [0, 1] });
  });

  it('multi-node replaces a run with one cheaper node when the others cannot hold its pods', () => {
    // two 8-core nodes with 1.5 cores each: together 3 cores, nowhere else to go; one 4-core node (0.192/h) holds them
    const nodes = [makeNode('n1', 8000, 32 * GiB, 110, pods('a', 3, 500, GiB)), makeNode('n2', 8000, 32 * GiB, 110, pods('b', 3, 500, GiB))];
    const cmd = planConsolidation(input(nodes, [0.384, 0.384]));
    expect(cmd).toMatchObject({ method: 'MultiNode', decision: 'replace', nodes: [0, 1], replacement: { offering: 1, pool: 0 } });
    expect(cmd!.savingsPerHour).toBeCloseTo(0.576, 9);
  });

  it('single-node: replaces an under-used node with a smaller, cheaper one', () => {
    // one 8-core node running 1.5 cores, alone: its pods fit a 2-core node (0.096/h)
    const nodes = [makeNode('n1', 8000, 32 * GiB, 110, pods('a', 3, 500, GiB))];
    expect(planConsolidation(input(nodes, [0.384]))).toMatchObject({ method: 'SingleNode', decision: 'replace', nodes: [0], replacement: { offering: 0 } });
  });

  it('does nothing when no replacement is cheaper', () => {
    // a 2-core node with 1.5 cores used: the cheapest offering that holds them is itself
    const nodes = [makeNode('n1', 2000, 8 * GiB, 110, pods('a', 3, 500, GiB))];
    expect(planConsolidation(input(nodes, [0.096]))).toBeNull();
  });

  it('never leaves a pod without a place', () => {
    // two 8-core nodes at 7 cores each: neither's pods fit on the other, and no cheaper node holds 7 cores
    const nodes = [makeNode('n1', 8000, 32 * GiB, 110, pods('a', 7, 1000, GiB)), makeNode('n2', 8000, 32 * GiB, 110, pods('b', 7, 1000, GiB))];
    expect(planConsolidation(input(nodes, [0.384, 0.384]))).toBeNull();
  });

  it('a budget of 0 stops every method; a budget of 1 leaves single-node consolidation', () => {
    const nodes = [
      makeNode('n1', 8000, 32 * GiB, 110, pods('a', 1, 1000, GiB)),
      makeNode('n2', 8000, 32 * GiB, 110, pods('b', 2, 1000, GiB)),
      makeNode('n3', 8000, 32 * GiB, 110, pods('c', 5, 1000, GiB)),
    ];
    expect(planConsolidation(input(nodes, [0.384, 0.384, 0.384], {}, 0))).toBeNull();
    expect(planConsolidation(input(nodes, [0.384, 0.384, 0.384], {}, 1))).toMatchObject({ method: 'SingleNode', decision: 'delete', nodes: [0] });
  });

  it('only candidates move: a node that is not one (consolidateAfter, do-not-disrupt) only takes pods', () => {
    const nodes = [makeNode('n1', 8000, 32 * GiB, 110, pods('a', 1, 1000, GiB)), makeNode('n2', 8000, 32 * GiB, 110, pods('b', 2, 1000, GiB))];
    const i = input(nodes, [0.384, 0.384]);
    const cmd = planConsolidation({ ...i, candidates: [i.candidates[1]] });
    expect(cmd).toMatchObject({ method: 'SingleNode', decision: 'delete', nodes: [1] });
  });
});
