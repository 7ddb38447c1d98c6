/**
 * The world's lifecycle: nodes are asked for, become Ready, drain and go; pods are created by
 * their Deployment, bound, become Ready, terminate and go. Every change keeps the cluster's
 * accounting integrals and its scheduler view (NodeInfo) in step. Controllers (scheduling,
 * autoscaling, HPA, over-provisioner, serving) live in their own files and call these.
 */
import type { Scenario, NodeGroupSpec } from '../scenario/types.ts';
import { Engine } from '../engine/engine.ts';
import { addPod, markTerminating, newNodeInfo, removePod } from '../decisions/scheduler/nodeinfo.ts';
import type { PodInfo } from '../decisions/scheduler/types.ts';
import { ClusterState } from './cluster.ts';
import { drawDelay } from './delays.ts';
import { EventLog } from './event-log.ts';
import { failScaleUp, noteNodeReady } from './faults/backoff.ts';
import { CapacityShortages } from './faults/shortages.ts';
import { daemonSetPodsFor, setNodePlacement } from './placement.ts';
import { deletionOrder, reconcileReplicaSets } from './changes/replica-sets.ts';
import { firstInOrder } from './first-in-order.ts';
import { NodeState, PodPhase, type Deployment, type Node, type Pod, type ReplicaSet } from './types.ts';

/** Same-instant order of event kinds: state changes, then the scheduler, then controllers, then sampling. */
export const PRIORITY = {
  zone: 0,
  lifecycle: 10,
  schedule: 20,
  controller: 30,
  sample: 40,
} as const;

export interface WorldOptions {
  recordEvents: boolean;
}

export class World {
  readonly engine: Engine;
  readonly clusters: ClusterState[];
  readonly log: EventLog;
  readonly pods: Pod[] = [];
  /** Is a bound pod being deleted (its grace period running)? The scheduler's plugins ask. */
  readonly isTerminating = (p: PodInfo): boolean => this.pods[p.uid]?.phase === PodPhase.Terminating;
  readonly nodes: Node[] = [];
  /** fleet-wide pending workload pods, and its peak */
  pendingPods = 0;
  maxPendingPods = 0;
  /** fleet-wide billed nodes, and its peak */
  liveNodes = 0;
  peakNodes = 0;

  private readonly kPodReady: number;
  private readonly kPodGone: number;
  private readonly kNodeReady: number;
  private readonly kNodeTimeout: number;
  private readonly kNodeRemoved: number;
  private readonly kSchedule: number;
  private readonly kContainerRestart: number;
  /** when launches in each node group fail */
  readonly shortages: CapacityShortages;
  /** set by the spot interruptions (sim/faults/spot.ts): a node just became Ready */
  onNodeReady: (node: Node) => void = () => {};
  /** set by Karpenter (sim/karpenter/): a pod was just found unschedulable, a launch just failed */
  onPodUnschedulable: (cluster: ClusterState) => void = () => {};
  onLaunchFailed: (node: Node) => void = () => {};
  /** set by the scheduling controller */
  onSchedulePass: (cluster: ClusterState) => void = () => {};
  /** set by the usage model (sim/usage-loop.ts): a crashed container was just restarted */
  onContainerRestart: (pod: Pod) => void = () => {};
  /** set by the usage model: a bound pod became Ready (+1) or stopped being Ready (-1) on its node */
  onReadyChange: (pod: Pod, delta: number) => void = () => {};

  constructor(
    readonly scenario: Scenario,
    opts: WorldOptions,
  ) {
    this.engine = new Engine(scenario.seed);
    this.log = new EventLog(opts.recordEvents);
    this.clusters = scenario.clusters.map((spec, i) => new ClusterState(i, spec));
    this.shortages = new CapacityShortages(scenario, (name) => this.engine.rng(name));
    const e = this.engine;
    this.kPodReady = e.defineKind('PodReady', PRIORITY.lifecycle, (uid) => this.podReady(this.pods[uid]));
    this.kPodGone = e.defineKind('PodGone', PRIORITY.lifecycle, (uid) => this.podGone(this.pods[uid]));
    this.kNodeReady = e.defineKind('NodeReady', PRIORITY.lifecycle, (uid) => this.nodeReady(this.nodes[uid]));
    this.kNodeTimeout = e.defineKind('NodeProvisionTimeout', PRIORITY.lifecycle, (uid) =>
      this.nodeProvisionTimeout(this.nodes[uid]),
    );
    this.kNodeRemoved = e.defineKind('NodeRemoved', PRIORITY.lifecycle, (uid) => this.finishRemoval(this.nodes[uid]));
    this.kSchedule = e.defineKind('SchedulePass', PRIORITY.schedule, (ci) => {
      const c = this.clusters[ci];
      c.passQueued = false;
      if (!c.down) this.onSchedulePass(c);
    });
    this.kContainerRestart = e.defineKind('ContainerRestart', PRIORITY.lifecycle, (uid) => this.restartContainer(this.pods[uid]));
  }

  get now(): number {
    return this.engine.now;
  }

  /** Queues one scheduling pass for this instant (coalesced: any number of changes, one pass). */
  requestSchedule(c: ClusterState): void {
    if (c.passQueued || c.down) return;
    c.passQueued = true;
    this.engine.schedule(this.engine.now, this.kSchedule, c.index);
  }

  // ---- nodes ---------------------------------------------------------------------------------

  /**
   * Asks the node group for one node (billed from now); Ready after its provisioning delay. In a
   * group short of capacity the launch fails: see launchFailed.
   */
  addNode(c: ClusterState, group: number, readyNow: boolean): Node {
    const groupSpec = c.spec.nodeGroups[group];
    let spec = groupSpec;
    let launchFailed: boolean;
    if (!readyNow && c.downZones.size > 0 && c.downZones.has(groupSpec.zone ?? c.name)) {
      // its zone is down: the cloud launches nothing there, as in a shortage
      launchFailed = true;
    } else if (groupSpec.instanceTypes === undefined) {
      launchFailed = !readyNow && this.shortages.isShort(c.index, group, this.now);
    } else {
      // a mixed-instances group launches the first type that has capacity (the Auto Scaling
      // group's prioritized allocation); the node is of that type: its allocatable, price, label
      const t = readyNow ? 0 : this.shortages.firstAvailableType(c.index, group, this.now);
      launchFailed = t < 0;
      if (t > 0) spec = mixedVariant(groupSpec, t);
    }
    const uid = this.nodes.length;
    const seq = c.nodes.filter((n) => n.group === group).length;
    const name = `${c.name}-${spec.name}-${String(seq).padStart(4, '0')}`;
    const node: Node = {
      uid,
      cluster: c.index,
      group,
      groupSpec: spec,
      name,
      state: NodeState.Provisioning,
      requestedAt: this.now,
      readyAt: NaN,
      removedAt: NaN,
      // the world tracks its nodes' terminating pods (pod-counts.ts counts by it)
      info: Object.assign(newNodeInfo(name, spec.allocatable, uid), { terminating: [] }),
      readyEvent: -1,
      launchFailed,
      unreachable: false,
      reclaimAt: NaN,
      podEventAt: this.now,
      placeholderCpuMilli: 0,
      placeholderMemoryBytes: 0,
    };
    setNodePlacement(node.info, c.name, spec);
    this.nodes.push(node);
    c.nodes.push(node);
    c.groupSize[group]++;
    c.groupProvisioning[group]++;
    if (launchFailed) {
      this.launchFailed(c, node);
      return node;
    }
    c.acc.advance(this.now);
    c.acc.billedNodes++;
    c.acc.pricePerHour += spec.pricePerHour;
    c.acc.notePeaks();
    c.liveNodes++;
    this.liveNodes++;
    if (this.liveNodes > this.peakNodes) this.peakNodes = this.liveNodes;
    if (readyNow) {
      this.nodeReady(node);
    } else {
      const delay = drawDelay(spec.provisioningDelay, this.engine.rng(`provisioning/${c.name}/${spec.name}`));
      const maxWait = c.spec.clusterAutoscaler.maxNodeProvisionTimeSec;
      node.readyEvent =
        delay <= maxWait
          ? this.engine.schedule(this.now + delay, this.kNodeReady, uid)
          : this.engine.schedule(this.now + maxWait, this.kNodeTimeout, uid);
    }
    return node;
  }

  /**
   * The cloud refused the launch: nothing runs and nothing is billed, but the autoscaler counts the
   * node as on its way (the group's target size includes it) until it learns of the failure: at
   * once where the cloud reports it, else when maxNodeProvisionTime passes.
   */
  private launchFailed(c: ClusterState, node: Node): void {
    const reported = node.groupSpec.reportsLaunchErrors === true;
    const learnAt = reported ? this.now : this.now + c.spec.clusterAutoscaler.maxNodeProvisionTimeSec;
    node.readyEvent = this.engine.schedule(learnAt, this.kNodeTimeout, node.uid);
    c.failedLaunches++;
    this.log.add(
      {
        time_s: this.now,
        cluster: c.name,
        kind: 'Node',
        reason: 'FailedLaunch',
        object: node.name,
        message: `launch of ${node.name} failed: node group ${node.groupSpec.name} ${c.downZones.has(node.groupSpec.zone ?? c.name) ? 'is in a zone that is down' : 'is short of capacity'}; the autoscaler learns it ${reported ? 'at once' : `after maxNodeProvisionTime (${learnAt - this.now}s)`}`,
      },
      true,
    );
  }

  private nodeReady(node: Node): void {
    const c = this.clusters[node.cluster];
    node.readyEvent = -1;
    node.readyAt = this.now;
    c.groupProvisioning[node.group]--;
    noteNodeReady(c, node.group);
    if (c.down) {
      node.state = NodeState.NotReady;
      return;
    }
    if (c.downZones.size > 0 && c.downZones.has(node.groupSpec.zone ?? c.name)) {
      // up in a zone that is down: it never reports Ready until the zone is back
      node.state = NodeState.NotReady;
      node.unreachable = true;
      return;
    }
    c.acc.advance(this.now);
    this.setReady(c, node);
    if (c.daemonSets.length > 0) this.startDaemonSetPods(c, node);
    c.refreshReady();
    this.onNodeReady(node);
    if (this.now > 0) {
      this.log.add(
        {
          time_s: this.now,
          cluster: c.name,
          kind: 'Node',
          reason: 'NodeReady',
          object: node.name,
          message: `node ${node.name} is Ready after ${round(this.now - node.requestedAt)}s`,
        },
        false,
      );
    }
    this.requestSchedule(c);
  }

  private setReady(c: ClusterState, node: Node): void {
    node.state = NodeState.Ready;
    const a = c.acc;
    a.readyNodes++;
    a.readyAllocCpuMilli += node.info.allocCpuMilli;
    a.readyAllocMemoryBytes += node.info.allocMemoryBytes;
    a.readyReqCpuMilli += node.info.reqCpuMilli;
    a.readyReqMemoryBytes += node.info.reqMemoryBytes;
    a.readyPlaceholderCpuMilli += node.placeholderCpuMilli;
    a.readyPlaceholderMemoryBytes += node.placeholderMemoryBytes;
  }

  private unsetReady(c: ClusterState, node: Node): void {
    const a = c.acc;
    a.readyNodes--;
    a.readyAllocCpuMilli -= node.info.allocCpuMilli;
    a.readyAllocMemoryBytes -= node.info.allocMemoryBytes;
    a.readyReqCpuMilli -= node.info.reqCpuMilli;
    a.readyReqMemoryBytes -= node.info.reqMemoryBytes;
    a.readyPlaceholderCpuMilli -= node.placeholderCpuMilli;
    a.readyPlaceholderMemoryBytes -= node.placeholderMemoryBytes;
  }

  private nodeProvisionTimeout(node: Node): void {
    const c = this.clusters[node.cluster];
    node.readyEvent = -1;
    if (node.launchFailed) {
      if (c.spec.karpenter === undefined) failScaleUp(this.log, c, node.group, this.now, `the launch of ${node.name} failed`);
      this.finishRemoval(node);
      this.onLaunchFailed(node);
      return;
    }
    if (c.spec.karpenter === undefined) failScaleUp(this.log, c, node.group, this.now, `${node.name} was not Ready within maxNodeProvisionTime`);
    this.log.add(
      {
        time_s: this.now,
        cluster: c.name,
        kind: 'Node',
        reason: 'FailedToProvision',
        object: node.name,
        message: `node ${node.name} was not Ready within maxNodeProvisionTime; node group ${node.groupSpec.name} backs off`,
      },
      true,
    );
    this.finishRemoval(node);
  }

  /**
   * Scale-down: cordon the node, evict its pods (their Deployments replace them elsewhere) and
   * remove it once the last one has terminated.
   */
  drainNode(node: Node): void {
    const c = this.clusters[node.cluster];
    c.acc.advance(this.now);
    if (node.state === NodeState.Ready) {
      this.unsetReady(c, node);
      node.state = NodeState.Draining;
      c.refreshReady();
    } else {
      node.state = NodeState.Draining;
    }
    let lastGone = this.now;
    for (const info of node.info.pods.slice()) {
      const pod = this.pods[info.uid];
      // A drain leaves DaemonSet pods: they go with the node.
      if (pod.owner.kind === 'daemonset') continue;
      if (pod.phase !== PodPhase.Terminating) this.deletePod(pod);
      lastGone = Math.max(lastGone, pod.goneAt);
    }
    // Pods nominated here must look elsewhere.
    for (const info of node.info.nominated) this.pods[info.uid].nominatedNode = null;
    node.info.nominated.length = 0;
    this.nodeChanged(node);
    this.engine.schedule(lastGone, this.kNodeRemoved, node.uid);
  }

  /**
   * A spot interruption notice: the node is cordoned (it takes no new pods; its pods keep serving
   * until they are evicted) and goes at `goneAtSec` with whatever still runs on it.
   */
  cordonForRemoval(node: Node, goneAtSec: number): void {
    node.reclaimAt = goneAtSec;
    this.cordon(node);
    this.engine.schedule(goneAtSec, this.kNodeRemoved, node.uid);
  }

  /** Marks the node unschedulable: it takes no new pods (nominated ones look elsewhere); its pods keep serving. */
  cordon(node: Node): void {
    const c = this.clusters[node.cluster];
    c.acc.advance(this.now);
    if (node.state === NodeState.Ready) {
      this.unsetReady(c, node);
      node.state = NodeState.Draining;
      c.refreshReady();
    } else if (node.state === NodeState.NotReady) {
      node.state = NodeState.Draining;
    }
    for (const info of node.info.nominated) this.pods[info.uid].nominatedNode = null;
    node.info.nominated.length = 0;
    this.nodeChanged(node);
  }

  /** Removes the node now, with whatever still runs on it (Karpenter's termination, once its drain is done). */
  removeNow(node: Node): void {
    this.finishRemoval(node);
  }

  private finishRemoval(node: Node): void {
    if (node.state === NodeState.Removed) return;
    const c = this.clusters[node.cluster];
    c.acc.advance(this.now);
    if (node.state === NodeState.Ready) {
      this.unsetReady(c, node);
      c.refreshReady();
    }
    if (node.readyEvent >= 0) {
      this.engine.cancel(node.readyEvent);
      node.readyEvent = -1;
    }
    // Anything still bound (grace periods cut short) goes with the node.
    for (const info of node.info.pods.slice()) this.podGone(this.pods[info.uid]);
    if (node.state === NodeState.Provisioning) c.groupProvisioning[node.group]--;
    node.state = NodeState.Removed;
    node.removedAt = this.now;
    c.groupSize[node.group]--;
    if (node.launchFailed) return;
    c.acc.billedNodes--;
    c.acc.pricePerHour -= node.groupSpec.pricePerHour;
    c.liveNodes--;
    this.liveNodes--;
    if (c.acc.billedNodes === 0) {
      // Clear accumulated float noise when the cluster has no nodes at all.
      c.acc.pricePerHour = 0;
      c.acc.headroomPricePerHour = 0;
    }
  }

  // ---- zone outages ----------------------------------------------------------------------------

  zoneDown(c: ClusterState): void {
    // outages of one zone may overlap: it is back only when the last one ends
    if (c.outages++ > 0) return;
    c.acc.advance(this.now);
    c.down = true;
    for (const node of c.nodes) {
      if (node.state === NodeState.Ready) {
        this.unsetReady(c, node);
        node.state = NodeState.NotReady;
      }
      if (node.state !== NodeState.NotReady) continue;
      for (const info of node.info.pods) {
        const pod = this.pods[info.uid];
        if (pod.phase === PodPhase.Ready || pod.phase === PodPhase.Starting) this.unready(pod);
      }
    }
    c.refreshReady();
  }

  zoneUp(c: ClusterState): void {
    if (--c.outages > 0) return;
    c.acc.advance(this.now);
    c.down = false;
    for (const node of c.nodes) {
      if (node.state !== NodeState.NotReady) continue;
      this.setReady(c, node);
      // Containers on the node restart: Ready again after their startup delay.
      for (const info of node.info.pods) {
        const pod = this.pods[info.uid];
        if (pod.phase === PodPhase.Starting) this.startContainers(pod);
      }
    }
    c.refreshReady();
    this.requestSchedule(c);
  }

  // ---- one zone of a cluster over several (sim/node-lifecycle.ts runs the controllers) -------

  /** The node's kubelet stops reporting: its pods serve nothing, the API still shows them Ready. */
  nodeUnreachable(node: Node): void {
    if (node.unreachable) return;
    node.unreachable = true;
    for (const info of node.info.pods) {
      const pod = this.pods[info.uid];
      if (pod.phase === PodPhase.Ready) pod.owner.unreachableReady++;
      else if (pod.phase === PodPhase.Starting && pod.readyEvent >= 0) {
        // its containers cannot finish starting: Ready only after the zone is back
        this.engine.cancel(pod.readyEvent);
        pod.readyEvent = -1;
      }
    }
  }

  /**
   * The node lifecycle controller sets the node's Ready condition Unknown and marks its pods not
   * Ready (MarkPodsNotReady): the scheduler no longer sees the node, the Service no longer sends its pods requests.
   */
  markNodeNotReady(node: Node): void {
    const c = this.clusters[node.cluster];
    c.acc.advance(this.now);
    if (node.state === NodeState.Ready) {
      this.unsetReady(c, node);
      node.state = NodeState.NotReady;
    }
    for (const info of node.info.pods) {
      const pod = this.pods[info.uid];
      if (pod.phase !== PodPhase.Ready || pod.owner.kind === 'daemonset') continue;
      if (node.unreachable) pod.owner.unreachableReady--;
      this.unready(pod);
    }
    for (const info of node.info.nominated) this.pods[info.uid].nominatedNode = null;
    node.info.nominated.length = 0;
    this.nodeChanged(node);
    c.refreshReady();
  }

  /** The kubelet reports again: the node is Ready, its pods' containers start again. */
  nodeReachable(node: Node): void {
    const c = this.clusters[node.cluster];
    if (!node.unreachable) return;
    node.unreachable = false;
    c.acc.advance(this.now);
    if (node.state === NodeState.NotReady) {
      this.setReady(c, node);
      // a node that came up while its zone was down has not run its DaemonSets yet
      if (c.daemonSets.length > 0 && !node.info.pods.some((p) => this.pods[p.uid].owner.kind === 'daemonset')) this.startDaemonSetPods(c, node);
    }
    for (const info of node.info.pods) {
      const pod = this.pods[info.uid];
      if (pod.phase === PodPhase.Ready) pod.owner.unreachableReady--;
      else if (pod.phase === PodPhase.Starting && pod.readyEvent < 0) this.startContainers(pod);
    }
    c.refreshReady();
    this.requestSchedule(c);
  }

  // ---- pods ----------------------------------------------------------------------------------

  /** The Deployment's ReplicaSet (`rs` during a rollout) creates one pod; it is pending until the scheduler binds it. */
  createPod(dep: Deployment, rs?: ReplicaSet): Pod {
    const c = this.clusters[dep.cluster];
    const uid = this.pods.length;
    const info: PodInfo = rs
      ? { ...rs.template, name: `${rs.name}-${uid}`, startTime: this.now, uid }
      : { ...dep.template, name: `${dep.name}-${uid}`, startTime: this.now, uid };
    const pod = pendingPod(dep, info, this.now);
    if (rs) pod.replicaSet = rs;
    this.pods.push(pod);
    dep.pods.push(pod);
    dep.pendingCount++;
    c.pending.push(pod);
    c.acc.advance(this.now);
    if (dep.kind === 'placeholder') c.acc.pendingPlaceholders++;
    else {
      c.acc.pendingPods++;
      if (++this.pendingPods > this.maxPendingPods) this.maxPendingPods = this.pendingPods;
    }
    c.acc.notePeaks();
    this.requestSchedule(c);
    return pod;
  }

  /**
   * The DaemonSet controller on a node that just became Ready: one pod of each DaemonSet whose
   * nodeSelector and tolerations allow the node, bound and Ready at once, before the scheduler's
   * pass can give the node's room to pending pods.
   */
  private startDaemonSetPods(c: ClusterState, node: Node): void {
    const templates = c.daemonSets.map((d) => d.template);
    for (const info of daemonSetPodsFor(templates, node.info)) this.bindDaemonSetPod(node, this.daemonSetPod(c.daemonSets[templates.indexOf(info)]));
  }

  /**
   * A new pod of a DaemonSet, not bound: the DaemonSet controller pins it to one node, so it never
   * joins the pending queue (an add-on change nominates it to its node while room is made).
   */
  daemonSetPod(dep: Deployment): Pod {
    const uid = this.pods.length;
    const pod = pendingPod(dep, { ...dep.template, name: `${dep.name}-${uid}`, startTime: this.now, uid }, this.now);
    this.pods.push(pod);
    return pod;
  }

  /** Binds a DaemonSet pod to its Ready node: Ready at once (node agents start with the node). */
  bindDaemonSetPod(node: Node, pod: Pod): void {
    const c = this.clusters[node.cluster];
    if (pod.nominatedNode) this.clearNomination(pod);
    c.acc.advance(this.now);
    pod.phase = PodPhase.Ready;
    pod.node = node;
    pod.boundAt = this.now;
    pod.readyAt = this.now;
    pod.owner.readyCount++;
    addPod(node.info, pod.info);
    this.nodeChanged(node);
    c.acc.readyReqCpuMilli += pod.info.cpuMilli;
    c.acc.readyReqMemoryBytes += pod.info.memoryBytes;
  }

  /** Binds a pending pod to a Ready node; it becomes Ready after its startup delay. */
  bindPod(pod: Pod, node: Node, startReady = false): void {
    const c = this.clusters[pod.cluster];
    c.acc.advance(this.now);
    this.leavePending(c, pod);
    if (pod.nominatedNode) this.clearNomination(pod);
    addPod(node.info, pod.info);
    this.nodeChanged(node);
    node.podEventAt = this.now;
    pod.node = node;
    pod.boundAt = this.now;
    pod.phase = PodPhase.Starting;
    if (node.state === NodeState.Ready) {
      c.acc.readyReqCpuMilli += pod.info.cpuMilli;
      c.acc.readyReqMemoryBytes += pod.info.memoryBytes;
    }
    if (pod.owner.kind === 'placeholder') this.addPlaceholderShare(c, node, pod, +1);
    if (this.log.enabled && !startReady) {
      this.log.add({
        time_s: this.now,
        cluster: c.name,
        kind: 'Pod',
        reason: 'Scheduled',
        object: pod.info.name,
        message: `Successfully assigned ${pod.info.name} to ${node.name}`,
        node: node.name,
        waitedS: Math.round((this.now - pod.createdAt) * 1000) / 1000,
      });
    }
    if (startReady) this.podReady(pod);
    else this.startContainers(pod);
  }

  private startContainers(pod: Pod): void {
    const dep = pod.owner;
    const c = this.clusters[pod.cluster];
    const wl = dep.kind === 'workload' ? this.scenario.workloads[dep.index] : null;
    const startup = pod.replicaSet?.revision.startupDelay ?? dep.revision?.startupDelay ?? wl?.startupDelay;
    const delay = startup ? drawDelay(startup, this.engine.rng(dep.startupDelayStream)) : 0;
    // on a node that stopped reporting, containers start once it is back (nodeReachable)
    if (pod.node?.unreachable === true) return;
    if (delay <= 0 && !c.down) {
      this.podReady(pod);
      return;
    }
    pod.readyEvent = this.engine.schedule(this.now + delay, this.kPodReady, pod.uid);
  }

  private podReady(pod: Pod): void {
    pod.readyEvent = -1;
    if (pod.phase !== PodPhase.Starting) return;
    pod.phase = PodPhase.Ready;
    // creation -> Ready counts once per pod: a restart after a zone outage is not a new start
    const firstReady = Number.isNaN(pod.readyAt);
    pod.readyAt = this.now;
    pod.owner.readyCount++;
    this.onReadyChange(pod, 1);
    if (pod.owner.kind === 'workload') {
      pod.owner.readyLog.push(pod);
      pod.owner.readyLogAt.push(this.now);
    }
    if (firstReady && pod.owner.kind === 'workload' && this.now > 0) this.clusters[pod.cluster].scheduleToReady.push(this.now - pod.createdAt);
  }

  /**
   * The container was killed (OOM): the pod stays bound to its node, NotReady, and the kubelet
   * starts the container again after `backOffSec` (CrashLoopBackOff); it is Ready again after its
   * startup delay.
   */
  killContainer(pod: Pod, backOffSec: number): void {
    if (pod.phase !== PodPhase.Ready && pod.phase !== PodPhase.Starting) return;
    this.unready(pod);
    pod.readyEvent = this.engine.schedule(this.now + backOffSec, this.kContainerRestart, pod.uid);
  }

  private restartContainer(pod: Pod): void {
    pod.readyEvent = -1;
    if (pod.phase !== PodPhase.Starting) return;
    this.onContainerRestart(pod);
    this.startContainers(pod);
  }

  /** A Ready or starting pod stops being Ready (its node went NotReady). */
  private unready(pod: Pod): void {
    if (pod.readyEvent >= 0) {
      this.engine.cancel(pod.readyEvent);
      pod.readyEvent = -1;
    }
    if (pod.phase === PodPhase.Ready) {
      pod.owner.readyCount--;
      this.onReadyChange(pod, -1);
    }
    pod.phase = PodPhase.Starting;
  }

  /**
   * Deletes a pod: a pending one goes at once; a bound one terminates for its grace period, still
   * holding its node's resources. Its Deployment no longer counts it and may replace it.
   */
  deletePod(pod: Pod, graceSec = pod.info.terminationGraceSec): void {
    const c = this.clusters[pod.cluster];
    const dep = pod.owner;
    const i = indexByUid(dep.pods, pod);
    if (i >= 0) dep.pods.splice(i, 1);
    if (pod.phase === PodPhase.Pending) {
      c.acc.advance(this.now);
      this.leavePending(c, pod);
      if (pod.nominatedNode) this.clearNomination(pod);
      pod.phase = PodPhase.Gone;
      if (dep.replicaSets || dep.pods.length < dep.desired) this.reconcile(dep);
      return;
    }
    if (pod.phase === PodPhase.Ready) {
      dep.readyCount--;
      this.onReadyChange(pod, -1);
      if (pod.node?.unreachable === true) dep.unreachableReady--;
    }
    if (pod.readyEvent >= 0) {
      this.engine.cancel(pod.readyEvent);
      pod.readyEvent = -1;
    }
    pod.phase = PodPhase.Terminating;
    if (pod.node) {
      pod.node.podEventAt = this.now;
      markTerminating(pod.node.info, pod.info);
    }
    pod.goneAt = this.now + graceSec;
    this.engine.schedule(pod.goneAt, this.kPodGone, pod.uid);
    // The ReplicaSet replaces a pod as soon as it is marked for deletion, not when it is gone.
    if (dep.replicaSets || dep.pods.length < dep.desired) this.reconcile(dep);
  }

  private podGone(pod: Pod): void {
    if (pod.phase === PodPhase.Gone) return;
    if (pod.phase !== PodPhase.Terminating) {
      // Removed with its node before terminating on its own.
      const dep = pod.owner;
      const i = indexByUid(dep.pods, pod);
      if (i >= 0) dep.pods.splice(i, 1);
      if (pod.phase === PodPhase.Ready) {
        dep.readyCount--;
        this.onReadyChange(pod, -1);
        if (pod.node?.unreachable === true) dep.unreachableReady--;
      }
      if (pod.readyEvent >= 0) this.engine.cancel(pod.readyEvent);
    }
    const c = this.clusters[pod.cluster];
    const node = pod.node;
    pod.phase = PodPhase.Gone;
    if (!node) return;
    c.acc.advance(this.now);
    removePod(node.info, pod.info);
    this.nodeChanged(node);
    node.podEventAt = this.now;
    if (node.state === NodeState.Ready) {
      c.acc.readyReqCpuMilli -= pod.info.cpuMilli;
      c.acc.readyReqMemoryBytes -= pod.info.memoryBytes;
    }
    if (pod.owner.kind === 'placeholder') this.addPlaceholderShare(c, node, pod, -1);
    pod.node = null;
    if (node.state === NodeState.Ready) this.requestSchedule(c);
    // A deployment that lost this pod while it was terminating has already replaced it.
    if (pod.owner.replicaSets || pod.owner.pods.length < pod.owner.desired) this.reconcile(pod.owner);
  }

  /**
   * The pod is bound or deleted: it leaves the pending list. Within a scheduling pass
   * (holdPending) its entry stays until the pass ends and sweepPending drops every such entry at
   * once, so a pass that binds thousands of pods does not move the list thousands of times.
   */
  private leavePending(c: ClusterState, pod: Pod): void {
    const list = c.pending;
    if (list.length > 0 && list[list.length - 1] === pod) list.pop();
    else if (c.pendingHeld) c.pendingLeft++;
    else {
      const i = indexByUid(list, pod);
      if (i >= 0) list.splice(i, 1);
    }
    if (pod.skewBlocked) this.setSkewBlocked(pod, false);
    pod.owner.pendingCount--;
    if (pod.owner.kind === 'placeholder') c.acc.pendingPlaceholders--;
    else {
      c.acc.pendingPods--;
      this.pendingPods--;
    }
  }

  /** From now until sweepPending, pods that leave the pending list leave their entries behind (a scheduling pass). */
  holdPending(c: ClusterState): void {
    c.pendingHeld = true;
  }

  /** Drops the entries of the pods that left the pending list since holdPending: the list is exact again. */
  sweepPending(c: ClusterState): void {
    c.pendingHeld = false;
    if (c.pendingLeft === 0) return;
    const list = c.pending;
    let k = 0;
    for (let j = 0; j < list.length; j++) if (list[j].phase === PodPhase.Pending) list[k++] = list[j];
    list.length = k;
    c.pendingLeft = 0;
  }

  /** The scheduler's last attempt found the pod held back by topology spread alone, or no longer. */
  setSkewBlocked(pod: Pod, blocked: boolean): void {
    if (pod.skewBlocked === blocked || pod.owner.kind !== 'workload') return;
    const c = this.clusters[pod.cluster];
    c.acc.advance(this.now);
    pod.skewBlocked = blocked;
    c.acc.skewBlockedPods += blocked ? 1 : -1;
  }

  nominate(pod: Pod, node: Node): void {
    if (pod.nominatedNode) this.clearNomination(pod);
    pod.nominatedNode = node;
    node.info.nominated.push(pod.info);
    this.nodeChanged(node);
  }

  clearNomination(pod: Pod): void {
    if (!pod.nominatedNode) return;
    const list = pod.nominatedNode.info.nominated;
    const i = list.indexOf(pod.info);
    if (i >= 0) list.splice(i, 1);
    this.nodeChanged(pod.nominatedNode);
    pod.nominatedNode = null;
  }

  /**
   * Something the scheduler's filters or scores read of the node changed (its pods, nominations,
   * taints): the cluster's HostMemo recomputes it. Every change to a NodeInfo goes through here.
   */
  nodeChanged(node: Node): void {
    const c = this.clusters[node.cluster];
    c.hostMemo.nodeChanged(node.info);
    c.nodeChanges++;
  }

  private addPlaceholderShare(c: ClusterState, node: Node, pod: Pod, sign: 1 | -1): void {
    node.placeholderCpuMilli += sign * pod.info.cpuMilli;
    node.placeholderMemoryBytes += sign * pod.info.memoryBytes;
    if (node.state === NodeState.Ready) {
      c.acc.readyPlaceholderCpuMilli += sign * pod.info.cpuMilli;
      c.acc.readyPlaceholderMemoryBytes += sign * pod.info.memoryBytes;
    }
    c.acc.headroomPricePerHour += sign * headroomShare(node.groupSpec, pod.info.cpuMilli, pod.info.memoryBytes);
  }

  // ---- deployments ---------------------------------------------------------------------------

  /**
   * The ReplicaSet controller: creates pods up to `desired`; above it deletes the pods that matter
   * least first (pending, then starting, then the most recently Ready), as Kubernetes ranks them.
   */
  reconcile(dep: Deployment): void {
    const c = this.clusters[dep.cluster];
    if (c.down) return;
    if (dep.replicaSets) {
      reconcileReplicaSets(dep, dep.replicaSets, (rs) => this.createPod(dep, rs), (pod) => this.deletePod(pod));
      return;
    }
    while (dep.pods.length < dep.desired) this.createPod(dep);
    if (dep.pods.length > dep.desired) {
      for (const p of firstInOrder(dep.pods, dep.pods.length - dep.desired, deletionOrder)) this.deletePod(p);
    }
  }
}

/**
 * Where `pod` is in `pods`, a list in uid order (a Deployment's pods, a cluster's pending ones:
 * they join as they are created, and uids grow), or -1: a binary search, as it may hold thousands.
 */
function indexByUid(pods: readonly Pod[], pod: Pod): number {
  let lo = 0;
  let hi = pods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const uid = pods[mid].uid;
    if (uid === pod.uid) return mid;
    if (uid < pod.uid) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A pod just made by its controller, not bound yet. */
function pendingPod(owner: Deployment, info: PodInfo, nowSec: number): Pod {
  return {
    uid: info.uid,
    cluster: owner.cluster,
    owner,
    info,
    phase: PodPhase.Pending,
    node: null,
    createdAt: nowSec,
    boundAt: NaN,
    readyAt: NaN,
    readyEvent: -1,
    goneAt: NaN,
    nominatedNode: null,
    unschedulable: false,
    skewBlocked: false,
  };
}

const variants = new WeakMap<NodeGroupSpec, NodeGroupSpec[]>();

/** A mixed-instances group as a node of its type-th type sees it (one object per type, kept). */
function mixedVariant(group: NodeGroupSpec, type: number): NodeGroupSpec {
  let list = variants.get(group);
  if (list === undefined) variants.set(group, (list = []));
  const t = group.instanceTypes![type];
  return (list[type] ??= { ...group, allocatable: t.allocatable, pricePerHour: t.pricePerHour, instance: t.instance });
}

/** The share of a node's price that a placeholder's requests stand for: mean of its cpu and memory shares. */
export function headroomShare(group: NodeGroupSpec, cpuMilli: number, memoryBytes: number): number {
  const a = group.allocatable;
  return (group.pricePerHour * (cpuMilli / a.cpuMilli + memoryBytes / a.memoryBytes)) / 2;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
