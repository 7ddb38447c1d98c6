import { NODE_GROUP_DEFAULTS, SPOT_DEFAULTS } from '../defaults.ts';
import type { RawNodeGroup } from '../schema/index.ts';
import type { NodeGroupSpec } from '../types.ts';
import { type At, bytes, type IssueSink, milli, ratio, sec } from './context.ts';
import { normalizeDelay } from './delay.ts';
import { fromInstanceType } from './instance-type.ts';
import { normalizeTaints } from './placement.ts';

export function normalizeNodeGroup(rawGiven: RawNodeGroup, at: At, sink: IssueSink): NodeGroupSpec {
  const mixed = rawGiven.instanceTypes;
  if (mixed !== undefined && rawGiven.instanceType !== undefined) sink.add(at(['instanceTypes']), 'give instanceType or instanceTypes, not both');
  if (mixed !== undefined && (rawGiven.allocatable?.cpu !== undefined || rawGiven.allocatable?.memory !== undefined || rawGiven.pricePerHour !== undefined)) {
    sink.add(at(['instanceTypes']), "a mixed-instances group takes each type's allocatable and price from the catalogue: give no allocatable cpu, memory or pricePerHour");
  }
  // the first type is the group's template, as the autoscaler builds it from the group's first type
  const raw: RawNodeGroup = mixed === undefined ? rawGiven : { ...rawGiven, instanceType: mixed[0] };
  const typeAt: At = mixed === undefined ? at : (sub = []) => (sub[0] === 'instanceType' ? at(['instanceTypes', 0, ...sub.slice(1)]) : at(sub));
  const given = raw.allocatable ?? {};
  // What the group gives wins; the instance type fills in the rest (and is checked only if it must).
  const derived = raw.instanceType === undefined ? undefined : fromInstanceType(raw, typeAt, sink);
  if (raw.instanceType === undefined) requireExplicit(raw, at, sink);
  const cpuMilli = given.cpu !== undefined ? milli(given.cpu) : (derived?.allocatable.cpuMilli ?? 0);
  const memoryBytes = given.memory !== undefined ? bytes(given.memory) : (derived?.allocatable.memoryBytes ?? 0);
  if (given.cpu !== undefined && cpuMilli <= 0) sink.add(at(['allocatable', 'cpu']), 'a node needs some allocatable cpu');
  if (given.memory !== undefined && memoryBytes <= 0) sink.add(at(['allocatable', 'memory']), 'a node needs some allocatable memory');
  if (derived && memoryBytes <= 0) sink.add(typeAt(['instanceType']), `${raw.instanceType} leaves no memory allocatable after its reservations`);
  const min = raw.min ?? NODE_GROUP_DEFAULTS.min;
  const initial = raw.initial ?? min;
  if (raw.max < min) sink.add(at(['max']), `max (${raw.max}) must be at least min (${min})`);
  else if (initial < min || initial > raw.max) {
    sink.add(at(['initial']), `initial (${initial}) must be between min (${min}) and max (${raw.max})`);
  }
  const spec: NodeGroupSpec = {
    name: raw.name,
    allocatable: { cpuMilli, memoryBytes, pods: given.pods ?? derived?.allocatable.pods ?? NODE_GROUP_DEFAULTS.pods },
    pricePerHour: raw.pricePerHour ?? derived?.pricePerHour ?? 0,
    min,
    max: raw.max,
    initial,
    provisioningDelay: normalizeDelay(raw.provisioningDelay, (sub = []) => at(['provisioningDelay', ...sub]), sink),
    expanderPriority: raw.expanderPriority ?? NODE_GROUP_DEFAULTS.expanderPriority,
  };
  // Only a group with an instance type gains the key, so every other scenario's output keeps its bytes.
  if (derived) spec.instance = derived.instance;
  // Likewise labels and taints: only a group that gives them carries them.
  if (raw.labels !== undefined) spec.labels = { ...raw.labels };
  if (raw.taints !== undefined) spec.taints = normalizeTaints(raw.taints);
  normalizeCapacity(raw, spec, at, sink);
  if (mixed !== undefined && derived) spec.instanceTypes = mixedTypes(raw, mixed, spec, at, sink);
  return spec;
}

/** Each type of a mixed-instances group, as the catalogue gives it (the group's pods limit, if any, for all). */
function mixedTypes(raw: RawNodeGroup, types: readonly string[], first: NodeGroupSpec, at: At, sink: IssueSink): NonNullable<NodeGroupSpec['instanceTypes']> {
  const out: NonNullable<NodeGroupSpec['instanceTypes']> = [{ allocatable: first.allocatable, pricePerHour: first.pricePerHour, instance: first.instance! }];
  types.slice(1).forEach((type, k) => {
    const typeAt: At = (sub = []) => (sub[0] === 'instanceType' ? at(['instanceTypes', k + 1]) : at(sub));
    const d = fromInstanceType({ ...raw, instanceType: type }, typeAt, sink);
    if (d === undefined || d.pricePerHour === undefined) return;
    out.push({ allocatable: d.allocatable, pricePerHour: d.pricePerHour, instance: d.instance });
  });
  return out;
}

/** Capacity type and launch errors: only a group that gives a key gains one, as above. */
function normalizeCapacity(raw: RawNodeGroup, spec: NodeGroupSpec, at: At, sink: IssueSink): void {
  if (raw.reportsLaunchErrors === true) spec.reportsLaunchErrors = true;
  if (raw.capacityType !== undefined) spec.capacityType = raw.capacityType;
  if (raw.capacityType === 'spot') {
    spec.interruptionRatePerMonth = raw.interruptionRate === undefined ? SPOT_DEFAULTS.interruptionRate : ratio(raw.interruptionRate);
    if (spec.interruptionRatePerMonth > 1) sink.add(at(['interruptionRate']), `a share of the nodes per month is at most 100%, got ${spec.interruptionRatePerMonth}`);
    spec.interruptionNoticeSec = raw.interruptionNotice === undefined ? SPOT_DEFAULTS.interruptionNoticeSec : sec(raw.interruptionNotice);
    return;
  }
  for (const key of ['interruptionRate', 'interruptionNotice'] as const) {
    if (raw[key] !== undefined) sink.add(at([key]), 'is read only for a group with capacityType: spot');
  }
}

/** Without an instance type the group gives its allocatable cpu and memory and its price itself. */
function requireExplicit(raw: RawNodeGroup, at: At, sink: IssueSink): void {
  const or = ' (or give an instanceType to derive it from)';
  if (raw.allocatable === undefined) sink.add(at(['allocatable']), `is required: {cpu, memory, pods?}${or}`, true);
  else {
    if (raw.allocatable.cpu === undefined) sink.add(at(['allocatable', 'cpu']), `is required${or}`, true);
    if (raw.allocatable.memory === undefined) sink.add(at(['allocatable', 'memory']), `is required${or}`, true);
  }
  if (raw.pricePerHour === undefined) sink.add(at(['pricePerHour']), 'is required (or give an instanceType and its region for the on-demand price)', true);
  if (raw.region !== undefined) sink.warn(at(['region']), 'region is read only with an instanceType (for its on-demand price)');
}
