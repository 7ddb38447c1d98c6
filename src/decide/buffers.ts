/** CapacityBuffers of a `headroom decide scale-up` input -> CapacityBufferSpec (decisions/autoscaler/buffers.ts). */
import { parseCpuMilli, parseMemoryBytes } from '../quantity.ts';
import type { CapacityBufferSpec } from '../decisions/autoscaler/buffers.ts';
import { atPath, describe, expectKeys, expectList, expectName, expectObject, inputError, integer, join, wholeNumber } from './pods.ts';

const BUFFER_KEYS = ['name', 'requests', 'priority', 'labels', 'replicas', 'percentOf', 'limits'];

/** `[{name, requests: {cpu, memory}, priority?, labels?, replicas?, percentOf?: {workload, percent}, limits?: {cpu?, memory?}}]` */
export function parseBuffers(raw: unknown, path: string): CapacityBufferSpec[] {
  return expectList(raw, path).map((b, i) => parseBuffer(b, join(path, i)));
}

function parseBuffer(raw: unknown, path: string): CapacityBufferSpec {
  const o = expectObject(raw, path, 'a CapacityBuffer');
  expectKeys(o, BUFFER_KEYS, path);
  const name = expectName(o.name, join(path, 'name'));
  if (o.requests === undefined) throw inputError(join(path, 'requests'), 'a buffer needs the requests of the pod it stands for: {cpu, memory}');
  const r = expectObject(o.requests, join(path, 'requests'), 'requests: {cpu, memory}');
  expectKeys(r, ['cpu', 'memory'], join(path, 'requests'));
  const spec: CapacityBufferSpec = {
    name,
    requests: {
      cpuMilli: r.cpu === undefined ? 0 : atPath(join(path, 'requests', 'cpu'), () => parseCpuMilli(r.cpu, 'cpu')),
      memoryBytes: r.memory === undefined ? 0 : atPath(join(path, 'requests', 'memory'), () => parseMemoryBytes(r.memory, 'memory')),
    },
    priorityClass: '',
    priority: o.priority === undefined ? 0 : integer(o.priority, join(path, 'priority')),
    labels: {},
  };
  if (o.labels !== undefined) {
    for (const [k, v] of Object.entries(expectObject(o.labels, join(path, 'labels'), 'a map of label names to values'))) {
      if (typeof v !== 'string') throw inputError(join(path, 'labels', k), `a label value must be a string, got ${describe(v)}`);
      spec.labels[k] = v;
    }
  }
  if (o.replicas !== undefined) spec.replicas = wholeNumber(o.replicas, join(path, 'replicas'), 0);
  if (o.percentOf !== undefined) {
    const p = expectObject(o.percentOf, join(path, 'percentOf'), 'percentOf: {workload, percent}');
    expectKeys(p, ['workload', 'percent'], join(path, 'percentOf'));
    spec.percentOf = { workload: expectName(p.workload, join(path, 'percentOf', 'workload')), percent: wholeNumber(p.percent, join(path, 'percentOf', 'percent'), 0) };
  }
  if (o.limits !== undefined) {
    const l = expectObject(o.limits, join(path, 'limits'), 'limits: {cpu?, memory?}');
    expectKeys(l, ['cpu', 'memory'], join(path, 'limits'));
    spec.limits = {};
    if (l.cpu !== undefined) spec.limits.cpuMilli = atPath(join(path, 'limits', 'cpu'), () => parseCpuMilli(l.cpu, 'cpu'));
    if (l.memory !== undefined) spec.limits.memoryBytes = atPath(join(path, 'limits', 'memory'), () => parseMemoryBytes(l.memory, 'memory'));
  }
  if (spec.replicas === undefined && spec.percentOf === undefined && spec.limits === undefined) {
    throw inputError(path, 'a buffer needs replicas, percentOf or limits to say how many pods it keeps room for');
  }
  return spec;
}
