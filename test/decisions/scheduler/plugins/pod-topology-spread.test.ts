/**
 * PodTopologySpread held to upstream's test tables (pkg/scheduler/framework/plugins/podtopologyspread
 * filtering_test.go TestSingleConstraint / TestMultipleConstraints, scoring_test.go
 * TestPodTopologySpreadScore), then through the scheduler: selectHost, preemption, and the
 * FailedScheduling text.
 */
import { describe, expect, it } from 'vitest';
import { cycleStateFor, runFilters } from '../../../../src/decisions/scheduler/filters.ts';
import { fitErrorMessage, preemptionFailureMessage } from '../../../../src/decisions/scheduler/fit-error.ts';
import { preempt } from '../../../../src/decisions/scheduler/preemption.ts';
import { scoreSpread } from '../../../../src/decisions/scheduler/plugins/podtopologyspread/scoring.ts';
import { selectHost } from '../../../../src/decisions/scheduler/select-host.ts';
import type { NodeInfo, PodInfo, TopologySpreadConstraint } from '../../../../src/decisions/scheduler/types.ts';
import { addPod } from '../../../../src/decisions/scheduler/nodeinfo.ts';
import { Gi, node, pod } from '../fixtures.ts';

const HOSTNAME = 'kubernetes.io/hostname';
const foo = { matchExpressions: [{ key: 'foo', operator: 'Exists' as const }] };
const RES = [{ name: 'cpu' as const, weight: 1 }, { name: 'memory' as const, weight: 1 }];

function spreading(constraints: Partial<TopologySpreadConstraint>[], labels: Record<string, string> = { foo: '' }, extra: object = {}): PodInfo {
  const full = constraints.map((c) => ({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: foo, ...c }));
  return Object.assign(pod({ name: 'p', cpu: 100, memory: Gi, labels }), { placement: { topologySpreadConstraints: full, ...extra } });
}

/** nodes named node-<x> with labels, each holding `counts[x]` pods labelled foo */
function cluster(spec: Record<string, Record<string, string>>, counts: Record<string, number> = {}, opts: { terminating?: string[] } = {}): NodeInfo[] {
  return Object.entries(spec).map(([name, labels]) => {
    const pods: PodInfo[] = [];
    for (let i = 0; i < (counts[name] ?? 0); i++) pods.push(pod({ name: `${name}-${i}`, cpu: 10, memory: 1, labels: { foo: '' } }));
    for (const t of opts.terminating ?? []) if (t === name) pods.push(pod({ name: `${name}-terminating`, cpu: 10, memory: 1, labels: { foo: '', terminating: 'yes' } }));
    return Object.assign(node(name, { cpu: 64000, memory: 256 * Gi }, pods), { labels });
  });
}

const spreadOf = (p: PodInfo, nodes: NodeInfo[]) => cycleStateFor(p, nodes)?.spread ?? null;

function codes(p: PodInfo, nodes: NodeInfo[], isTerminating?: (q: PodInfo) => boolean): Record<string, string> {
  const state = cycleStateFor(p, nodes, isTerminating);
  return Object.fromEntries(nodes.map((n) => [n.name, runFilters(p, n, state).code]));
}

const fourNodes = {
  'node-a': { zone: 'zone1', node: 'node-a' },
  'node-b': { zone: 'zone1', node: 'node-b' },
  'node-x': { zone: 'zone2', node: 'node-x' },
  'node-y': { zone: 'zone2', node: 'node-y' },
};

describe('PodTopologySpread filter (TestSingleConstraint)', () => {
  const S = 'Success';
  const U = 'Unschedulable';
  const UU = 'UnschedulableAndUnresolvable';
  it('no existing pods: every node', () => {
    expect(codes(spreading([{}]), cluster(fourNodes))).toEqual({ 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S });
  });
  it("no existing pods, the incoming pod does not match itself", () => {
    const p = spreading([{ labelSelector: { matchExpressions: [{ key: 'bar', operator: 'Exists' }] } }]);
    expect(codes(p, cluster(fourNodes))).toEqual({ 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S });
  });
  it('pods spread across zones as 3/3: every node fits', () => {
    expect(codes(spreading([{}]), cluster(fourNodes, { 'node-a': 2, 'node-b': 1, 'node-y': 3 }))).toEqual({ 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S });
  });
  it("pods spread across zones as 1/2 as node-b lacks the 'zone' label", () => {
    const nodes = cluster({ ...fourNodes, 'node-b': { zon: 'zone1', node: 'node-b' } }, { 'node-a': 1, 'node-b': 1, 'node-x': 1, 'node-y': 1 });
    expect(codes(spreading([{}]), nodes)).toEqual({ 'node-a': S, 'node-b': UU, 'node-x': U, 'node-y': U });
  });
  it("no node has the 'rack' label", () => {
    const nodes = cluster({ 'node-a': fourNodes['node-a'], 'node-x': fourNodes['node-x'] });
    expect(codes(spreading([{ topologyKey: 'rack' }]), nodes)).toEqual({ 'node-a': UU, 'node-x': UU });
  });
  it('pods spread across nodes as 2/1/0/3: only node-x', () => {
    expect(codes(spreading([{ topologyKey: 'node' }]), cluster(fourNodes, { 'node-a': 2, 'node-b': 1, 'node-y': 3 }))).toEqual({ 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U });
  });
  it('2/1/0/3 with maxSkew 2: node-b and node-x', () => {
    expect(codes(spreading([{ topologyKey: 'node', maxSkew: 2 }]), cluster(fourNodes, { 'node-a': 2, 'node-b': 1, 'node-y': 3 }))).toEqual({ 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U });
  });
  it("2/1/0/3 but the pod does not match itself: node-b and node-x", () => {
    expect(codes(spreading([{ topologyKey: 'node' }], { bar: '' }), cluster(fourNodes, { 'node-a': 2, 'node-b': 1, 'node-y': 3 }))).toEqual({ 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U });
  });
  it('the pod has required node affinity to node-a and node-y: 2/~1~/~0~/3, so node-a fits (NodeAffinity itself refuses b and x)', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node', operator: 'In' as const, values: ['node-a', 'node-y'] }] }] } } };
    const p = spreading([{ topologyKey: 'node' }], { foo: '' }, { affinity });
    const nodes = cluster(fourNodes, { 'node-a': 2, 'node-b': 1, 'node-y': 3 });
    const state = spreadOf(p, nodes)!;
    // the plugin alone, as upstream's table runs it
    expect(state.counts[0]).toEqual(new Map([['node-a', 2], ['node-y', 3]]));
    expect(codes(p, nodes)['node-a']).toBe(S);
    expect(codes(p, nodes)['node-y']).toBe(U);
  });
  it('terminating pods are not counted', () => {
    const nodes = cluster({ 'node-a': { node: 'node-a' }, 'node-b': { node: 'node-b' } }, { 'node-b': 1 }, { terminating: ['node-a'] });
    const isTerminating = (q: PodInfo) => q.labels.terminating === 'yes';
    expect(codes(spreading([{ topologyKey: 'node' }]), nodes, isTerminating)).toEqual({ 'node-a': S, 'node-b': U });
  });
});

describe('PodTopologySpread filter (TestMultipleConstraints)', () => {
  it('zone and node, spreads [3/3, 2/1/0/3]: only node-x', () => {
    const p = spreading([{}, { topologyKey: 'node' }]);
    expect(codes(p, cluster(fourNodes, { 'node-a': 2, 'node-b': 1, 'node-y': 3 }))).toEqual({
      'node-a': 'Unschedulable',
      'node-b': 'Unschedulable',
      'node-x': 'Success',
      'node-y': 'Unschedulable',
    });
  });
});

describe('minDomains', () => {
  it('fewer eligible domains than minDomains count the global minimum as 0', () => {
    // two zones hold 1 and 1: the minimum is 1, so either zone may take one more with maxSkew 1 ...
    const nodes = cluster(fourNodes, { 'node-a': 1, 'node-x': 1 });
    expect(Object.values(codes(spreading([{}]), nodes))).toEqual(['Success', 'Success', 'Success', 'Success']);
    // ... but asking for 3 domains makes it 0: 1 + 1 − 0 > 1 everywhere
    expect(Object.values(codes(spreading([{ minDomains: 3 }]), nodes))).toEqual(['Unschedulable', 'Unschedulable', 'Unschedulable', 'Unschedulable']);
  });
});

describe('matchLabelKeys and node inclusion policies', () => {
  it("the pod's value of a matchLabelKeys label narrows the selector to its own revision", () => {
    const nodes = cluster(fourNodes);
    for (const i of [0, 1, 2]) addPod(nodes[0], pod({ name: `old-${i}`, cpu: 1, memory: 1, labels: { foo: '', rev: 'old' } }));
    const plain = spreading([{}], { foo: '', rev: 'new' });
    expect(codes(plain, nodes)['node-a']).toBe('Unschedulable');
    const byRevision = spreading([{ matchLabelKeys: ['rev'] }], { foo: '', rev: 'new' });
    expect(codes(byRevision, nodes)['node-a']).toBe('Success');
  });
  it('nodeTaintsPolicy Honor leaves a tainted zone out of the count', () => {
    const nodes = cluster({ 'node-a': { zone: 'zone1' }, 'node-x': { zone: 'zone2' } }, { 'node-a': 2 });
    nodes[1].taints = [{ key: 'dedicated', effect: 'NoSchedule' }];
    // Ignore (default): zone2 counts with 0, so zone1 is 2 + 1 − 0 > 1
    expect(spreadOf(spreading([{}]), nodes)!.minCounts).toEqual([0]);
    // Honor: zone2 is not a domain; zone1 alone: 2 + 1 − 2 <= 1
    const honor = spreading([{ nodeTaintsPolicy: 'Honor' }]);
    expect(spreadOf(honor, nodes)!.minCounts).toEqual([2]);
    expect(codes(honor, nodes)['node-a']).toBe('Success');
  });
});

describe('PodTopologySpread score (TestPodTopologySpreadScore)', () => {
  const hosts = (names: string[], labels: (n: string) => Record<string, string> = (n) => ({ [HOSTNAME]: n })) =>
    Object.fromEntries(names.map((n) => [n, labels(n)]));
  const soft = (c: Partial<TopologySpreadConstraint>[] = [{}]) =>
    spreading(c.map((x) => ({ topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway' as const, ...x })));
  const scores = (p: PodInfo, nodes: NodeInfo[], feasible: string[] = nodes.map((n) => n.name)) =>
    scoreSpread(p, nodes.filter((n) => feasible.includes(n.name)), nodes);

  it('one constraint on node, no existing pods', () => {
    expect(scores(soft(), cluster(hosts(['node-a', 'node-b'])))).toEqual([100, 100]);
  });
  it('only one candidate node scores 100', () => {
    expect(scores(soft(), cluster(hosts(['node-a', 'node-b']), { 'node-a': 2, 'node-b': 1 }), ['node-a'])).toEqual([100]);
  });
  it('2/1/0/3 on four candidates', () => {
    expect(scores(soft(), cluster(hosts(['node-a', 'node-b', 'node-c', 'node-d']), { 'node-a': 2, 'node-b': 1, 'node-d': 3 }))).toEqual([20, 60, 100, 0]);
  });
  it('a null selector: every node alike', () => {
    const p = soft([{ labelSelector: undefined }]);
    expect(scores(p, cluster(hosts(['node-a', 'node-b', 'node-c', 'node-d']), { 'node-a': 2, 'node-b': 1, 'node-d': 3 }))).toEqual([100, 100, 100, 100]);
  });
  it('2/1/0/3 with maxSkew 2', () => {
    expect(scores(soft([{ maxSkew: 2 }]), cluster(hosts(['node-a', 'node-b', 'node-c', 'node-d']), { 'node-a': 2, 'node-b': 1, 'node-d': 3 }))).toEqual([33, 66, 100, 16]);
  });
  it('4/3/2/1 with maxSkew 3', () => {
    expect(scores(soft([{ maxSkew: 3 }]), cluster(hosts(['node-a', 'node-b', 'node-c', 'node-d']), { 'node-a': 4, 'node-b': 3, 'node-c': 2, 'node-d': 1 }))).toEqual([44, 66, 77, 100]);
  });
  it('4/2/1/~3~: three of four candidates', () => {
    expect(scores(soft(), cluster(hosts(['node-a', 'node-b', 'node-x', 'node-y']), { 'node-a': 4, 'node-b': 2, 'node-x': 1, 'node-y': 3 }), ['node-a', 'node-b', 'node-x'])).toEqual([33, 83, 100]);
  });
  it("4/?2?/1/~3~: a candidate without the topology key scores 0", () => {
    const nodes = cluster({ 'node-a': { [HOSTNAME]: 'node-a' }, 'node-b': { n: 'node-b' }, 'node-x': { [HOSTNAME]: 'node-x' }, 'node-y': { [HOSTNAME]: 'node-y' } }, { 'node-a': 4, 'node-b': 2, 'node-x': 1, 'node-y': 3 });
    expect(scores(soft(), nodes, ['node-a', 'node-b', 'node-x'])).toEqual([16, 0, 100]);
  });
  it('one constraint on zone, 4/2/1/~3~', () => {
    const nodes = cluster(
      { 'node-a': { zone: 'zone1', [HOSTNAME]: 'node-a' }, 'node-b': { zone: 'zone1', [HOSTNAME]: 'node-b' }, 'node-x': { zone: 'zone2', [HOSTNAME]: 'node-x' }, 'node-y': { zone: 'zone2', [HOSTNAME]: 'node-y' } },
      { 'node-a': 4, 'node-b': 2, 'node-x': 1, 'node-y': 3 },
    );
    expect(scores(soft([{ topologyKey: 'zone' }]), nodes, ['node-a', 'node-b', 'node-x'])).toEqual([75, 75, 100]);
  });
});

describe('through the scheduler', () => {
  const zones = { 'node-a': { zone: 'zone1' }, 'node-x': { zone: 'zone2' } };

  it('selectHost takes the emptier zone even where resources score worse', () => {
    const nodes = cluster(zones, { 'node-a': 2, 'node-x': 3 });
    // node-x is fuller by one pod, but zone2 already has one more matching pod than zone1 would after: 3+1−2 > 1
    expect(selectHost(spreading([{}]), nodes, { scoring: 'LeastAllocated', resources: RES })).toBe(0);
    // ScheduleAnyway: the score prefers zone1 too
    expect(selectHost(spreading([{ whenUnsatisfiable: 'ScheduleAnyway' }]), cluster(zones, { 'node-a': 2, 'node-x': 0 }), { scoring: 'MostAllocated', resources: RES })).toBe(1);
  });

  it('preemption evicts a lower-priority matching pod to mend the skew, and names the plugin when it cannot', () => {
    // zone1 has 3 matching pods (one of them low priority), zone2 has 2 on a full node
    const nodes = cluster(zones, { 'node-a': 0, 'node-x': 2 });
    for (const i of [0, 1, 2]) addPod(nodes[0], pod({ name: `a-${i}`, cpu: 10, memory: 1, labels: { foo: '' }, priority: i === 0 ? -10 : 0 }));
    nodes[1].allocCpuMilli = nodes[1].reqCpuMilli; // zone2 is full
    const p = spreading([{}]);
    expect(selectHost(p, nodes, { scoring: 'LeastAllocated', resources: RES })).toBe(-1);
    const state = cycleStateFor(p, nodes);
    expect(nodes.map((n) => runFilters(p, n, state).reasons)).toEqual([["node(s) didn't match pod topology spread constraints"], ['Insufficient cpu']]);
    const result = preempt(p, nodes, [], { state });
    expect(result?.nodeIndex).toBe(0);
    expect(result?.victims.map((v) => v.name)).toEqual(['a-0']);

    // with no lower-priority pod to evict, the FailedScheduling text says why (node-x is smaller than the pod: no eviction helps there)
    nodes[0].pods[0].priority = 0;
    const again = cycleStateFor(p, nodes);
    expect(preempt(p, nodes, [], { state: again })).toBeNull();
    const statuses = nodes.map((n) => runFilters(p, n, again));
    expect(fitErrorMessage(nodes.length, statuses, preemptionFailureMessage(p, nodes, again))).toBe(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod topology spread constraints. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
    );
  });
});
