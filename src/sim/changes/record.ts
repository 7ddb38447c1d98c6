/**
 * What one change did in one cluster while it ran: pods surged above the Deployment's replicas,
 * pod-seconds pending, nodes added over the count at its start, and the latency and errors of
 * the requests served meanwhile. The change's controller calls start, note and end; the serving
 * loop calls step after each sample step.
 */
import type { LatencySketchJson } from '../../maths/latency-sketch.ts';
import type { ClusterState } from '../cluster.ts';
import type { ChangeFigures, StepObservation } from '../observer.ts';
import type { ServingLoop } from '../serving-loop.ts';
import { sketchSince } from './window-latency.ts';

export class ChangeRecord {
  startSec = NaN;
  endSec = NaN;
  finished = false;
  /** why it ended without finishing (a rollback), for the report */
  reason = '';
  surgedPods = 0;
  private pendingAtStart = 0;
  private nodesAtStart = 0;
  private peakNodes = 0;
  private served = 0;
  private failed = 0;
  private sketchesAtStart: LatencySketchJson[] = [];
  private p99Sec = NaN;

  constructor(
    readonly kind: string,
    readonly cluster: ClusterState,
    /** the workloads whose requests count: the rolled-out one, or every workload of the cluster */
    readonly workloads: readonly number[],
    private readonly serving: () => ServingLoop,
  ) {}

  get running(): boolean {
    return !Number.isNaN(this.startSec) && Number.isNaN(this.endSec);
  }

  start(nowSec: number): void {
    const a = this.cluster.acc;
    a.advance(nowSec);
    this.startSec = nowSec;
    this.pendingAtStart = a.pendingPodSeconds;
    this.nodesAtStart = a.billedNodes;
    this.peakNodes = a.billedNodes;
    this.sketchesAtStart = this.workloads.map((wi) => this.serving().latencySketch(this.cluster.index, wi).toJSON());
  }

  /** pods above the Deployment's replicas right now */
  noteSurge(pods: number): void {
    if (pods > this.surgedPods) this.surgedPods = pods;
  }

  /** after a sample step: its requests count while the change runs */
  step(obs: StepObservation, workloadCount: number): void {
    if (!this.running) return;
    const base = this.cluster.index * workloadCount;
    for (const wi of this.workloads) {
      this.served += obs.workloads.served[base + wi];
      this.failed += obs.workloads.failed[base + wi];
    }
    if (this.cluster.acc.billedNodes > this.peakNodes) this.peakNodes = this.cluster.acc.billedNodes;
  }

  end(nowSec: number, finished: boolean, reason = ''): void {
    if (!this.running) return;
    const a = this.cluster.acc;
    a.advance(nowSec);
    this.endSec = nowSec;
    this.finished = finished;
    this.reason = reason;
    if (a.billedNodes > this.peakNodes) this.peakNodes = a.billedNodes;
    this.pendingAtStart = a.pendingPodSeconds - this.pendingAtStart;
    const since = this.workloads.map((wi, i) => sketchSince(this.sketchesAtStart[i], this.serving().latencySketch(this.cluster.index, wi).toJSON()));
    const all = since[0];
    for (let i = 1; i < since.length; i++) all.merge(since[i]);
    this.p99Sec = all && all.count > 0 ? all.quantile(0.99) : NaN;
    this.sketchesAtStart = [];
  }

  figures(): ChangeFigures {
    const total = this.served + this.failed;
    return {
      kind: this.kind,
      cluster: this.cluster.name,
      startSec: this.startSec,
      endSec: this.endSec,
      finished: this.finished,
      surgedPods: this.surgedPods,
      pendingPodSeconds: this.pendingAtStart,
      extraNodes: Math.max(0, this.peakNodes - this.nodesAtStart),
      p99Sec: this.p99Sec,
      errorRate: total > 0 ? this.failed / total : 0,
    };
  }
}
