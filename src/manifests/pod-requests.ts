/**
 * A manifest's pod spec -> its effective requests. The quantities are read here; the arithmetic
 * (limits standing in for requests, sidecars, init containers, pod-level resources, overhead) is
 * the decisions' one implementation of component-helpers' PodRequests
 * (decisions/scheduler/requests.ts), which the scheduler and the autoscaler use too.
 */
import { parseCpuMilli, parseMemoryBytes } from '../quantity.ts';
import { podRequests as effectiveRequests, type ContainerResources, type ResourceAmounts } from '../decisions/scheduler/requests.ts';
import type { RawContainer, RawPodSpec } from './schema.ts';

export interface Requests {
  cpuMilli: number;
  memoryBytes: number;
}

type ResourceList = { cpu?: string | number; memory?: string | number } | null | undefined;

function amounts(list: ResourceList): ResourceAmounts | undefined {
  if (!list) return undefined;
  const out: ResourceAmounts = {};
  if (list.cpu !== undefined) out.cpuMilli = parseCpuMilli(list.cpu);
  if (list.memory !== undefined) out.memoryBytes = parseMemoryBytes(list.memory);
  return out;
}

function container(c: Pick<RawContainer, 'resources' | 'restartPolicy'>): ContainerResources {
  return { requests: amounts(c.resources?.requests), limits: amounts(c.resources?.limits), restartPolicy: c.restartPolicy };
}

/** The quantities must already have been checked (the manifest schema does). */
export function podRequests(spec: Pick<RawPodSpec, 'containers' | 'initContainers' | 'overhead' | 'resources'>): Requests {
  const r = effectiveRequests({
    containers: spec.containers.map(container),
    initContainers: (spec.initContainers ?? []).map(container),
    overhead: amounts(spec.overhead as ResourceList),
    resources: spec.resources ? { requests: amounts(spec.resources.requests), limits: amounts(spec.resources.limits) } : undefined,
  });
  return { cpuMilli: r.cpuMilli, memoryBytes: r.memoryBytes };
}
