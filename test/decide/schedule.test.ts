import { describe, expect, it } from 'vitest';
import { decideSchedule } from '../../src/decide/schedule.ts';
import { HeadroomError } from '../../src/errors.ts';

const twoNodes = () => [
  { name: 'a', allocatable: { cpu: '4', memory: '8Gi' }, pods: [{ name: 'a1', requests: { cpu: '3', memory: '2Gi' } }] },
  { name: 'b', allocatable: { cpu: '4', memory: '8Gi' }, pods: [{ name: 'b1', requests: { cpu: '1', memory: '2Gi' } }] },
];

describe('decideSchedule', () => {
  it('binds to the best-scoring feasible node and scores every node', () => {
    // pod 500m/1Gi. LeastAllocated:
    // a: cpu (4000-3500)*100/4000 = 12, memory (8-3)/8 -> 62 -> (12+62)/2 = 37
    // b: cpu (4000-1500)*100/4000 = 62, memory 62 -> 62
    // Both feasible, untainted, no preferred terms: TaintToleration 100 (×3) and NodeAffinity 0 (×2) on each.
    expect(decideSchedule({ nodes: twoNodes(), pod: { name: 'p', requests: { cpu: '500m', memory: '1Gi' } } })).toMatchObject({
      node: 'b',
      scores: { a: 37 + 300, b: 62 + 300 },
      pluginScores: { a: { NodeResourcesFit: 37, TaintToleration: 100, NodeAffinity: 0, PodTopologySpread: 0, InterPodAffinity: 0 }, b: { NodeResourcesFit: 62, TaintToleration: 100, NodeAffinity: 0, PodTopologySpread: 0, InterPodAffinity: 0 } },
      preemption: null,
    });
  });

  it('packs with MostAllocated', () => {
    // a: cpu 3500*100/4000 = 87, memory 3*100/8 = 37 -> 62; b: cpu 37, memory 37 -> 37
    const d = decideSchedule({ scoring: 'MostAllocated', nodes: twoNodes(), pod: { name: 'p', requests: { cpu: '500m', memory: '1Gi' } } });
    expect(d).toMatchObject({ node: 'a', scores: { a: 362, b: 337 }, preemption: null });
  });

  it('weighs resources as given, and refuses an empty list as a scenario does', () => {
    // cpu only: a 12, b 62
    const pod = { name: 'p', requests: { cpu: '500m', memory: '1Gi' } };
    expect(decideSchedule({ resources: [{ name: 'cpu', weight: 1 }], nodes: twoNodes(), pod }).scores).toEqual({ a: 312, b: 362 });
    expect(() => decideSchedule({ resources: [], nodes: twoNodes(), pod })).toThrow(/at least 1 item/);
  });

  it('takes the scenario profile keys: kube-default lists BalancedAllocation and spreads by the pod\'s labels', () => {
    const pod = { name: 'p', labels: { app: 'web' }, requests: { cpu: '500m', memory: '1Gi' } };
    const d = decideSchedule({ profile: 'kube-default', nodes: twoNodes(), pod });
    for (const n of ['a', 'b']) expect(Object.keys(d.pluginScores[n])).toContain('NodeResourcesBalancedAllocation');
    // the pod now carries the system default spread, selecting its own labels; these nodes lack the
    // hostname and zone labels, so PodTopologySpread leaves them unscored (0), as upstream does
    expect(d.pluginScores.a.PodTopologySpread).toBe(0);
    expect(decideSchedule({ nodes: twoNodes(), pod }).pluginScores.a).not.toHaveProperty('NodeResourcesBalancedAllocation');
    const shaped = decideSchedule({ scoring: 'RequestedToCapacityRatio', shape: [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }], nodes: twoNodes(), pod });
    expect(shaped.node).not.toBeNull();
    expect(() => decideSchedule({ scoring: 'RequestedToCapacityRatio', nodes: twoNodes(), pod })).toThrow(/needs a shape/);
  });

  it('scores nodes the pod does not fit, and preempts when it fits none', () => {
    // a 2-cpu pod fits neither: a has 1 cpu free next to a prio-100 app, b is full of placeholders
    const nodes = [
      { name: 'a', allocatable: { cpu: 2, memory: '4Gi' }, pods: [{ name: 'app', priority: 100, requests: { cpu: 1, memory: '1Gi' } }] },
      {
        name: 'b',
        allocatable: { cpu: 2, memory: '4Gi' },
        pods: [
          { name: 'ph-1', priority: -1, requests: { cpu: 1, memory: '1Gi' } },
          { name: 'ph-2', priority: -1, requests: { cpu: 1, memory: '1Gi' } },
        ],
      },
    ];
    // a: cpu 3000 > 2000 -> 0, memory (4-2)/4 -> 50 -> 25; b: cpu 0, memory (4-3)/4 -> 25 -> 12
    const d = decideSchedule({ nodes, pod: { name: 'p', priority: 10, requests: { cpu: 2, memory: '1Gi' } } });
    // Neither is feasible: only NodeResourcesFit scores them.
    expect(d).toMatchObject({
      node: null,
      scores: { a: 25, b: 12 },
      preemption: { node: 'b', victims: ['ph-1', 'ph-2'] },
      // the preemption succeeded, so the message has only the filter's reasons
      message: '0/2 nodes are available: 2 Insufficient cpu.',
    });
  });

  it('respects PDBs and preemptionPolicy Never', () => {
    const nodes = [
      { name: 'a', allocatable: { cpu: 1, memory: '4Gi' }, pods: [{ name: 'db', priority: 0, labels: { app: 'db' }, requests: { cpu: 1 } }] },
      { name: 'b', allocatable: { cpu: 1, memory: '4Gi' }, pods: [{ name: 'web', priority: 5, requests: { cpu: 1 } }] },
    ];
    const pod = { name: 'p', priority: 10, requests: { cpu: '500m' } };
    // without a PDB the lower victim priority wins: node a
    expect(decideSchedule({ nodes, pod }).preemption).toEqual({ node: 'a', victims: ['db'] });
    // evicting db breaks its budget: node b, despite its higher-priority victim
    const pdbs = [{ selector: { matchLabels: { app: 'db' } }, disruptionsAllowed: 0 }];
    expect(decideSchedule({ nodes, pdbs, pod }).preemption).toEqual({ node: 'b', victims: ['web'] });
    const never = decideSchedule({ nodes, pod: { ...pod, preemptionPolicy: 'Never' } });
    expect(never.preemption).toBeNull();
    expect(never.message).toBe('0/2 nodes are available: 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  });

  it('takes a pod without startTime as the youngest', () => {
    // both victims prio 0 and alike; rule 5 prefers the node whose victim started last.
    // "fresh" has no startTime: it counts as now = the latest start given (500), later than 100.
    const nodes = [
      { name: 'a', allocatable: { cpu: 1, memory: '1Gi' }, pods: [{ name: 'old', startTime: 100, requests: { cpu: 1 } }] },
      { name: 'b', allocatable: { cpu: 1, memory: '1Gi' }, pods: [{ name: 'fresh', requests: { cpu: 1 } }] },
      { name: 'c', allocatable: { cpu: 1, memory: '1Gi' }, pods: [{ name: 'older', startTime: 500, priority: 100, requests: { cpu: 1 } }] },
    ];
    const pod = { name: 'p', priority: 10, requests: { cpu: 1 } };
    expect(decideSchedule({ nodes, pod }).preemption).toEqual({ node: 'b', victims: ['fresh'] });
    // with an explicit now of 50, "fresh" started at 50, before "old"
    expect(decideSchedule({ now: 50, nodes, pod }).preemption).toEqual({ node: 'a', victims: ['old'] });
  });

  it('handles a cluster with no nodes', () => {
    expect(decideSchedule({ nodes: [], pod: { name: 'p', requests: { cpu: 1 } } })).toEqual({
      node: null,
      scores: {},
      filters: {},
      pluginScores: {},
      preemption: null,
      message: '0/0 nodes are available: preemption: 0/0 nodes are available:',
    });
  });
});

describe('decideSchedule with placement rules', () => {
  const nodes = [
    { name: 'spot', allocatable: { cpu: 4, memory: '8Gi' }, labels: { pool: 'spot' }, taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] },
    { name: 'gpu', allocatable: { cpu: 4, memory: '8Gi' }, labels: { pool: 'gpu' }, taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] },
    { name: 'cordoned', allocatable: { cpu: 4, memory: '8Gi' }, labels: { pool: 'general' }, unschedulable: true },
    { name: 'general', allocatable: { cpu: 4, memory: '8Gi' }, labels: { pool: 'general' }, pods: [{ name: 'g1', requests: { cpu: 2, memory: '4Gi' } }] },
  ];
  it('explains each filter plugin per node and weighs TaintToleration and NodeAffinity', () => {
    const pod = {
      name: 'p',
      requests: { cpu: '500m', memory: '1Gi' },
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, preference: { matchExpressions: [{ key: 'pool', operator: 'In', values: ['general'] }] } }] } },
    };
    const d = decideSchedule({ nodes, pod });
    expect(d.filters.gpu.TaintToleration).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint(s)'] });
    expect(d.filters.cordoned.NodeUnschedulable).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] });
    expect(d.filters.spot).toEqual({
      NodeUnschedulable: { code: 'Success', reasons: [] },
      TaintToleration: { code: 'Success', reasons: [] },
      NodeAffinity: { code: 'Success', reasons: [] },
      NodeResourcesFit: { code: 'Success', reasons: [] },
      PodTopologySpread: { code: 'Success', reasons: [] },
      InterPodAffinity: { code: 'Success', reasons: [] },
    });
    // feasible: spot and general. spot: fit (cpu 100·3500/4000 = 87, memory 100·7/8 = 87) = 87, one untolerated
    // PreferNoSchedule taint -> TT 0, NA 0 -> 87. general: cpu 100·1500/4000 = 37, memory 100·3/8 = 37 -> 37,
    // TT 100, NA 100 -> 37 + 300 + 200 = 537.
    expect(d.pluginScores.spot).toEqual({ NodeResourcesFit: 87, TaintToleration: 0, NodeAffinity: 0, PodTopologySpread: 0, InterPodAffinity: 0 });
    expect(d.pluginScores.general).toEqual({ NodeResourcesFit: 37, TaintToleration: 100, NodeAffinity: 100, PodTopologySpread: 0, InterPodAffinity: 0 });
    expect(d.scores).toMatchObject({ spot: 87, general: 537 });
    expect(d.node).toBe('general');
  });
  it('a pod whose selector no node matches gets the FitError, and no preemption', () => {
    const d = decideSchedule({ nodes, pod: { name: 'p', priority: 100, requests: { cpu: 1 }, nodeSelector: { pool: 'arm' } } });
    expect(d.node).toBeNull();
    expect(d.preemption).toBeNull();
    expect(d.message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
  });
  it('names the field of a bad rule', () => {
    let err: unknown;
    try {
      decideSchedule({ nodes, pod: { name: 'p', requests: { cpu: 1 }, tolerations: [{ key: 'a', effect: 'Sometimes' }] } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HeadroomError);
    expect((err as HeadroomError).path).toBe('pod.tolerations.0.effect');
  });
});

describe('decideSchedule input errors name the field', () => {
  const pod = { name: 'p', requests: { cpu: 1 } };
  const nodes = twoNodes();
  const cases: { what: string; input: unknown; path: string | undefined; msg: RegExp }[] = [
    { what: 'not an object', input: [], path: undefined, msg: /schedule input/ },
    { what: 'unknown key', input: { nodes, pod, node: 'x' }, path: 'node', msg: /unknown key/ },
    { what: 'missing nodes', input: { pod }, path: 'nodes', msg: /required/ },
    { what: 'missing pod', input: { nodes }, path: 'pod', msg: /required/ },
    { what: 'bad scoring', input: { scoring: 'Balanced', nodes, pod }, path: 'scoring', msg: /LeastAllocated, MostAllocated/ },
    { what: 'bad resource name', input: { resources: [{ name: 'gpu', weight: 1 }], nodes, pod }, path: 'resources.0.name', msg: /cpu, memory/ },
    { what: 'weight 0', input: { resources: [{ name: 'cpu', weight: 0 }], nodes, pod }, path: 'resources.0.weight', msg: /at least 1/ },
    { what: 'weight 101', input: { resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 101 }], nodes, pod }, path: 'resources.1.weight', msg: /at most 100/ },
    { what: 'bad allocatable', input: { nodes: [nodes[0], { name: 'c', allocatable: { cpu: '1x', memory: 1 } }], pod }, path: 'nodes.1.allocatable.cpu', msg: /quantity/ },
    { what: 'duplicate node', input: { nodes: [nodes[0], nodes[0]], pod }, path: 'nodes.1.name', msg: /twice/ },
    { what: 'pod on two nodes', input: { nodes: [nodes[0], { ...nodes[1], pods: [{ name: 'a1', requests: {} }] }], pod }, path: 'nodes.1.pods.0.name', msg: /also on node "a"/ },
    { what: 'pod without requests', input: { nodes, pod: { name: 'p' } }, path: 'pod', msg: /requests/ },
    { what: 'pdb without budget', input: { nodes, pod, pdbs: [{ selector: { matchLabels: { a: 'b' } } }] }, path: 'pdbs.0.disruptionsAllowed', msg: /required/ },
    { what: 'negative budget', input: { nodes, pod, pdbs: [{ selector: {}, disruptionsAllowed: -1 }] }, path: 'pdbs.0.disruptionsAllowed', msg: />= 0/ },
    { what: 'pdb label not a string', input: { nodes, pod, pdbs: [{ selector: { matchLabels: { a: 1 } }, disruptionsAllowed: 0 }] }, path: 'pdbs.0.selector.matchLabels.a', msg: /string/ },
    { what: 'bad now', input: { now: 'later', nodes, pod }, path: 'now', msg: /seconds/ },
  ];
  it.each(cases)('$what', ({ input, path, msg }) => {
    let err: unknown;
    try {
      decideSchedule(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HeadroomError);
    expect((err as HeadroomError).code).toBe('input');
    expect((err as HeadroomError).path).toBe(path);
    expect((err as HeadroomError).message).toMatch(msg);
  });
});

describe('decideSchedule with topology spread', () => {
  const zoneNode = (name: string, zone: string, webPods: number) => ({
    name,
    allocatable: { cpu: '4', memory: '16Gi', pods: 110 },
    labels: { 'topology.kubernetes.io/zone': zone },
    pods: Array.from({ length: webPods }, (_, i) => ({ name: `${name}-web-${i}`, labels: { app: 'web' }, requests: { cpu: '100m', memory: '128Mi' } })),
  });
  const spreadPod = (whenUnsatisfiable: string) => ({
    name: 'web-new',
    labels: { app: 'web' },
    requests: { cpu: '100m', memory: '128Mi' },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable, labelSelector: { matchLabels: { app: 'web' } } }],
  });

  it("refuses the fuller zone with PodTopologySpread's own reason, and goes to the emptier one", () => {
    // zone a holds 3 web pods, zone b 2: a would be 4 against 2
    const d = decideSchedule({ nodes: [zoneNode('a-1', 'a', 3), zoneNode('b-1', 'b', 2)], pod: spreadPod('DoNotSchedule') });
    expect(d.filters['a-1'].PodTopologySpread).toEqual({ code: 'Unschedulable', reasons: ["node(s) didn't match pod topology spread constraints"] });
    expect(d.filters['b-1'].PodTopologySpread.code).toBe('Success');
    expect(d.node).toBe('b-1');
  });

  it('ScheduleAnyway scores the emptier zone 100 and the fuller one less', () => {
    // counts 3 and 2, weight ln(2+2): a = round(3·1.386) = 4, b = round(2·1.386) = 3 -> a 100·(4+3−4)/4 = 75, b 100
    const d = decideSchedule({ nodes: [zoneNode('a-1', 'a', 3), zoneNode('b-1', 'b', 2)], pod: spreadPod('ScheduleAnyway') });
    expect(d.pluginScores['a-1'].PodTopologySpread).toBe(75);
    expect(d.pluginScores['b-1'].PodTopologySpread).toBe(100);
    expect(d.node).toBe('b-1');
  });

  it('a bad constraint is one error naming its key', () => {
    const pod = { ...spreadPod('DoNotSchedule'), topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] };
    let error: unknown;
    try {
      decideSchedule({ nodes: [zoneNode('a-1', 'a', 0)], pod });
    } catch (e) {
      error = e;
    }
    expect((error as { path?: string }).path).toBe('pod.topologySpreadConstraints.0.maxSkew');
  });
});
