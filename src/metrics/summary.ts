/** summary.json from the run's totals, integrals and latency sketches. */
import type { Scenario } from '../scenario/types.ts';
import type { ClusterState } from '../sim/cluster.ts';
import type { World } from '../sim/world.ts';
import type { MetricsCollector, RequestTotals } from './collector.ts';
import { LatencySketch } from '../maths/latency-sketch.ts';
import type { ClusterSummary, LatencySummary, OutageSummary, RequestsSummary, Summary } from './summary-types.ts';

export function buildSummary(
  world: World,
  scenario: Scenario,
  m: MetricsCollector,
  sketches: LatencySketch[][],
  overrides: readonly string[] = [],
): Summary {
  const clusters = world.clusters;
  const perCluster: Record<string, ClusterSummary> = {};
  const clusterSketches = clusters.map((c) => mergeAll(sketches[c.index]));
  for (const c of clusters) {
    perCluster[c.name] = clusterSummary(
      [c],
      m.totals[c.index],
      clusterSketches[c.index],
      m.clusterSloSeconds[c.index],
      c.acc.maxPendingPods,
      c.acc.peakBilledNodes,
      scenario,
    );
  }
  const fleetSketch = mergeAll(clusterSketches);
  const fleet = clusterSummary(
    clusters,
    m.totals.flat(),
    fleetSketch,
    m.fleetSloSeconds,
    world.maxPendingPods,
    world.peakNodes,
    scenario,
  );
  const perWorkload: Summary['perWorkload'] = {};
  scenario.workloads.forEach((w, wi) => {
    const sk = mergeAll(clusters.map((c) => sketches[c.index][wi]));
    perWorkload[w.name] = {
      latencyMs: latency(sk),
      requests: requests(clusters.map((c) => m.totals[c.index][wi])),
    };
  });
  const p99Ms = fleet.latencyMs.p99;
  return {
    scenario: scenario.name,
    seed: scenario.seed,
    overrides: [...overrides],
    simulatedSeconds: scenario.durationSec,
    stepSeconds: scenario.stepSec,
    ...fleet,
    slo: {
      latencyP99Ms: round(scenario.slo.latencyP99Sec * 1000, 3),
      errorRate: scenario.slo.errorRate,
      met: p99Ms <= scenario.slo.latencyP99Sec * 1000 && fleet.requests.errorRate <= scenario.slo.errorRate,
    },
    perCluster,
    perWorkload,
    outages: outageSummaries(scenario, m),
    engine: { events: world.engine.events },
  };
}

function clusterSummary(
  cs: ClusterState[],
  totals: RequestTotals[],
  sketch: LatencySketch,
  sloSeconds: number,
  maxPending: number,
  peakNodes: number,
  scenario: Scenario,
): ClusterSummary {
  let pendingSec = 0;
  let placeholderPendingSec = 0;
  let preemptions = 0;
  let nodeSec = 0;
  let scaleUps = 0;
  let scaleDowns = 0;
  let nodesAdded = 0;
  let cost = 0;
  let headroom = 0;
  let reqCpu = 0;
  let allocCpu = 0;
  let reqMem = 0;
  let allocMem = 0;
  let phCpu = 0;
  let phMem = 0;
  const toReady: number[] = [];
  for (const c of cs) {
    const a = c.acc;
    pendingSec += a.pendingPodSeconds;
    placeholderPendingSec += a.pendingPlaceholderSeconds;
    preemptions += c.preemptions;
    nodeSec += a.nodeSeconds;
    scaleUps += c.scaleUps;
    scaleDowns += c.scaleDowns;
    nodesAdded += c.nodesAdded;
    cost += a.cost;
    headroom += a.headroomCost;
    reqCpu += a.reqCpuMilliSec;
    allocCpu += a.allocCpuMilliSec;
    reqMem += a.reqMemoryByteSec;
    allocMem += a.allocMemoryByteSec;
    phCpu += a.placeholderCpuMilliSec;
    phMem += a.placeholderMemoryByteSec;
    for (const x of c.scheduleToReady) toReady.push(x);
  }
  return {
    latencyMs: latency(sketch),
    requests: requests(totals),
    sloViolationSeconds: round(sloSeconds, 3),
    pods: {
      pendingSecondsTotal: round(pendingSec, 3),
      maxPending,
      preemptions,
      scheduleToReadyP95S: round(percentile(toReady, 0.95), 3),
      placeholderPendingSecondsTotal: round(placeholderPendingSec, 3),
    },
    nodes: { peak: peakNodes, nodeHours: round(nodeSec / 3600, 4), scaleUps, scaleDowns, nodesAdded },
    cost: { total: round(cost, 6), headroom: round(headroom, 6), currency: scenario.currency },
    binPacking: {
      cpuRequestedShare: round(allocCpu > 0 ? reqCpu / allocCpu : 0, 6),
      memoryRequestedShare: round(allocMem > 0 ? reqMem / allocMem : 0, 6),
      workloadCpuRequestedShare: round(allocCpu > 0 ? (reqCpu - phCpu) / allocCpu : 0, 6),
      workloadMemoryRequestedShare: round(allocMem > 0 ? (reqMem - phMem) / allocMem : 0, 6),
    },
  };
}

/** A fleet is recovered once it has stayed within its SLO for this long. */
const RECOVERED_AFTER_SEC = 60;

function outageSummaries(scenario: Scenario, m: MetricsCollector): OutageSummary[] {
  const step = scenario.stepSec;
  const steps = m.stepBreached.length;
  const calm = Math.max(1, Math.ceil(RECOVERED_AFTER_SEC / step));
  return scenario.routing.outages
    .filter((o) => o.atSec < scenario.durationSec)
    .map((o) => {
      const first = Math.floor(o.atSec / step);
      // the first run of `calm` unbreached steps that starts after the last breach following the start
      let recovered = -1;
      let run = 0;
      let sawBreach = false;
      for (let k = first; k < steps; k++) {
        if (m.stepBreached[k]) {
          sawBreach = true;
          run = 0;
          continue;
        }
        // an outage that has not ended yet is not recovered from, however calm its first steps
        if (k * step < o.atSec + Math.min(o.forSec, o.detectionDelaySec + o.shiftOverSec) && !sawBreach) continue;
        if (++run >= calm) {
          recovered = k - calm + 1;
          break;
        }
      }
      const last = recovered >= 0 ? recovered : steps;
      let failed = 0;
      let arrived = 0;
      let breachSec = 0;
      for (let k = first; k < last; k++) {
        failed += m.stepFailed[k];
        arrived += m.stepArrived[k];
        if (m.stepBreached[k]) breachSec += Math.min(step, scenario.durationSec - k * step);
      }
      const recoveredAtS = recovered >= 0 ? (sawBreach ? recovered * step : o.atSec) : null;
      return {
        cluster: o.cluster,
        atS: o.atSec,
        forS: o.forSec,
        autoShift: o.autoShift,
        failed: round(failed, 1),
        errorRate: round(arrived > 0 ? failed / arrived : 0, 8),
        sloViolationSeconds: round(breachSec, 3),
        recoveredAtS,
        recoverySeconds: recoveredAtS === null ? null : round(recoveredAtS - o.atSec, 3),
      };
    });
}

function mergeAll(sketches: LatencySketch[]): LatencySketch {
  const out = new LatencySketch();
  for (const s of sketches) out.merge(s);
  return out;
}

function latency(s: LatencySketch): LatencySummary {
  if (s.count === 0) return { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const ms = (sec: number) => round(sec * 1000, 3);
  return { mean: ms(s.mean), p50: ms(s.quantile(0.5)), p95: ms(s.quantile(0.95)), p99: ms(s.quantile(0.99)), max: ms(s.max) };
}

function requests(ts: RequestTotals[]): RequestsSummary {
  let served = 0;
  let failed = 0;
  for (const t of ts) {
    served += t.served;
    failed += t.failed;
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
export function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return 0;
  const sorted = xs.slice().sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** Rounds to `digits` decimals so the summary carries no float noise. */
export function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return 0;
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}
