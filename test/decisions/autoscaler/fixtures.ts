/** Fluent fixtures for autoscaler tests: makePod('a').req(500, 1000).prio(-1).obj(). */
import { addPod, newNodeInfo } from '../../../src/decisions/scheduler/nodeinfo.ts';
import type { NodeInfo, PodInfo } from '../../../src/decisions/scheduler/types.ts';

export const MiB = 2 ** 20;
export const GiB = 2 ** 30;

class PodBuilder {
  private pod: PodInfo;
  constructor(name: string) {
    this.pod = {
      name,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      cpuMilli: 0,
      memoryBytes: 0,
      nonZeroCpuMilli: 0,
      nonZeroMemoryBytes: 0,
      labels: {},
      startTime: 0,
      terminationGraceSec: 30,
      uid: -1,
    };
  }
  req(cpuMilli: number, memoryBytes: number): this {
    Object.assign(this.pod, { cpuMilli, memoryBytes, nonZeroCpuMilli: cpuMilli, nonZeroMemoryBytes: memoryBytes });
    return this;
  }
  prio(priority: number): this {
    this.pod.priority = priority;
    return this;
  }
  labels(labels: Record<string, string>): this {
    this.pod.labels = labels;
    return this;
  }
  obj(): PodInfo {
    return { ...this.pod };
  }
}

export function makePod(name: string): PodBuilder {
  return new PodBuilder(name);
}

/** n identical pods named `${prefix}-0` ... */
export function pods(prefix: string, n: number, cpuMilli: number, memoryBytes: number, priority = 0): PodInfo[] {
  return Array.from({ length: n }, (_, i) => makePod(`${prefix}-${i}`).req(cpuMilli, memoryBytes).prio(priority).obj());
}

export function makeNode(name: string, cpuMilli: number, memoryBytes: number, maxPods = 110, bound: PodInfo[] = []): NodeInfo {
  const node = newNodeInfo(name, { cpuMilli, memoryBytes, pods: maxPods });
  for (const p of bound) addPod(node, p);
  return node;
}

export function template(allocCpuMilli: number, allocMemoryBytes: number, allocPods = 110) {
  return { allocCpuMilli, allocMemoryBytes, allocPods };
}

/** A deterministic rng cycling through the given values. */
export function cycleRng(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}
