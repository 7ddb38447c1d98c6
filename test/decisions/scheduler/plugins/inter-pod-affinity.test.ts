/**
 * InterPodAffinity's filter for required terms, with the rules of upstream's filtering_test.go
 * (TestRequiredAffinitySingleNode, TestRequiredAffinityMultipleNodes): a pod's anti-affinity, an
 * existing pod's anti-affinity (symmetry), affinity within a topology domain, the first pod of a
 * self-affine group, and preemption of a lower-priority pod that an anti-affinity refuses.
 */
import { describe, expect, it } from 'vitest';
import { cycleStateFor, runFilters } from '../../../../src/decisions/scheduler/filters.ts';
import { addPod } from '../../../../src/decisions/scheduler/nodeinfo.ts';
import { preempt } from '../../../../src/decisions/scheduler/preemption.ts';
import { selectHost } from '../../../../src/decisions/scheduler/select-host.ts';
import type { NodeInfo, Placement, PodInfo } from '../../../../src/decisions/scheduler/types.ts';
import { Gi, node, pod } from '../fixtures.ts';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const RES = [{ name: 'cpu' as const, weight: 1 }, { name: 'memory' as const, weight: 1 }];

const term = (key: string, app: string) => ({ topologyKey: key, labelSelector: { matchLabels: { app } } });
const withPlacement = (labels: Record<string, string>, placement?: Placement, extra: { priority?: number; cpu?: number } = {}): PodInfo =>
  Object.assign(pod({ cpu: extra.cpu ?? 100, memory: Gi, labels, priority: extra.priority }), placement ? { placement } : {});
const antiTo = (app: string, key = HOST): Placement => ({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(key, app)] } } });
const affineTo = (app: string, key = ZONE): Placement => ({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(key, app)] } } });

function cluster(spec: [string, string, PodInfo[]][]): NodeInfo[] {
  return spec.map(([name, zone, pods]) => {
    const n = Object.assign(node(name, { cpu: 4000, memory: 16 * Gi }), { labels: { [HOST]: name, [ZONE]: zone } });
    for (const p of pods) addPod(n, p);
    return n;
  });
}

const statuses = (p: PodInfo, nodes: NodeInfo[]) => {
  const state = cycleStateFor(p, nodes);
  return Object.fromEntries(nodes.map((n) => [n.name, runFilters(p, n, state).reasons[0] ?? 'Success']));
};

describe('InterPodAffinity filter', () => {
  it("the pod's anti-affinity keeps it off a host with a matching pod", () => {
    const nodes = cluster([['a', 'z1', [withPlacement({ app: 'web' })]], ['b', 'z1', []]]);
    expect(statuses(withPlacement({ app: 'web' }, antiTo('web')), nodes)).toEqual({ a: "node(s) didn't match pod anti-affinity rules", b: 'Success' });
  });

  it("an existing pod's anti-affinity keeps the pod off its domain, though the pod says nothing (symmetry)", () => {
    const nodes = cluster([['a', 'z1', [withPlacement({ app: 'db' }, antiTo('web', ZONE))]], ['b', 'z1', []], ['c', 'z2', []]]);
    expect(statuses(withPlacement({ app: 'web' }), nodes)).toEqual({
      a: "node(s) didn't satisfy existing pods anti-affinity rules",
      b: "node(s) didn't satisfy existing pods anti-affinity rules",
      c: 'Success',
    });
    // a pod the term does not select is not affected
    expect(cycleStateFor(withPlacement({ app: 'api' }), nodes)!.affinity!.existingAnti.size).toBe(0);
  });

  it('affinity: only the domains holding a matching pod; elsewhere for good (UnschedulableAndUnresolvable)', () => {
    const nodes = cluster([['a', 'z1', [withPlacement({ app: 'cache' })]], ['b', 'z1', []], ['c', 'z2', []]]);
    const p = withPlacement({ app: 'web' }, affineTo('cache'));
    expect(statuses(p, nodes)).toEqual({ a: 'Success', b: 'Success', c: "node(s) didn't match pod affinity rules" });
    expect(runFilters(p, nodes[2], cycleStateFor(p, nodes)).code).toBe('UnschedulableAndUnresolvable');
  });

  it('the first pod of a group with affinity to itself may go anywhere; a pod that does not match its own terms may not', () => {
    const nodes = cluster([['a', 'z1', []], ['b', 'z2', []]]);
    expect(statuses(withPlacement({ app: 'web' }, affineTo('web')), nodes)).toEqual({ a: 'Success', b: 'Success' });
    expect(Object.values(statuses(withPlacement({ app: 'web' }, affineTo('cache')), nodes))).toEqual([
      "node(s) didn't match pod affinity rules",
      "node(s) didn't match pod affinity rules",
    ]);
  });

  it('nothing to check when no pod has pod (anti-)affinity: no state at all', () => {
    expect(cycleStateFor(withPlacement({ app: 'web' }), cluster([['a', 'z1', [withPlacement({ app: 'x' })]]]))).toBeNull();
  });
});

describe('through the scheduler', () => {
  it('selectHost spreads a self-anti-affine workload one pod per host', () => {
    const nodes = cluster([['a', 'z1', []], ['b', 'z1', []], ['c', 'z1', []]]);
    const placement = antiTo('web');
    const chosen: number[] = [];
    for (let i = 0; i < 4; i++) {
      const p = withPlacement({ app: 'web' }, placement);
      const k = selectHost(p, nodes, { scoring: 'MostAllocated', resources: RES });
      chosen.push(k);
      if (k >= 0) addPod(nodes[k], p);
    }
    expect(chosen.slice(0, 3).sort()).toEqual([0, 1, 2]);
    expect(chosen[3]).toBe(-1);
  });

  it('preemption evicts the lower-priority pod whose presence the anti-affinity refuses', () => {
    const low = withPlacement({ app: 'web' }, undefined, { priority: -5 });
    const nodes = cluster([['a', 'z1', [low]], ['b', 'z1', [withPlacement({ app: 'web' })]]]);
    const p = withPlacement({ app: 'web' }, antiTo('web'), { priority: 10 });
    const state = cycleStateFor(p, nodes);
    expect(selectHost(p, nodes, { scoring: 'LeastAllocated', resources: RES })).toBe(-1);
    const result = preempt(p, nodes, [], { state });
    expect(result?.nodeIndex).toBe(0);
    expect(result?.victims).toEqual([low]);
  });
});

describe('InterPodAffinity score', () => {
  it('preferred anti-affinity sends the pod to the host without a match; preferred affinity to the zone with one', async () => {
    const { scoreInterPodAffinity } = await import('../../../../src/decisions/scheduler/plugins/interpodaffinity/scoring.ts');
    const nodes = cluster([['a', 'z1', [withPlacement({ app: 'web' })]], ['b', 'z1', []], ['c', 'z2', [withPlacement({ app: 'cache' })]]]);
    const softAnti: Placement = { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term(HOST, 'web') }] } } };
    // a: −50, b and c: 0 -> a 0, b and c 100
    expect(scoreInterPodAffinity(withPlacement({ app: 'web' }, softAnti), nodes, nodes)).toEqual([0, 100, 100]);
    const both: Placement = {
      affinity: {
        podAntiAffinity: softAnti.affinity!.podAntiAffinity,
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, podAffinityTerm: term(ZONE, 'cache') }] },
      },
    };
    // a −50, b 0, c +20 -> (s − min) / (max − min): 0, 71, 100
    expect(scoreInterPodAffinity(withPlacement({ app: 'web' }, both), nodes, nodes)).toEqual([0, 71, 100]);
  });

  it("an existing pod's required affinity draws the pods it names (hardPodAffinityWeight 1), its preferred anti-affinity repels them", async () => {
    const { scoreInterPodAffinity } = await import('../../../../src/decisions/scheduler/plugins/interpodaffinity/scoring.ts');
    const wantsWeb = withPlacement({ app: 'sidecar' }, affineTo('web', HOST));
    const avoidsWeb = withPlacement({ app: 'noisy' }, { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term(HOST, 'web') }] } } });
    const nodes = cluster([['a', 'z1', [wantsWeb]], ['b', 'z1', []], ['c', 'z1', [avoidsWeb]]]);
    expect(scoreInterPodAffinity(withPlacement({ app: 'web' }), nodes, nodes)).toEqual([100, 90, 0]);
  });
});
