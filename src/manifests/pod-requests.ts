/**
 * A pod's effective requests, as kube-scheduler computes them (component-helpers' PodRequests):
 *
 * - a container's request defaults to its limit when only the limit is given (API defaulting);
 * - app containers and sidecars (init containers with `restartPolicy: Always`) add up;
 * - a regular init container runs alone, beside the sidecars started before it, so it needs its
 *   own request plus theirs; the pod reserves the largest of those;
 * - the pod needs the larger of the two, per resource;
 * - pod-level requests (spec.resources), when given, replace the containers' total for that
 *   resource, defaulting to the pod-level limit when no container asks for it;
 * - the RuntimeClass overhead is added on top.
 */
import { parseCpuMilli, parseMemoryBytes } from '../quantity.ts';
import type { RawContainer, RawPodSpec } from './schema.ts';

export interface Requests {
  cpuMilli: number;
  memoryBytes: number;
}

type Resource = 'cpu' | 'memory';
type ResourceList = { cpu?: string | number; memory?: string | number } | null | undefined;

const amount = (res: Resource, v: string | number): number => (res === 'cpu' ? parseCpuMilli(v) : parseMemoryBytes(v));

/** A container's request for one resource: its request, else its limit, else none. */
function containerRequest(c: RawContainer, res: Resource): number | undefined {
  const v = c.resources?.requests?.[res] ?? c.resources?.limits?.[res];
  return v === undefined ? undefined : amount(res, v);
}

function one(spec: RawPodSpec, res: Resource): number {
  let total = 0;
  let anyContainerAsks = false;
  for (const c of spec.containers) {
    const r = containerRequest(c, res);
    if (r !== undefined) anyContainerAsks = true;
    total += r ?? 0;
  }
  let sidecars = 0;
  let initPeak = 0;
  for (const c of spec.initContainers ?? []) {
    const r = containerRequest(c, res);
    if (r !== undefined) anyContainerAsks = true;
    if (c.restartPolicy === 'Always') {
      total += r ?? 0;
      sidecars += r ?? 0;
      initPeak = Math.max(initPeak, sidecars);
    } else {
      initPeak = Math.max(initPeak, (r ?? 0) + sidecars);
    }
  }
  let pod = Math.max(total, initPeak);
  const podLevel = podLevelRequest(spec.resources, res, anyContainerAsks);
  if (podLevel !== undefined) pod = podLevel;
  const overhead = (spec.overhead as ResourceList)?.[res];
  if (overhead !== undefined) pod += amount(res, overhead);
  return pod;
}

function podLevelRequest(resources: RawPodSpec['resources'], res: Resource, anyContainerAsks: boolean): number | undefined {
  const req = resources?.requests?.[res];
  if (req !== undefined) return amount(res, req);
  const limit = resources?.limits?.[res];
  if (limit !== undefined && !anyContainerAsks) return amount(res, limit);
  return undefined;
}

/** The quantities must already have been checked (the manifest schema does). */
export function podRequests(spec: RawPodSpec): Requests {
  return { cpuMilli: one(spec, 'cpu'), memoryBytes: one(spec, 'memory') };
}
