/**
 * A configuration change reaching one cluster: its scheduler, cluster-autoscaler and
 * over-provisioner settings, its node groups' bounds and its HPAs become those the scenario worked out for
 * it (the same check as a --set of the file), read by the controllers from their next loop on.
 * The change lasts for the wait before the next cluster, so its figures show the settings at work.
 */
import type { ClusterSpec, OverrideSpec } from '../../scenario/types.ts';
import type { DefaultConstraint } from '../../decisions/scheduler/profile.ts';
import { withDefaultConstraints } from '../../decisions/scheduler/plugins/podtopologyspread/default-constraints.ts';
import type { PodInfo } from '../../decisions/scheduler/types.ts';
import type { ClusterState } from '../cluster.ts';
import { proportionalDesired } from '../setup.ts';
import type { World } from '../world.ts';
import type { ChangeRecord } from './record.ts';

export class OverrideRun {
  done = false;
  private started = false;

  constructor(
    private readonly world: World,
    private readonly spec: OverrideSpec,
    private readonly cluster: ClusterState,
    readonly record: ChangeRecord,
    /** how long the change is watched before it counts as done (the wait before the next cluster) */
    readonly tickSec: number,
    private readonly onEnd: () => void,
  ) {}

  start(nowSec: number): void {
    const after = this.spec.after[this.cluster.name];
    apply(this.world, this.cluster, after);
    const hpas = this.spec.hpas?.[this.cluster.name];
    // the cluster's HPAs read their new settings from their next sync on
    if (hpas !== undefined) for (const dep of this.cluster.workloads) if (hpas[dep.index] !== undefined) dep.hpaOverride = hpas[dep.index];
    this.started = true;
    this.record.start(nowSec);
    this.event(nowSec, 'ChangeStarted', `settings changed: ${this.spec.sets.join(', ')}`);
    if (this.tickSec <= 0) this.tick(nowSec);
  }

  tick(nowSec: number): boolean {
    if (this.done || !this.started) return false;
    this.done = true;
    this.record.end(nowSec, true);
    this.event(nowSec, 'ChangeEnded', `settings in place for ${Math.round(nowSec - this.record.startSec)}s: ${this.spec.sets.join(', ')}`);
    this.onEnd();
    return false;
  }

  private event(nowSec: number, reason: string, message: string): void {
    this.world.log.add({ time_s: nowSec, cluster: this.cluster.name, kind: 'Cluster', reason, object: this.cluster.name, message }, true);
  }
}

function apply(world: World, c: ClusterState, after: ClusterSpec): void {
  const spec = c.spec;
  const respread = !sameDefaultConstraints(spec.scheduler.defaultConstraints, after.scheduler.defaultConstraints);
  spec.scheduler = after.scheduler;
  // New default constraints reach the pods created from now on (kube-scheduler would apply them
  // to every pod it schedules next; a pod already pending here keeps the ones it was created with).
  if (respread) respreadTemplates(world, c);
  spec.clusterAutoscaler = after.clusterAutoscaler;
  spec.nodeGroups.forEach((g, i) => {
    g.min = after.nodeGroups[i].min;
    g.max = after.nodeGroups[i].max;
    g.expanderPriority = after.nodeGroups[i].expanderPriority;
  });
  spec.overprovisioner = after.overprovisioner;
  spec.overprovisioner.forEach((op, i) => {
    const dep = c.placeholders[i];
    const want = proportionalDesired(c, op);
    if (want === dep.desired) return;
    world.log.add({ time_s: world.now, cluster: c.name, kind: 'Deployment', reason: 'ScalingReplicaSet', object: dep.name, message: `Scaled ${want > dep.desired ? 'up' : 'down'} replica set ${dep.name} from ${dep.desired} to ${want}` });
    dep.desired = want;
    world.reconcile(dep);
  });
}

function sameDefaultConstraints(a: readonly DefaultConstraint[] | undefined, b: readonly DefaultConstraint[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function respreadTemplates(world: World, c: ClusterState): void {
  const defaults = c.spec.scheduler.defaultConstraints;
  for (const dep of c.workloads) {
    setPlacement(dep.template, withDefaultConstraints(world.scenario.workloads[dep.index].placement, defaults, dep.template.labels));
  }
  for (const dep of c.placeholders) setPlacement(dep.template, withDefaultConstraints(undefined, defaults, dep.template.labels));
}

function setPlacement(template: PodInfo, placement: PodInfo['placement']): void {
  if (placement === undefined) delete template.placement;
  else template.placement = placement;
}
