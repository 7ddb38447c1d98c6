import { describe, expect, it } from 'vitest';
import type { CapacityBufferSpec } from '../../../src/scenario/types.ts';
import { BUFFER_LABEL, bufferPods, bufferReplicas, isBufferPod } from '../../../src/decisions/autoscaler/buffers.ts';
import { filterOutSchedulable } from '../../../src/decisions/autoscaler/filter-schedulable.ts';
import { computeScaleUp } from '../../../src/decisions/autoscaler/scaleup.ts';
import { GiB, makeNode, makePod, template } from './fixtures.ts';

const buffer = (o: Partial<CapacityBufferSpec> = {}): CapacityBufferSpec => ({
  name: 'room',
  requests: { cpuMilli: 500, memoryBytes: GiB },
  priorityClass: '',
  priority: 0,
  labels: {},
  ...o,
});

describe('bufferReplicas: the count the buffer translators give', () => {
  it.each([
    ['a fixed count', buffer({ replicas: 5 }), {}, 5],
    // floor(10% × 25) = floor(2.5) = 2
    ['a percent of the workload\'s replicas, rounded down', buffer({ percentOf: { workload: 'web', percent: 10 } }), { web: 25 }, 2],
    ['a percent of a workload scaled to 0', buffer({ percentOf: { workload: 'web', percent: 50 } }), { web: 0 }, 0],
    ['a percent of a workload not in this cluster', buffer({ percentOf: { workload: 'web', percent: 50 } }), {}, 0],
    // both: the smaller, min(3, floor(20% × 40) = 8) = 3
    ['replicas and percent: the smaller', buffer({ replicas: 3, percentOf: { workload: 'web', percent: 20 } }), { web: 40 }, 3],
    // limits: floor(4000 / 500) = 8 by cpu, floor(6Gi / 1Gi) = 6 by memory -> 6
    ['limits: the tightest resource', buffer({ limits: { cpuMilli: 4000, memoryBytes: 6 * GiB } }), {}, 6],
    // replicas 10 capped by cpu limit floor(2000 / 500) = 4
    ['replicas capped by limits', buffer({ replicas: 10, limits: { cpuMilli: 2000 } }), {}, 4],
    // a limit on a resource the pod does not request does not count
    ['a limit on an unrequested resource', buffer({ requests: { cpuMilli: 500, memoryBytes: 0 }, replicas: 3, limits: { memoryBytes: GiB } }), {}, 3],
    ['nothing to count by', buffer(), {}, 0],
  ])('%s', (_what, spec, replicas, want) => {
    expect(bufferReplicas(spec, replicas)).toBe(want);
  });
});

describe('bufferPods: virtual pending pods', () => {
  it('one pod per replica, named as the autoscaler names its fake pods, never preempting', () => {
    const out = bufferPods([buffer({ replicas: 2, priority: 50, labels: { team: 'a' } })], {});
    expect(out).toEqual([1, 2].map((i) => ({
      name: `capacity-buffer-room-${i}`,
      priority: 50,
      preemptionPolicy: 'Never',
      cpuMilli: 500,
      memoryBytes: GiB,
      nonZeroCpuMilli: 500,
      nonZeroMemoryBytes: GiB,
      labels: { team: 'a', [BUFFER_LABEL]: 'room' },
      startTime: 0,
      terminationGraceSec: 0,
      uid: -1,
    })));
    expect(out.every(isBufferPod)).toBe(true);
    expect(isBufferPod(makePod('real').obj())).toBe(false);
  });

  it('follows the workload\'s replicas as they change', () => {
    const spec = [buffer({ percentOf: { workload: 'web', percent: 10 } })];
    expect(bufferPods(spec, { web: 20 })).toHaveLength(2);
    expect(bufferPods(spec, { web: 100 })).toHaveLength(10);
  });
});

describe('used as the autoscaler does: added to the pending pods before those that fit are set aside', () => {
  // One node of 2 cores with 1 core free; template nodes of 2 cores.
  const nodes = [makeNode('n1', 2000, 8 * GiB, 110, [makePod('busy').req(1000, GiB).obj()])];
  const groups = [{ name: 'g', template: template(2000, 8 * GiB, 110), pricePerHour: 0.1, min: 0, max: 10, current: 1, priority: 0 }];
  const opts = { expanders: ['random' as const], maxNodesTotal: 0, currentNodesTotal: 1, expendablePodsPriorityCutoff: -10 };

  it('buffer pods that fit on free room keep it; the rest make the autoscaler add nodes', () => {
    // 6 virtual pods of 500m: 2 fit the free core, 4 need 2 more 2-core nodes
    const virtual = bufferPods([buffer({ replicas: 6 })], {});
    const split = filterOutSchedulable(virtual, nodes);
    expect(split.schedulable).toHaveLength(2);
    const decision = computeScaleUp(split.unschedulable, groups, opts, () => 0);
    expect(decision).toMatchObject({ nodeGroup: 'g', count: 1 });
    // 2-core template, 1Gi pods: 4 of them fit one new node
    expect(decision.scheduledPods).toHaveLength(4);
  });

  it('a buffer the free room already holds asks for nothing', () => {
    const split = filterOutSchedulable(bufferPods([buffer({ replicas: 2 })], {}), nodes);
    expect(split.unschedulable).toEqual([]);
  });
});
