/**
 * A new revision of one workload in one cluster, rolled out by the Deployment controller: its
 * ReplicaSets are sized by decisions/deployment (every DEPLOYMENT_SYNC_SEC, as the controller
 * requeues while pods become available), the ReplicaSet controller keeps each one's pods
 * (replica-sets.ts), and the HPA goes on setting the Deployment's replicas, which the controller
 * spreads over the ReplicaSets proportionally. A gate may roll it back.
 */
import { maxSurge } from '../../decisions/deployment/fenceposts.ts';
import { deploymentComplete, deploymentProgressing, deploymentTimedOut, type DeploymentStatusCounts } from '../../decisions/deployment/progress.ts';
import { syncDeployment } from '../../decisions/deployment/sync.ts';
import type { DeploymentSnapshot } from '../../decisions/deployment/types.ts';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from '../../decisions/defaults.ts';
import type { RolloutSpec } from '../../scenario/types.ts';
import type { ClusterState } from '../cluster.ts';
import type { StepObservation } from '../observer.ts';
import { PodPhase, type Deployment, type PodRevision, type ReplicaSet } from '../types.ts';
import type { World } from '../world.ts';
import type { ChangeRecord } from './record.ts';
import { availablePods } from './replica-sets.ts';

/** How often the controller looks at a Deployment in a rollout (it reacts to pod updates within about this). */
export const DEPLOYMENT_SYNC_SEC = 1;

/** a Deployment's template before any rollout is its revision 1 */
const FIRST_REVISION = 1;

export class RolloutRun {
  private readonly dep: Deployment;
  private readonly strategy: RolloutSpec['strategy'];
  private target!: ReplicaSet;
  private previous!: ReplicaSet;
  private newRS!: ReplicaSet;
  private last: DeploymentStatusCounts = { replicas: 0, updated: 0, ready: 0, available: 0 };
  private lastProgressSec = 0;
  private deadlineNoted = false;
  private rolledBack = false;
  private breachSinceSec = NaN;
  done = false;
  readonly tickSec = DEPLOYMENT_SYNC_SEC;

  constructor(
    private readonly world: World,
    private readonly spec: RolloutSpec,
    private readonly cluster: ClusterState,
    readonly record: ChangeRecord,
    private readonly revisions: Map<Deployment, number>,
    private readonly onEnd: (run: RolloutRun) => void,
  ) {
    this.dep = cluster.workloads[spec.workloadIndex];
    this.strategy = spec.strategy;
  }

  get endedWell(): boolean {
    return this.record.finished;
  }

  /** The new ReplicaSet beside the old (or beside those of a rollout still going: a roll-over). */
  start(nowSec: number): void {
    const { dep, world } = this;
    const wl = world.scenario.workloads[this.spec.workloadIndex];
    const d = this.snapshot();
    const rev = this.revisions.get(dep) ?? FIRST_REVISION;
    if (!dep.replicaSets) {
      const old: ReplicaSet = {
        name: `${dep.name}-v${rev}`,
        created: rev,
        template: dep.template,
        revision: dep.revision ?? { concurrency: wl.concurrency, serviceMeanSec: wl.serviceTime.meanSec, startupDelay: wl.startupDelay },
        replicas: dep.desired,
        desiredAnnotation: dep.desired,
        maxAnnotation: dep.desired + maxSurge(d),
      };
      for (const p of dep.pods) p.replicaSet = old;
      dep.replicaSets = [old];
    }
    this.previous = dep.replicaSets.at(-1)!;
    this.revisions.set(dep, rev + 1);
    const r = this.spec.revision;
    const cpuMilli = r.requests?.cpuMilli ?? dep.template.cpuMilli;
    const memoryBytes = r.requests?.memoryBytes ?? dep.template.memoryBytes;
    const was: PodRevision = this.previous.revision;
    this.newRS = {
      name: `${dep.name}-v${rev + 1}`,
      created: rev + 1,
      template: { ...dep.template, cpuMilli, memoryBytes, nonZeroCpuMilli: cpuMilli || DEFAULT_MILLI_CPU_REQUEST, nonZeroMemoryBytes: memoryBytes || DEFAULT_MEMORY_REQUEST },
      revision: {
        concurrency: r.concurrency ?? was.concurrency,
        serviceMeanSec: r.serviceTimeMeanSec ?? was.serviceMeanSec,
        startupDelay: r.startupDelay ?? was.startupDelay,
      },
      replicas: 0,
      desiredAnnotation: dep.desired,
      maxAnnotation: dep.desired + maxSurge(d),
    };
    dep.replicaSets.push(this.newRS);
    dep.template = this.newRS.template;
    this.target = this.newRS;
    this.lastProgressSec = nowSec;
    this.record.start(nowSec);
    this.event(nowSec, 'ChangeStarted', `rollout of ${this.newRS.name} begins (${this.describeStrategy()})`, true);
    this.tick(nowSec);
  }

  /** One sync of the Deployment controller; returns false once the rollout is over. */
  tick(nowSec: number): boolean {
    if (this.done) return false;
    const { dep, world } = this;
    const sets = dep.replicaSets!;
    const d = this.snapshot();
    const minReady = this.spec.minReadySec;
    const available = sets.map((rs) => availablePods(dep, rs, nowSec, minReady));
    const scalings = syncDeployment({
      deployment: d,
      replicaSets: sets.map((rs, i) => ({ name: rs.name, replicas: rs.replicas, available: available[i], created: rs.created, desiredAnnotation: rs.desiredAnnotation, maxAnnotation: rs.maxAnnotation })),
      newIndex: sets.indexOf(this.target),
      pods: this.strategy.type === 'Recreate' ? this.podsLeft(sets) : sets.map(() => 0),
    });
    for (const s of scalings) {
      const rs = sets[s.index];
      rs.replicas = s.to;
      rs.desiredAnnotation = d.replicas;
      rs.maxAnnotation = d.replicas + maxSurge(d);
      if (s.from !== s.to) this.event(nowSec, 'ScalingReplicaSet', `Scaled ${s.operation} replica set ${rs.name} from ${s.from} to ${s.to}`, false, { from: s.from, to: s.to });
    }
    if (scalings.length > 0) world.reconcile(dep);
    this.record.noteSurge(dep.pods.length - dep.desired);

    let updated = 0;
    for (const p of dep.pods) if (p.replicaSet === this.target) updated++;
    const status: DeploymentStatusCounts = { replicas: dep.pods.length, updated, ready: dep.readyCount, available: available.reduce((a, b) => a + b, 0) };
    if (deploymentProgressing(this.last, status)) this.lastProgressSec = nowSec;
    this.last = status;
    if (deploymentComplete(dep.desired, { ...status, available: availablePods(dep, this.target, nowSec, minReady) })) {
      this.finish(nowSec);
      return false;
    }
    if (!this.deadlineNoted && deploymentTimedOut(this.lastProgressSec, nowSec, this.spec.progressDeadlineSec)) {
      this.deadlineNoted = true;
      this.event(nowSec, 'ProgressDeadlineExceeded', `ReplicaSet "${this.target.name}" has timed out progressing.`, true);
      if (this.spec.rollbackWhen?.progressDeadlineExceeded) this.rollBack(nowSec, `its progress deadline (${this.spec.progressDeadlineSec}s) was exceeded`);
    }
    return true;
  }

  /**
   * After a sample step: the gate reads the workload's latency and errors in this cluster. The
   * step's figures are known at its end, so a breach long enough rolls back then: the time and
   * the reason are returned for the caller to schedule `rollBack` at.
   */
  afterStep(obs: StepObservation): { atSec: number; why: string } | null {
    const gate = this.spec.rollbackWhen;
    if (this.done || this.rolledBack || !gate || (gate.p99AboveSec === undefined && gate.errorRateAbove === undefined)) return null;
    const i = this.cluster.index * this.world.scenario.workloads.length + this.spec.workloadIndex;
    const served = obs.workloads.served[i];
    const failed = obs.workloads.failed[i];
    const p99 = obs.workloads.p99Sec[i];
    const errorRate = served + failed > 0 ? failed / (served + failed) : 0;
    const over: string[] = [];
    if (gate.p99AboveSec !== undefined && p99 > gate.p99AboveSec) over.push(`p99 ${Math.round(p99 * 1000)}ms above ${Math.round(gate.p99AboveSec * 1000)}ms`);
    if (gate.errorRateAbove !== undefined && errorRate > gate.errorRateAbove) over.push(`error rate ${(errorRate * 100).toFixed(2)}% above ${(gate.errorRateAbove * 100).toFixed(2)}%`);
    if (over.length === 0) {
      this.breachSinceSec = NaN;
      return null;
    }
    if (Number.isNaN(this.breachSinceSec)) this.breachSinceSec = obs.timeSec;
    const end = obs.timeSec + obs.dtSec;
    const lasted = end - this.breachSinceSec;
    if (lasted < gate.forSec) return null;
    this.breachSinceSec = NaN;
    return { atSec: end, why: `${over.join(', ')} for ${Math.round(lasted)}s` };
  }

  /** The previous template becomes the Deployment's again (kubectl rollout undo): the same rolling rules bring it back. */
  rollBack(nowSec: number, why: string): void {
    if (this.rolledBack || this.done) return;
    this.rolledBack = true;
    this.record.reason = why;
    this.target = this.previous;
    this.dep.template = this.previous.template;
    this.lastProgressSec = nowSec;
    this.deadlineNoted = false;
    this.event(nowSec, 'RolledBack', `Rolled back deployment ${this.dep.name} to ${this.previous.name}: ${why}`, true);
  }

  private finish(nowSec: number): void {
    const { dep } = this;
    this.done = true;
    // one ReplicaSet left with every pod: the Deployment serves as that revision from now on
    const rs = this.target;
    dep.template = rs.template;
    dep.revision = rs.revision;
    dep.replicaSets = undefined;
    this.record.end(nowSec, !this.rolledBack, this.record.reason);
    this.event(
      nowSec,
      'ChangeEnded',
      this.rolledBack ? `rollback to ${rs.name} complete (${this.record.reason})` : `ReplicaSet "${rs.name}" has successfully progressed.`,
      true,
    );
    this.onEnd(this);
  }

  private snapshot(): DeploymentSnapshot {
    return { replicas: this.dep.desired, strategy: this.strategy };
  }

  /** Pods of each ReplicaSet that still exist, terminating ones included (Recreate waits for them). */
  private podsLeft(sets: readonly ReplicaSet[]): number[] {
    const n = sets.map(() => 0);
    for (const node of this.cluster.nodes) {
      for (const info of node.info.pods) {
        const p = this.world.pods[info.uid];
        if (p.owner === this.dep && p.replicaSet && p.phase !== PodPhase.Gone) count(p.replicaSet);
      }
    }
    for (const p of this.dep.pods) if (p.phase === PodPhase.Pending && p.replicaSet) count(p.replicaSet);
    return n;
    function count(rs: ReplicaSet): void {
      const k = sets.indexOf(rs);
      if (k >= 0) n[k]++;
    }
  }

  private describeStrategy(): string {
    const s = this.strategy;
    if (s.type === 'Recreate') return 'Recreate';
    const v = (x: { kind: string; value: number }) => (x.kind === 'percent' ? `${x.value}%` : String(x.value));
    return `RollingUpdate, maxSurge ${v(s.maxSurge)}, maxUnavailable ${v(s.maxUnavailable)}`;
  }

  private event(nowSec: number, reason: string, message: string, annotate: boolean, extra: Record<string, unknown> = {}): void {
    this.world.log.add({ time_s: nowSec, cluster: this.cluster.name, kind: 'Deployment', reason, object: this.dep.name, message, ...extra }, annotate);
  }
}
