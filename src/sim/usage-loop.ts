/**
 * The usage model over time (decisions/usage). At every sample step, before the queues serve it,
 * each Ready pod wants cpu for the load it is offered; its cpu limit (CFS quota) and, on a node
 * whose pods want more cpu than it has, its cpu shares leave it less, and so it serves fewer
 * requests a second (`prepare`). After the queues have served the step, each pod's cpu and memory
 * working set follow from what it served (`observe`); a container over its memory limit is
 * OOM-killed, and a node whose pods use more memory than its allocatable evicts pods in the
 * kubelet's order. Those are applied after the step has been observed (`apply`).
 *
 * Without usage or limits in the scenario there is no physics (`physics` false): a pod at full
 * load uses its request, never more, so no limit or node is ever exceeded; the figures are still
 * computed when the observer asks for them, and nothing else changes.
 */
import type { Scenario, UsageSpec } from '../scenario/types.ts';
import { cpuDemandMilli, defaultUsage, workingSetBytes } from '../decisions/usage/model.ts';
import { cpuShares, shareNodeCpu } from '../decisions/usage/cpu-shares.ts';
import { throttledCapacityRps } from '../decisions/usage/throttling.ts';
import { crashLoopBackOffSec } from '../decisions/usage/crash-loop-backoff.ts';
import { memoryPressureVictims, type MemoryPressurePod } from '../decisions/usage/memory-pressure.ts';
import { EVICTION_PRESSURE_TRANSITION_SEC, MEMORY_PRESSURE_TAINT, NODE_PRESSURE_EVICTION_GRACE_SEC } from '../decisions/defaults.ts';
import type { ClusterState } from './cluster.ts';
import type { World } from './world.ts';
import { NodeState, PodPhase, type Node, type Pod } from './types.ts';
import type { ClusterUsageColumns, WorkloadUsageColumns } from './observer.ts';

/** Does any workload of the scenario say what it uses or what its limits are? */
export function hasUsageModel(scenario: Scenario): boolean {
  return scenario.workloads.some((w) => w.usage !== undefined || w.limits !== undefined);
}

/** A per-pod number, indexed by pod uid, grown as pods are created. */
class PodColumn {
  values = new Float64Array(256);
  fit(n: number): void {
    if (n <= this.values.length) return;
    const next = new Float64Array(Math.max(n, this.values.length * 2));
    next.set(this.values);
    this.values = next;
  }
}

export class UsageLoop {
  readonly workloads: WorkloadUsageColumns;
  readonly clusters: ClusterUsageColumns;
  /** by workload: its usage (the default where the scenario gives none), its limits (Infinity: none) */
  private readonly usages: UsageSpec[];
  private readonly limitCpuMilli: Float64Array;
  private readonly limitMemoryBytes: Float64Array;
  /** by (cluster, workload): the Ready pods' summed capacity this step, and whether a pod was held below its concurrency's */
  private readonly capacityRps: Float64Array;
  private readonly constrained: Uint8Array;
  /** restarts since the last step, by (cluster, workload) */
  private readonly restartsSince: Float64Array;
  /** by pod: what it can serve this step (req/s), its working set, when its last back-off began and how long it was */
  private readonly podCapacityRps = new PodColumn();
  private readonly podMemoryBytes = new PodColumn();
  private readonly podCpuMilli = new PodColumn();
  /** by pod: the cpu its node's shares leave it this step (Infinity when the node has enough) */
  private readonly podCpuShare = new PodColumn();
  private readonly backOffAt = new PodColumn();
  private readonly backOffSec = new PodColumn();
  /** by pod on one node (scratch, grown to the fullest node) */
  private want = new Float64Array(128);
  private weight = new Float64Array(128);
  private grant = new Float64Array(128);
  /** what `observe` found and `apply` does */
  private readonly kills: Pod[] = [];
  private readonly evictions: Pod[] = [];
  private readonly pressured: Node[] = [];
  /** nodes under the MemoryPressure condition (tainted), and when it lifts if no new pressure comes */
  private readonly pressureUntil = new Map<Node, number>();

  constructor(
    private readonly world: World,
    private readonly scenario: Scenario,
    /** are limits enforced and nodes shared (the scenario has usage or limits)? */
    readonly physics: boolean,
  ) {
    const nc = world.clusters.length;
    const nw = scenario.workloads.length;
    const perWorkload = () => new Float64Array(nc * nw);
    this.workloads = {
      cpuMilliMean: perWorkload(),
      cpuMilliMax: perWorkload(),
      memoryBytesMean: perWorkload(),
      memoryBytesMax: perWorkload(),
      throttledPods: perWorkload(),
      cpuSharedPods: perWorkload(),
      oomKills: perWorkload(),
      restarts: perWorkload(),
      evictions: perWorkload(),
    };
    this.clusters = { usedCpuMilli: new Float64Array(nc), usedMemoryBytes: new Float64Array(nc) };
    this.usages = scenario.workloads.map((w) => w.usage ?? defaultUsage(w.requests, w.concurrency, w.serviceTime.meanSec));
    this.limitCpuMilli = Float64Array.from(scenario.workloads, (w) => w.limits?.cpuMilli ?? Infinity);
    this.limitMemoryBytes = Float64Array.from(scenario.workloads, (w) => w.limits?.memoryBytes ?? Infinity);
    this.capacityRps = perWorkload();
    this.constrained = new Uint8Array(nc * nw);
    this.restartsSince = perWorkload();
    world.onContainerRestart = (pod) => {
      if (pod.owner.kind === 'workload') this.restartsSince[pod.cluster * nw + pod.owner.index]++;
    };
  }

  /**
   * Before the queues serve the step: what each Ready pod of the cluster can serve, given the load
   * `offeredRps(wi)` its workload's pods are offered each, its cpu limit and its node's cpu.
   */
  prepare(c: ClusterState, offeredRps: (wi: number) => number): void {
    const nw = this.scenario.workloads.length;
    const base = c.index * nw;
    const w = this.workloads;
    this.podCapacityRps.fit(this.world.pods.length);
    this.podCpuShare.fit(this.world.pods.length);
    const share = this.podCpuShare.values;
    for (let wi = 0; wi < nw; wi++) {
      this.capacityRps[base + wi] = 0;
      this.constrained[base + wi] = 0;
      w.throttledPods[base + wi] = 0;
      w.cpuSharedPods[base + wi] = 0;
    }
    if (!this.physics) return;
    const cap = this.podCapacityRps.values;
    for (const node of c.nodes) {
      if (node.state !== NodeState.Ready && node.state !== NodeState.Draining) continue;
      const pods = node.info.pods;
      const n = pods.length;
      if (n > this.want.length) this.growScratch(n);
      const { want, weight, grant } = this;
      // what each pod on the node wants: Ready workload pods their load's cpu (at most their limit)
      for (let j = 0; j < n; j++) {
        const pod = this.world.pods[pods[j].uid];
        weight[j] = cpuShares(pod.info.cpuMilli);
        want[j] = this.podCpuWantMilli(pod, offeredRps);
      }
      const short = shareNodeCpu(want, weight, n, node.info.allocCpuMilli, grant);
      for (let j = 0; j < n; j++) {
        const pod = this.world.pods[pods[j].uid];
        share[pod.uid] = short && grant[j] < want[j] ? grant[j] : Infinity;
        if (pod.phase !== PodPhase.Ready || pod.owner.kind !== 'workload') continue;
        const wi = pod.owner.index;
        const usage = this.usages[wi];
        const natural = naturalRps(pod, this.scenario);
        const limit = this.limitCpuMilli[wi];
        const starved = short && grant[j] < want[j];
        const cpuMilli = starved ? grant[j] : limit;
        const podRps = cpuMilli === Infinity ? natural : throttledCapacityRps(natural, cpuMilli, usage);
        cap[pod.uid] = podRps;
        this.capacityRps[base + wi] += podRps;
        if (podRps < natural) this.constrained[base + wi] = 1;
        if (cpuDemandMilli(usage, Math.min(offeredRps(wi), natural)) > limit) w.throttledPods[base + wi]++;
        if (starved) w.cpuSharedPods[base + wi]++;
      }
    }
  }

  /**
   * The service rate the queue of (cluster, workload) serves at with `servers` servers when its
   * pods were held below their concurrency's capacity this step; NaN when they were not (the
   * queue keeps the rate it would have had without usage).
   */
  constrainedMu(i: number, servers: number): number {
    if (!this.physics || this.constrained[i] === 0 || servers <= 0) return NaN;
    return this.capacityRps[i] / servers;
  }

  /**
   * After the queues served the step: each Ready pod's cpu and working set from what it served
   * (`servedRps(wi)`, the workload's in the cluster; its pods share it by their capacity), the
   * workload's figures, the nodes' use; and, with physics, which containers are over their memory
   * limit and which pods node-pressure eviction takes.
   */
  observe(c: ClusterState, servedRps: (wi: number) => number): void {
    const { world, scenario } = this;
    const nw = scenario.workloads.length;
    const base = c.index * nw;
    const w = this.workloads;
    const now = world.now;
    this.podMemoryBytes.fit(world.pods.length);
    this.podCpuMilli.fit(world.pods.length);
    const mem = this.podMemoryBytes.values;
    const cpus = this.podCpuMilli.values;
    const cap = this.podCapacityRps.values;
    for (let wi = 0; wi < nw; wi++) {
      const i = base + wi;
      const dep = c.workloads[wi];
      const usage = this.usages[wi];
      const physics = this.physics;
      const served = servedRps(wi);
      let total = physics ? this.capacityRps[i] : 0;
      if (!physics) for (const pod of dep.pods) if (pod.phase === PodPhase.Ready) total += naturalRps(pod, scenario);
      let cpuSum = 0;
      let cpuMax = 0;
      let memSum = 0;
      let memMax = 0;
      let ready = 0;
      for (const pod of dep.pods) {
        if (pod.phase !== PodPhase.Ready) continue;
        const podCap = physics ? cap[pod.uid] : naturalRps(pod, scenario);
        const podServed = total > 0 ? (served * podCap) / total : 0;
        // busy servers: the share of its capacity in use, times its concurrency
        const inFlight = podCap > 0 ? (concurrencyOf(pod, scenario) * podServed) / podCap : 0;
        const cpu = Math.min(cpuDemandMilli(usage, podServed), this.cpuCapMilli(pod));
        const memory = workingSetBytes(usage, inFlight, now - pod.readyAt);
        mem[pod.uid] = memory;
        cpus[pod.uid] = cpu;
        ready++;
        cpuSum += cpu;
        memSum += memory;
        if (cpu > cpuMax) cpuMax = cpu;
        if (memory > memMax) memMax = memory;
        if (physics && memory > this.limitMemoryBytes[wi]) this.kills.push(pod);
      }
      w.cpuMilliMean[i] = ready > 0 ? cpuSum / ready : 0;
      w.cpuMilliMax[i] = cpuMax;
      w.memoryBytesMean[i] = ready > 0 ? memSum / ready : 0;
      w.memoryBytesMax[i] = memMax;
      w.oomKills[i] = 0;
      w.evictions[i] = 0;
      w.restarts[i] = this.restartsSince[i];
      this.restartsSince[i] = 0;
    }
    for (const pod of this.kills) if (pod.cluster === c.index) w.oomKills[base + pod.owner.index]++;
    this.observeNodes(c);
  }

  /** The nodes' use of cpu and memory, and what memory pressure evicts. */
  private observeNodes(c: ClusterState): void {
    const nw = this.scenario.workloads.length;
    let usedCpu = 0;
    let usedMemory = 0;
    for (const node of c.nodes) {
      if (node.state !== NodeState.Ready && node.state !== NodeState.Draining) continue;
      let nodeMemory = 0;
      for (const info of node.info.pods) {
        const pod = this.world.pods[info.uid];
        const memory = this.podMemory(pod);
        nodeMemory += memory;
        if (node.state === NodeState.Ready) {
          usedMemory += memory;
          usedCpu += this.podCpu(pod);
        }
      }
      if (this.physics && nodeMemory > node.info.allocMemoryBytes) {
        this.pressured.push(node);
        this.pressure(node, nodeMemory, base(c, nw));
      }
    }
    this.clusters.usedCpuMilli[c.index] = usedCpu;
    this.clusters.usedMemoryBytes[c.index] = usedMemory;
  }

  /** Node-pressure eviction on a node using `usedBytes` of memory (decisions/usage/memory-pressure.ts). */
  private pressure(node: Node, usedBytes: number, wBase: number): void {
    const candidates: MemoryPressurePod[] = [];
    const pods: Pod[] = [];
    for (const info of node.info.pods) {
      const pod = this.world.pods[info.uid];
      const usageBytes = this.podMemory(pod);
      // node agents (DaemonSet pods) are critical: the kubelet does not evict them
      if (usageBytes <= 0 || pod.owner.kind === 'daemonset') continue;
      candidates.push({ usageBytes, requestBytes: pod.info.memoryBytes, priority: pod.info.priority });
      pods.push(pod);
    }
    for (const v of memoryPressureVictims(candidates, usedBytes, node.info.allocMemoryBytes)) {
      const pod = pods[v];
      this.evictions.push(pod);
      if (pod.owner.kind === 'workload') this.workloads.evictions[wBase + pod.owner.index]++;
    }
  }

  /** After the step was observed: OOM kills (restart after the back-off), then evictions (the Deployment replaces the pod). */
  apply(): void {
    const { world } = this;
    const now = world.now;
    for (const pod of this.kills) {
      this.backOffAt.fit(world.pods.length);
      this.backOffSec.fit(world.pods.length);
      const delay = crashLoopBackOffSec(this.backOffSec.values[pod.uid], now - this.backOffAt.values[pod.uid]);
      this.backOffAt.values[pod.uid] = now;
      this.backOffSec.values[pod.uid] = delay;
      world.killContainer(pod, delay);
      world.log.add({
        time_s: now,
        cluster: world.clusters[pod.cluster].name,
        kind: 'Pod',
        reason: 'OOMKilled',
        object: pod.info.name,
        message: `container of ${pod.info.name} went over its memory limit and was killed; back-off ${delay}s restarting it`,
        node: pod.node?.name,
      });
    }
    for (const pod of this.evictions) {
      if (pod.phase === PodPhase.Terminating || pod.phase === PodPhase.Gone) continue;
      world.log.add({
        time_s: now,
        cluster: world.clusters[pod.cluster].name,
        kind: 'Pod',
        reason: 'Evicted',
        object: pod.info.name,
        message: `The node was low on resource: memory. ${pod.info.name} evicted from ${pod.node?.name ?? 'its node'}`,
        node: pod.node?.name,
      });
      world.deletePod(pod, NODE_PRESSURE_EVICTION_GRACE_SEC);
    }
    this.kills.length = 0;
    this.evictions.length = 0;
    if (this.pressured.length > 0 || this.pressureUntil.size > 0) this.applyPressureCondition(now);
  }

  /** The MemoryPressure taint: on while a node is pressed and for the transition period after, so no new pod lands there meanwhile. */
  private applyPressureCondition(now: number): void {
    for (const node of this.pressured) {
      if (!this.pressureUntil.has(node)) node.info.taints = [...(node.info.taints ?? []), MEMORY_PRESSURE_TAINT];
      this.pressureUntil.set(node, now + EVICTION_PRESSURE_TRANSITION_SEC);
    }
    this.pressured.length = 0;
    for (const [node, until] of this.pressureUntil) {
      if (now < until && node.state !== NodeState.Removed) continue;
      const rest = (node.info.taints ?? []).filter((t) => t !== MEMORY_PRESSURE_TAINT);
      if (rest.length > 0) node.info.taints = rest;
      else delete node.info.taints;
      this.pressureUntil.delete(node);
      if (node.state === NodeState.Ready) this.world.requestSchedule(this.world.clusters[node.cluster]);
    }
  }

  /** cpu a pod on a node wants this step: a Ready workload pod its offered load's (at most its limit). */
  private podCpuWantMilli(pod: Pod, offeredRps: (wi: number) => number): number {
    const owner = pod.owner;
    if (owner.kind === 'placeholder') return 0;
    if (owner.kind === 'daemonset') return pod.info.cpuMilli;
    if (!this.isRunning(pod)) return 0;
    const wi = owner.index;
    const usage = this.usages[wi];
    const rps = pod.phase === PodPhase.Ready ? Math.min(offeredRps(wi), naturalRps(pod, this.scenario)) : 0;
    return Math.min(cpuDemandMilli(usage, rps), this.limitCpuMilli[wi]);
  }

  /** cpu a pod used this step (after `observe` worked out its workload's pods). */
  private podCpu(pod: Pod): number {
    const owner = pod.owner;
    if (owner.kind === 'placeholder') return 0;
    if (owner.kind === 'daemonset') return pod.info.cpuMilli;
    if (!this.isRunning(pod)) return 0;
    if (pod.phase === PodPhase.Ready) return this.podCpuMilli.values[pod.uid];
    return Math.min(this.usages[owner.index].idleCpuMilli, this.cpuCapMilli(pod));
  }

  /** The most cpu a workload pod could use this step: its limit, or less on a short node. */
  private cpuCapMilli(pod: Pod): number {
    const limit = this.limitCpuMilli[pod.owner.index];
    if (!this.physics) return limit;
    const share = this.podCpuShare.values[pod.uid];
    return share < limit ? share : limit;
  }

  /** A pod's working set now: placeholders (pause containers) none, DaemonSet pods their request. */
  private podMemory(pod: Pod): number {
    const owner = pod.owner;
    if (owner.kind === 'placeholder') return 0;
    if (owner.kind === 'daemonset') return pod.info.memoryBytes;
    if (!this.isRunning(pod)) return 0;
    if (pod.phase === PodPhase.Ready) return this.podMemoryBytes.values[pod.uid];
    return this.usages[owner.index].memoryBytes;
  }

  /** Is the pod's container running (not waiting out a back-off, not just killed, not terminating)? */
  private isRunning(pod: Pod): boolean {
    if (pod.phase === PodPhase.Terminating || pod.phase === PodPhase.Gone || pod.phase === PodPhase.Pending) return false;
    if (this.kills.includes(pod)) return false;
    const uid = pod.uid;
    if (uid < this.backOffAt.values.length && this.backOffSec.values[uid] > 0) {
      if (this.world.now < this.backOffAt.values[uid] + this.backOffSec.values[uid]) return false;
    }
    return true;
  }

  private growScratch(n: number): void {
    const size = Math.max(n, this.want.length * 2);
    this.want = new Float64Array(size);
    this.weight = new Float64Array(size);
    this.grant = new Float64Array(size);
  }
}

function base(c: ClusterState, nw: number): number {
  return c.index * nw;
}

/** Requests a second a pod serves at most: its revision's (or workload's) concurrency / mean service time. */
function naturalRps(pod: Pod, scenario: Scenario): number {
  const r = pod.replicaSet?.revision ?? pod.owner.revision;
  if (r) return r.concurrency / r.serviceMeanSec;
  const wl = scenario.workloads[pod.owner.index];
  return wl.concurrency / wl.serviceTime.meanSec;
}

function concurrencyOf(pod: Pod, scenario: Scenario): number {
  const r = pod.replicaSet?.revision ?? pod.owner.revision;
  return r ? r.concurrency : scenario.workloads[pod.owner.index].concurrency;
}
