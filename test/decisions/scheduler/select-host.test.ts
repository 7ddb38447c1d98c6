import { describe, expect, it } from 'vitest';
import { SCHEDULER_RESOURCES as DEFAULT_RESOURCES } from '../../../src/decisions/defaults.ts';
import { selectHost } from '../../../src/decisions/scheduler/select-host.ts';
import { node, pod } from './fixtures.ts';

describe('selectHost', () => {
  // three 4000m/4000-byte nodes holding 1000m/1000, 3000m/3000 and nothing
  const nodes = () => [
    node('a', { cpu: 4000, memory: 4000 }, [pod({ cpu: 1000, memory: 1000 })]),
    node('b', { cpu: 4000, memory: 4000 }, [pod({ cpu: 3000, memory: 3000 })]),
    node('c', { cpu: 4000, memory: 4000 }),
  ];

  it('LeastAllocated spreads to the emptiest node', () => {
    // scores for 500m/500: a (4000-1500)*100/4000 = 62, b 12, c 87
    expect(selectHost(pod({ cpu: 500, memory: 500 }), nodes(), { scoring: 'LeastAllocated', resources: DEFAULT_RESOURCES })).toBe(2);
  });

  it('MostAllocated packs onto the fullest node that fits', () => {
    // b: 3500*100/4000 = 87, a 37, c 12
    expect(selectHost(pod({ cpu: 500, memory: 500 }), nodes(), { scoring: 'MostAllocated', resources: DEFAULT_RESOURCES })).toBe(1);
    // 1500m does not fit b (1000m free): a wins with 2500*100/4000 = 62
    expect(selectHost(pod({ cpu: 1500, memory: 500 }), nodes(), { scoring: 'MostAllocated', resources: DEFAULT_RESOURCES })).toBe(0);
  });

  it('breaks ties by the lowest index', () => {
    const same = [node('x', { cpu: 1000, memory: 1000 }), node('y', { cpu: 1000, memory: 1000 })];
    expect(selectHost(pod({ cpu: 100, memory: 100 }), same, { scoring: 'LeastAllocated', resources: DEFAULT_RESOURCES })).toBe(0);
    // with an empty resource list every node scores 0: still the first feasible one
    expect(selectHost(pod({ cpu: 600, memory: 100 }), [node('s', { cpu: 500, memory: 1000 }), ...same], { scoring: 'MostAllocated', resources: [] })).toBe(1);
  });

  it('answers -1 when the pod fits nowhere', () => {
    expect(selectHost(pod({ cpu: 5000, memory: 1 }), nodes(), { scoring: 'LeastAllocated', resources: DEFAULT_RESOURCES })).toBe(-1);
    expect(selectHost(pod({ cpu: 1, memory: 1 }), [], { scoring: 'LeastAllocated', resources: DEFAULT_RESOURCES })).toBe(-1);
  });
});
