/**
 * A manifest's pod spec -> its effective requests. The quantities are read here; the arithmetic
 * (limits standing in for requests, sidecars, init containers, pod-level resources, overhead) is
 * the decisions' one implementation of component-helpers' PodRequests
 * (decisions/scheduler/requests.ts), which the scheduler and the autoscaler use too.
 */
import { parseCpuMilli, parseMemoryBytes } from '../quantity.ts';
import { podLimits as effectiveLimits, podRequests as effectiveRequests, type ContainerResources, type PodResources, type ResourceAmounts } from '../decisions/scheduler/requests.ts';
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

type Spec = Pick<RawPodSpec, 'containers' | 'initContainers' | 'overhead' | 'resources'>;

function podResources(spec: Spec): PodResources {
  return {
    containers: spec.containers.map(container),
    initContainers: (spec.initContainers ?? []).map(container),
    overhead: amounts(spec.overhead as ResourceList),
    resources: spec.resources ? { requests: amounts(spec.resources.requests), limits: amounts(spec.resources.limits) } : undefined,
  };
}

/** The quantities must already have been checked (the manifest schema does). */
export function podRequests(spec: Spec): Requests {
  const r = effectiveRequests(podResources(spec));
  return { cpuMilli: r.cpuMilli, memoryBytes: r.memoryBytes };
}

/** The pod-wide limits (decisions/scheduler/requests.ts podLimits); a resource without one is left out. */
export function podLimits(spec: Spec): ResourceAmounts {
  return effectiveLimits(podResources(spec));
}

/**
 * The resources some container limits but the pod as a whole does not (`limits`: podLimits'
 * answer): their one container's limit is not simulated.
 */
export function partlyLimited(spec: Spec, limits: ResourceAmounts): ('cpu' | 'memory')[] {
  const all = [...spec.containers, ...(spec.initContainers ?? [])];
  const key = { cpu: 'cpuMilli', memory: 'memoryBytes' } as const;
  return (['cpu', 'memory'] as const).filter((r) => limits[key[r]] === undefined && all.some((c) => c.resources?.limits?.[r] !== undefined));
}
