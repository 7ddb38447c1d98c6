import { describe, expect, it } from 'vitest';
import { SCHEDULER_RESOURCES as RES } from '../../../../src/decisions/defaults.ts';
import { balancedAllocationScore } from '../../../../src/decisions/scheduler/plugins/noderesources/balanced-allocation.ts';
import { podRequests, type ContainerResources } from '../../../../src/decisions/scheduler/requests.ts';
import type { PodInfo } from '../../../../src/decisions/scheduler/types.ts';
import { node, pod } from '../fixtures.ts';

// kube-scheduler's balanced_allocation_test.go (TestNodeResourcesBalancedAllocation), its pods and
// nodes as written there: cpu in millicores, memory in bytes.
function withContainers(...containers: ContainerResources[]): PodInfo {
  return { ...pod(), ...podRequests({ containers }) };
}
// cpuOnly: 1000m + 2000m, memory 0 in both containers
const cpuOnly = () => withContainers({ requests: { cpuMilli: 1000, memoryBytes: 0 } }, { requests: { cpuMilli: 2000, memoryBytes: 0 } });
// cpuAndMemory: 1000m / 2000 + 2000m / 3000
const cpuAndMemory = () =>
  withContainers({ requests: { cpuMilli: 1000, memoryBytes: 2000 } }, { requests: { cpuMilli: 2000, memoryBytes: 3000 } });
const bestEffort = (): PodInfo => ({ ...pod(), ...podRequests({ containers: [] }) });

describe('NodeResourcesBalancedAllocation (balanced_allocation_test.go)', () => {
  it.each([
    {
      // a pod that requests nothing: PreScore answers Skip, every node 0
      what: 'nothing scheduled, nothing requested, skip in PreScore',
      pod: bestEffort(),
      nodes: [node('node1', { cpu: 4000, memory: 10000 }), node('node2', { cpu: 4000, memory: 10000 })],
      want: [0, 0],
    },
    {
      // node1: cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5, std 0.125 -> 87
      // node2: cpu 3000/6000 = 0.5, memory 0.5, std 0 -> 100
      what: 'nothing scheduled, resources requested, differently sized nodes',
      pod: cpuAndMemory(),
      nodes: [node('node1', { cpu: 4000, memory: 10000 }), node('node2', { cpu: 6000, memory: 10000 })],
      want: [87, 100],
    },
    {
      // node1: cpu 6000/10000 = 0.6, memory 5000/20000 = 0.25, std 0.175 -> 82
      // node2: cpu 0.6, memory 10000/20000 = 0.5, std 0.05 -> 95
      what: 'resources requested, pods scheduled with resources',
      pod: cpuAndMemory(),
      nodes: [node('node1', { cpu: 10000, memory: 20000 }, [cpuOnly()]), node('node2', { cpu: 10000, memory: 20000 }, [cpuAndMemory()])],
      want: [82, 95],
    },
    {
      // node2: cpu 0.6, memory 10000/50000 = 0.2, std 0.2 -> 80
      what: 'resources requested, pods scheduled with resources, differently sized nodes',
      pod: cpuAndMemory(),
      nodes: [node('node1', { cpu: 10000, memory: 20000 }, [cpuOnly()]), node('node2', { cpu: 10000, memory: 50000 }, [cpuAndMemory()])],
      want: [82, 80],
    },
    {
      // node1: cpu 6000/6000 = 1, memory 0 (explicit zeros count as 0, no 200Mi), std 0.5 -> 50
      // node2: cpu 1, memory 5000/10000 = 0.5, std 0.25 -> 75
      what: 'requested resources at node capacity',
      pod: cpuOnly(),
      nodes: [node('node1', { cpu: 6000, memory: 10000 }, [cpuOnly()]), node('node2', { cpu: 6000, memory: 10000 }, [cpuAndMemory()])],
      want: [50, 75],
    },
    {
      // node1 cpu 3000/3500 = 0.857, memory 5000/40000 = 0.125, std 0.366 -> 63 on both
      what: 'node without the scalar resource should skip the scalar resource (cpu and memory only here)',
      pod: cpuAndMemory(),
      nodes: [node('node1', { cpu: 3500, memory: 40000 }), node('node2', { cpu: 3500, memory: 40000 })],
      want: [63, 63],
    },
  ])('$what', ({ pod: p, nodes, want }) => {
    expect(nodes.map((n) => balancedAllocationScore(p, n, RES))).toEqual(want);
  });

  it('caps a fraction at 1: an over-committed resource counts as full', () => {
    // cpu (3000 + 3000) / 4000 capped to 1, memory 5000/10000 = 0.5 -> std 0.25 -> 75
    const n = node('n', { cpu: 4000, memory: 10000 }, [cpuOnly()]);
    expect(balancedAllocationScore(cpuAndMemory(), n, RES)).toBe(75);
  });

  it('leaves out a resource the node has none of, and one resource alone has no spread', () => {
    // memory allocatable 0: only cpu's fraction is left, std 0 -> 100
    expect(balancedAllocationScore(cpuAndMemory(), node('n', { cpu: 4000, memory: 0 }), RES)).toBe(100);
    expect(balancedAllocationScore(cpuAndMemory(), node('n', { cpu: 4000, memory: 10000 }), [{ name: 'cpu', weight: 1 }])).toBe(100);
  });
});
