import { describe, expect, it } from 'vitest';
import { decideScaleUp } from '../../src/decide/scale-up.ts';
import { HeadroomError } from '../../src/errors.ts';

const pod = (name: string, cpu: string | number, memory: string | number = '64Mi', extra: object = {}) => ({
  name,
  requests: { cpu, memory },
  ...extra,
});
const podsOf = (n: number, cpu: string, memory = '64Mi', extra: object = {}) =>
  Array.from({ length: n }, (_, i) => pod(`p-${i}`, cpu, memory, extra));

describe('decide scale-up', () => {
  it('answers {outcome, nodeGroup, count, estimates, pods}', () => {
    // 1-core nodes take two 500m pods: 7 pods -> 4 nodes
    const got = decideScaleUp({ nodeGroups: [{ name: 'general', allocatable: { cpu: '1', memory: '4Gi' } }], pods: podsOf(7, '500m') });
    expect(got).toEqual({
      outcome: 'ScaledUp',
      nodeGroup: 'general',
      count: 4,
      estimates: { general: { nodes: 4, pods: 7 } },
      pods: ['p-0', 'p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6'],
    });
  });

  it('reads an expander chain', () => {
    const input = {
      expander: 'priority,least-waste',
      nodeGroups: [
        { name: 'cheap', allocatable: { cpu: 4, memory: '16Gi' }, priority: 1 },
        { name: 'preferred-big', allocatable: { cpu: 16, memory: '64Gi' }, priority: 10 },
        { name: 'preferred-fit', allocatable: { cpu: 2, memory: '8Gi' }, priority: 10 },
      ],
      pods: podsOf(4, '500m', '2Gi'),
    };
    // priority keeps the two 10s; least-waste: preferred-fit 1 node, 2000m/8Gi all requested (0 waste)
    expect(decideScaleUp(input).nodeGroup).toBe('preferred-fit');
  });

  it('caps by max − current, by maxNodesTotal and by maxNodesPerScaleUp', () => {
    const groups = [{ name: 'a', allocatable: { cpu: 1, memory: '4Gi' }, max: 10, current: 7 }];
    // room 3 nodes: 6 of the 20 pods counted
    expect(decideScaleUp({ nodeGroups: groups, pods: podsOf(20, '500m') }).estimates).toEqual({ a: { nodes: 3, pods: 6 } });
    // 9 − 7 current = 2 nodes left in the cluster
    expect(decideScaleUp({ nodeGroups: groups, pods: podsOf(20, '500m'), maxNodesTotal: 9 }).count).toBe(2);
    expect(decideScaleUp({ nodeGroups: groups, pods: podsOf(20, '500m'), maxNodesPerScaleUp: 1 }).count).toBe(1);
    expect(decideScaleUp({ nodeGroups: groups, pods: podsOf(2, '500m'), maxNodesTotal: 7 })).toEqual({
      outcome: 'NoFit',
      nodeGroup: null,
      count: 0,
      estimates: { a: { nodes: 0, pods: 0 } },
      pods: ['p-0', 'p-1'],
      reason: 'NoNodeGroupFits',
      message: "pod didn't trigger scale-up: no node group can hold them (at its max, or too small)",
    });
  });

  it('ignores expendable pods', () => {
    const nodeGroups = [{ name: 'a', allocatable: { cpu: 1, memory: '4Gi' } }];
    expect(decideScaleUp({ nodeGroups, pods: podsOf(3, '500m', '64Mi', { priority: -11 }) }).nodeGroup).toBeNull();
    // the placeholder default of -1 is above the cutoff: they do make the autoscaler add nodes
    expect(decideScaleUp({ nodeGroups, pods: podsOf(3, '500m', '64Mi', { priority: -1 }) }).count).toBe(2);
    expect(decideScaleUp({ nodeGroups, pods: podsOf(3, '500m', '64Mi', { priority: -1 }), expendablePodsPriorityCutoff: 0 }).nodeGroup).toBeNull();
  });

  it('explains a scan as the simulation runs it: ages, nominations, nodes, upcoming nodes, backoff, buffers', () => {
    const nodeGroups = [{ name: 'a', allocatable: { cpu: 1, memory: '4Gi' }, current: 3 }];
    const young = podsOf(2, '500m', '64Mi', { age: '1s' });
    // every pod under the autoscaler's 2 s buffer: wait a loop
    expect(decideScaleUp({ nodeGroups, pods: young }).outcome).toBe('PodsWaiting');
    // one older pod makes the loop act, and the young ones count too
    expect(decideScaleUp({ nodeGroups, pods: [...young, pod('old', '500m', '64Mi', { age: 30 })] }).count).toBe(2);
    // a pod waiting on its own preemption is not the autoscaler's to help
    expect(decideScaleUp({ nodeGroups, pods: [pod('pre', '500m', '64Mi', { nominatedNode: 'n1' })] }).outcome).toBe('Nothing');
    // room on a Ready node: nothing to do, unless a nominated preemptor holds it
    const node = { name: 'n1', allocatable: { cpu: 1, memory: '4Gi' }, pods: [] };
    expect(decideScaleUp({ nodeGroups, nodes: [node], pods: podsOf(2, '500m') }).outcome).toBe('Nothing');
    const held = { ...node, nominatedPods: [pod('preemptor', '1', '64Mi', { priority: 100 })] };
    expect(decideScaleUp({ nodeGroups, nodes: [held], pods: podsOf(2, '500m') }).count).toBe(1);
    // a node already on its way takes them
    expect(decideScaleUp({ nodeGroups, upcoming: [{ nodeGroup: 'a' }], pods: podsOf(2, '500m') }).outcome).toBe('Nothing');
    // the only group backing off
    expect(decideScaleUp({ nodeGroups: [{ ...nodeGroups[0], backoff: true }], pods: podsOf(2, '500m') })).toMatchObject({
      outcome: 'NoFit',
      reason: 'AllNodeGroupsBackingOff',
    });
    // a buffer of 50% of web's 4 replicas: two virtual 500m pods, one node
    const buffers = [{ name: 'room', requests: { cpu: '500m', memory: '64Mi' }, percentOf: { workload: 'web', percent: 50 } }];
    expect(decideScaleUp({ nodeGroups, pods: [], buffers, workloadReplicas: { web: 4 } })).toMatchObject({
      outcome: 'ScaledUp',
      count: 1,
      pods: ['capacity-buffer-room-1', 'capacity-buffer-room-2'],
    });
  });

  it('reads pods given as containers', () => {
    const p = { name: 'multi', containers: [{ requests: { cpu: '300m', memory: '1Gi' } }, { requests: { cpu: '300m' } }] };
    // 600m: one a 1-core node
    expect(decideScaleUp({ nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: '4Gi' } }], pods: [p, { ...p, name: 'm2' }] }).count).toBe(2);
  });

  it('breaks ties with the seed, the same way every time', () => {
    const input = (seed: number) => ({
      nodeGroups: ['a', 'b', 'c', 'd'].map((name) => ({ name, allocatable: { cpu: 1, memory: '4Gi' } })),
      pods: podsOf(2, '500m'),
      seed,
    });
    const picks = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => decideScaleUp(input(s)).nodeGroup));
    expect(picks.size).toBeGreaterThan(1);
    expect(decideScaleUp(input(3)).nodeGroup).toBe(decideScaleUp(input(3)).nodeGroup);
    expect(decideScaleUp(input(3), () => 0.99).nodeGroup).toBe('d');
  });

  it('with the price expander the cheaper way wins', () => {
    const got = decideScaleUp({
      expander: 'price',
      nodeGroups: [
        { name: 'pricey', allocatable: { cpu: 4, memory: '16Gi' }, pricePerHour: 0.4, current: 3 },
        { name: 'cheap', allocatable: { cpu: 4, memory: '16Gi' }, pricePerHour: 0.2, current: 3 },
      ],
      pods: podsOf(4, '900m'),
    });
    expect(got.nodeGroup).toBe('cheap');
  });

  const errors: { name: string; input: unknown; path: string; message: RegExp }[] = [
    { name: 'not an object', input: [], path: '', message: /scale-up input object/ },
    { name: 'no nodeGroups', input: { pods: [] }, path: 'nodeGroups', message: /required/ },
    { name: 'no pods', input: { nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: 1 } }] }, path: 'pods', message: /required/ },
    { name: 'unknown key', input: { nodeGroups: [], pods: [], maxNodes: 3 }, path: 'maxNodes', message: /unknown key/ },
    {
      name: 'malformed quantity',
      input: { nodeGroups: [{ name: 'a', allocatable: { cpu: '2 cores', memory: '1Gi' } }], pods: [] },
      path: 'nodeGroups.0.allocatable.cpu',
      message: /not a Kubernetes quantity/,
    },
    {
      name: 'allocatable missing memory',
      input: { nodeGroups: [{ name: 'a', allocatable: { cpu: 1 } }], pods: [] },
      path: 'nodeGroups.0.allocatable.memory',
      message: /required/,
    },
    {
      name: 'a pod that names no resources',
      input: { nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: '1Gi' } }], pods: [{ name: 'x' }] },
      path: 'pods.0',
      message: /requests/,
    },
    {
      name: 'a malformed pod request',
      input: { nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: '1Gi' } }], pods: [pod('x', '1', 'lots')] },
      path: 'pods.0.requests.memory',
      message: /quantity/,
    },
    {
      name: 'unknown expander',
      input: { expander: 'priority,cheapest', nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: '1Gi' } }], pods: [] },
      path: 'expander',
      message: /unknown expander "cheapest"/,
    },
    {
      name: 'price without prices',
      input: { expander: 'price', nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: '1Gi' } }], pods: [] },
      path: 'nodeGroups.0.pricePerHour',
      message: /price expander/,
    },
    {
      name: 'max below min',
      input: { nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: '1Gi' }, min: 3, max: 2 }], pods: [] },
      path: 'nodeGroups.0.max',
      message: /below min/,
    },
    {
      name: 'a fractional current',
      input: { nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: '1Gi' }, current: 1.5 }], pods: [] },
      path: 'nodeGroups.0.current',
      message: /whole number/,
    },
    {
      name: 'a node group named twice',
      input: { nodeGroups: [1, 2].map(() => ({ name: 'a', allocatable: { cpu: 1, memory: '1Gi' } })), pods: [] },
      path: 'nodeGroups.1.name',
      message: /twice/,
    },
    { name: 'no node groups', input: { nodeGroups: [], pods: [] }, path: 'nodeGroups', message: /at least one/ },
    {
      name: 'an upcoming node of an unknown group',
      input: { nodeGroups: [{ name: 'general', allocatable: { cpu: 1, memory: '1Gi' } }], pods: [], upcoming: [{ nodeGroup: 'genral' }] },
      path: 'upcoming.0.nodeGroup',
      message: /no node group is named "genral" \(did you mean "general"\?\)/,
    },
    {
      name: 'a current below its upcoming nodes',
      input: { nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: '1Gi' }, current: 1 }], pods: [], upcoming: [{ nodeGroup: 'a', count: 2 }] },
      path: 'nodeGroups.0.current',
      message: /at least 2/,
    },
    {
      name: 'a bad pod age',
      input: { nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: '1Gi' } }], pods: [pod('x', 1, '1Gi', { age: 'soon' })] },
      path: 'pods.0.age',
      message: /duration/,
    },
    {
      name: 'a buffer that says not how many',
      input: { nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: '1Gi' } }], pods: [], buffers: [{ name: 'b', requests: { cpu: 1 } }] },
      path: 'buffers.0',
      message: /replicas, percentOf or limits/,
    },
    {
      name: 'maxNodesPerScaleUp of 0',
      input: { nodeGroups: [{ name: 'a', allocatable: { cpu: 1, memory: '1Gi' } }], pods: [], maxNodesPerScaleUp: 0 },
      path: 'maxNodesPerScaleUp',
      message: /at least 1/,
    },
  ];
  for (const c of errors) {
    it(`rejects ${c.name}, naming ${c.path || 'the input'}`, () => {
      let err: unknown;
      try {
        decideScaleUp(c.input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(HeadroomError);
      const h = err as HeadroomError;
      expect(h.code).toBe('input');
      expect(h.path ?? '').toBe(c.path);
      expect(h.message).toMatch(c.message);
      expect(h.message).not.toContain('\n');
    });
  }
});
