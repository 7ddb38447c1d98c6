import { describe, expect, it } from 'vitest';
import type { ResourceSpec } from '../../../src/decisions/scheduler/framework.ts';
import { SCHEDULER_RESOURCES as DEFAULT_RESOURCES } from '../../../src/decisions/defaults.ts';
import { leastRequestedScore } from '../../../src/decisions/scheduler/plugins/noderesources/least-allocated.ts';
import { mostRequestedScore } from '../../../src/decisions/scheduler/plugins/noderesources/most-allocated.ts';
import { score } from '../../../src/decisions/scheduler/plugins/noderesources/resource-allocation.ts';
import { Mi, node, pod } from './fixtures.ts';

// Tables modelled on kube-scheduler's least_allocated_test.go / most_allocated_test.go, with
// their own numbers. Memory is given in plain bytes unless the case is about the 200Mi default.

describe('LeastAllocated', () => {
  it.each([
    {
      // an explicit 0 request charges nothing, so both empty nodes are wholly free:
      // cpu (4000-0)*100/4000 = 100, memory 100 -> (100+100)/2 = 100
      what: 'empty nodes, pod asking explicitly for nothing',
      pod: pod({ cpu: 0, memory: 0 }),
      nodes: [node('a', { cpu: 4000, memory: 10000 }), node('b', { cpu: 4000, memory: 10000 })],
      want: [100, 100],
    },
    {
      // a: cpu (3000-1500)*100/3000 = 50, memory (12000-3000)*100/12000 = 75 -> 125/2 = 62
      // b: cpu (5000-1500)*100/5000 = 70, memory 75 -> 145/2 = 72
      what: 'nothing scheduled, differently sized nodes',
      pod: pod({ cpu: 1500, memory: 3000 }),
      nodes: [node('a', { cpu: 3000, memory: 12000 }), node('b', { cpu: 5000, memory: 12000 })],
      want: [62, 72],
    },
    {
      // the pod names no request: scoring charges 100m and 200Mi
      // a: cpu 900+100 = 1000 of 2000 -> 50; memory 0+200Mi of 2048Mi -> 1848*100/2048 = 90 -> 70
      // b: cpu 100 of 2000 -> 95; memory (300Mi explicit + 200Mi) of 2048Mi -> 1548*100/2048 = 75 -> 85
      what: 'best-effort pod scored at the non-zero defaults',
      pod: pod(),
      nodes: [
        node('a', { cpu: 2000, memory: 2048 * Mi }, [pod({ cpu: 900, memory: 0 })]),
        node('b', { cpu: 2000, memory: 2048 * Mi }, [pod({ cpu: 0, memory: 300 * Mi })]),
      ],
      want: [70, 85],
    },
    {
      // a: cpu 800+400 = 1200 > 1000 -> 0; memory (4000-1000)*100/4000 = 75 -> 75/2 = 37
      // b: cpu 400 of 1000 -> 60; memory (4000-3000)*100/4000 = 25 -> 85/2 = 42
      what: 'requests above allocatable score 0 for that resource',
      pod: pod({ cpu: 400, memory: 1000 }),
      nodes: [
        node('a', { cpu: 1000, memory: 4000 }, [pod({ cpu: 800, memory: 0 })]),
        node('b', { cpu: 1000, memory: 4000 }, [pod({ cpu: 0, memory: 2000 })]),
      ],
      want: [37, 42],
    },
    {
      // nothing allocatable: every resource is left out, the mean of nothing is 0
      what: 'node without allocatable',
      pod: pod({ cpu: 100, memory: 100 }),
      nodes: [node('a', { cpu: 0, memory: 0 })],
      want: [0],
    },
    {
      // memory is left out (0 allocatable), so the score is cpu alone: (2000-500)*100/2000 = 75
      what: 'a resource the node lacks is left out of the mean',
      pod: pod({ cpu: 500, memory: 100 }),
      nodes: [node('a', { cpu: 2000, memory: 0 })],
      want: [75],
    },
    {
      // cpu (4000-1000)*100/4000 = 75 weight 1; memory (8000-6000)*100/8000 = 25 weight 3
      // (75*1 + 25*3) / (1+3) = 150/4 = 37
      what: 'weights: memory 3, cpu 1',
      pod: pod({ cpu: 1000, memory: 6000 }),
      nodes: [node('a', { cpu: 4000, memory: 8000 })],
      resources: [
        { name: 'memory', weight: 3 },
        { name: 'cpu', weight: 1 },
      ] as ResourceSpec[],
      want: [37],
    },
    {
      what: 'an empty resource list scores every node 0',
      pod: pod({ cpu: 1000, memory: 1000 }),
      nodes: [node('a', { cpu: 4000, memory: 8000 })],
      resources: [] as ResourceSpec[],
      want: [0],
    },
  ])('$what', ({ pod: p, nodes, resources, want }) => {
    expect(nodes.map((n) => score(p, n, 'LeastAllocated', resources ?? DEFAULT_RESOURCES))).toEqual(want);
  });
});

describe('MostAllocated', () => {
  it.each([
    {
      what: 'empty nodes, pod asking explicitly for nothing',
      pod: pod({ cpu: 0, memory: 0 }),
      nodes: [node('a', { cpu: 4000, memory: 10000 })],
      want: [0],
    },
    {
      // a: cpu 1500*100/3000 = 50, memory 3000*100/12000 = 25 -> 75/2 = 37
      // b: cpu 1500*100/5000 = 30, memory 25 -> 55/2 = 27
      what: 'nothing scheduled, differently sized nodes',
      pod: pod({ cpu: 1500, memory: 3000 }),
      nodes: [node('a', { cpu: 3000, memory: 12000 }), node('b', { cpu: 5000, memory: 12000 })],
      want: [37, 27],
    },
    {
      // three best-effort pods on a plus this one: cpu 4*100 = 400 > 300, counted as 300 -> 100;
      // memory 4*200Mi = 800Mi of 1000Mi -> 80 -> 180/2 = 90
      // b is empty: cpu 100*100/300 = 33, memory 200*100/1000 = 20 -> 53/2 = 26
      what: 'non-zero defaults can exceed allocatable; the node counts as full',
      pod: pod(),
      nodes: [node('a', { cpu: 300, memory: 1000 * Mi }, [pod(), pod(), pod()]), node('b', { cpu: 300, memory: 1000 * Mi })],
      want: [90, 26],
    },
    {
      // cpu 2500*100/2500 = 100, memory 6000*100/6000 = 100 -> 100
      what: 'requests equal to allocatable',
      pod: pod({ cpu: 2500, memory: 6000 }),
      nodes: [node('a', { cpu: 2500, memory: 6000 })],
      want: [100],
    },
    {
      // a: cpu (1000+1000)*100/4000 = 50, memory (2000+3000)*100/10000 = 50 -> 50
      // b: cpu 1000*100/4000 = 25, memory 3000*100/10000 = 30 -> 55/2 = 27
      what: 'pods already scheduled raise the score',
      pod: pod({ cpu: 1000, memory: 3000 }),
      nodes: [node('a', { cpu: 4000, memory: 10000 }, [pod({ cpu: 1000, memory: 2000 })]), node('b', { cpu: 4000, memory: 10000 })],
      want: [50, 27],
    },
    {
      // cpu 1000*100/4000 = 25 weight 2; memory 6000*100/10000 = 60 weight 1 -> (50+60)/3 = 36
      what: 'weights: cpu 2, memory 1',
      pod: pod({ cpu: 1000, memory: 6000 }),
      nodes: [node('a', { cpu: 4000, memory: 10000 })],
      resources: [
        { name: 'cpu', weight: 2 },
        { name: 'memory', weight: 1 },
      ] as ResourceSpec[],
      want: [36],
    },
  ])('$what', ({ pod: p, nodes, resources, want }) => {
    expect(nodes.map((n) => score(p, n, 'MostAllocated', resources ?? DEFAULT_RESOURCES))).toEqual(want);
  });
});

describe('per-resource scores', () => {
  it.each([
    // [requested, capacity, least, most]
    [0, 1000, 100, 0],
    [1, 3, 66, 33], // (3-1)*100/3 = 66.7 -> 66; 1*100/3 = 33.3 -> 33
    [999, 1000, 0, 99], // 1*100/1000 = 0.1 -> 0; 99.9 -> 99
    [1000, 1000, 0, 100],
    [1500, 1000, 0, 100],
    [10, 0, 0, 0],
  ])('requested %i of %i: least %i, most %i', (requested, capacity, least, most) => {
    expect(leastRequestedScore(requested, capacity)).toBe(least);
    expect(mostRequestedScore(requested, capacity)).toBe(most);
  });

  it('stays exact for large memory (1 TiB nodes)', () => {
    // (2^40 - 2^39) * 100 / 2^40 = 50 exactly; the product 2^39*100 is far below 2^53
    expect(leastRequestedScore(2 ** 39, 2 ** 40)).toBe(50);
    expect(mostRequestedScore(2 ** 40 - 1, 2 ** 40)).toBe(99);
  });
});
