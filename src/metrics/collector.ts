/**
 * Turns each sample step into time-series rows and run totals, and the run into summary.json.
 * Totals of requests are sums of what the serving model reported; node, cost and pod figures are
 * the clusters' exact integrals (accounting.ts), not samples.
 */
import type { Scenario } from '../scenario/types.ts';
import type { RunResult } from '../run.ts';
import type { ClusterState } from '../sim/cluster.ts';
import { NodeState, type Deployment } from '../sim/types.ts';
import type { World } from '../sim/world.ts';
import type { ServingLoop } from '../sim/serving-loop.ts';
import type { ServingStepResult as StepResult } from '../serving/types.ts';
import type { StepMixture } from '../serving/step-mixture.ts';
import { buildSummary } from './summary.ts';
import { CsvBuilder, CLUSTER_COLUMNS, WORKLOAD_COLUMNS, csvCell } from './timeseries.ts';

/** Requests of one (cluster, workload) over the run. */
export class RequestTotals {
  arrived = 0;
  served = 0;
  failed = 0;
}

/** What one step saw, filled in by the serving loop and read by the collector. */
export class StepSample {
  k = 0;
  t = 0;
  dt = 0;
  /** per cluster, summed over workloads */
  arrival: Float64Array;
  capacity: Float64Array;
  served: Float64Array;
  failed: Float64Array;
  /** per cluster step latency quantiles (seconds), NaN when nothing was served */
  p50: Float64Array;
  p95: Float64Array;
  p99: Float64Array;
  share: Float64Array;
  /** per cluster: 1 when more than 1% of the step's requests were slower than the SLO's p99 */
  sloBreached: Uint8Array;
  fleetSloBreached = false;

  constructor(
    private readonly collector: MetricsCollector,
    clusters: number,
    private readonly sloP99Sec: number,
    /** per-cluster step quantiles for timeseries.csv (skipped for summary-only runs) */
    private readonly withQuantiles: boolean,
  ) {
    this.sloBreached = new Uint8Array(clusters);
    this.arrival = new Float64Array(clusters);
    this.capacity = new Float64Array(clusters);
    this.served = new Float64Array(clusters);
    this.failed = new Float64Array(clusters);
    this.p50 = new Float64Array(clusters);
    this.p95 = new Float64Array(clusters);
    this.p99 = new Float64Array(clusters);
    this.share = new Float64Array(clusters);
  }

  begin(k: number, t: number, dt: number): void {
    this.k = k;
    this.t = t;
    this.dt = dt;
    this.arrival.fill(0);
    this.capacity.fill(0);
    this.served.fill(0);
    this.failed.fill(0);
  }

  workload(ci: number, wi: number, arrivalRps: number, r: StepResult, dep: Deployment): void {
    this.arrival[ci] += arrivalRps;
    this.capacity[ci] += r.capacityRps;
    this.served[ci] += r.served / this.dt;
    this.failed[ci] += r.failed / this.dt;
    this.collector.workloadStep(this, ci, wi, arrivalRps, r, dep);
  }

  cluster(c: ClusterState, share: number, step: StepMixture): void {
    const ci = c.index;
    this.share[ci] = share;
    this.sloBreached[ci] = step.exceeds(0.99, this.sloP99Sec) ? 1 : 0;
    if (this.withQuantiles) {
      this.p50[ci] = step.quantile(0.5);
      this.p95[ci] = step.quantile(0.95);
      this.p99[ci] = step.quantile(0.99);
    }
  }

  fleet(step: StepMixture): void {
    this.fleetSloBreached = step.exceeds(0.99, this.sloP99Sec);
  }
}

export class MetricsCollector {
  /** [cluster][workload] */
  readonly totals: RequestTotals[][];
  readonly clusterSloSeconds: Float64Array;
  fleetSloSeconds = 0;
  /** per step: did the fleet break its SLO, and how many requests failed (for outage windows) */
  readonly stepBreached: Uint8Array;
  readonly stepFailed: Float64Array;
  readonly stepArrived: Float64Array;
  private readonly clusterCsv: CsvBuilder | null;
  private readonly workloadCsv: CsvBuilder | null;
  private readonly clusterNames: string[];
  private readonly workloadNames: string[];

  constructor(
    private readonly world: World,
    private readonly scenario: Scenario,
    opts: { summaryOnly: boolean },
  ) {
    this.totals = world.clusters.map(() => scenario.workloads.map(() => new RequestTotals()));
    this.clusterSloSeconds = new Float64Array(world.clusters.length);
    const steps = Math.ceil(scenario.durationSec / scenario.stepSec);
    this.stepBreached = new Uint8Array(steps);
    this.stepFailed = new Float64Array(steps);
    this.stepArrived = new Float64Array(steps);
    this.clusterCsv = opts.summaryOnly ? null : new CsvBuilder(CLUSTER_COLUMNS);
    this.workloadCsv = opts.summaryOnly ? null : new CsvBuilder(WORKLOAD_COLUMNS);
    this.clusterNames = world.clusters.map((c) => csvCell(c.name));
    this.workloadNames = scenario.workloads.map((w) => csvCell(w.name));
  }

  newSample(): StepSample {
    return new StepSample(this, this.world.clusters.length, this.scenario.slo.latencyP99Sec, this.clusterCsv !== null);
  }

  workloadStep(s: StepSample, ci: number, wi: number, arrivalRps: number, r: StepResult, dep: Deployment): void {
    const tot = this.totals[ci][wi];
    tot.arrived += arrivalRps * s.dt;
    tot.served += r.served;
    tot.failed += r.failed;
    const csv = this.workloadCsv;
    if (!csv) return;
    csv.row([
      fmt(s.t, 3),
      this.clusterNames[ci],
      this.workloadNames[wi],
      fmt(arrivalRps, 3),
      fmt(r.capacityRps, 3),
      fmt(r.served / s.dt, 3),
      fmt(r.failed / s.dt, 3),
      ms(r.served > 0 ? r.p50Sec : NaN),
      ms(r.served > 0 ? r.p95Sec : NaN),
      ms(r.served > 0 ? r.p99Sec : NaN),
      String(dep.readyCount),
      String(dep.pendingCount),
      String(dep.desired),
      fmt(r.backlog, 1),
    ]);
  }

  record(s: StepSample): void {
    const slo = this.scenario.slo;
    let arrived = 0;
    let failed = 0;
    for (const c of this.world.clusters) {
      const ci = c.index;
      arrived += s.arrival[ci];
      failed += s.failed[ci];
      if (s.sloBreached[ci] || errorBreach(s.arrival[ci], s.failed[ci], slo)) this.clusterSloSeconds[ci] += s.dt;
      const csv = this.clusterCsv;
      if (!csv) continue;
      let placeholders = 0;
      for (const d of c.placeholders) placeholders += d.pods.length - d.pendingCount;
      let ready = 0;
      for (const d of c.workloads) ready += d.readyCount;
      let provisioning = 0;
      for (const n of c.nodes) if (n.state === NodeState.Provisioning) provisioning++;
      csv.row([
        fmt(s.t, 3),
        this.clusterNames[ci],
        fmt(s.arrival[ci], 3),
        fmt(s.capacity[ci], 3),
        fmt(s.served[ci], 3),
        fmt(s.failed[ci], 3),
        ms(s.p50[ci]),
        ms(s.p95[ci]),
        ms(s.p99[ci]),
        String(ready),
        String(c.acc.pendingPods),
        String(placeholders),
        String(c.acc.pendingPlaceholders),
        String(c.acc.readyNodes),
        String(c.acc.billedNodes),
        fmt(c.acc.pricePerHour, 4),
        fmt(s.share[ci], 4),
        String(provisioning),
      ]);
    }
    const breached = s.fleetSloBreached || errorBreach(arrived, failed, slo);
    if (breached) this.fleetSloSeconds += s.dt;
    this.stepBreached[s.k] = breached ? 1 : 0;
    this.stepFailed[s.k] = failed * s.dt;
    this.stepArrived[s.k] = arrived * s.dt;
  }

  /** Adds what the end-of-run flush settled. */
  settle(ci: number, wi: number, served: number, failed: number): void {
    this.totals[ci][wi].served += served;
    this.totals[ci][wi].failed += failed;
  }

  result(serving: ServingLoop, overrides: readonly string[] = []): RunResult {
    const end = this.scenario.durationSec;
    for (const c of this.world.clusters) c.acc.advance(end);
    const summary = buildSummary(this.world, this.scenario, this, serving.runSketches, overrides);
    return {
      scenario: this.scenario,
      summary,
      timeseriesCsv: this.clusterCsv?.text() ?? '',
      workloadsCsv: this.workloadCsv?.text() ?? '',
      eventsJsonl: this.world.log.lines.length ? `${this.world.log.lines.join('\n')}\n` : '',
      annotations: this.world.log.annotations,
    };
  }
}

/** A step breaks the SLO when its p99 is above the target (decided from the step's CDF) or its error rate is. */
function errorBreach(arrivedRps: number, failedRps: number, slo: Scenario['slo']): boolean {
  return arrivedRps > 0 && failedRps / arrivedRps > slo.errorRate;
}

const POW10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8];

/**
 * At most `digits` decimals, no trailing zeros, no float noise, no "-0". The shortest form of the
 * double nearest to a k-decimal number is that number, so String() of the rounded value is exact
 * and much cheaper than toFixed and trimming.
 */
export function fmt(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '';
  const f = POW10[digits];
  const r = Math.round(x * f) / f;
  if (r === 0) return '0';
  return Math.abs(r) < 1e21 ? String(r) : r.toFixed(digits);
}

function ms(sec: number): string {
  return fmt(sec * 1000, 3);
}
