import { describe, expect, it } from 'vitest';
import { SCHEDULER_RESOURCES as RES } from '../../../../src/decisions/defaults.ts';
import { brokenLinear } from '../../../../src/decisions/scheduler/plugins/helper/shape-score.ts';
import {
  requestedToCapacityRatioScore,
  scaledShape,
} from '../../../../src/decisions/scheduler/plugins/noderesources/requested-to-capacity-ratio.ts';
import { score } from '../../../../src/decisions/scheduler/plugins/noderesources/resource-allocation.ts';
import { podRequests, type ContainerResources } from '../../../../src/decisions/scheduler/requests.ts';
import type { PodInfo } from '../../../../src/decisions/scheduler/types.ts';
import { node, pod } from '../fixtures.ts';

// kube-scheduler's requested_to_capacity_ratio_test.go.
describe('BuildBrokenLinearFunction (TestBrokenLinearFunction)', () => {
  it.each([
    {
      points: [{ utilization: 10, score: 1 }, { utilization: 90, score: 9 }],
      // 15 -> 1 + 8 × 5 / 80 = 1 (truncated); 20 -> 1 + 80/80 = 2; 89 -> 1 + 632/80 = 8
      assertions: [[-10, 1], [0, 1], [9, 1], [10, 1], [15, 1], [19, 1], [20, 2], [89, 8], [90, 9], [99, 9], [100, 9], [110, 9]],
    },
    {
      points: [{ utilization: 0, score: 2 }, { utilization: 40, score: 10 }, { utilization: 100, score: 0 }],
      // 70 -> 10 + (−10) × 30 / 60 = 5
      assertions: [[-10, 2], [0, 2], [20, 6], [30, 8], [40, 10], [70, 5], [100, 0], [110, 0]],
    },
    {
      points: [{ utilization: 0, score: 2 }, { utilization: 40, score: 2 }, { utilization: 100, score: 2 }],
      assertions: [[-10, 2], [0, 2], [20, 2], [30, 2], [40, 2], [70, 2], [100, 2], [110, 2]],
    },
  ])('$points', ({ points, assertions }) => {
    for (const [p, want] of assertions) expect(brokenLinear(points, p)).toBe(want);
  });

  it('truncates toward zero on a falling segment, as Go does', () => {
    // 10 + (0 − 10) × 15 / 100 = 10 − 1.5 -> 10 − 1 = 9 (Math.floor would give 8)
    expect(brokenLinear([{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }], 15)).toBe(9);
  });
});

// The strategy's table (TestRequestedToCapacityRatioScoringStrategy): shape (0, 10), (100, 0),
// scaled to (0, 100), (100, 0): the emptier node scores higher. Its pods have no containers, so
// no 100m / 200Mi is charged for missing requests.
describe('RequestedToCapacityRatio (TestRequestedToCapacityRatioScoringStrategy)', () => {
  const shape = scaledShape([{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }]);
  const withContainers = (...containers: ContainerResources[]): PodInfo => ({ ...pod(), ...podRequests({ containers }) });
  const empty = () => withContainers();
  const rtcr = (p: PodInfo, n: ReturnType<typeof node>) => score(p, n, 'RequestedToCapacityRatio', RES, shape);

  it.each([
    {
      // nothing requested anywhere: utilization 0 -> 100 on both resources
      what: 'nothing scheduled, nothing requested',
      pod: empty(),
      nodes: [node('node1', { cpu: 4000, memory: 10000 }, [empty(), empty()]), node('node2', { cpu: 4000, memory: 10000 })],
      want: [100, 100],
    },
    {
      // node1: cpu 3000/4000 = 75% -> 25, memory 5000/10000 = 50% -> 50; round(75/2) = 38
      // node2: cpu 3000/6000 = 50% -> 50, memory 50 -> 50
      what: 'nothing scheduled, resources requested, differently sized nodes',
      pod: withContainers({ requests: { cpuMilli: 1000, memoryBytes: 2000 } }, { requests: { cpuMilli: 2000, memoryBytes: 3000 } }),
      nodes: [node('node1', { cpu: 4000, memory: 10000 }, [empty(), empty()]), node('node2', { cpu: 6000, memory: 10000 })],
      want: [38, 50],
    },
    {
      what: 'no resources requested, pods scheduled with resources',
      pod: empty(),
      nodes: [
        node('node1', { cpu: 4000, memory: 10000 }, [withContainers({ requests: { cpuMilli: 3000, memoryBytes: 5000 } })]),
        node('node2', { cpu: 6000, memory: 10000 }, [withContainers({ requests: { cpuMilli: 3000, memoryBytes: 5000 } })]),
      ],
      want: [38, 50],
    },
  ])('$what', ({ pod: p, nodes, want }) => {
    expect(nodes.map((n) => rtcr(p, n))).toEqual(want);
  });

  // TestResourceBinPackingSingleExtended's arithmetic (2 of 8, 2 of 4, 4 of 4) on cpu, with the
  // rising shape (0, 0), (100, 10) scaled to (0, 0), (100, 100): the score is the utilization.
  it('a rising shape packs: the fuller node scores higher', () => {
    const packing = scaledShape([{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }]);
    const p = withContainers({ requests: { cpuMilli: 2, memoryBytes: 0 } });
    // cpu 2 of 8 -> 25% -> 25; memory 0 -> score 0, left out of the mean -> 25
    expect(score(p, node('node1', { cpu: 8, memory: 10000 }), 'RequestedToCapacityRatio', [{ name: 'cpu', weight: 1 }], packing)).toBe(25);
    // cpu 2 of 4 -> 50%
    expect(score(p, node('node2', { cpu: 4, memory: 10000 }), 'RequestedToCapacityRatio', RES, packing)).toBe(50);
    // (2 + 2) of 4 -> 100%
    expect(score(p, node('node2', { cpu: 4, memory: 10000 }, [p]), 'RequestedToCapacityRatio', RES, packing)).toBe(100);
  });

  it('weighs the resources that score above 0 (resourceScore > 0)', () => {
    // cpu 3 of 4 -> 75% on the packing shape -> 75, weight 3; memory 1 of 4 -> 25, weight 5
    // (75 × 3 + 25 × 5) / 8 = 350 / 8 = 43.75 -> 44
    const packing = scaledShape([{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }]);
    const p = withContainers({ requests: { cpuMilli: 3, memoryBytes: 1 } });
    const res = [{ name: 'cpu' as const, weight: 3 }, { name: 'memory' as const, weight: 5 }];
    expect(score(p, node('n', { cpu: 4, memory: 4 }), 'RequestedToCapacityRatio', res, packing)).toBe(44);
  });

  it('a request above allocatable reads the shape at 100%', () => {
    expect(requestedToCapacityRatioScore(5, 4, shape)).toBe(0);
    expect(requestedToCapacityRatioScore(1, 0, shape)).toBe(0);
  });
});
