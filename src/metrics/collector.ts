/**
 * The run's metrics, as the simulation's observer: every sample step adds to the request totals,
 * the SLO clocks and (unless the run keeps only its summary) the time series; the end brings the
 * clusters' exact integrals. Numbers only; summary.json, the CSVs and the page are made from them.
 */
import type { Scenario } from '../scenario/types.ts';
import { LatencySketch } from '../maths/latency-sketch.ts';
import type { RunEnd, RunObserver, StepObservation } from '../sim/observer.ts';
import { RunSeries } from './series.ts';
import { UsageTotals } from './usage-totals.ts';
import { hasUsageModel } from '../sim/usage-loop.ts';

export class MetricsCollector implements RunObserver {
  readonly recordsSeries: boolean;
  /** requests served and failed over the run, indexed cluster × workloads + workload */
  readonly served: Float64Array;
  readonly failed: Float64Array;
  /** [cluster][workload]: every served request's latency */
  readonly sketches: LatencySketch[][];
  /** seconds the cluster (the fleet) broke its SLO */
  readonly clusterSloSeconds: Float64Array;
  fleetSloSeconds = 0;
  /** per step: did the fleet break its SLO, and how many requests arrived and failed (for outage windows) */
  readonly stepBreached: Uint8Array;
  readonly stepFailed: Float64Array;
  readonly stepArrived: Float64Array;
  /** the usage figures, when the scenario has usage or limits */
  readonly usage: UsageTotals | null;
  /** null when the run keeps only its summary */
  readonly series: RunSeries | null;
  private ended: RunEnd | null = null;
  private readonly workloadCount: number;
  private readonly slo: Scenario['slo'];

  constructor(scenario: Scenario, opts: { series: boolean }) {
    const clusters = scenario.clusters.map((c) => c.name);
    const n = clusters.length * scenario.workloads.length;
    const steps = Math.ceil(scenario.durationSec / scenario.stepSec);
    this.workloadCount = scenario.workloads.length;
    this.slo = scenario.slo;
    this.recordsSeries = opts.series;
    this.served = new Float64Array(n);
    this.failed = new Float64Array(n);
    this.sketches = clusters.map(() => scenario.workloads.map(() => new LatencySketch()));
    this.clusterSloSeconds = new Float64Array(clusters.length);
    this.stepBreached = new Uint8Array(steps);
    this.stepFailed = new Float64Array(steps);
    this.stepArrived = new Float64Array(steps);
    const withUsage = hasUsageModel(scenario);
    this.usage = withUsage ? new UsageTotals(clusters.length, scenario.workloads.length) : null;
    this.series = opts.series ? new RunSeries(clusters, scenario.workloads.map((w) => w.name), steps, withUsage) : null;
  }

  latencySketch(cluster: number, workload: number): LatencySketch {
    return this.sketches[cluster][workload];
  }

  step(o: StepObservation): void {
    const { k, dtSec: dt, workloads: w } = o;
    const nw = this.workloadCount;
    const sloSec = this.slo.latencyP99Sec;
    let fleetArrival = 0;
    let fleetFailed = 0;
    for (let ci = 0; ci < this.clusterSloSeconds.length; ci++) {
      let arrival = 0;
      let failed = 0;
      for (let i = ci * nw; i < (ci + 1) * nw; i++) {
        arrival += w.arrivalRps[i];
        failed += w.failed[i] / dt;
        this.served[i] += w.served[i];
        this.failed[i] += w.failed[i];
      }
      fleetArrival += arrival;
      fleetFailed += failed;
      // a step breaks the SLO when its p99 is above the target (decided from the step's CDF) or its error rate is
      if (o.clusters.latency[ci].exceeds(0.99, sloSec) || this.errorBreach(arrival, failed)) this.clusterSloSeconds[ci] += dt;
    }
    const breached = o.fleetLatency.exceeds(0.99, sloSec) || this.errorBreach(fleetArrival, fleetFailed);
    if (breached) this.fleetSloSeconds += dt;
    this.stepBreached[k] = breached ? 1 : 0;
    this.stepFailed[k] = fleetFailed * dt;
    this.stepArrived[k] = fleetArrival * dt;
    if (this.usage) this.usage.add(o);
    if (this.series) recordStep(this.series, o, nw);
  }

  end(end: RunEnd): void {
    for (let i = 0; i < this.served.length; i++) {
      this.served[i] += end.settledServed[i];
      this.failed[i] += end.settledFailed[i];
    }
    this.ended = end;
  }

  /** The end of the run; throws before it. */
  get runEnd(): RunEnd {
    if (!this.ended) throw new Error('the run has not ended');
    return this.ended;
  }

  private errorBreach(arrivalRps: number, failedRps: number): boolean {
    return arrivalRps > 0 && failedRps / arrivalRps > this.slo.errorRate;
  }
}

/** One step into the series: each cluster's workloads, then the cluster's sums over them. */
function recordStep(s: RunSeries, o: StepObservation, nw: number): void {
  s.timeSec[o.k] = o.timeSec;
  for (let ci = 0; ci < s.clusters.length; ci++) {
    recordWorkloads(s, o, ci, nw);
    recordCluster(s, o, ci, nw);
  }
  s.length = o.k + 1;
}

function recordWorkloads(s: RunSeries, o: StepObservation, ci: number, nw: number): void {
  const { k, dtSec: dt, workloads: w } = o;
  for (let wi = 0; wi < nw; wi++) {
    const i = ci * nw + wi;
    const col = s.workloads[ci][wi];
    const hasServed = w.served[i] > 0;
    col.arrival_rps[k] = w.arrivalRps[i];
    col.capacity_rps[k] = w.capacityRps[i];
    col.served_rps[k] = w.served[i] / dt;
    col.failed_rps[k] = w.failed[i] / dt;
    col.p50_ms[k] = (hasServed ? w.p50Sec[i] : NaN) * 1000;
    col.p95_ms[k] = (hasServed ? w.p95Sec[i] : NaN) * 1000;
    col.p99_ms[k] = (hasServed ? w.p99Sec[i] : NaN) * 1000;
    col.ready_pods[k] = w.readyPods[i];
    col.pending_pods[k] = w.pendingPods[i];
    col.desired_replicas[k] = w.desiredReplicas[i];
    col.backlog[k] = w.backlog[i];
  }
  const u = o.usage;
  if (!s.workloadUsage || !u) return;
  const MiB = 2 ** 20;
  for (let wi = 0; wi < nw; wi++) {
    const i = ci * nw + wi;
    const col = s.workloadUsage[ci][wi];
    col.cpu_milli_mean[k] = u.workloads.cpuMilliMean[i];
    col.cpu_milli_max[k] = u.workloads.cpuMilliMax[i];
    col.memory_mib_mean[k] = u.workloads.memoryBytesMean[i] / MiB;
    col.memory_mib_max[k] = u.workloads.memoryBytesMax[i] / MiB;
    col.throttled_pods[k] = u.workloads.throttledPods[i];
    col.cpu_shared_pods[k] = u.workloads.cpuSharedPods[i];
    col.oom_kills[k] = u.workloads.oomKills[i];
    col.restarts[k] = u.workloads.restarts[i];
    col.evictions[k] = u.workloads.evictions[i];
  }
}

function recordCluster(s: RunSeries, o: StepObservation, ci: number, nw: number): void {
  const { k, dtSec: dt, workloads: w, clusters: c } = o;
  let arrival = 0;
  let capacity = 0;
  let served = 0;
  let failed = 0;
  let ready = 0;
  for (let i = ci * nw; i < (ci + 1) * nw; i++) {
    arrival += w.arrivalRps[i];
    capacity += w.capacityRps[i];
    served += w.served[i] / dt;
    failed += w.failed[i] / dt;
    ready += w.readyPods[i];
  }
  const col = s.clusters[ci];
  const latency = c.latency[ci];
  col.arrival_rps[k] = arrival;
  col.capacity_rps[k] = capacity;
  col.served_rps[k] = served;
  col.failed_rps[k] = failed;
  col.p50_ms[k] = latency.quantile(0.5) * 1000;
  col.p95_ms[k] = latency.quantile(0.95) * 1000;
  col.p99_ms[k] = latency.quantile(0.99) * 1000;
  col.ready_pods[k] = ready;
  col.pending_pods[k] = c.pendingPods[ci];
  col.placeholder_pods[k] = c.placeholderPods[ci];
  col.placeholder_pending[k] = c.placeholderPending[ci];
  col.nodes_ready[k] = c.nodesReady[ci];
  col.nodes_requested[k] = c.nodesBilled[ci];
  col.cost_per_hour[k] = c.pricePerHour[ci];
  col.traffic_share[k] = c.share[ci];
  col.nodes_provisioning[k] = c.nodesProvisioning[ci];
}
