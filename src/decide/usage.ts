/**
 * `headroom decide usage`: what one node's pods use and what the kubelet and the kernel do about
 * it, for explaining one step of a run: each pod's QoS class, the cpu it wants, the CFS quota at
 * its limit, cpu shares on a node short of cpu, what it can serve then, its working set, an OOM
 * kill and the restart back-off, and the node-pressure evictions. The same decisions/usage
 * functions a run's usage loop calls, in the same order (src/sim/usage-loop.ts): want = min(demand,
 * limit); a short node shares by cpu.shares; a pod serves what its grant buys; OOM kills come
 * before node pressure, so a killed container's memory is not counted.
 *
 * Input (JSON):
 *   { node?: { allocatable: {cpu, memory} },
 *     pods: [{ name, requests: {cpu, memory}, limits?: {cpu?, memory?}, priority?,
 *              serviceTime, concurrency?, rps,
 *              usage?: {cpuPerRequest?, idleCpu?, memory?, memoryPerRequest?, memoryGrowthPerHour?},
 *              runningFor?, lastBackOff?: {delay, ago} }] }
 * `rps` is the load offered to the pod (requests a second); a usage key left out is the model's
 * default (a pod at full load uses its cpu request; its working set is its memory request).
 * `lastBackOff`: the container's previous restart back-off and how long ago it began.
 * Output: { pods: [{ name, qosClass, naturalRps, servesRps, cpu: {demandMilli, wantMilli,
 *   grantedMilli, throttled, starved}, memory: {workingSetBytes, oomKilled, restartAfterSec?},
 *   evicted }], node?: { cpuWantedMilli, cpuShort, memoryUsedBytes, memoryShort, evictions } }
 */
import { parseCpuMilli, parseMemoryBytes } from '../quantity.ts';
import { cpuDemandMilli, defaultUsage, podCpuUsageMilli, qosClass, workingSetBytes, type QosClass, type ResourceLimits, type UsageSpec } from '../decisions/usage/model.ts';
import { cpuShares, shareNodeCpu } from '../decisions/usage/cpu-shares.ts';
import { throttledCapacityRps } from '../decisions/usage/throttling.ts';
import { crashLoopBackOffSec } from '../decisions/usage/crash-loop-backoff.ts';
import { memoryPressureVictims } from '../decisions/usage/memory-pressure.ts';
import { limitViolations } from '../decisions/usage/limits.ts';
import { atPath, describe, duration, expectKeys, expectList, expectName, expectObject, inputError, integer, join, wholeNumber } from './pods.ts';

export interface PodUsageDecision {
  name: string;
  qosClass: QosClass;
  /** concurrency ÷ mean service time: what the pod serves with cpu enough */
  naturalRps: number;
  /** what it can serve with the cpu it gets (its limit's quota, its share of a short node) */
  servesRps: number;
  cpu: { demandMilli: number; wantMilli: number; grantedMilli: number; throttled: boolean; starved: boolean };
  memory: { workingSetBytes: number; oomKilled: boolean; restartAfterSec?: number };
  evicted: boolean;
}

export interface UsageDecision {
  pods: PodUsageDecision[];
  node?: { cpuWantedMilli: number; cpuShort: boolean; memoryUsedBytes: number; memoryShort: boolean; evictions: string[] };
}

const INPUT_KEYS = ['node', 'pods'];
/** to a thousandth: the answer explains a number, and float sums (1619.9999…) would hide it */
const round = (x: number) => Math.round(x * 1000) / 1000;
const POD_KEYS = ['name', 'requests', 'limits', 'priority', 'serviceTime', 'concurrency', 'rps', 'usage', 'runningFor', 'lastBackOff'];
const USAGE_KEYS = ['cpuPerRequest', 'idleCpu', 'memory', 'memoryPerRequest', 'memoryGrowthPerHour'];

interface ParsedPod {
  name: string;
  requests: { cpuMilli: number; memoryBytes: number };
  limits: ResourceLimits;
  priority: number;
  naturalRps: number;
  concurrency: number;
  rps: number;
  usage: UsageSpec;
  runningSec: number;
  lastBackOff?: { delaySec: number; agoSec: number };
}

export function decideUsage(input: unknown): UsageDecision {
  const o = expectObject(input, '', 'an object with pods');
  expectKeys(o, INPUT_KEYS, '');
  if (o.pods === undefined) throw inputError('pods', "missing: the node's pods, each with its requests, service time and load");
  const pods = expectList(o.pods, 'pods').map((p, i) => parsePod(p, join('pods', i)));
  const node = o.node === undefined ? undefined : parseNode(o.node);

  // cpu: what each pod wants at its load, held at its limit's quota
  const n = pods.length;
  const demand = new Float64Array(n);
  const want = new Float64Array(n);
  const shares = new Float64Array(n);
  const grant = new Float64Array(n);
  pods.forEach((p, j) => {
    const served = Math.min(p.rps, p.naturalRps);
    demand[j] = cpuDemandMilli(p.usage, served);
    want[j] = podCpuUsageMilli(p.usage, p.limits, served);
    shares[j] = cpuShares(p.requests.cpuMilli);
  });
  const cpuShort = node ? shareNodeCpu(want, shares, n, node.cpuMilli, grant) : (grant.set(want), false);

  // memory: working sets at the load served; a container over its limit is OOM-killed first
  const out: PodUsageDecision[] = pods.map((p, j) => {
    // a pod that got what it wanted serves up to its limit's quota; one held back by the node, what its grant buys
    const starved = grant[j] < want[j];
    const servesRps = throttledCapacityRps(p.naturalRps, starved ? grant[j] : (p.limits.cpuMilli ?? Infinity), p.usage);
    const served = Math.min(p.rps, servesRps);
    const inFlight = servesRps > 0 ? (p.concurrency * served) / servesRps : 0;
    const workingSet = workingSetBytes(p.usage, inFlight, p.runningSec);
    const oomKilled = p.limits.memoryBytes !== undefined && workingSet > p.limits.memoryBytes;
    const memory: PodUsageDecision['memory'] = { workingSetBytes: Math.round(workingSet), oomKilled };
    if (oomKilled) memory.restartAfterSec = crashLoopBackOffSec(p.lastBackOff?.delaySec ?? 0, p.lastBackOff?.agoSec ?? Infinity);
    return {
      name: p.name,
      qosClass: qosClass(p.requests, p.limits),
      naturalRps: round(p.naturalRps),
      servesRps: round(servesRps),
      cpu: { demandMilli: round(demand[j]), wantMilli: round(want[j]), grantedMilli: round(grant[j]), throttled: demand[j] > (p.limits.cpuMilli ?? Infinity), starved },
      memory,
      evicted: false,
    };
  });
  if (!node) return { pods: out };

  const running = out.map((p, j) => ({ j, p })).filter(({ p }) => !p.memory.oomKilled);
  const used = running.reduce((s, { p }) => s + p.memory.workingSetBytes, 0);
  const victims = memoryPressureVictims(
    running.map(({ j, p }) => ({ usageBytes: p.memory.workingSetBytes, requestBytes: pods[j].requests.memoryBytes, priority: pods[j].priority })),
    used,
    node.memoryBytes,
  );
  for (const v of victims) out[running[v].j].evicted = true;
  let cpuWanted = 0;
  for (let j = 0; j < n; j++) cpuWanted += want[j];
  return {
    pods: out,
    node: { cpuWantedMilli: round(cpuWanted), cpuShort, memoryUsedBytes: used, memoryShort: used > node.memoryBytes, evictions: victims.map((v) => out[running[v].j].name) },
  };
}

function parseNode(raw: unknown): { cpuMilli: number; memoryBytes: number } {
  const o = expectObject(raw, 'node', 'a node {allocatable: {cpu, memory}}');
  expectKeys(o, ['allocatable'], 'node');
  const a = expectObject(o.allocatable, 'node.allocatable', 'an object {cpu, memory}');
  expectKeys(a, ['cpu', 'memory'], 'node.allocatable');
  if (a.cpu === undefined || a.memory === undefined) throw inputError('node.allocatable', 'needs cpu and memory');
  return {
    cpuMilli: atPath('node.allocatable.cpu', () => parseCpuMilli(a.cpu, 'cpu')),
    memoryBytes: atPath('node.allocatable.memory', () => parseMemoryBytes(a.memory, 'memory')),
  };
}

function parsePod(raw: unknown, path: string): ParsedPod {
  const o = expectObject(raw, path, 'a pod {name, requests, serviceTime, rps}');
  expectKeys(o, POD_KEYS, path);
  const name = expectName(o.name, join(path, 'name'));
  const r = expectObject(o.requests, join(path, 'requests'), 'requests {cpu, memory}');
  expectKeys(r, ['cpu', 'memory'], join(path, 'requests'));
  const requests = {
    cpuMilli: r.cpu === undefined ? 0 : atPath(join(path, 'requests', 'cpu'), () => parseCpuMilli(r.cpu, 'cpu')),
    memoryBytes: r.memory === undefined ? 0 : atPath(join(path, 'requests', 'memory'), () => parseMemoryBytes(r.memory, 'memory')),
  };
  const limits: ResourceLimits = {};
  if (o.limits !== undefined) {
    const l = expectObject(o.limits, join(path, 'limits'), 'limits {cpu?, memory?}');
    expectKeys(l, ['cpu', 'memory'], join(path, 'limits'));
    if (l.cpu !== undefined) limits.cpuMilli = atPath(join(path, 'limits', 'cpu'), () => parseCpuMilli(l.cpu, 'cpu'));
    if (l.memory !== undefined) limits.memoryBytes = atPath(join(path, 'limits', 'memory'), () => parseMemoryBytes(l.memory, 'memory'));
  }
  if (o.serviceTime === undefined) throw inputError(join(path, 'serviceTime'), 'missing: the mean time one request takes (e.g. "25ms")');
  const serviceSec = duration(o.serviceTime, join(path, 'serviceTime'), 0);
  if (!(serviceSec > 0)) throw inputError(join(path, 'serviceTime'), 'must be above 0');
  const concurrency = o.concurrency === undefined ? 1 : wholeNumber(o.concurrency, join(path, 'concurrency'), 1);
  if (typeof o.rps !== 'number' || !Number.isFinite(o.rps) || o.rps < 0) throw inputError(join(path, 'rps'), `must be the requests a second offered to the pod (0 or more), got ${describe(o.rps)}`);
  const usage = { ...defaultUsage(requests, concurrency, serviceSec) };
  if (o.usage !== undefined) {
    const u = expectObject(o.usage, join(path, 'usage'), 'usage {cpuPerRequest?, idleCpu?, memory?, memoryPerRequest?, memoryGrowthPerHour?}');
    expectKeys(u, USAGE_KEYS, join(path, 'usage'));
    const at = (k: string) => join(path, 'usage', k);
    if (u.cpuPerRequest !== undefined) usage.cpuSecPerRequest = duration(u.cpuPerRequest, at('cpuPerRequest'), 0);
    if (u.idleCpu !== undefined) usage.idleCpuMilli = atPath(at('idleCpu'), () => parseCpuMilli(u.idleCpu, 'idleCpu'));
    if (u.memory !== undefined) usage.memoryBytes = atPath(at('memory'), () => parseMemoryBytes(u.memory, 'memory'));
    if (u.memoryPerRequest !== undefined) usage.memoryBytesPerRequest = atPath(at('memoryPerRequest'), () => parseMemoryBytes(u.memoryPerRequest, 'memoryPerRequest'));
    if (u.memoryGrowthPerHour !== undefined) usage.memoryGrowthBytesPerHour = atPath(at('memoryGrowthPerHour'), () => parseMemoryBytes(u.memoryGrowthPerHour, 'memoryGrowthPerHour'));
  }
  const [violation] = limitViolations(requests, limits, usage.idleCpuMilli);
  if (violation) throw inputError(join(path, 'limits', violation.resource), violation.message);
  const pod: ParsedPod = {
    name,
    requests,
    limits,
    priority: o.priority === undefined ? 0 : integer(o.priority, join(path, 'priority')),
    naturalRps: concurrency / serviceSec,
    concurrency,
    rps: o.rps,
    usage,
    runningSec: duration(o.runningFor, join(path, 'runningFor'), 0),
  };
  if (o.lastBackOff !== undefined) {
    const b = expectObject(o.lastBackOff, join(path, 'lastBackOff'), 'the last back-off {delay, ago}');
    expectKeys(b, ['delay', 'ago'], join(path, 'lastBackOff'));
    pod.lastBackOff = { delaySec: duration(b.delay, join(path, 'lastBackOff', 'delay'), 0), agoSec: duration(b.ago, join(path, 'lastBackOff', 'ago'), 0) };
  }
  return pod;
}
