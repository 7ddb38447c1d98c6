/**
 * An outage of one zone of a cluster that spans several, as kube-controller-manager sees it:
 *
 * 1. The zone's kubelets stop reporting. Their pods serve nothing, but until the node lifecycle
 *    controller notices they stay Ready in the API, so the Service keeps sending them their
 *    share of requests, which fail (serving-loop.ts). The scheduler may still bind pods there;
 *    they do not start.
 * 2. After --node-monitor-grace-period (50 s) the node lifecycle controller sets the nodes' Ready
 *    condition Unknown and marks their pods not Ready (MarkPodsNotReady,
 *    pkg/controller/nodelifecycle/node_lifecycle_controller.go): the Service drops them. It taints
 *    the nodes node.kubernetes.io/unreachable:NoSchedule at once, so the scheduler places nothing
 *    there, though the nodes stay in its cache: topology spread (nodeTaintsPolicy Ignore, the
 *    default) still counts the zone as a domain, and once the zone's pods are evicted that empty
 *    domain holds DoNotSchedule spreads back (kubernetes/kubernetes#123019; KEP-5980). It taints
 *    each node node.kubernetes.io/unreachable:NoExecute through the zone's rate limiter
 *    (--node-eviction-rate, 0.1 node/s, burst 1: one node now, then one every 10 s; a zone wholly
 *    down while others are healthy keeps this rate).
 * 3. The taint-eviction controller (pkg/controller/tainteviction/taint_eviction.go) deletes each
 *    pod of a tainted node when its toleration of the taint runs out: 300 s by default (the
 *    DefaultTolerationSeconds admission plugin), or the pod's own tolerationSeconds
 *    (decisions/nodelifecycle/taint-eviction.ts). DaemonSet pods tolerate it forever and stay.
 *    The ReplicaSet replaces a deleted pod at once; the replacement schedules in the zones that
 *    are up if room allows, or waits for the cluster-autoscaler, which launches nothing in the
 *    dead zone (a launch there fails as in a capacity shortage, and the group backs off) and
 *    skips a group with too many unready nodes (autoscaler/cluster-health.ts).
 * 4. When the zone is back, its kubelets report again: the nodes are Ready, the taint is removed
 *    and pods still bound there start their containers again. A pod already deleted is gone.
 *
 * Between the controller's monitor periods (5 s) the sim acts at once; the nodes are tainted in
 * creation order.
 */
import { NODE_EVICTION_RATE_PER_SEC, NODE_MONITOR_GRACE_PERIOD_SEC, TAINT_NODE_UNREACHABLE } from '../decisions/defaults.ts';
import { evictionDelaySec, taintOffsetSec } from '../decisions/nodelifecycle/taint-eviction.ts';
import type { Taint } from '../decisions/scheduler/placement.ts';
import type { ClusterState } from './cluster.ts';
import { NodeState, PodPhase, type Node } from './types.ts';
import { PRIORITY, type World } from './world.ts';

/** The taints the node lifecycle controller puts on an unreachable node: NoSchedule at once (TaintNodesByCondition), NoExecute through the zone's rate limiter (UnreachableTaintTemplate). */
export const UNREACHABLE_TAINT: Taint = Object.freeze({ key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' }) as Taint;
export const UNREACHABLE_NO_SCHEDULE: Taint = Object.freeze({ key: TAINT_NODE_UNREACHABLE, effect: 'NoSchedule' }) as Taint;

function addTaint(world: World, node: Node, taint: Taint): void {
  node.info.taints = [...(node.info.taints ?? []), taint];
  world.nodeChanged(node);
}

function removeUnreachableTaints(world: World, node: Node): void {
  const rest = (node.info.taints ?? []).filter((t) => t !== UNREACHABLE_TAINT && t !== UNREACHABLE_NO_SCHEDULE);
  node.info.taints = rest.length > 0 ? rest : undefined;
  world.nodeChanged(node);
}

export interface ZoneOutages {
  /** zone `zone` of cluster `c` goes down now */
  down(c: ClusterState, zone: string): void;
  /** and comes back now (overlapping outages of one zone: when the last ends) */
  up(c: ClusterState, zone: string): void;
}

export function installNodeLifecycle(world: World): ZoneOutages {
  const e = world.engine;
  const zones: string[] = [];
  const zoneIndex = (zone: string): number => {
    const i = zones.indexOf(zone);
    return i >= 0 ? i : zones.push(zone) - 1;
  };
  const isDown = (c: ClusterState, zone: string): boolean => (c.downZones.get(zone) ?? 0) > 0;
  const nodesOf = (c: ClusterState, zone: string): Node[] => c.nodes.filter((n) => n.state !== NodeState.Removed && !n.launchFailed && zoneOf(c, n) === zone);

  // 2. the grace period has passed: Ready Unknown, pods not Ready, NoExecute taints queued
  const kNotReady = e.defineKind('NodeMonitorGracePeriod', PRIORITY.zone, (ci, zi, now) => {
    const c = world.clusters[ci];
    const zone = zones[zi];
    if (!isDown(c, zone)) return;
    let k = 0;
    for (const node of nodesOf(c, zone)) {
      if (!node.unreachable) continue;
      world.markNodeNotReady(node);
      // it stays in the scheduler's cache, filtered out by the taint; its zone still counts for topology spread
      addTaint(world, node, UNREACHABLE_NO_SCHEDULE);
      e.schedule(now + taintOffsetSec(k++, NODE_EVICTION_RATE_PER_SEC), kTaint, node.uid);
    }
    world.log.add(
      { time_s: now, cluster: c.name, kind: 'Zone', reason: 'NodeNotReady', object: zone, message: `${k} nodes of zone ${zone} stopped posting status for ${NODE_MONITOR_GRACE_PERIOD_SEC}s: Ready is Unknown, their pods are not Ready` },
      true,
    );
  });

  // 3. a node tainted NoExecute: each of its pods is deleted when its toleration runs out
  const kTaint = e.defineKind('NoExecuteTaint', PRIORITY.zone, (uid, _b, now) => {
    const node = world.nodes[uid];
    if (!node.unreachable || node.state === NodeState.Removed) return;
    addTaint(world, node, UNREACHABLE_TAINT);
    for (const info of node.info.pods) {
      const pod = world.pods[info.uid];
      if (pod.owner.kind === 'daemonset' || pod.phase === PodPhase.Terminating || pod.phase === PodPhase.Gone) continue;
      const delay = evictionDelaySec(info.placement?.tolerations, UNREACHABLE_TAINT);
      if (delay === Infinity) continue;
      e.schedule(now + delay, kEvict, pod.uid, uid);
    }
  });

  const kEvict = e.defineKind('TaintManagerEviction', PRIORITY.zone, (podUid, nodeUid, now) => {
    const pod = world.pods[podUid];
    const node = world.nodes[nodeUid];
    // the taint went with the zone's return, or the pod already left
    if (pod.node !== node || !node.unreachable || pod.phase === PodPhase.Terminating || pod.phase === PodPhase.Gone) return;
    const c = world.clusters[node.cluster];
    world.log.add({ time_s: now, cluster: c.name, kind: 'Pod', reason: 'TaintManagerEviction', object: pod.info.name, message: `Marking for deletion Pod ${pod.info.name}`, node: node.name });
    world.deletePod(pod);
  });

  return {
    down(c, zone) {
      const n = c.downZones.get(zone) ?? 0;
      c.downZones.set(zone, n + 1);
      if (n > 0) return;
      // 1. the kubelets stop reporting
      for (const node of nodesOf(c, zone)) if (node.state !== NodeState.Provisioning) world.nodeUnreachable(node);
      e.schedule(world.now + NODE_MONITOR_GRACE_PERIOD_SEC, kNotReady, c.index, zoneIndex(zone));
    },
    up(c, zone) {
      const n = c.downZones.get(zone) ?? 0;
      if (n > 1) {
        c.downZones.set(zone, n - 1);
        return;
      }
      c.downZones.delete(zone);
      // 4. Ready again, the taint removed
      for (const node of nodesOf(c, zone)) {
        if (!node.unreachable) continue;
        removeUnreachableTaints(world, node);
        world.nodeReachable(node);
      }
    },
  };
}

/** The zone a node runs in: its group's, or the cluster's name for a single-zone cluster. */
export function zoneOf(c: ClusterState, node: Node): string {
  return node.groupSpec.zone ?? c.name;
}
