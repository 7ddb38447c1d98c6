/**
 * skewBlocked: a pod that found no node is held back by topology spread alone when some node
 * passes every other filter and PodTopologySpread refuses it for skew (Unschedulable).
 */
import { describe, expect, it } from 'vitest';
import { cycleStateFor } from '../../../src/decisions/scheduler/filters.ts';
import { addPod } from '../../../src/decisions/scheduler/nodeinfo.ts';
import { skewBlocked } from '../../../src/decisions/scheduler/skew-blocked.ts';
import type { NodeInfo, Placement, PodInfo } from '../../../src/decisions/scheduler/types.ts';
import { Gi, node, pod } from './fixtures.ts';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

const web = (placement?: Placement, cpu = 1000): PodInfo => Object.assign(pod({ cpu, memory: Gi, labels: { app: 'web' } }), placement ? { placement } : {});
const spread = (whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway' = 'DoNotSchedule'): Placement => ({
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable, labelSelector: { matchLabels: { app: 'web' } } }],
});

/** [name, zone or undefined (no zone label), cpu millicores, web pods on it] */
function cluster(spec: [string, string | undefined, number, number][]): NodeInfo[] {
  return spec.map(([name, zone, cpu, pods]) => {
    const n = Object.assign(node(name, { cpu, memory: 64 * Gi }), { labels: { [HOST]: name, ...(zone ? { [ZONE]: zone } : {}) } });
    for (let i = 0; i < pods; i++) addPod(n, web(undefined));
    return n;
  });
}

const blocked = (p: PodInfo, nodes: NodeInfo[]) => skewBlocked(p, nodes, cycleStateFor(p, nodes));

describe('skewBlocked', () => {
  it('a node with room whose zone is a pod ahead: blocked by the skew alone', () => {
    // zone a holds 2 web pods, zone b 1 (full: 1000m of 1000m); on a-1: 2 + 1 − 1 = 2 > maxSkew 1
    const nodes = cluster([['a-1', 'a', 8000, 2], ['b-1', 'b', 1000, 1]]);
    expect(blocked(web(spread()), nodes)).toBe(true);
  });
  it('where the skew refuses, resources refuse first: not blocked by the skew', () => {
    // a-1 is full (2 × 1000m of 2000m): NodeResourcesFit answers there, not PodTopologySpread
    const nodes = cluster([['a-1', 'a', 2000, 2], ['b-1', 'b', 1000, 1]]);
    expect(blocked(web(spread()), nodes)).toBe(false);
  });
  it('a node without the zone label is refused for good (UnschedulableAndUnresolvable): not counted', () => {
    const nodes = cluster([['x-1', undefined, 8000, 0], ['b-1', 'b', 1000, 1]]);
    expect(blocked(web(spread()), nodes)).toBe(false);
  });
  it('InterPodAffinity refuses the node the skew refuses: not the skew alone', () => {
    const anti: Placement = { ...spread(), affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST, labelSelector: { matchLabels: { app: 'web' } } }] } } };
    const nodes = cluster([['a-1', 'a', 8000, 2], ['b-1', 'b', 1000, 1]]);
    expect(blocked(web(anti), nodes)).toBe(false);
  });
  it('ScheduleAnyway, or no constraint: never blocked', () => {
    const nodes = cluster([['a-1', 'a', 8000, 2], ['b-1', 'b', 1000, 1]]);
    expect(blocked(web(spread('ScheduleAnyway')), nodes)).toBe(false);
    expect(blocked(web(), nodes)).toBe(false);
  });
});
