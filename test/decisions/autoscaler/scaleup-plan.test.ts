/**
 * planScaleUp step by step: which pending pods the scan looks at, when it waits, what already has
 * room, which groups may answer. Unless said otherwise: 1-core groups, pods of 500m (2 a node).
 */
import { describe, expect, it } from 'vitest';
import { planScaleUp, type PendingPod, type ScaleUpNodeGroup, type ScaleUpSnapshot } from '../../../src/decisions/autoscaler/scaleup-plan.ts';
import type { PodInfo } from '../../../src/decisions/scheduler/types.ts';
import { GiB, MiB, cycleRng, makeNode, makePod, pods, template } from './fixtures.ts';

function group(name: string, o: Partial<ScaleUpNodeGroup> = {}): ScaleUpNodeGroup {
  return { name, template: template(1000, 4 * GiB), pricePerHour: 0.1, min: 0, max: 100, current: 0, priority: 0, backoff: false, ...o };
}

const pending = (ps: PodInfo[], ageSec = 60, nominated = false): PendingPod[] => ps.map((pod) => ({ pod, ageSec, nominated }));

function snapshot(o: Partial<ScaleUpSnapshot> = {}): ScaleUpSnapshot {
  return {
    pending: [],
    nodes: [],
    upcoming: [],
    groups: [group('a')],
    buffers: [],
    workloadReplicas: {},
    options: { expanders: ['random'], maxNodesTotal: 0, expendablePodsPriorityCutoff: -10, newPodScaleUpDelaySec: 0 },
    ...o,
  };
}

const plan = (o: Partial<ScaleUpSnapshot>) => planScaleUp(snapshot(o), cycleRng(0));

describe('planScaleUp', () => {
  it('scales up for the pods that need nodes, and names them', () => {
    const p = plan({ pending: pending(pods('p', 3, 500, MiB)) });
    // 3 pods, 2 a node: 2 nodes
    expect(p).toMatchObject({ outcome: 'ScaledUp', nodeGroup: 'a', count: 2, estimates: { a: { nodes: 2, pods: 3 } } });
    expect(p.pods.map((x) => x.name)).toEqual(['p-0', 'p-1', 'p-2']);
  });

  it('nothing pending: Nothing', () => {
    expect(plan({}).outcome).toBe('Nothing');
  });

  it('expendable pods never make it scale up: priority -11 is below the cutoff of -10, -10 is not', () => {
    expect(plan({ pending: pending(pods('x', 4, 500, MiB, -11)) }).outcome).toBe('Nothing');
    expect(plan({ pending: pending([...pods('x', 4, 500, MiB, -11), ...pods('keep', 1, 500, MiB, -10)]) })).toMatchObject({ count: 1, estimates: { a: { nodes: 1, pods: 1 } } });
  });

  it('a pod waiting on its own preemption is left alone', () => {
    expect(plan({ pending: pending(pods('p', 2, 500, MiB), 60, true) }).outcome).toBe('Nothing');
  });

  it('waits a loop while every pod is under 2 s old, and acts once one is older', () => {
    expect(plan({ pending: pending(pods('p', 2, 500, MiB), 1.9) }).outcome).toBe('PodsWaiting');
    expect(plan({ pending: [...pending(pods('young', 2, 500, MiB), 1), ...pending(pods('old', 1, 500, MiB), 2)] }).count).toBe(2);
  });

  it('--new-pod-scale-up-delay leaves young pods for later without holding the loop', () => {
    const options = { ...snapshot().options, newPodScaleUpDelaySec: 30 };
    // 3 pods of 10 s and 1 of 40 s: only the old one counts, 1 node
    const p = plan({ options, pending: [...pending(pods('young', 3, 500, MiB), 10), ...pending(pods('old', 1, 500, MiB), 40)] });
    expect(p.count).toBe(1);
    expect(p.pods.map((x) => x.name)).toEqual(['old-0']);
    expect(plan({ options, pending: pending(pods('young', 3, 500, MiB), 10) }).outcome).toBe('Nothing');
  });

  it('room on Ready nodes is used first, less what nominated preemptors hold', () => {
    // a Ready node with 1 core free takes two of the three pods
    expect(plan({ pending: pending(pods('p', 3, 500, MiB)), nodes: [makeNode('n', 1000, 4 * GiB)] }).count).toBe(1);
    // the same node held by a nominated 1-core preemptor: all three need nodes
    const held = makeNode('n', 1000, 4 * GiB);
    held.nominated.push(makePod('preemptor').req(1000, MiB).prio(100).obj());
    expect(plan({ pending: pending(pods('p', 3, 500, MiB)), nodes: [held] }).count).toBe(2);
  });

  it('nodes on their way count as room, so the same pods do not ask twice', () => {
    expect(plan({ pending: pending(pods('p', 3, 500, MiB)), upcoming: [template(1000, 4 * GiB)], groups: [group('a', { current: 1 })] }).count).toBe(1);
    expect(plan({ pending: pending(pods('p', 2, 500, MiB)), upcoming: [template(1000, 4 * GiB)] }).outcome).toBe('Nothing');
  });

  it('groups backing off offer nothing: all of them is NoFit, with the pods', () => {
    const p = plan({ pending: pending(pods('p', 2, 500, MiB)), groups: [group('a', { backoff: true })] });
    expect(p).toMatchObject({ outcome: 'NoFit', reason: 'AllNodeGroupsBackingOff', estimates: { a: { nodes: 0, pods: 0 } } });
    expect(p.pods).toHaveLength(2);
    expect(plan({ pending: pending(pods('p', 2, 500, MiB)), groups: [group('a', { backoff: true }), group('b')] }).nodeGroup).toBe('b');
  });

  it('no group can hold them: NoFit', () => {
    // a 2-core pod on 1-core nodes; and a group at its max
    expect(plan({ pending: pending(pods('big', 1, 2000, MiB)) })).toMatchObject({ outcome: 'NoFit', reason: 'NoNodeGroupFits' });
    expect(plan({ pending: pending(pods('p', 1, 500, MiB)), groups: [group('a', { max: 3, current: 3 })] }).reason).toBe('NoNodeGroupFits');
  });

  it('the cluster total counts every group, backing off or not', () => {
    const options = { ...snapshot().options, maxNodesTotal: 5 };
    // 3 + 1 = 4 nodes: room for 1 in the cluster
    const groups = [group('a', { current: 3, backoff: true }), group('b', { current: 1 })];
    expect(plan({ options, groups, pending: pending(pods('p', 6, 500, MiB)) })).toMatchObject({ nodeGroup: 'b', count: 1 });
  });

  it('buffers add their virtual pods (after the wait check), a quarter of the workload here', () => {
    const buffers = [{ name: 'room', requests: { cpuMilli: 500, memoryBytes: MiB }, priorityClass: '', priority: 0, labels: {}, percentOf: { workload: 'web', percent: 25 } }];
    // 25% of 8 replicas = 2 virtual pods: 1 node
    const p = plan({ buffers, workloadReplicas: { web: 8 } });
    expect(p).toMatchObject({ outcome: 'ScaledUp', count: 1 });
    expect(p.pods.map((x) => x.name)).toEqual(['capacity-buffer-room-1', 'capacity-buffer-room-2']);
    // brand-new real pods still make the loop wait, buffers or not
    expect(plan({ buffers, workloadReplicas: { web: 8 }, pending: pending(pods('p', 1, 500, MiB), 0) }).outcome).toBe('PodsWaiting');
  });
});
