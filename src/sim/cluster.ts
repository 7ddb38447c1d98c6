/** One zone's cluster: its nodes, pods, deployments and the autoscaler's memory of it. */
import type { ClusterSpec } from '../scenario/types.ts';
import type { NodeInfo } from '../decisions/scheduler/types.ts';
import type { NodeTemplate } from '../decisions/autoscaler/estimator/template.ts';
import type { NodeGroupBackoff } from '../decisions/autoscaler/backoff.ts';
import type { ScaleDownNode, ScaleDownSimulation } from '../decisions/autoscaler/scaledown/planner.ts';
import { ClusterAccounting } from './accounting.ts';
import { HostMemo } from './host-memo.ts';
import { NodeState, type Deployment, type Node, type Pod } from './types.ts';

export class ClusterState {
  /** every node ever created here, in creation order */
  readonly nodes: Node[] = [];
  /** Ready nodes in creation order, and their NodeInfo (what the scheduler sees) */
  readyNodes: Node[] = [];
  readyInfos: NodeInfo[] = [];
  /**
   * The nodes the scheduler's cache (and the autoscaler's snapshot) holds: the Ready ones, and
   * while one of the cluster's zones is down its NotReady nodes too, tainted unreachable: the
   * filters keep pods off them, but topology spread still counts their zone as a domain
   * (nodeTaintsPolicy Ignore, the default). The same arrays as readyNodes / readyInfos otherwise.
   */
  schedNodes: Node[] = this.readyNodes;
  schedInfos: NodeInfo[] = this.readyInfos;
  /**
   * The scale-down planner's list of the Ready nodes with their groups, and the readyInfos it was
   * made from: kept while that list stands (sim/scale-down.ts), so a pass builds no entry per node.
   */
  scaleDownNodes: { infos: readonly NodeInfo[]; nodes: ScaleDownNode[] } | null = null;
  /** NodeInfo changes so far (world.nodeChanged counts them): equal counts, no node changed between */
  nodeChanges = 0;
  /** the last scale-down pass's removal simulation and the nodeChanges it saw (sim/scale-down.ts) */
  scaleDownSimulation: { simulation: ScaleDownSimulation; nodeChanges: number } | null = null;
  /** the scheduler's answers kept between pods (host-memo.ts), told of every NodeInfo change */
  readonly hostMemo = new HostMemo();
  /**
   * pods waiting for a node, in creation order, which is uid order (the pass orders them by
   * priority); during a scheduling pass also the `pendingLeft` that were bound or deleted in it
   * (world.ts holdPending / sweepPending)
   */
  pending: Pod[] = [];
  pendingHeld = false;
  pendingLeft = 0;
  /** one per scenario workload, by workload index */
  readonly workloads: Deployment[] = [];
  /** one per over-provisioner deployment of this cluster */
  readonly placeholders: Deployment[] = [];
  /** one per scenario DaemonSet (its `template` is the pod every matching node runs) */
  readonly daemonSets: Deployment[] = [];
  /** each node group's template node, as the autoscaler reads it (set up with the DaemonSets) */
  groupTemplates: NodeTemplate[] = [];
  readonly acc = new ClusterAccounting();
  /** nodes not yet removed, per node group (Provisioning, Ready, Draining, NotReady) */
  readonly groupSize: Int32Array;
  /** of those, nodes asked for and not yet Ready (or failed) */
  readonly groupProvisioning: Int32Array;
  /** the zone is down: nothing schedules, scales or serves */
  down = false;
  /** outages in progress (they may overlap) */
  outages = 0;
  /** in a cluster over several zones: zone -> outages of that zone alone in progress (sim/node-lifecycle.ts) */
  readonly downZones = new Map<string, number>();
  /** a scheduling pass is already queued for this instant */
  passQueued = false;

  // cluster-autoscaler memory
  lastScaleUpAt = -Infinity;
  lastScaleDownAt = -Infinity;
  /** per node group: its backoff after failed scale-ups (decisions/autoscaler/backoff.ts), null = none */
  readonly groupBackoff: (NodeGroupBackoff | null)[];
  /** per node group: a scale-up is in flight (the autoscaler's scale-up request, until its nodes are all Ready or it fails) */
  readonly scaleUpInFlight: Uint8Array;
  scaleUps = 0;
  nodesAdded = 0;
  scaleDowns = 0;
  preemptions = 0;
  /** faults: spot nodes reclaimed, node launches the cloud refused, times a node group entered backoff */
  spotInterruptions = 0;
  failedLaunches = 0;
  backoffs = 0;
  /** Karpenter's consolidation commands (sim/karpenter/) */
  consolidations = 0;
  /** seconds from creation to Ready of each workload pod that became Ready after the start */
  readonly scheduleToReady: number[] = [];
  /** Deployments already told NotTriggerScaleUp (cleared by a scale-up) */
  readonly notTriggered = new Set<Deployment>();
  /** nodes not removed yet (billed) */
  liveNodes = 0;

  constructor(
    readonly index: number,
    readonly spec: ClusterSpec,
  ) {
    this.groupSize = new Int32Array(spec.nodeGroups.length);
    this.groupProvisioning = new Int32Array(spec.nodeGroups.length);
    this.groupBackoff = spec.nodeGroups.map(() => null);
    this.scaleUpInFlight = new Uint8Array(spec.nodeGroups.length);
  }

  get name(): string {
    return this.spec.name;
  }

  /** Ready nodes changed: rebuild the lists the scheduler iterates (rare compared to passes). */
  refreshReady(): void {
    this.readyNodes = this.nodes.filter((n) => n.state === NodeState.Ready);
    this.readyInfos = this.readyNodes.map((n) => n.info);
    if (this.downZones.size === 0) {
      this.schedNodes = this.readyNodes;
      this.schedInfos = this.readyInfos;
    } else {
      this.schedNodes = this.nodes.filter((n) => n.state === NodeState.Ready || (n.state === NodeState.NotReady && n.unreachable));
      this.schedInfos = this.schedNodes.map((n) => n.info);
    }
  }
}
