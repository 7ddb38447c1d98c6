/**
 * TaintToleration, NodeAffinity and NodeUnschedulable held to upstream's test tables
 * (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go,
 * nodeaffinity/node_affinity_test.go, and component-helpers scheduling/corev1/nodeaffinity).
 */
import { describe, expect, it } from 'vitest';
import { runFilters } from '../../../../src/decisions/scheduler/filters.ts';
import { matchesRequirement } from '../../../../src/decisions/scheduler/node-selector.ts';
import type { NodeInfo, NodeSelectorRequirement, Placement, PodInfo, Taint, Toleration } from '../../../../src/decisions/scheduler/types.ts';
import { defaultNormalizeScore } from '../../../../src/decisions/scheduler/plugins/helper/normalize-score.ts';
import * as tt from '../../../../src/decisions/scheduler/plugins/tainttoleration/taint-toleration.ts';
import * as na from '../../../../src/decisions/scheduler/plugins/nodeaffinity/node-affinity.ts';
import * as nu from '../../../../src/decisions/scheduler/plugins/nodeunschedulable/node-unschedulable.ts';
import { SUCCESS } from '../../../../src/decisions/scheduler/plugins/noderesources/fit.ts';
import { scoreNodes } from '../../../../src/decisions/scheduler/scores.ts';
import { resolveProfile } from '../../../../src/decisions/scheduler/profile.ts';
import { balancedAllocationScore } from '../../../../src/decisions/scheduler/plugins/noderesources/balanced-allocation.ts';
import { selectHost } from '../../../../src/decisions/scheduler/select-host.ts';
import { Gi, node, pod } from '../fixtures.ts';

const withTaints = (name: string, taints: Taint[]): NodeInfo => Object.assign(node(name, { cpu: 4000, memory: 8 * Gi }), { taints });
const withLabels = (name: string, labels: Record<string, string>): NodeInfo => Object.assign(node(name, { cpu: 4000, memory: 8 * Gi }), { labels });
const placed = (placement: Placement): PodInfo => Object.assign(pod({ cpu: 100, memory: Gi }), { placement });
const tolerating = (tolerations: Toleration[]): PodInfo => placed({ tolerations });

describe('TaintToleration filter (TestTaintTolerationFilter)', () => {
  const cases: { name: string; tolerations: Toleration[]; taints: Taint[]; ok: boolean }[] = [
    { name: 'no tolerations, a NoSchedule taint', tolerations: [], taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], ok: false },
    { name: 'tolerates user1 NoSchedule', tolerations: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], ok: true },
    { name: 'tolerates user2, taint is user1', tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], ok: false },
    { name: 'Exists tolerates any value', tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], ok: true },
    {
      name: 'every one of several taints tolerated',
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ],
      taints: [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ],
      ok: true,
    },
    { name: 'key and value match, effect differs', tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], ok: false },
    { name: 'empty effect tolerates NoSchedule', tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar' }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], ok: true },
    { name: 'a PreferNoSchedule taint never filters', tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }], ok: true },
    { name: 'no toleration, PreferNoSchedule taint', tolerations: [], taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }], ok: true },
    { name: 'NoExecute filters too', tolerations: [], taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], ok: false },
    { name: 'empty key with Exists tolerates everything', tolerations: [{ operator: 'Exists' }], taints: [{ key: 'a', value: 'b', effect: 'NoExecute' }], ok: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = tt.filter(tolerating(c.tolerations), withTaints('nodeA', c.taints), SUCCESS);
      if (c.ok) expect(s).toBe(SUCCESS);
      else expect(s).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint(s)'] });
    });
  }
});

describe('TaintToleration score (TestTaintTolerationScore), normalized reversed', () => {
  const prefer = (key: string, value: string): Taint => ({ key, value, effect: 'PreferNoSchedule' });
  const normalized = (p: PodInfo, nodes: NodeInfo[]) => {
    const raw = nodes.map((n) => tt.score(p, n));
    defaultNormalizeScore(100, true, raw);
    return raw;
  };
  it('a node whose taints are tolerated beats one whose are not', () => {
    const p = tolerating([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]);
    expect(normalized(p, [withTaints('nodeA', [prefer('foo', 'bar')]), withTaints('nodeB', [prefer('foo', 'blah')])])).toEqual([100, 0]);
  });
  it('how many tolerated taints a node has does not matter', () => {
    const p = tolerating([
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
    ]);
    const nodes = [withTaints('nodeA', []), withTaints('nodeB', [prefer('cpu-type', 'arm64')]), withTaints('nodeC', [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')])];
    expect(normalized(p, nodes)).toEqual([100, 100, 100]);
  });
  it('the more untolerated taints, the lower: 0, 1, 2 -> 100, 100 - 100·1/2 = 50, 0', () => {
    const p = tolerating([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]);
    const nodes = [withTaints('nodeA', []), withTaints('nodeB', [prefer('cpu-type', 'arm64')]), withTaints('nodeC', [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')])];
    expect(normalized(p, nodes)).toEqual([100, 50, 0]);
  });
  it('only PreferNoSchedule taints and tolerations count', () => {
    const p = tolerating([
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
    ]);
    const nodes = [
      withTaints('nodeA', []),
      withTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]),
      withTaints('nodeC', [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]),
    ];
    expect(normalized(p, nodes)).toEqual([100, 100, 0]);
  });
  it('no tolerations: the untainted node', () => {
    expect(normalized(tolerating([]), [withTaints('nodeA', []), withTaints('nodeB', [prefer('cpu-type', 'arm64')])])).toEqual([100, 0]);
  });
});

describe('node selector requirements (component-helpers nodeaffinity)', () => {
  const labels = { foo: 'bar', version: '10', zone: 'a' };
  const cases: [NodeSelectorRequirement, boolean][] = [
    [{ key: 'foo', operator: 'In', values: ['bar', 'baz'] }, true],
    [{ key: 'foo', operator: 'In', values: ['baz'] }, false],
    [{ key: 'foo', operator: 'NotIn', values: ['baz'] }, true],
    [{ key: 'missing', operator: 'NotIn', values: ['x'] }, true],
    [{ key: 'foo', operator: 'NotIn', values: ['bar'] }, false],
    [{ key: 'foo', operator: 'Exists' }, true],
    [{ key: 'missing', operator: 'Exists' }, false],
    [{ key: 'missing', operator: 'DoesNotExist' }, true],
    [{ key: 'foo', operator: 'DoesNotExist' }, false],
    [{ key: 'version', operator: 'Gt', values: ['9'] }, true],
    [{ key: 'version', operator: 'Gt', values: ['10'] }, false],
    [{ key: 'version', operator: 'Lt', values: ['11'] }, true],
    [{ key: 'foo', operator: 'Gt', values: ['1'] }, false], // "bar" is no integer
    [{ key: 'missing', operator: 'Lt', values: ['1'] }, false],
  ];
  for (const [r, want] of cases) it(`${r.key} ${r.operator} ${r.values ?? ''} -> ${want}`, () => expect(matchesRequirement(r, labels)).toBe(want));
});

describe('NodeAffinity filter (TestNodeAffinity rows)', () => {
  const fooBar = withLabels('node1', { foo: 'bar' });
  const required = (terms: NonNullable<NonNullable<Placement['affinity']>['nodeAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']): PodInfo =>
    placed({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } } });
  const cases: { name: string; pod: PodInfo; node: NodeInfo; ok: boolean }[] = [
    { name: 'no selector: any node', pod: placed({}), node: fooBar, ok: true },
    { name: 'nodeSelector not on the node', pod: placed({ nodeSelector: { foo: 'bar' } }), node: withLabels('node1', {}), ok: false },
    { name: 'nodeSelector matches', pod: placed({ nodeSelector: { foo: 'bar' } }), node: fooBar, ok: true },
    { name: 'nodeSelector value differs', pod: placed({ nodeSelector: { foo: 'bar' } }), node: withLabels('node1', { foo: 'baz' }), ok: false },
    { name: 'In matches', pod: required({ nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }] }), node: fooBar, ok: true },
    { name: 'a term with no requirement matches nothing', pod: required({ nodeSelectorTerms: [{}] }), node: fooBar, ok: false },
    { name: 'an empty matchExpressions matches nothing', pod: required({ nodeSelectorTerms: [{ matchExpressions: [] }] }), node: fooBar, ok: false },
    {
      name: 'terms are ORed: the second matches',
      pod: required({ nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['x'] }] }, { matchExpressions: [{ key: 'foo', operator: 'Exists' }] }] }),
      node: fooBar,
      ok: true,
    },
    {
      name: 'requirements are ANDed',
      pod: required({ nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'Exists' }, { key: 'gpu', operator: 'Exists' }] }] }),
      node: fooBar,
      ok: false,
    },
    {
      name: 'nodeSelector and affinity must both match',
      pod: placed({ nodeSelector: { foo: 'bar' }, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }] } } } }),
      node: fooBar,
      ok: false,
    },
    { name: 'matchFields metadata.name In', pod: required({ nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }] }), node: fooBar, ok: true },
    { name: 'matchFields metadata.name In another', pod: required({ nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node2'] }] }] }), node: fooBar, ok: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = na.filter(c.pod, c.node, SUCCESS);
      if (c.ok) expect(s).toBe(SUCCESS);
      else expect(s).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] });
    });
  }
});

describe('NodeAffinity score (TestNodeAffinityPriority), normalized to 100', () => {
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const prefs: Placement = {
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 2, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } },
          { weight: 4, preference: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] } },
          { weight: 5, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }, { key: 'key', operator: 'In', values: ['value'] }, { key: 'az', operator: 'In', values: ['az1'] }] } },
        ],
      },
    },
  };
  it('all nodes match nothing: 0 everywhere', () => {
    const p = placed(prefs);
    const nodes = [withLabels('node1', { a: '1' }), withLabels('node2', { b: '1' })];
    const raw = nodes.map((n) => na.score(p, n));
    defaultNormalizeScore(100, false, raw);
    expect(raw).toEqual([0, 0]);
  });
  it('weights 2, 0, 0 and 2+4+5 = 11: 100·2/11 = 18, 0, 0, 100', () => {
    const p = placed(prefs);
    const nodes = [withLabels('node1', label1), withLabels('node2', label2), withLabels('node3', label3), withLabels('node5', label5)];
    const raw = nodes.map((n) => na.score(p, n));
    expect(raw).toEqual([2, 4, 0, 11]);
    defaultNormalizeScore(100, false, raw);
    // 100·2/11 = 18, 100·4/11 = 36
    expect(raw).toEqual([18, 36, 0, 100]);
  });
});

describe('NodeUnschedulable', () => {
  const cordoned = Object.assign(node('n', { cpu: 4000, memory: Gi }), { unschedulable: true });
  it('refuses a cordoned node', () => expect(nu.filter(pod({ cpu: 1 }), cordoned, SUCCESS)).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] }));
  it('unless the pod tolerates the unschedulable taint', () =>
    expect(nu.filter(tolerating([{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }]), cordoned, SUCCESS)).toBe(SUCCESS));
});

describe('the filters together and the weighted total', () => {
  it('the first refusal in plugin order names the node: taints before resources', () => {
    const big = Object.assign(pod({ cpu: 8000, memory: Gi }), {});
    const tainted = withTaints('t', [{ key: 'gpu', effect: 'NoSchedule' }]);
    expect(runFilters(big, tainted).reasons).toEqual(['node(s) had untolerated taint(s)']);
  });
  it('TaintToleration ×3 and NodeAffinity ×2 outweigh NodeResourcesFit', () => {
    // a: empty, LeastAllocated 100·(4000−100)/4000 = 97, (8Gi−1Gi)/8Gi = 87 -> 92; tainted PreferNoSchedule -> TT 0
    // b: 2000m and 4Gi used -> cpu 100·1900/4000 = 47, memory 100·3/8 = 37 -> 42; TT 100, NA 100 (zone b)
    const a = withTaints('a', [{ key: 'spot', effect: 'PreferNoSchedule' }]);
    const b = node('b', { cpu: 4000, memory: 8 * Gi }, [pod({ cpu: 2000, memory: 4 * Gi })]);
    b.labels = { zone: 'b' };
    const p = placed({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } }] } } });
    const s = scoreNodes(p, [a, b], { scoring: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] });
    expect(s.plugins).toEqual({ NodeResourcesFit: [92, 42], TaintToleration: [0, 100], NodeAffinity: [0, 100], PodTopologySpread: [0, 0], InterPodAffinity: [0, 0], NodeResourcesBalancedAllocation: [0, 0] });
    expect(s.total).toEqual([92, 42 + 300 + 200]);
    expect(selectHost(p, [a, b], { scoring: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] })).toBe(1);
  });

  it('the kube-default profile adds NodeResourcesBalancedAllocation ×1 to the total', () => {
    // a: cpu 100/4000 = 0.025, memory 1Gi/8Gi = 0.125 -> std 0.05 -> 95
    // b: cpu 2100/4000 = 0.525, memory 5Gi/8Gi = 0.625 -> std 0.05 -> 94 or 95 as the float falls: read from the plugin
    const a = withTaints('a', [{ key: 'spot', effect: 'PreferNoSchedule' }]);
    const b = node('b', { cpu: 4000, memory: 8 * Gi }, [pod({ cpu: 2000, memory: 4 * Gi })]);
    const p = placed({ tolerations: [] });
    const spec = resolveProfile({ profile: 'kube-default' }, () => {});
    const s = scoreNodes(p, [a, b], spec);
    expect(s.plugins.NodeResourcesBalancedAllocation).toEqual([95, balancedAllocationScore(p, b, spec.resources)]);
    expect(s.plugins.NodeResourcesBalancedAllocation[1]).toBeGreaterThanOrEqual(94);
    expect(s.total).toEqual([92 + 95, 42 + 300 + s.plugins.NodeResourcesBalancedAllocation[1]]);
  });
});
