/**
 * A pod's effective requests, as k8s.io/component-helpers' resource.PodRequests computes them
 * (staging/src/k8s.io/component-helpers/resource/helpers.go), after the API server's defaulting.
 * The one implementation for the scheduler's filter and score, the cluster-autoscaler's estimate,
 * `headroom decide` and `headroom import`:
 *
 * - a container's request defaults to its limit when only the limit is given (SetDefaults_Pod);
 * - app containers and sidecars (init containers with `restartPolicy: Always`) run together, so
 *   their requests add up;
 * - a regular init container runs alone, beside the sidecars started before it: it needs its own
 *   request plus theirs, and the pod reserves the largest of those;
 * - the pod needs the larger of the two, per resource;
 * - pod-level requests (spec.resources), when given, replace that total for their resource; when
 *   only a pod-level limit is given and no container asks for the resource, the request defaults
 *   to it (defaultPodRequests);
 * - the RuntimeClass overhead is added on top.
 *
 * Scoring sees the same sums with a container's missing request counted at the scheduler's
 * defaults, 100m and 200Mi (NonMissingContainerRequests); an explicit 0 stays 0.
 */
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from '../defaults.ts';

/** Amounts of cpu and memory; a resource left out is not named. */
export interface ResourceAmounts {
  cpuMilli?: number;
  memoryBytes?: number;
}

export interface ContainerResources {
  requests?: ResourceAmounts;
  limits?: ResourceAmounts;
  /** on an init container, `Always` makes it a sidecar that runs beside the app containers */
  restartPolicy?: string;
}

export interface PodResources {
  containers: readonly ContainerResources[];
  initContainers?: readonly ContainerResources[];
  /** the RuntimeClass overhead (spec.overhead) */
  overhead?: ResourceAmounts;
  /** pod-level resources (spec.resources) */
  resources?: { requests?: ResourceAmounts; limits?: ResourceAmounts };
}

/** Back-compatible name for a container that gives requests only. */
export type ContainerRequests = ResourceAmounts;

export interface PodRequests {
  /** what the Fit filter charges (a missing request is 0) */
  cpuMilli: number;
  memoryBytes: number;
  /** what scoring charges (a missing request is the scheduler's default, per container) */
  nonZeroCpuMilli: number;
  nonZeroMemoryBytes: number;
}

type Resource = keyof ResourceAmounts;

export function podRequests(pod: PodResources): PodRequests {
  return {
    cpuMilli: podRequest(pod, 'cpuMilli', 0),
    memoryBytes: podRequest(pod, 'memoryBytes', 0),
    nonZeroCpuMilli: podRequest(pod, 'cpuMilli', DEFAULT_MILLI_CPU_REQUEST),
    nonZeroMemoryBytes: podRequest(pod, 'memoryBytes', DEFAULT_MEMORY_REQUEST),
  };
}

/**
 * A pod known only by its effective requests (a scenario's workload, placeholder or buffer, which
 * `headroom import` computed with podRequests): the filter charges them as given; scoring charges a
 * zero like a missing request, since the scenario no longer says which container left its out.
 */
export function requestsOnlyPod(requests: { cpuMilli: number; memoryBytes: number }): PodRequests {
  return {
    cpuMilli: requests.cpuMilli,
    memoryBytes: requests.memoryBytes,
    nonZeroCpuMilli: requests.cpuMilli || DEFAULT_MILLI_CPU_REQUEST,
    nonZeroMemoryBytes: requests.memoryBytes || DEFAULT_MEMORY_REQUEST,
  };
}

/** A container's request for one resource after defaulting: its request, else its limit, else none. */
function containerRequest(c: ContainerResources, res: Resource): number | undefined {
  return c.requests?.[res] ?? c.limits?.[res];
}

/**
 * Containers' amounts of one resource combined as the pod runs them: app containers and sidecars
 * together, a regular init container alone beside the sidecars started before it, the larger of
 * the two (component-helpers' AggregateContainerRequests / AggregateContainerLimits).
 */
function aggregate(pod: PodResources, amount: (c: ContainerResources) => number): number {
  let total = 0;
  for (const c of pod.containers) total += amount(c);
  let sidecars = 0;
  let initPeak = 0;
  for (const c of pod.initContainers ?? []) {
    const own = amount(c);
    if (c.restartPolicy === 'Always') {
      total += own;
      sidecars += own;
      initPeak = Math.max(initPeak, sidecars);
    } else {
      initPeak = Math.max(initPeak, own + sidecars);
    }
  }
  return Math.max(total, initPeak);
}

/** One resource of PodRequests, a container's missing request counted as `missing`. */
function podRequest(pod: PodResources, res: Resource, missing: number): number {
  const anyContainerAsks = [...pod.containers, ...(pod.initContainers ?? [])].some((c) => containerRequest(c, res) !== undefined);
  let request = aggregate(pod, (c) => containerRequest(c, res) ?? missing);
  const podLevel = pod.resources?.requests?.[res] ?? (anyContainerAsks ? undefined : pod.resources?.limits?.[res]);
  if (podLevel !== undefined) request = podLevel;
  return request + (pod.overhead?.[res] ?? 0);
}

/**
 * A pod's limits as its pod cgroup enforces them: k8s.io/component-helpers' resource.PodLimits
 * (helpers.go: app containers and sidecars add up, a regular init container runs beside the
 * sidecars started before it, the pod takes the larger; pod-level limits replace the total; the
 * overhead is added to a limit that is there) — but only for a resource every container limits.
 * kubelet leaves the pod cgroup unbounded for a resource any container leaves without a limit
 * (pkg/kubelet/cm/helpers_linux.go, ResourceConfigForPod: cpuLimitsDeclared /
 * memoryLimitsDeclared), so such a pod has no pod-wide limit of it; a container's own limit still
 * holds it alone, which a one-container model of the pod cannot say. A resource with no limit is
 * left out.
 */
export function podLimits(pod: PodResources): ResourceAmounts {
  const out: ResourceAmounts = {};
  for (const res of ['cpuMilli', 'memoryBytes'] as const) {
    const limit = podLimit(pod, res);
    if (limit !== undefined) out[res] = limit;
  }
  return out;
}

function podLimit(pod: PodResources, res: Resource): number | undefined {
  const podLevel = pod.resources?.limits?.[res];
  const all = [...pod.containers, ...(pod.initContainers ?? [])];
  if (podLevel === undefined && !all.every((c) => (c.limits?.[res] ?? 0) > 0)) return undefined;
  return (podLevel ?? aggregate(pod, (c) => c.limits?.[res] ?? 0)) + (pod.overhead?.[res] ?? 0);
}
