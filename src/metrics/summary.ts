/** summary.json from the run's request totals, the clusters' exact integrals and the latency sketches. */
import type { Scenario } from '../scenario/types.ts';
import { LatencySketch } from '../maths/latency-sketch.ts';
import type { ChangeFigures, ClusterTotals } from '../sim/observer.ts';
import type { MetricsCollector } from './collector.ts';
import { costRates } from './cost-rate.ts';
import { outageSummaries } from './outages.ts';
import { round } from './round.ts';
import type { ChangeSummary, ClusterSummary, FaultsSummary, LatencySummary, RequestsSummary, Summary } from './summary-types.ts';
import { usageSummary, usedShares, workloadUsageSummary } from './usage-summary.ts';
import { qosClass } from '../decisions/usage/model.ts';

export function buildSummary(scenario: Scenario, m: MetricsCollector, overrides: readonly string[] = []): Summary {
  const end = m.runEnd;
  const nw = scenario.workloads.length;
  const clusterSketches = m.sketches.map(mergeAll);
  const perCluster: Record<string, ClusterSummary> = {};
  scenario.clusters.forEach((c, ci) => {
    const own = indices(ci * nw, nw, 1);
    perCluster[c.name] = withUsage(m, own, [ci], {
      ...serving(m, own, clusterSketches[ci], m.clusterSloSeconds[ci]),
      ...fleetState([end.clusters[ci]], end.clusters[ci].maxPendingPods, end.clusters[ci].peakBilledNodes, scenario),
    }, [end.clusters[ci]]);
  });
  const all = indices(0, scenario.clusters.length * nw, 1);
  const fleet: ClusterSummary = withUsage(m, all, indices(0, scenario.clusters.length, 1), {
    ...serving(m, all, mergeAll(clusterSketches), m.fleetSloSeconds),
    ...fleetState(end.clusters, end.maxPendingPods, end.peakNodes, scenario),
  }, end.clusters);
  const perWorkload: Summary['perWorkload'] = {};
  scenario.workloads.forEach((w, wi) => {
    const at = indices(wi, scenario.clusters.length, nw);
    perWorkload[w.name] = {
      latencyMs: latency(mergeAll(m.sketches.map((byWorkload) => byWorkload[wi]))),
      requests: requests(m, at),
      ...(m.usage ? { usage: workloadUsageSummary(m.usage, at, qosClass(w.requests, w.limits)) } : {}),
    };
  });
  const sloP99Ms = scenario.slo.latencyP99Sec * 1000;
  return {
    scenario: scenario.name,
    seed: scenario.seed,
    overrides: [...overrides],
    simulatedSeconds: scenario.durationSec,
    stepSeconds: scenario.stepSec,
    ...fleet,
    slo: {
      latencyP99Ms: round(sloP99Ms, 3),
      errorRate: scenario.slo.errorRate,
      met: fleet.latencyMs.p99 <= sloP99Ms && fleet.requests.errorRate <= scenario.slo.errorRate,
      violationBursts: stretches(m.stepBreached),
    },
    perCluster,
    perWorkload,
    outages: outageSummaries(scenario, m),
    faults: faultsSummary(end.clusters),
    karpenter: { consolidations: sumTotals(end.clusters).consolidations },
    // only a scenario with changes: has the key, so every other summary keeps its bytes
    ...(end.changes ? { changes: end.changes.map(changeSummary) } : {}),
    engine: { events: end.engineEvents },
  };
}

/**
 * A scenario with usage or limits: bin-packing by usage beside the one by requests, and the usage
 * totals after it. Every other summary keeps its keys and bytes.
 */
function withUsage(m: MetricsCollector, workloads: number[], clusters: number[], s: ClusterSummary, totals: readonly ClusterTotals[]): ClusterSummary {
  if (!m.usage) return s;
  const t = sumTotals(totals);
  return {
    ...s,
    binPacking: { ...s.binPacking, ...usedShares(m.usage, clusters, t.allocCpuMilliSec, t.allocMemoryByteSec) },
    usage: usageSummary(m.usage, workloads),
  };
}

function changeSummary(c: ChangeFigures): ChangeSummary {
  return {
    kind: c.kind,
    cluster: c.cluster,
    start: round(c.startSec, 3),
    end: round(c.endSec, 3),
    finished: c.finished,
    surgedPods: c.surgedPods,
    pendingPodSeconds: round(c.pendingPodSeconds, 3),
    extraNodes: c.extraNodes,
    p99Ms: round(c.p99Sec * 1000, 3),
    errorRate: round(c.errorRate, 6),
  };
}

function faultsSummary(cs: readonly ClusterTotals[]): FaultsSummary {
  const t = sumTotals(cs);
  return { spotInterruptions: t.spotInterruptions, failedLaunches: t.failedLaunches, backoffs: t.backoffs };
}

/** How many separate stretches of set flags: the bursts in which the fleet broke its SLO. */
function stretches(flags: Uint8Array): number {
  let n = 0;
  for (let k = 0; k < flags.length; k++) if (flags[k] === 1 && (k === 0 || flags[k - 1] === 0)) n++;
  return n;
}

/** `count` indices from `first`, `stride` apart. */
function indices(first: number, count: number, stride: number): number[] {
  return Array.from({ length: count }, (_, j) => first + j * stride);
}

/** What users saw: latency, requests and SLO time. */
function serving(m: MetricsCollector, at: number[], sketch: LatencySketch, sloSeconds: number): Pick<ClusterSummary, 'latencyMs' | 'requests' | 'sloViolationSeconds'> {
  return { latencyMs: latency(sketch), requests: requests(m, at), sloViolationSeconds: round(sloSeconds, 3) };
}

/** What the fleet did and cost: pods, nodes, cost and bin-packing, summed over clusters. */
function fleetState(cs: readonly ClusterTotals[], maxPending: number, peakNodes: number, scenario: Scenario): Pick<ClusterSummary, 'pods' | 'nodes' | 'cost' | 'binPacking'> {
  const t = sumTotals(cs);
  const share = (part: number, whole: number) => round(whole > 0 ? part / whole : 0, 6);
  return {
    pods: {
      pendingSecondsTotal: round(t.pendingPodSeconds, 3),
      // only a scenario whose workloads spread with DoNotSchedule has the key: the others keep their bytes
      ...(spreadsStrictly(scenario) ? { skewBlockedPendingSeconds: round(t.skewBlockedPodSeconds, 3) } : {}),
      maxPending,
      preemptions: t.preemptions,
      scheduleToReadyP95S: round(percentile(cs.flatMap((c) => c.scheduleToReadySec), 0.95), 3),
      placeholderPendingSecondsTotal: round(t.pendingPlaceholderSeconds, 3),
    },
    nodes: { peak: peakNodes, nodeHours: round(t.nodeSeconds / 3600, 4), scaleUps: t.scaleUps, scaleDowns: t.scaleDowns, nodesAdded: t.nodesAdded },
    cost: costSummary(t.cost, t.headroomCost, scenario),
    binPacking: {
      cpuRequestedShare: share(t.reqCpuMilliSec, t.allocCpuMilliSec),
      memoryRequestedShare: share(t.reqMemoryByteSec, t.allocMemoryByteSec),
      workloadCpuRequestedShare: share(t.reqCpuMilliSec - t.placeholderCpuMilliSec, t.allocCpuMilliSec),
      workloadMemoryRequestedShare: share(t.reqMemoryByteSec - t.placeholderMemoryByteSec, t.allocMemoryByteSec),
    },
  };
}

/** Does a workload spread with a DoNotSchedule constraint (the only kind that can hold a pod back)? */
function spreadsStrictly(scenario: Scenario): boolean {
  return scenario.workloads.some((w) => w.placement?.topologySpreadConstraints?.some((c) => c.whenUnsatisfiable === 'DoNotSchedule') === true);
}

function costSummary(total: number, headroom: number, scenario: Scenario): ClusterSummary['cost'] {
  const rates = costRates(total, scenario.durationSec);
  return {
    total: round(total, 6),
    headroom: round(headroom, 6),
    perHour: round(rates.perHour, 6),
    perMonth: round(rates.perMonth, 4),
    headroomPerMonth: round(costRates(headroom, scenario.durationSec).perMonth, 4),
    currency: scenario.currency,
  };
}

type Summed = Omit<ClusterTotals, 'scheduleToReadySec' | 'peakBilledNodes' | 'maxPendingPods'>;
const SUMMED: readonly (keyof Summed)[] = [
  'nodeSeconds',
  'cost',
  'headroomCost',
  'allocCpuMilliSec',
  'allocMemoryByteSec',
  'reqCpuMilliSec',
  'reqMemoryByteSec',
  'placeholderCpuMilliSec',
  'placeholderMemoryByteSec',
  'pendingPodSeconds',
  'pendingPlaceholderSeconds',
  'skewBlockedPodSeconds',
  'preemptions',
  'scaleUps',
  'scaleDowns',
  'nodesAdded',
  'spotInterruptions',
  'failedLaunches',
  'backoffs',
  'consolidations',
];

/** Each total summed over the clusters, in cluster order. */
function sumTotals(cs: readonly ClusterTotals[]): Summed {
  const out = Object.fromEntries(SUMMED.map((k) => [k, 0])) as unknown as Summed;
  for (const c of cs) for (const k of SUMMED) out[k] += c[k];
  return out;
}

function mergeAll(sketches: readonly LatencySketch[]): LatencySketch {
  const out = new LatencySketch();
  for (const s of sketches) out.merge(s);
  return out;
}

function latency(s: LatencySketch): LatencySummary {
  if (s.count === 0) return { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const ms = (sec: number) => round(sec * 1000, 3);
  return { mean: ms(s.mean), p50: ms(s.quantile(0.5)), p95: ms(s.quantile(0.95)), p99: ms(s.quantile(0.99)), max: ms(s.max) };
}

function requests(m: MetricsCollector, at: readonly number[]): RequestsSummary {
  let served = 0;
  let failed = 0;
  for (const i of at) {
    served += m.served[i];
    failed += m.failed[i];
  }
  const total = served + failed;
  return {
    total: round(total, 1),
    served: round(served, 1),
    failed: round(failed, 1),
    errorRate: round(total > 0 ? failed / total : 0, 8),
  };
}

/** Nearest-rank percentile; 0 for no samples. */
export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const sorted = xs.slice().sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}
