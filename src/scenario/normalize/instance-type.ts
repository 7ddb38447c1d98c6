/**
 * A node group's `instanceType` (and `region`) -> the allocatable and price it leaves out, with
 * where each came from. The figures are the cloud catalogue's; this only says which of them the
 * group needs and reports, at the group's keys, what the catalogue cannot answer.
 */
import { findInstanceType, nodeShape, onDemandPrice, sameFamily } from '../../cloud/index.ts';
import { didYouMean } from '../../input/suggest.ts';
import type { RawNodeGroup } from '../schema/index.ts';
import type { NodeGroupInstance } from '../types.ts';
import type { At, IssueSink } from './context.ts';

export interface Derived {
  allocatable: { cpuMilli: number; memoryBytes: number; pods: number };
  pricePerHour?: number;
  instance: NodeGroupInstance;
}

const SCENARIO = 'scenario';

export function fromInstanceType(raw: RawNodeGroup, at: At, sink: IssueSink): Derived | undefined {
  const name = raw.instanceType!;
  const given = raw.allocatable ?? {};
  const needsShape = given.cpu === undefined || given.memory === undefined || given.pods === undefined;
  const needsPrice = raw.pricePerHour === undefined;
  const type = findInstanceType(name);
  if (type === undefined) {
    const what = `"${name}" is not in the instance catalogue${didYouMean(name, sameFamily(name))}`;
    if (needsShape || needsPrice) sink.add(at(['instanceType']), `${what}; give allocatable {cpu, memory, pods} and pricePerHour instead`);
    else sink.warn(at(['instanceType']), `${what}: it is not used, as allocatable and pricePerHour are given`);
    return undefined;
  }
  if (!needsShape && !needsPrice) {
    sink.warn(at(['instanceType']), `${name} is not used: allocatable cpu, memory, pods and pricePerHour are all given`);
  }

  const shape = nodeShape(type, given.pods);
  let pricePerHour: number | undefined;
  let priceFrom = SCENARIO;
  if (needsPrice) {
    if (raw.region === undefined) {
      sink.add(at(['region']), `is required to look up the on-demand price of ${name} (or give pricePerHour)`, true);
    } else {
      const p = onDemandPrice(type, raw.region);
      if ('error' in p) sink.add(at(['region']), p.error);
      else {
        pricePerHour = p.pricePerHour;
        priceFrom = p.from;
      }
    }
  }
  return {
    allocatable: shape.allocatable,
    pricePerHour,
    instance: {
      type: name,
      provider: type.provider,
      region: raw.region,
      capacity: shape.capacity,
      reserved: shape.reserved,
      from: {
        cpuMilli: given.cpu === undefined ? shape.from.cpuMilli : SCENARIO,
        memoryBytes: given.memory === undefined ? shape.from.memoryBytes : SCENARIO,
        pods: shape.from.pods,
        pricePerHour: priceFrom,
      },
    },
  };
}
