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
import type { ClusterState } from './cluster.ts';
import { ContainerBackOff } from './container-back-off.ts';
import { NodePressure } from './node-pressure.ts';
import { PodColumn } from './pod-column.ts';
import { concurrencyOf, cordonedOrNotReadyNodes, naturalRpsOf } from './pod-rates.ts';
import { addTimes } from './repeated-sum.ts';
import type { World } from './world.ts';
import { NodeState, PodPhase, type Deployment, type Node, type Pod } from './types.ts';
import type { ClusterUsageColumns, WorkloadUsageColumns } from './observer.ts';

/** Does any workload of the scenario say what it uses or what its limits are? */
export function hasUsageModel(scenario: Scenario): boolean {
  return scenario.workloads.some((w) => w.usage !== undefined || w.limits !== undefined);
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
  /** by workload, for its own template this step: requests a second at full concurrency, the cpu a Ready pod wants, what it can serve under its limit, whether it is throttled */
  private readonly naturalRps: Float64Array;
  private readonly wantMilli: Float64Array;
  private readonly capRps: Float64Array;
  private readonly throttled: Uint8Array;
  /** counts the prepare calls: a per-pod value written under the current stamp is this step's */
  private stamp = 0;
  /** by pod, on a short node this step (under `stamp`): what it can serve (req/s) and the cpu it gets */
  private readonly podCapStamp = new PodColumn();
  private readonly podCapacityRps = new PodColumn();
  /** by pod: its working set and its cpu, and on a short node the cpu its shares got it */
  private readonly podMemoryBytes = new PodColumn();
  private readonly podCpuMilli = new PodColumn();
  private readonly podCpuShare = new PodColumn();
  /** OOM-killed containers and their restart back-off; node-pressure evictions and taints */
  private readonly backOff: ContainerBackOff;
  private readonly nodePressure: NodePressure;
  private readonly memoryOf = (pod: Pod): number => this.podMemory(pod);
  /** by pod on one node (scratch, grown to the fullest node) */
  private want = new Float64Array(128);
  private weight = new Float64Array(128);
  private grant = new Float64Array(128);
  /** by (cluster, workload): pods a short node held back this step; and, when `observeAlike` covered its pods (under `stamp`), the cpu and working set each Ready pod has */
  private readonly sharedPods: Float64Array;
  private readonly alikeAt: Float64Array;
  private readonly alikeCpuMilli: Float64Array;
  private readonly alikeMemoryBytes: Float64Array;
  /** `observe`'s running sums over the cluster, and its pod counts (made once) */
  private readonly acc = { usedCpu: 0, usedMemory: 0, mayPress: false };
  private readonly counts: PodCounts = { ready: 0, readyOnReadyNode: 0, startingOnReadyNode: 0 };
  /** by (node uid, workload): the workload's Ready pods on the node, kept as pods become and stop being Ready */
  private readyOnNode = new Int32Array(1024);
  /** the containers `observe` found over their memory limit, which `apply` kills */
  private readonly kills: Pod[] = [];

  constructor(
    private readonly world: World,
    private readonly scenario: Scenario,
    /** are limits enforced and nodes shared (the scenario has usage or limits)? */
    readonly physics: boolean,
  ) {
    const nc = world.clusters.length;
    const nw = scenario.workloads.length;
    this.backOff = new ContainerBackOff(world);
    this.nodePressure = new NodePressure(world);
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
    this.naturalRps = Float64Array.from(scenario.workloads, (w) => w.concurrency / w.serviceTime.meanSec);
    this.wantMilli = new Float64Array(nw);
    this.capRps = new Float64Array(nw);
    this.throttled = new Uint8Array(nw);
    this.constrained = new Uint8Array(nc * nw);
    this.restartsSince = perWorkload();
    this.sharedPods = perWorkload();
    this.alikeAt = perWorkload();
    this.alikeCpuMilli = perWorkload();
    this.alikeMemoryBytes = perWorkload();
    world.onReadyChange = (pod, delta) => this.countReady(pod, delta);
    // the pods Ready before the model was made (the run's initial pods)
    for (const c of world.clusters) for (const dep of c.workloads) for (const pod of dep.pods) if (pod.phase === PodPhase.Ready) this.countReady(pod, 1);
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
    this.stamp++;
    for (let wi = 0; wi < nw; wi++) {
      this.capacityRps[base + wi] = 0;
      this.constrained[base + wi] = 0;
      w.throttledPods[base + wi] = 0;
      w.cpuSharedPods[base + wi] = 0;
      this.sharedPods[base + wi] = 0;
    }
    if (!this.physics) return;
    // what a Ready pod of each workload's own template wants of cpu and can serve: the same for
    // every such pod, so the nodes with cpu enough cost one sum each
    // while every pod wants at most its request, no node can be short (the scheduler fits requests)
    let mayBeShort = false;
    for (let wi = 0; wi < nw; wi++) {
      const usage = this.usages[wi];
      const limit = this.limitCpuMilli[wi];
      const natural = this.naturalRps[wi];
      const demand = cpuDemandMilli(usage, Math.min(offeredRps(wi), natural));
      this.wantMilli[wi] = Math.min(demand, limit);
      this.capRps[wi] = limit === Infinity ? natural : throttledCapacityRps(natural, limit, usage);
      this.throttled[wi] = demand > limit ? 1 : 0;
      const request = this.scenario.workloads[wi].requests.cpuMilli;
      const dep = c.workloads[wi];
      if (this.wantMilli[wi] > request || usage.idleCpuMilli > request || dep.replicaSets !== undefined || dep.revision !== undefined) mayBeShort = true;
    }
    const bounded = mayBeShort && this.wantIsBounded(c);
    for (const node of mayBeShort ? c.nodes : []) {
      if (node.state !== NodeState.Ready && node.state !== NodeState.Draining) continue;
      if (bounded && this.cannotBeShort(node, c)) continue;
      const pods = node.info.pods;
      let wanted = 0;
      for (let j = 0; j < pods.length; j++) wanted += this.podCpuWantMilli(this.world.pods[pods[j].uid], offeredRps);
      if (wanted > node.info.allocCpuMilli) this.shareShortNode(node, base, offeredRps);
    }
    for (let wi = 0; wi < nw; wi++) {
      const dep = c.workloads[wi];
      const i = base + wi;
      if (dep.replicaSets === undefined && dep.revision === undefined) {
        // the pods a short node held back were taken off in shareShortNode
        this.capacityRps[i] += dep.readyCount * this.capRps[wi];
        if (this.throttled[wi] === 1) w.throttledPods[i] = dep.readyCount;
        if (this.capRps[wi] < this.naturalRps[wi] || w.cpuSharedPods[i] > 0) this.constrained[i] = 1;
        continue;
      }
      // pods of other revisions serve at their own rates: pod by pod
      for (const pod of dep.pods) {
        if (pod.phase !== PodPhase.Ready) continue;
        const natural = naturalRpsOf(pod, this.scenario);
        const podRps = this.capacityOf(pod);
        if (podRps < natural) this.constrained[i] = 1;
        if (cpuDemandMilli(this.usages[wi], Math.min(offeredRps(wi), natural)) > this.limitCpuMilli[wi]) w.throttledPods[i]++;
        if (this.podCapStamp.values[pod.uid] !== this.stamp) this.capacityRps[i] += podRps;
      }
    }
  }

  /**
   * Whether every pod of the cluster that is not a Ready pod of a workload's own template wants at
   * most its request: a starting container wants its idle cpu, a DaemonSet pod its request, the
   * others nothing. Then a node's want is at most its Ready workload pods' (counted) plus the
   * other pods' requests, and `cannotBeShort` may skip the node's pods.
   */
  private wantIsBounded(c: ClusterState): boolean {
    const nw = this.scenario.workloads.length;
    for (let wi = 0; wi < nw; wi++) {
      const dep = c.workloads[wi];
      if (dep.replicaSets !== undefined || dep.revision !== undefined) return false;
      if (Math.min(this.usages[wi].idleCpuMilli, this.limitCpuMilli[wi]) > dep.template.cpuMilli) return false;
    }
    return this.kills.length === 0;
  }

  /** The node's pods want less cpu than it has, however they are ordered: its Ready workload pods want their workload's, the others at most their requests. */
  private cannotBeShort(node: Node, c: ClusterState): boolean {
    const nw = this.scenario.workloads.length;
    const at = node.uid * nw;
    let want = 0;
    let requested = 0;
    for (let wi = 0; wi < nw; wi++) {
      const n = at + wi < this.readyOnNode.length ? this.readyOnNode[at + wi] : 0;
      if (n === 0) continue;
      want += n * this.wantMilli[wi];
      requested += n * c.workloads[wi].template.cpuMilli;
    }
    const upper = want + (node.info.reqCpuMilli - requested);
    // a margin far above the rounding of either sum, so the pod-by-pod sum would agree
    return upper < node.info.allocCpuMilli * (1 - 1e-9);
  }

  private countReady(pod: Pod, delta: number): void {
    if (pod.owner.kind !== 'workload' || pod.node === null) return;
    const slot = pod.node.uid * this.scenario.workloads.length + pod.owner.index;
    if (slot >= this.readyOnNode.length) this.growReadyOnNode(slot + 1);
    this.readyOnNode[slot] += delta;
  }

  private growReadyOnNode(n: number): void {
    const next = new Int32Array(Math.max(n, this.readyOnNode.length * 2));
    next.set(this.readyOnNode);
    this.readyOnNode = next;
  }

  /** A node whose pods want more cpu than it has: cpu shares decide what each gets, and so what it serves. */
  private shareShortNode(node: Node, base: number, offeredRps: (wi: number) => number): void {
    const pods = node.info.pods;
    const n = pods.length;
    if (n > this.want.length) this.growScratch(n);
    const { want, weight, grant } = this;
    for (let j = 0; j < n; j++) {
      const pod = this.world.pods[pods[j].uid];
      weight[j] = cpuShares(pod.info.cpuMilli);
      want[j] = this.podCpuWantMilli(pod, offeredRps);
    }
    shareNodeCpu(want, weight, n, node.info.allocCpuMilli, grant);
    const len = this.world.pods.length;
    this.podCapacityRps.fit(len);
    this.podCpuShare.fit(len);
    this.podCapStamp.fit(len);
    for (let j = 0; j < n; j++) {
      if (!(grant[j] < want[j])) continue;
      const pod = this.world.pods[pods[j].uid];
      const uid = pod.uid;
      if (pod.owner.kind === 'workload') this.sharedPods[base + pod.owner.index]++;
      this.podCpuShare.values[uid] = grant[j];
      this.podCapStamp.values[uid] = this.stamp;
      if (pod.phase !== PodPhase.Ready || pod.owner.kind !== 'workload') {
        this.podCapacityRps.values[uid] = 0;
        continue;
      }
      const wi = pod.owner.index;
      const own = pod.replicaSet === undefined && pod.owner.revision === undefined;
      const podRps = throttledCapacityRps(naturalRpsOf(pod, this.scenario), grant[j], this.usages[wi]);
      this.podCapacityRps.values[uid] = podRps;
      // a pod of the workload's own template is counted at its full rate with the others: take the difference
      this.capacityRps[base + wi] += own ? podRps - this.capRps[wi] : podRps;
      this.workloads.cpuSharedPods[base + wi]++;
    }
  }

  /** What a Ready workload pod can serve this step: held back on a short node, else at its limit or concurrency. */
  private capacityOf(pod: Pod): number {
    if (this.physics && pod.uid < this.podCapStamp.values.length && this.podCapStamp.values[pod.uid] === this.stamp) return this.podCapacityRps.values[pod.uid];
    const wi = pod.owner.index;
    if (pod.replicaSet === undefined && pod.owner.revision === undefined) return this.physics ? this.capRps[wi] : this.naturalRps[wi];
    const natural = naturalRpsOf(pod, this.scenario);
    const limit = this.limitCpuMilli[wi];
    return !this.physics || limit === Infinity ? natural : throttledCapacityRps(natural, limit, this.usages[wi]);
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
    const nw = this.scenario.workloads.length;
    const base = c.index * nw;
    const w = this.workloads;
    this.podMemoryBytes.fit(this.world.pods.length);
    this.podCpuMilli.fit(this.world.pods.length);
    // what the workload pods on Ready nodes use, and whether any node could be over its memory
    const acc = this.acc;
    acc.usedCpu = 0;
    acc.usedMemory = 0;
    acc.mayPress = false;
    for (let wi = 0; wi < nw; wi++) {
      const i = base + wi;
      const served = servedRps(wi);
      if (!this.observeAlike(c, wi, served)) this.observePods(c, wi, served);
      w.oomKills[i] = 0;
      w.evictions[i] = 0;
      w.restarts[i] = this.restartsSince[i];
      this.restartsSince[i] = 0;
    }
    for (const pod of this.kills) if (pod.cluster === c.index) w.oomKills[base + pod.owner.index]++;
    if (c.daemonSets.length > 0 || this.kills.length > 0 || (this.physics && acc.mayPress)) {
      // node by node: DaemonSet pods count, and a node may be over its memory
      this.observeNodes(c);
      return;
    }
    this.clusters.usedCpuMilli[c.index] = acc.usedCpu;
    this.clusters.usedMemoryBytes[c.index] = acc.usedMemory;
  }

  /**
   * The common case, without a per-pod value: every Ready pod of (cluster, workload) runs the
   * workload's own template and got all the cpu it wanted, and its working set does not grow with
   * time, so all of them serve, use and hold the same; no container goes over its memory limit.
   * The sums are the per-pod loop's additions in its order (the same value added once per pod),
   * so the figures are bit for bit what `observePods` makes. False, having changed nothing, when
   * the case does not hold.
   */
  private observeAlike(c: ClusterState, wi: number, served: number): boolean {
    const i = c.index * this.scenario.workloads.length + wi;
    const dep = c.workloads[wi];
    const usage = this.usages[wi];
    const physics = this.physics;
    if (dep.replicaSets !== undefined || dep.revision !== undefined || usage.memoryGrowthBytesPerHour !== 0) return false;
    if (physics && this.sharedPods[i] > 0) return false;
    const limit = this.limitCpuMilli[wi];
    // what each Ready pod serves, uses and holds (observePods' arithmetic for one such pod)
    const podCap = physics ? this.capRps[wi] : this.naturalRps[wi];
    const { ready, readyOnReadyNode, startingOnReadyNode } = this.countPods(c, dep);
    const total = physics ? this.capacityRps[i] : addTimes(0, podCap, ready);
    const podServed = total > 0 ? (served * podCap) / total : 0;
    const inFlight = podCap > 0 ? (this.scenario.workloads[wi].concurrency * podServed) / podCap : 0;
    const cpu = Math.min(cpuDemandMilli(usage, podServed), limit);
    const memory = workingSetBytes(usage, inFlight, 0);
    if (physics && memory > this.limitMemoryBytes[wi]) return false;
    // a starting container uses its idle cpu and base memory: the sums stay sums of one value only if those add nothing, or the same
    const startingCpu = Math.min(usage.idleCpuMilli, limit);
    if (startingOnReadyNode > 0 && (startingCpu !== 0 || usage.memoryBytes !== memory)) return false;
    const acc = this.acc;
    acc.usedCpu = addTimes(acc.usedCpu, cpu, readyOnReadyNode);
    acc.usedMemory = addTimes(acc.usedMemory, memory, readyOnReadyNode + startingOnReadyNode);
    const w = this.workloads;
    w.cpuMilliMean[i] = ready > 0 ? addTimes(0, cpu, ready) / ready : 0;
    w.cpuMilliMax[i] = ready > 0 && cpu > 0 ? cpu : 0;
    w.memoryBytesMean[i] = ready > 0 ? addTimes(0, memory, ready) / ready : 0;
    const memMax = ready > 0 && memory > 0 ? memory : 0;
    w.memoryBytesMax[i] = memMax;
    const request = this.scenario.workloads[wi].requests.memoryBytes;
    if (usage.memoryBytes > request || memMax > request) acc.mayPress = true;
    this.alikeAt[i] = this.stamp;
    this.alikeCpuMilli[i] = cpu;
    this.alikeMemoryBytes[i] = memory;
    return true;
  }

  /**
   * Ready pods, of them those on a Ready node, and starting pods on a Ready node whose container
   * runs. From the Deployment's counts while every node that holds pods is Ready (a pod that is
   * not pending is bound) and no container waits out a back-off; else pod by pod.
   */
  private countPods(c: ClusterState, dep: Deployment): PodCounts {
    const n = this.counts;
    if (this.world.now >= this.backOff.endsAt && cordonedOrNotReadyNodes(c) === 0) {
      n.ready = dep.readyCount;
      n.readyOnReadyNode = dep.readyCount;
      n.startingOnReadyNode = dep.pods.length - dep.readyCount - dep.pendingCount;
      return n;
    }
    n.ready = 0;
    n.readyOnReadyNode = 0;
    n.startingOnReadyNode = 0;
    const pods = dep.pods;
    for (let j = 0; j < pods.length; j++) {
      const pod = pods[j];
      const phase = pod.phase;
      if (phase === PodPhase.Ready) {
        n.ready++;
        if (pod.node?.state === NodeState.Ready) n.readyOnReadyNode++;
      } else if (phase === PodPhase.Starting && pod.node?.state === NodeState.Ready && this.isRunning(pod)) n.startingOnReadyNode++;
    }
    return n;
  }

  /** Pod by pod: pods of other revisions, pods a busy node held back, working sets that grow, containers over their memory limit. */
  private observePods(c: ClusterState, wi: number, served: number): void {
    const { world, scenario } = this;
    const i = c.index * scenario.workloads.length + wi;
    const w = this.workloads;
    const now = world.now;
    const mem = this.podMemoryBytes.values;
    const cpus = this.podCpuMilli.values;
    const acc = this.acc;
    const dep = c.workloads[wi];
    const usage = this.usages[wi];
    const physics = this.physics;
    let total = physics ? this.capacityRps[i] : 0;
    if (!physics) for (const pod of dep.pods) if (pod.phase === PodPhase.Ready) total += this.capacityOf(pod);
    let cpuSum = 0;
    let cpuMax = 0;
    let memSum = 0;
    let memMax = 0;
    let ready = 0;
    const request = scenario.workloads[wi].requests.memoryBytes;
    if (usage.memoryBytes > request || dep.replicaSets !== undefined || dep.revision !== undefined) acc.mayPress = true;
    for (const pod of dep.pods) {
      if (pod.phase !== PodPhase.Ready) {
        if (pod.phase === PodPhase.Starting && pod.node?.state === NodeState.Ready && this.isRunning(pod)) {
          acc.usedCpu += this.podCpu(pod);
          acc.usedMemory += usage.memoryBytes;
        }
        continue;
      }
      const podCap = this.capacityOf(pod);
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
      if (pod.node?.state === NodeState.Ready) {
        acc.usedCpu += cpu;
        acc.usedMemory += memory;
      }
    }
    if (memMax > request) acc.mayPress = true;
    w.cpuMilliMean[i] = ready > 0 ? cpuSum / ready : 0;
    w.cpuMilliMax[i] = cpuMax;
    w.memoryBytesMean[i] = ready > 0 ? memSum / ready : 0;
    w.memoryBytesMax[i] = memMax;
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
        for (const pod of this.nodePressure.press(node, nodeMemory, this.memoryOf)) if (pod.owner.kind === 'workload') this.workloads.evictions[c.index * nw + pod.owner.index]++;
      }
    }
    this.clusters.usedCpuMilli[c.index] = usedCpu;
    this.clusters.usedMemoryBytes[c.index] = usedMemory;
  }

  /** What the running pods on a node use of memory now (after this step's kills and evictions). */
  nodeMemoryBytes(node: Node): number {
    let used = 0;
    for (const info of node.info.pods) used += this.podMemory(this.world.pods[info.uid]);
    return used;
  }

  /** After the step was observed: OOM kills (restart after the back-off), then evictions (the Deployment replaces the pod). */
  apply(): void {
    for (const pod of this.kills) this.backOff.kill(pod);
    this.kills.length = 0;
    this.nodePressure.apply();
  }

  /** cpu a pod on a node wants this step: a Ready workload pod its offered load's (at most its limit). */
  private podCpuWantMilli(pod: Pod, offeredRps: (wi: number) => number): number {
    const owner = pod.owner;
    if (owner.kind === 'placeholder') return 0;
    if (owner.kind === 'daemonset') return pod.info.cpuMilli;
    const wi = owner.index;
    if (pod.phase === PodPhase.Ready && this.kills.length === 0 && pod.replicaSet === undefined && owner.revision === undefined) return this.wantMilli[wi];
    if (!this.isRunning(pod)) return 0;
    const rps = pod.phase === PodPhase.Ready ? Math.min(offeredRps(wi), naturalRpsOf(pod, this.scenario)) : 0;
    return Math.min(cpuDemandMilli(this.usages[wi], rps), this.limitCpuMilli[wi]);
  }

  /** cpu a pod used this step (after `observe` worked out its workload's pods). */
  private podCpu(pod: Pod): number {
    const owner = pod.owner;
    if (owner.kind === 'placeholder') return 0;
    if (owner.kind === 'daemonset') return pod.info.cpuMilli;
    if (!this.isRunning(pod)) return 0;
    if (pod.phase === PodPhase.Ready) return this.alikeAt[this.slotOf(pod)] === this.stamp ? this.alikeCpuMilli[this.slotOf(pod)] : this.podCpuMilli.values[pod.uid];
    return Math.min(this.usages[owner.index].idleCpuMilli, this.cpuCapMilli(pod));
  }

  /** The most cpu a workload pod could use this step: its limit, or less on a short node. */
  private cpuCapMilli(pod: Pod): number {
    const limit = this.limitCpuMilli[pod.owner.index];
    if (!this.physics || !(pod.uid < this.podCapStamp.values.length && this.podCapStamp.values[pod.uid] === this.stamp)) return limit;
    const share = this.podCpuShare.values[pod.uid];
    return share < limit ? share : limit;
  }

  /** A pod's working set now: placeholders (pause containers) none, DaemonSet pods their request. */
  private podMemory(pod: Pod): number {
    const owner = pod.owner;
    if (owner.kind === 'placeholder') return 0;
    if (owner.kind === 'daemonset') return pod.info.memoryBytes;
    if (!this.isRunning(pod)) return 0;
    if (pod.phase === PodPhase.Ready) return this.alikeAt[this.slotOf(pod)] === this.stamp ? this.alikeMemoryBytes[this.slotOf(pod)] : this.podMemoryBytes.values[pod.uid];
    return this.usages[owner.index].memoryBytes;
  }

  /** Is the pod's container running (not waiting out a back-off, not just killed, not terminating)? */
  private isRunning(pod: Pod): boolean {
    // a Ready pod's container runs, unless this step just killed it
    if (pod.phase === PodPhase.Ready) return this.kills.length === 0 || !this.kills.includes(pod);
    return pod.phase === PodPhase.Starting && !this.backOff.isWaiting(pod);
  }

  /** (cluster, workload) of a workload pod */
  private slotOf(pod: Pod): number {
    return pod.cluster * this.scenario.workloads.length + pod.owner.index;
  }

  private growScratch(n: number): void {
    const size = Math.max(n, this.want.length * 2);
    this.want = new Float64Array(size);
    this.weight = new Float64Array(size);
    this.grant = new Float64Array(size);
  }
}

interface PodCounts {
  ready: number;
  readyOnReadyNode: number;
  startingOnReadyNode: number;
}
