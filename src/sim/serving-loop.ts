/**
 * At every sample step, each workload in each cluster serves its share of the traffic with its
 * Ready pods (c = Ready pods × concurrency servers). The queue model (fluid or request by request)
 * keeps its backlog between steps and reports served, failed and the latency of the step; the
 * loop hands what it saw to the run's observer.
 */
import type { Scenario } from '../scenario/types.ts';
import type { TrafficTables } from '../traffic/tables.ts';
import type { ServingQueue } from '../serving/types.ts';
import { StepMixture } from '../serving/step-mixture.ts';
import type { LatencySketch } from '../maths/latency-sketch.ts';
import type { ClusterState } from './cluster.ts';
import type { World } from './world.ts';
import { NodeState } from './types.ts';
import { servingOf } from './changes/replica-sets.ts';
import type { ClusterStepColumns, RunObserver, StepObservation, WorkloadStepColumns } from './observer.ts';
import { hasUsageModel, UsageLoop } from './usage-loop.ts';

export class ServingLoop {
  /** [cluster][workload] */
  readonly queues: ServingQueue[][];
  private readonly sketches: LatencySketch[][];
  private readonly obs: StepObservation;
  private readonly clusterMix: StepMixture[];
  private readonly fleetMix = new StepMixture();
  private readonly serving = { servers: 0, mu: 0 };
  /** the usage model, when the scenario has one or the observer asks for its figures */
  private readonly usage: UsageLoop | null;
  /** the step and cluster being served, for the usage model's callbacks (made once, not per step) */
  private readonly current = { k: 0, dt: 0, cluster: 0, share: 0 };
  private readonly offeredRps = (wi: number): number => this.offeredPerPod(wi);
  private readonly servedRps = (wi: number): number => {
    const i = this.current.cluster * this.scenario.workloads.length + wi;
    return this.obs.workloads.served[i] / this.current.dt;
  };

  constructor(
    private readonly world: World,
    private readonly scenario: Scenario,
    private readonly traffic: TrafficTables,
    private readonly observer: RunObserver,
    newQueue: (cluster: string, workload: number) => ServingQueue,
  ) {
    this.queues = world.clusters.map((c) => scenario.workloads.map((_, wi) => newQueue(c.name, wi)));
    this.sketches = world.clusters.map((c) => scenario.workloads.map((_, wi) => observer.latencySketch(c.index, wi)));
    this.clusterMix = world.clusters.map(() => new StepMixture());
    this.obs = newObservation(world.clusters.length, scenario.workloads.length, this.clusterMix, this.fleetMix);
    const physics = hasUsageModel(scenario);
    this.usage = physics || observer.recordsUsage === true ? new UsageLoop(world, scenario, physics) : null;
    if (this.usage) this.obs.usage = { workloads: this.usage.workloads, clusters: this.usage.clusters };
  }

  /** The load each Ready pod of workload `wi` is offered this step: its share of the arrivals and of the backlog left. */
  private offeredPerPod(wi: number): number {
    const { k, dt, cluster, share } = this.current;
    const nw = this.scenario.workloads.length;
    const ready = this.world.clusters[cluster].workloads[wi].readyCount;
    if (ready <= 0) return 0;
    const backlog = this.obs.workloads.backlog[cluster * nw + wi];
    return (this.traffic.rates[wi][k] * share + backlog / dt) / ready;
  }

  step(k: number): void {
    const { scenario, world, traffic, obs } = this;
    const t = k * scenario.stepSec;
    const dt = Math.min(scenario.stepSec, scenario.durationSec - t);
    if (dt <= 0) return;
    obs.k = k;
    obs.timeSec = t;
    obs.dtSec = dt;
    // Each step's latencies go straight into the run's sketch of (cluster, workload); the cluster's
    // and the fleet's step latency come from the request-weighted mixture of the queues' step CDFs.
    const fleet = this.fleetMix;
    fleet.reset();
    const w = obs.workloads;
    const nw = scenario.workloads.length;
    for (const c of world.clusters) {
      const mix = this.clusterMix[c.index];
      mix.reset();
      const share = traffic.shares[c.index][k];
      const usage = this.usage;
      if (usage) {
        const cur = this.current;
        cur.k = k;
        cur.dt = dt;
        cur.cluster = c.index;
        cur.share = share;
        usage.prepare(c, this.offeredRps);
      }
      for (let wi = 0; wi < nw; wi++) {
        const wl = scenario.workloads[wi];
        const dep = c.workloads[wi];
        const queue = this.queues[c.index][wi];
        const arrivalRps = traffic.rates[wi][k] * share;
        servingOf(dep, wl, this.serving);
        let servers = c.down ? 0 : this.serving.servers;
        let mu = this.serving.mu;
        if (usage) {
          // throttled or cpu-starved pods serve fewer requests a second than their concurrency allows
          const held = usage.constrainedMu(c.index * nw + wi, servers);
          if (held === 0) servers = 0;
          else if (held > 0) mu = held;
        }
        // The Service spreads requests over its Ready endpoints: those of pods whose node stopped
        // reporting (and is not marked NotReady yet) go unanswered and fail.
        const lostShare = dep.unreachableReady > 0 && !c.down ? dep.unreachableReady / dep.readyCount : 0;
        const r = queue.step(dt, arrivalRps * (1 - lostShare), servers, mu, wl.timeoutSec, this.sketches[c.index][wi]);
        mix.add(queue, r);
        fleet.add(queue, r);
        const i = c.index * nw + wi;
        w.arrivalRps[i] = arrivalRps;
        w.capacityRps[i] = r.capacityRps;
        w.served[i] = r.served;
        w.failed[i] = lostShare > 0 ? r.failed + arrivalRps * lostShare * dt : r.failed;
        w.p50Sec[i] = r.p50Sec;
        w.p95Sec[i] = r.p95Sec;
        w.p99Sec[i] = r.p99Sec;
        w.backlog[i] = r.backlog;
        w.readyPods[i] = dep.readyCount;
        w.pendingPods[i] = dep.pendingCount;
        w.desiredReplicas[i] = dep.desired;
      }
      // alike zones serve alike steps: their percentiles are searched once
      for (let cj = 0; cj < c.index; cj++) {
        if (mix.sameAs(this.clusterMix[cj])) {
          mix.follow(this.clusterMix[cj]);
          break;
        }
      }
      if (usage) usage.observe(c, this.servedRps);
      observeCluster(obs.clusters, c, share, this.observer.recordsSeries);
    }
    this.observer.step(obs);
    this.usage?.apply();
  }

  /** The usage model, when the run has one. */
  get usageModel(): UsageLoop | null {
    return this.usage;
  }

  /** The sketch the run's served requests of (cluster, workload) go into. */
  latencySketch(ci: number, wi: number): LatencySketch {
    return this.sketches[ci][wi];
  }

  /** What the last step saw (overwritten by the next). */
  get observation(): StepObservation {
    return this.obs;
  }

  /** Settles what is still queued at the end so that served + failed = arrived. */
  finish(): { served: Float64Array; failed: Float64Array } {
    const { world, scenario } = this;
    const nw = scenario.workloads.length;
    const served = new Float64Array(world.clusters.length * nw);
    const failed = new Float64Array(world.clusters.length * nw);
    for (const c of world.clusters) {
      for (let wi = 0; wi < nw; wi++) {
        const r = this.queues[c.index][wi].flush(this.sketches[c.index][wi]);
        served[c.index * nw + wi] = r.served;
        failed[c.index * nw + wi] = r.failed;
      }
    }
    return { served, failed };
  }
}

function observeCluster(o: ClusterStepColumns, c: ClusterState, share: number, withProvisioning: boolean): void {
  const ci = c.index;
  o.share[ci] = share;
  let placeholders = 0;
  for (const d of c.placeholders) placeholders += d.pods.length - d.pendingCount;
  o.placeholderPods[ci] = placeholders;
  o.pendingPods[ci] = c.acc.pendingPods;
  o.placeholderPending[ci] = c.acc.pendingPlaceholders;
  o.nodesReady[ci] = c.acc.readyNodes;
  o.nodesBilled[ci] = c.acc.billedNodes;
  o.pricePerHour[ci] = c.acc.pricePerHour;
  if (withProvisioning) {
    // every node ever created: only runs that keep a time series pay for the walk
    let provisioning = 0;
    for (const n of c.nodes) if (n.state === NodeState.Provisioning) provisioning++;
    o.nodesProvisioning[ci] = provisioning;
  }
}

function newObservation(clusters: number, workloads: number, latency: StepMixture[], fleetLatency: StepMixture): StepObservation {
  const perCluster = () => new Float64Array(clusters);
  const perWorkload = () => new Float64Array(clusters * workloads);
  const w: WorkloadStepColumns = {
    arrivalRps: perWorkload(),
    capacityRps: perWorkload(),
    served: perWorkload(),
    failed: perWorkload(),
    p50Sec: perWorkload(),
    p95Sec: perWorkload(),
    p99Sec: perWorkload(),
    backlog: perWorkload(),
    readyPods: perWorkload(),
    pendingPods: perWorkload(),
    desiredReplicas: perWorkload(),
  };
  const c: ClusterStepColumns = {
    share: perCluster(),
    latency,
    pendingPods: perCluster(),
    placeholderPods: perCluster(),
    placeholderPending: perCluster(),
    nodesReady: perCluster(),
    nodesBilled: perCluster(),
    nodesProvisioning: perCluster(),
    pricePerHour: perCluster(),
  };
  return { k: 0, timeSec: 0, dtSec: 0, clusters: c, workloads: w, fleetLatency };
}
