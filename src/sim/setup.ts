/**
 * Builds the world at time 0 as DESIGN.md's start: every initial node Ready, every initial
 * replica (workloads, then placeholders) scheduled and Ready, before any controller runs.
 */
import type { DaemonSetSpec, Scenario, WorkloadSpec, OverprovisionerSpec } from '../scenario/types.ts';
import { DAEMONSET_PRIORITY } from '../decisions/defaults.ts';
import { groupTemplate } from './placement.ts';
import type { PodInfo } from '../decisions/scheduler/types.ts';
import { requestsOnlyPod } from '../decisions/scheduler/requests.ts';
import { withDefaultConstraints } from '../decisions/scheduler/plugins/podtopologyspread/default-constraints.ts';
import type { ClusterState } from './cluster.ts';
import { NodeState, type Deployment } from './types.ts';
import type { World } from './world.ts';
import { linearReplicas } from '../decisions/overprovisioner/proportional.ts';

function template(
  name: string,
  priority: number,
  policy: PodInfo['preemptionPolicy'],
  req: { cpuMilli: number; memoryBytes: number },
  graceSec: number,
  labels: Record<string, string>,
): PodInfo {
  return {
    name,
    priority,
    preemptionPolicy: policy,
    ...requestsOnlyPod(req),
    labels,
    startTime: 0,
    terminationGraceSec: graceSec,
    uid: -1,
  };
}

export function workloadDeployment(c: ClusterState, index: number, wl: WorkloadSpec): Deployment {
  const dep: Deployment = {
    kind: 'workload',
    index,
    name: wl.name,
    cluster: c.index,
    desired: c.spec.replicas[wl.name] ?? wl.replicas,
    pods: [],
    readyCount: 0,
    pendingCount: 0,
    template: template(wl.name, wl.priority, wl.preemptionPolicy, wl.requests, wl.terminationGracePeriodSec, {
      app: wl.name,
      ...wl.labels,
    }),
    startupDelayStream: `startup/${c.name}/${wl.name}`,
    readyLog: [],
    readyLogAt: [],
    readyLogHead: 0,
    unreachableReady: 0,
  };
  // Only a workload with rules (its own, or the profile's default spread) gains the key: pods
  // without one take the scheduler's fast path.
  const placement = withDefaultConstraints(wl.placement, c.spec.scheduler.defaultConstraints, dep.template.labels);
  if (placement !== undefined) dep.template.placement = placement;
  return dep;
}

/** A DaemonSet's owner in one cluster: its template is the pod each matching node runs (never pending, never replaced). */
export function daemonSetOwner(c: ClusterState, index: number, ds: DaemonSetSpec): Deployment {
  const dep: Deployment = {
    kind: 'daemonset',
    index,
    name: ds.name,
    cluster: c.index,
    desired: 0,
    pods: [],
    readyCount: 0,
    pendingCount: 0,
    template: template(ds.name, DAEMONSET_PRIORITY, 'PreemptLowerPriority', ds.requests, 0, { app: ds.name }),
    startupDelayStream: `startup/${c.name}/${ds.name}`,
    readyLog: [],
    readyLogAt: [],
    readyLogHead: 0,
    unreachableReady: 0,
  };
  dep.template.daemonSet = true;
  if (ds.placement !== undefined) dep.template.placement = ds.placement;
  return dep;
}

export function placeholderDeployment(c: ClusterState, index: number, op: OverprovisionerSpec): Deployment {
  const dep: Deployment = {
    kind: 'placeholder',
    index,
    name: op.name,
    cluster: c.index,
    desired: op.sizing.kind === 'fixed' ? op.sizing.replicasPerCluster : 0,
    pods: [],
    readyCount: 0,
    pendingCount: 0,
    template: template(op.name, op.priority, 'Never', op.requests, op.terminationGracePeriodSec, {
      app: op.name,
      'headroom/placeholder': 'true',
    }),
    startupDelayStream: `startup/${c.name}/${op.name}`,
    readyLog: [],
    readyLogAt: [],
    readyLogHead: 0,
    unreachableReady: 0,
  };
  const placement = withDefaultConstraints(undefined, c.spec.scheduler.defaultConstraints, dep.template.labels);
  if (placement !== undefined) dep.template.placement = placement;
  return dep;
}

/**
 * Size of a proportional over-provisioner for the cluster as it is now: its schedulable nodes
 * (Ready, not cordoned), or with includeUnschedulableNodes every registered node (draining ones
 * too). Nodes still provisioning are not registered yet, so they never count.
 */
export function proportionalDesired(c: ClusterState, op: OverprovisionerSpec): number {
  if (op.sizing.kind !== 'proportional') return op.sizing.replicasPerCluster;
  let cpuMilli = 0;
  let nodes = 0;
  for (const n of c.nodes) {
    const counts = n.state === NodeState.Ready || (op.sizing.includeUnschedulableNodes && (n.state === NodeState.Draining || n.state === NodeState.NotReady));
    if (!counts) continue;
    cpuMilli += n.info.allocCpuMilli;
    nodes++;
  }
  return linearReplicas(nodes, cpuMilli, op.sizing);
}

export function setupWorld(world: World, scenario: Scenario): void {
  for (const c of world.clusters) {
    scenario.workloads.forEach((wl, i) => c.workloads.push(workloadDeployment(c, i, wl)));
    c.spec.overprovisioner.forEach((op, i) => c.placeholders.push(placeholderDeployment(c, i, op)));
    (scenario.daemonSets ?? []).forEach((ds, i) => c.daemonSets.push(daemonSetOwner(c, i, ds)));
    const dsPods = c.daemonSets.map((d) => d.template);
    c.groupTemplates = c.spec.nodeGroups.map((g) => groupTemplate(c.name, g, dsPods));
    c.spec.nodeGroups.forEach((g, gi) => {
      for (let k = 0; k < g.initial; k++) world.addNode(c, gi, true);
    });
    c.refreshReady();
    for (let i = 0; i < c.placeholders.length; i++) {
      const op = c.spec.overprovisioner[i];
      if (op.sizing.kind === 'proportional') c.placeholders[i].desired = proportionalDesired(c, op);
    }
    placeInitialPods(world, c);
  }
}

/**
 * Initial replicas are placed at once, highest priority first, Ready from the start. What does not
 * fit stays pending, and the autoscaler sees it on its first scan.
 */
function placeInitialPods(world: World, c: ClusterState): void {
  const deps = [...c.workloads, ...c.placeholders].sort((a, b) => b.template.priority - a.template.priority);
  for (const dep of deps) {
    for (let k = 0; k < dep.desired; k++) {
      const pod = world.createPod(dep);
      const idx = c.hostMemo.selectHost(pod.info, dep, false, c.readyInfos, c.spec.scheduler, world.isTerminating);
      if (idx >= 0) world.bindPod(pod, c.readyNodes[idx], true);
    }
  }
}
