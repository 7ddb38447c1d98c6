/**
 * At every sample step, each workload in each cluster serves its share of the traffic with its
 * Ready pods (c = Ready pods × concurrency servers). The queue model (fluid or request by request)
 * keeps its backlog between steps and reports served, failed and the latency of the step.
 */
import type { Scenario } from '../scenario/types.ts';
import type { TrafficTables } from './simulation.ts';
import type { MetricsCollector, StepSample } from '../metrics/collector.ts';
import { LatencySketch } from '../maths/latency-sketch.ts';
import type { ServingQueue } from '../serving/types.ts';
import type { World } from './world.ts';
import { StepMixture } from '../serving/step-mixture.ts';

export class ServingLoop {
  /** [cluster][workload] */
  readonly queues: ServingQueue[][];
  readonly runSketches: LatencySketch[][];
  private readonly sample: StepSample;
  private readonly clusterMix = new StepMixture();
  private readonly fleetMix = new StepMixture();

  constructor(
    private readonly world: World,
    private readonly scenario: Scenario,
    private readonly traffic: TrafficTables,
    private readonly metrics: MetricsCollector,
    newQueue: (cluster: string, workload: number) => ServingQueue,
  ) {
    this.queues = world.clusters.map((c) => scenario.workloads.map((_, wi) => newQueue(c.name, wi)));
    this.runSketches = world.clusters.map(() => scenario.workloads.map(() => new LatencySketch()));
    this.sample = metrics.newSample();
  }

  step(k: number): void {
    const { scenario, world, traffic } = this;
    const t = k * scenario.stepSec;
    const dt = Math.min(scenario.stepSec, scenario.durationSec - t);
    if (dt <= 0) return;
    const s = this.sample;
    s.begin(k, t, dt);
    // Each step's latencies go straight into the run's sketch of (cluster, workload); the cluster's
    // and the fleet's step latency come from the request-weighted mixture of the queues' step CDFs.
    const fleet = this.fleetMix;
    fleet.reset();
    for (const c of world.clusters) {
      const mix = this.clusterMix;
      mix.reset();
      const share = traffic.shares[c.index][k];
      for (let wi = 0; wi < scenario.workloads.length; wi++) {
        const wl = scenario.workloads[wi];
        const dep = c.workloads[wi];
        const queue = this.queues[c.index][wi];
        const arrivalRps = traffic.rates[wi][k] * share;
        const servers = c.down ? 0 : dep.readyCount * wl.concurrency;
        const r = queue.step(dt, arrivalRps, servers, 1 / wl.serviceTime.meanSec, wl.timeoutSec, this.runSketches[c.index][wi]);
        mix.add(queue, r);
        fleet.add(queue, r);
        s.workload(c.index, wi, arrivalRps, r, dep);
      }
      s.cluster(c, share, mix);
    }
    s.fleet(fleet);
    this.metrics.record(s);
  }

  /** Settles what is still queued at the end so that served + failed = arrived. */
  finish(): void {
    const { world, scenario } = this;
    for (const c of world.clusters) {
      for (let wi = 0; wi < scenario.workloads.length; wi++) {
        const r = this.queues[c.index][wi].flush(this.runSketches[c.index][wi]);
        this.metrics.settle(c.index, wi, r.served, r.failed);
      }
    }
  }
}
