import { NODE_GROUP_DEFAULTS } from '../defaults.ts';
import type { RawNodeGroup } from '../schema/index.ts';
import type { NodeGroupSpec } from '../types.ts';
import { type At, bytes, type IssueSink, milli } from './context.ts';
import { normalizeDelay } from './delay.ts';

export function normalizeNodeGroup(raw: RawNodeGroup, at: At, sink: IssueSink): NodeGroupSpec {
  const cpuMilli = milli(raw.allocatable.cpu);
  const memoryBytes = bytes(raw.allocatable.memory);
  if (cpuMilli <= 0) sink.add(at(['allocatable', 'cpu']), 'a node needs some allocatable cpu');
  if (memoryBytes <= 0) sink.add(at(['allocatable', 'memory']), 'a node needs some allocatable memory');
  const min = raw.min ?? NODE_GROUP_DEFAULTS.min;
  const initial = raw.initial ?? min;
  if (raw.max < min) sink.add(at(['max']), `max (${raw.max}) must be at least min (${min})`);
  else if (initial < min || initial > raw.max) {
    sink.add(at(['initial']), `initial (${initial}) must be between min (${min}) and max (${raw.max})`);
  }
  return {
    name: raw.name,
    allocatable: { cpuMilli, memoryBytes, pods: raw.allocatable.pods ?? NODE_GROUP_DEFAULTS.pods },
    pricePerHour: raw.pricePerHour,
    min,
    max: raw.max,
    initial,
    provisioningDelay: normalizeDelay(raw.provisioningDelay, (sub = []) => at(['provisioningDelay', ...sub]), sink),
    expanderPriority: raw.expanderPriority ?? NODE_GROUP_DEFAULTS.expanderPriority,
  };
}
