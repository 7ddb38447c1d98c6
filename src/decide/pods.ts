/**
 * Pods and nodes of a `headroom decide` input -> the scheduler's PodInfo / NodeInfo.
 *
 * A pod gives its requests either as one `requests` map (a single container) or as `containers`
 * and `initContainers` (each with `requests`, `limits`, and on an init container `restartPolicy:
 * Always` for a sidecar), with the pod's `overhead` and pod-level `resources` when it has them.
 * The effective requests are component-helpers' PodRequests (decisions/scheduler/requests.ts);
 * scoring charges a container's missing request at kube-scheduler's defaults (100m, 200Mi).
 */
import { z } from 'zod';
import { HeadroomError } from '../errors.ts';
import { nodeGroupPlacementShape, workloadPlacementShape } from '../scenario/schema/placement.ts';
import { normalizePlacement, normalizeTaints } from '../scenario/normalize/placement.ts';
import { parseCount, parseCpuMilli, parseDurationSec, parseMemoryBytes } from '../quantity.ts';
import type { PreemptionPolicy } from '../scenario/types.ts';
import { KUBELET_MAX_PODS, POD_TERMINATION_GRACE_SEC } from '../decisions/defaults.ts';
import { addPod, newNodeInfo } from '../decisions/scheduler/nodeinfo.ts';
import { podRequests, type ContainerResources, type ResourceAmounts } from '../decisions/scheduler/requests.ts';
import type { NodeInfo, PodDisruptionBudget, PodInfo } from '../decisions/scheduler/types.ts';


const POD_KEYS = [
  'name',
  'priority',
  'preemptionPolicy',
  'labels',
  'startTime',
  'terminationGracePeriodSeconds',
  'requests',
  'containers',
  'initContainers',
  'overhead',
  'resources',
  'tolerations',
  'nodeSelector',
  'affinity',
  'topologySpreadConstraints',
];
const NODE_KEYS = ['name', 'allocatable', 'pods', 'nominatedPods', 'labels', 'taints', 'unschedulable'];
const PREEMPTION_POLICIES: readonly PreemptionPolicy[] = ['PreemptLowerPriority', 'Never'];

export interface ParsePodOptions {
  /** start time (seconds) of a pod that gives none: it is taken to have started now */
  nowSec?: number;
}

export function parsePod(raw: unknown, path: string, opts: ParsePodOptions = {}): PodInfo {
  const o = expectObject(raw, path, 'a pod');
  expectKeys(o, POD_KEYS, path);
  const name = expectName(o.name, join(path, 'name'));

  let priority = 0;
  if (o.priority !== undefined) {
    if (typeof o.priority !== 'number' || !Number.isInteger(o.priority)) {
      throw inputError(join(path, 'priority'), `priority must be a whole number, got ${describe(o.priority)}`);
    }
    priority = o.priority;
  }

  let preemptionPolicy: PreemptionPolicy = 'PreemptLowerPriority';
  if (o.preemptionPolicy !== undefined) {
    if (!PREEMPTION_POLICIES.includes(o.preemptionPolicy as PreemptionPolicy)) {
      throw inputError(
        join(path, 'preemptionPolicy'),
        `preemptionPolicy must be one of ${PREEMPTION_POLICIES.join(', ')}, got ${describe(o.preemptionPolicy)}`,
      );
    }
    preemptionPolicy = o.preemptionPolicy as PreemptionPolicy;
  }

  const labels: Record<string, string> = {};
  if (o.labels !== undefined) {
    const l = expectObject(o.labels, join(path, 'labels'), 'a map of label names to values');
    for (const [k, v] of Object.entries(l)) {
      if (typeof v !== 'string') throw inputError(join(path, 'labels', k), `a label value must be a string, got ${describe(v)}`);
      labels[k] = v;
    }
  }

  const startTime = o.startTime === undefined ? (opts.nowSec ?? 0) : finiteNumber(o.startTime, join(path, 'startTime'), 'startTime (seconds)');
  const terminationGraceSec =
    o.terminationGracePeriodSeconds === undefined
      ? POD_TERMINATION_GRACE_SEC
      : nonNegativeNumber(o.terminationGracePeriodSeconds, join(path, 'terminationGracePeriodSeconds'));

  const req = parseRequests(o, path);
  const pod: PodInfo = { name, priority, preemptionPolicy, labels, startTime, terminationGraceSec, uid: -1, ...req };
  const placement = normalizePlacement(
    bySchema(
      z.strictObject(workloadPlacementShape()),
      { tolerations: o.tolerations, nodeSelector: o.nodeSelector, affinity: o.affinity, topologySpreadConstraints: o.topologySpreadConstraints },
      path,
    ),
  );
  if (placement !== undefined) pod.placement = placement;
  return pod;
}

/** Placement keys checked by the scenario's own schema, its first issue placed at its key. */
function bySchema<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw inputError(join(path, ...(issue.path as (string | number)[])), issue.message);
}

function parseRequests(o: Record<string, unknown>, path: string) {
  const hasRequests = o.requests !== undefined;
  const hasContainers = o.containers !== undefined;
  if (hasRequests && hasContainers) {
    throw inputError(path, 'give either requests or containers, not both');
  }
  if (!hasRequests && !hasContainers) {
    if (o.initContainers !== undefined) throw inputError(join(path, 'containers'), 'a pod with initContainers needs containers too');
    throw inputError(path, 'a pod needs requests ({cpu, memory}) or containers ([{requests: {cpu, memory}}])');
  }
  const overhead = o.overhead === undefined ? undefined : parseAmounts(o.overhead, join(path, 'overhead'));
  const resources = o.resources === undefined ? undefined : parsePodResources(o.resources, join(path, 'resources'));
  if (hasRequests) {
    if (o.initContainers !== undefined) {
      throw inputError(join(path, 'initContainers'), 'initContainers go with containers, not with a pod-level requests map');
    }
    return podRequests({ containers: [{ requests: parseAmounts(o.requests, join(path, 'requests')) }], overhead, resources });
  }
  const containers = expectList(o.containers, join(path, 'containers')).map((c, i) => parseContainer(c, join(path, 'containers', i), false));
  if (containers.length === 0) throw inputError(join(path, 'containers'), 'a pod needs at least one container');
  const initContainers =
    o.initContainers === undefined
      ? []
      : expectList(o.initContainers, join(path, 'initContainers')).map((c, i) => parseContainer(c, join(path, 'initContainers', i), true));
  return podRequests({ containers, initContainers, overhead, resources });
}

function parseContainer(raw: unknown, path: string, init: boolean): ContainerResources {
  const o = expectObject(raw, path, 'a container');
  expectKeys(o, init ? ['name', 'requests', 'limits', 'restartPolicy'] : ['name', 'requests', 'limits'], path);
  // A container without a requests map asks for nothing explicitly; scoring still charges defaults.
  const out: ContainerResources = parseRequirements(o, path);
  if (o.restartPolicy !== undefined) {
    if (o.restartPolicy !== 'Always') {
      throw inputError(join(path, 'restartPolicy'), `an init container's restartPolicy can only be Always (a sidecar), got ${describe(o.restartPolicy)}`);
    }
    out.restartPolicy = 'Always';
  }
  return out;
}

/** Pod-level resources (spec.resources): `{requests?, limits?}`. */
function parsePodResources(raw: unknown, path: string): { requests?: ResourceAmounts; limits?: ResourceAmounts } {
  const o = expectObject(raw, path, 'pod-level resources ({requests, limits})');
  expectKeys(o, ['requests', 'limits'], path);
  return parseRequirements(o, path);
}

/** The `requests` and `limits` of an object, each a map of cpu and memory. */
function parseRequirements(r: Record<string, unknown>, path: string): { requests?: ResourceAmounts; limits?: ResourceAmounts } {
  const out: { requests?: ResourceAmounts; limits?: ResourceAmounts } = {};
  if (r.requests !== undefined) out.requests = parseAmounts(r.requests, join(path, 'requests'));
  if (r.limits !== undefined) out.limits = parseAmounts(r.limits, join(path, 'limits'));
  return out;
}

function parseAmounts(raw: unknown, path: string): ResourceAmounts {
  const o = expectObject(raw, path, 'a map of cpu and memory ({cpu, memory})');
  expectKeys(o, ['cpu', 'memory'], path);
  const out: ResourceAmounts = {};
  if (o.cpu !== undefined) out.cpuMilli = atPath(join(path, 'cpu'), () => parseCpuMilli(o.cpu, 'cpu'));
  if (o.memory !== undefined) out.memoryBytes = atPath(join(path, 'memory'), () => parseMemoryBytes(o.memory, 'memory'));
  return out;
}

export function parseNode(raw: unknown, path: string, opts: ParsePodOptions = {}): NodeInfo {
  const o = expectObject(raw, path, 'a node');
  expectKeys(o, NODE_KEYS, path);
  const name = expectName(o.name, join(path, 'name'));
  const allocPath = join(path, 'allocatable');
  if (o.allocatable === undefined) throw inputError(allocPath, 'a node needs allocatable: {cpu, memory, pods?}');
  const a = expectObject(o.allocatable, allocPath, 'allocatable: {cpu, memory, pods?}');
  expectKeys(a, ['cpu', 'memory', 'pods'], allocPath);
  if (a.cpu === undefined) throw inputError(join(allocPath, 'cpu'), 'allocatable cpu is required');
  if (a.memory === undefined) throw inputError(join(allocPath, 'memory'), 'allocatable memory is required');
  const node = newNodeInfo(name, {
    cpuMilli: atPath(join(allocPath, 'cpu'), () => parseCpuMilli(a.cpu, 'allocatable cpu')),
    memoryBytes: atPath(join(allocPath, 'memory'), () => parseMemoryBytes(a.memory, 'allocatable memory')),
    pods: a.pods === undefined ? KUBELET_MAX_PODS : atPath(join(allocPath, 'pods'), () => parseCount(a.pods, 'allocatable pods')),
  });
  if (o.pods !== undefined) {
    const seen = new Set<string>();
    expectList(o.pods, join(path, 'pods')).forEach((p, i) => {
      const pod = parsePod(p, join(path, 'pods', i), opts);
      if (seen.has(pod.name)) throw inputError(join(path, 'pods', i, 'name'), `pod name "${pod.name}" appears twice on node "${name}"`);
      seen.add(pod.name);
      // Like a kubelet, the scheduler accounts for whatever is bound, even past allocatable.
      addPod(node, pod);
    });
  }
  const meta = bySchema(z.strictObject({ ...nodeGroupPlacementShape(), unschedulable: z.boolean().optional() }), { labels: o.labels, taints: o.taints, unschedulable: o.unschedulable }, path);
  if (meta.labels !== undefined) node.labels = { ...meta.labels };
  if (meta.taints !== undefined) node.taints = normalizeTaints(meta.taints);
  if (meta.unschedulable === true) node.unschedulable = true;
  // Preemptors nominated to the node and waiting for their victims to leave: the filter keeps
  // their room for them (the pods of at least the incoming pod's priority).
  if (o.nominatedPods !== undefined) {
    expectList(o.nominatedPods, join(path, 'nominatedPods')).forEach((p, i) => node.nominated.push(parsePod(p, join(path, 'nominatedPods', i), opts)));
  }
  return node;
}

/** PodDisruptionBudgets with their status: `[{name?, selector: {matchLabels}, disruptionsAllowed}]`. */
export function parsePdbs(raw: unknown): PodDisruptionBudget[] {
  return expectList(raw, 'pdbs').map((r, i) => {
    const path = join('pdbs', i);
    const o = expectObject(r, path, 'a PodDisruptionBudget {selector: {matchLabels}, disruptionsAllowed}');
    expectKeys(o, ['name', 'selector', 'disruptionsAllowed'], path);
    let name = `pdb-${i}`;
    if (o.name !== undefined) {
      if (typeof o.name !== 'string' || o.name.length === 0) throw inputError(join(path, 'name'), `name must be a non-empty string, got ${describe(o.name)}`);
      name = o.name;
    }
    if (o.selector === undefined) throw inputError(join(path, 'selector'), 'selector is required ({matchLabels: {...}})');
    const sel = expectObject(o.selector, join(path, 'selector'), 'a selector {matchLabels}');
    expectKeys(sel, ['matchLabels'], join(path, 'selector'));
    const matchLabels: Record<string, string> = {};
    if (sel.matchLabels !== undefined) {
      const ml = expectObject(sel.matchLabels, join(path, 'selector', 'matchLabels'), 'a map of label names to values');
      for (const [k, v] of Object.entries(ml)) {
        if (typeof v !== 'string') throw inputError(join(path, 'selector', 'matchLabels', k), `a label value must be a string, got ${describe(v)}`);
        matchLabels[k] = v;
      }
    }
    const d = o.disruptionsAllowed;
    if (d === undefined) throw inputError(join(path, 'disruptionsAllowed'), 'disruptionsAllowed is required');
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw inputError(join(path, 'disruptionsAllowed'), `disruptionsAllowed must be a whole number >= 0, got ${describe(d)}`);
    }
    return { name, matchLabels, disruptionsAllowed: d };
  });
}

// ---- small validation helpers shared by the decide parsers ----

export function inputError(path: string, message: string): HeadroomError {
  return new HeadroomError('input', message, { path: path || undefined });
}

export function join(path: string, ...parts: (string | number)[]): string {
  return [path, ...parts.map(String)].filter((s) => s.length > 0).join('.');
}

export function expectObject(raw: unknown, path: string, what: string): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw inputError(path, `expected ${what}, got ${describe(raw)}`);
  }
  return raw as Record<string, unknown>;
}

export function expectList(raw: unknown, path: string): unknown[] {
  if (!Array.isArray(raw)) throw inputError(path, `expected a list, got ${describe(raw)}`);
  return raw;
}

export function expectKeys(o: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw inputError(join(path, k), `unknown key "${k}" (expected one of: ${allowed.join(', ')})`);
  }
}

export function expectName(raw: unknown, path: string): string {
  if (typeof raw !== 'string' || raw.length === 0) throw inputError(path, `name must be a non-empty string, got ${describe(raw)}`);
  return raw;
}

function finiteNumber(raw: unknown, path: string, what: string): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) throw inputError(path, `${what} must be a number, got ${describe(raw)}`);
  return raw;
}

function nonNegativeNumber(raw: unknown, path: string): number {
  const n = finiteNumber(raw, path, 'seconds');
  if (n < 0) throw inputError(path, `must not be negative, got ${n}`);
  return n;
}

/** Quantity and duration parsers name what they read; place their message at the field. */
export function atPath<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof HeadroomError) throw inputError(path, e.message);
    throw e;
  }
}

export function integer(raw: unknown, path: string): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw)) throw inputError(path, `must be a whole number, got ${describe(raw)}`);
  return raw;
}

export function wholeNumber(raw: unknown, path: string, least = 0): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < least) {
    throw inputError(path, `must be a whole number of at least ${least}, got ${describe(raw)}`);
  }
  return raw;
}

export function boolean(raw: unknown, path: string): boolean {
  if (typeof raw !== 'boolean') throw inputError(path, `must be true or false, got ${describe(raw)}`);
  return raw;
}

/** A duration (`"90s"`, `"5m"`, or seconds), or `fallback` when not given. */
export function duration(raw: unknown, path: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const name = path.split('.').pop() ?? path;
  return atPath(path, () => parseDurationSec(raw, name));
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'object') return Array.isArray(v) ? 'a list' : 'an object';
  return String(v);
}
