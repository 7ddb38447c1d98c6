/**
 * --balance-similar-node-groups held to the autoscaler's tests (processors/nodegroupset
 * balancing_processor_test.go TestBalanceSingleGroup, TestBalanceUnderMaxSize,
 * TestBalanceHittingMaxSize; compare_nodegroups_test.go's tolerance and label rules).
 */
import { describe, expect, it } from 'vitest';
import { balanceScaleUpBetweenGroups, similarNodeGroups, similarTemplates } from '../../../src/decisions/autoscaler/balance.ts';
import { groupPods } from '../../../src/decisions/autoscaler/estimator/equivalence-groups.ts';
import type { NodeTemplate } from '../../../src/decisions/autoscaler/estimator/template.ts';
import { computeScaleUp } from '../../../src/decisions/autoscaler/scaleup.ts';
import { pod } from '../scheduler/fixtures.ts';

const g = (name: string, min: number, max: number, current: number) => ({ name, min, max, current });
const sizes = (r: { nodeGroup: string; count: number }[], groups: ReturnType<typeof g>[]) =>
  Object.fromEntries(r.map(({ nodeGroup, count }) => [nodeGroup, groups.find((x) => x.name === nodeGroup)!.current + count]));

describe('BalanceScaleUpBetweenGroups', () => {
  it('a single group', () => {
    const groups = [g('ng1', 1, 10, 1)];
    expect(sizes(balanceScaleUpBetweenGroups(groups, 1), groups)).toEqual({ ng1: 2 });
    expect(sizes(balanceScaleUpBetweenGroups(groups, 4), groups)).toEqual({ ng1: 5 });
  });

  it('under max size: the smallest first, then evenly', () => {
    const groups = [g('ng1', 1, 10, 1), g('ng2', 1, 10, 3), g('ng3', 1, 10, 5), g('ng4', 1, 10, 5)];
    expect(sizes(balanceScaleUpBetweenGroups(groups, 1), groups)).toEqual({ ng1: 2 });
    expect(sizes(balanceScaleUpBetweenGroups(groups, 2), groups)).toEqual({ ng1: 3 });
    expect(sizes(balanceScaleUpBetweenGroups(groups, 4), groups)).toEqual({ ng1: 4, ng2: 4 });
    const five = sizes(balanceScaleUpBetweenGroups(groups, 5), groups);
    expect(Object.keys(five).sort()).toEqual(['ng1', 'ng2']);
    expect(five.ng1 + five.ng2).toBe(9);
    expect(sizes(balanceScaleUpBetweenGroups(groups, 10), groups)).toEqual({ ng1: 6, ng2: 6, ng3: 6, ng4: 6 });
  });

  it('hitting max size', () => {
    const all = { ng1: g('ng1', 1, 1, 1), ng2: g('ng2', 1, 3, 1), ng3: g('ng3', 1, 10, 3), ng4: g('ng4', 1, 7, 5) };
    const of = (...names: (keyof typeof all)[]) => names.map((n) => all[n]);
    expect(balanceScaleUpBetweenGroups(of('ng1'), 1)).toEqual([]);
    expect(sizes(balanceScaleUpBetweenGroups(of('ng1', 'ng2'), 1), of('ng1', 'ng2'))).toEqual({ ng2: 2 });
    expect(sizes(balanceScaleUpBetweenGroups(of('ng1', 'ng2'), 5), of('ng1', 'ng2'))).toEqual({ ng2: 3 });
    expect(sizes(balanceScaleUpBetweenGroups(of('ng2', 'ng3'), 4), of('ng2', 'ng3'))).toEqual({ ng2: 3, ng3: 5 });
    expect(sizes(balanceScaleUpBetweenGroups(of('ng2', 'ng3', 'ng4'), 9), of('ng2', 'ng3', 'ng4'))).toEqual({ ng2: 3, ng3: 8, ng4: 7 });
    expect(sizes(balanceScaleUpBetweenGroups(of('ng2', 'ng3', 'ng4'), 900), of('ng2', 'ng3', 'ng4'))).toEqual({ ng2: 3, ng3: 10, ng4: 7 });
  });
});

const template = (zone: string, extra: Partial<NodeTemplate> = {}): NodeTemplate => ({
  allocCpuMilli: 4000,
  allocMemoryBytes: 16 * 2 ** 30,
  allocPods: 110,
  name: `t-${zone}`,
  labels: { 'topology.kubernetes.io/zone': zone, 'kubernetes.io/hostname': `t-${zone}`, pool: 'general' },
  ...extra,
});

describe('similar node groups', () => {
  it('zone and hostname labels are ignored; other labels and sizes beyond 5% are not', () => {
    expect(similarTemplates(template('a'), template('b'))).toBe(true);
    expect(similarTemplates(template('a'), template('b', { allocCpuMilli: 4150 }))).toBe(true); // 3.6% apart
    expect(similarTemplates(template('a'), template('b', { allocCpuMilli: 4300 }))).toBe(false); // 7% apart
    expect(similarTemplates(template('a'), template('b', { labels: { 'topology.kubernetes.io/zone': 'b', pool: 'big' } }))).toBe(false);
    expect(similarTemplates(template('a'), template('b', { labels: { 'topology.kubernetes.io/zone': 'b', pool: 'general', 'node.kubernetes.io/instance-type': 'm5.xlarge' } }))).toBe(false);
    // free room counts too: a DaemonSet taking half a node makes the groups different
    expect(similarTemplates(template('a'), template('b', { daemonSetPods: [pod({ cpu: 2000, memory: 2 ** 30 })] }))).toBe(false);
  });

  it('a similar group that cannot hold the same pods is left out', () => {
    const a = { name: 'a', template: template('a'), current: 1, max: 10 };
    const b = { name: 'b', template: template('b'), current: 1, max: 10 };
    const c = { name: 'c', template: template('c', { taints: [{ key: 'dedicated', effect: 'NoSchedule' as const }] }), current: 1, max: 10 };
    const pods = groupPods([pod({ cpu: 500, memory: 2 ** 28 })]);
    expect(similarNodeGroups(a, [a, b, c], pods).map((x) => x.name)).toEqual(['a', 'b']);
  });

  it('computeScaleUp splits the chosen group\'s nodes over its zonal copies, smallest first', () => {
    const groups = ['a', 'b', 'c'].map((z, i) => ({ name: `general-${z}`, template: template(z), pricePerHour: 0.2, min: 0, max: 10, current: [3, 1, 2][i], priority: 0 }));
    const pending = Array.from({ length: 40 }, () => pod({ cpu: 500, memory: 2 ** 28 }));
    const opts = { expanders: ['price' as const], maxNodesTotal: 0, currentNodesTotal: 6 };
    const plain = computeScaleUp(pending, groups, opts, () => 0);
    expect(plain).toMatchObject({ nodeGroup: 'general-a', count: 5 });
    expect(plain.balanced).toBeUndefined();
    const balanced = computeScaleUp(pending, groups, { ...opts, balanceSimilarNodeGroups: true }, () => 0);
    // 5 nodes over sizes 3, 1, 2 (a, b, c): b to 2, 3, c to 3, then b and c to 4; a, already 3, gets none
    expect(balanced.balanced).toEqual([
      { nodeGroup: 'general-b', count: 3 },
      { nodeGroup: 'general-c', count: 2 },
    ]);
  });
});

describe('headroom decide scale-up --balance-similar-node-groups', () => {
  it('answers the split beside the chosen group', async () => {
    const { decideScaleUp } = await import('../../../src/decide/scale-up.ts');
    const group = (name: string, current: number) => ({ name, allocatable: { cpu: '4', memory: '16Gi', pods: 110 }, pricePerHour: 0.2, max: 10, current });
    const input = {
      expander: 'price',
      nodeGroups: [group('a', 3), group('b', 1), group('c', 2)],
      pods: Array.from({ length: 40 }, (_, i) => ({ name: `p-${i}`, requests: { cpu: '500m', memory: '256Mi' } })),
    };
    expect(decideScaleUp(input).balanced).toBeUndefined();
    const answer = decideScaleUp({ ...input, balanceSimilarNodeGroups: true });
    expect(answer).toMatchObject({ outcome: 'ScaledUp', nodeGroup: 'a', count: 5 });
    expect(answer.balanced).toEqual([{ nodeGroup: 'b', count: 3 }, { nodeGroup: 'c', count: 2 }]);
    expect(() => decideScaleUp({ ...input, balanceSimilarNodeGroups: 'yes' })).toThrow(/balanceSimilarNodeGroups must be true or false/);
  });
});
