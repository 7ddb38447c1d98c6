/**
 * One run of a scenario, kept as what rightsize compares: the summary's key numbers, the fleet's
 * nodes over time, each workload's HPA replicas, and (when asked) every
 * workload's usage samples for the recommenders. Runs on a pool thread (run-baseline.ts,
 * run-policy.ts) or in the calling thread alike.
 */
import { runScenario, type StepObservation } from '../run.ts';
import type { Scenario } from '../scenario/types.ts';
import type { ContainerHistory } from '../decisions/vpa/aggregate.ts';
import { round } from '../metrics/round.ts';
import { podUsageAt, type PodUsage } from './pod-usage.ts';

/** One workload's usage: one history per cluster (the mean pod of the cluster's pods). */
export interface WorkloadSamples {
  workload: string;
  histories: ContainerHistory[];
}

export interface ReplicaFigures {
  /** time-weighted mean of the fleet's desired replicas */
  mean: number;
  peak: number;
}

export interface RunFigures {
  cost: number;
  costPerMonth: number;
  currency: string;
  p99Ms: number;
  errorRate: number;
  sloViolationSeconds: number;
  peakNodes: number;
  /** node-hours ÷ simulated hours */
  meanNodes: number;
  oomKills: number;
  evictions: number;
  /** share of Ready pod time held at the cpu limit, and short of cpu on a busy node */
  throttledShare: number;
  cpuSharedShare: number;
  /** requested and used ÷ Ready nodes' allocatable, time-weighted */
  binPacking: { cpuRequestedShare: number; memoryRequestedShare: number; cpuUsedShare: number; memoryUsedShare: number };
  /** by workload name, for the workloads an HPA scales */
  hpaReplicas: Record<string, ReplicaFigures>;
  /** the fleet's billed nodes at each sample step */
  nodes: { timeSec: number[]; billed: number[] };
  samples?: WorkloadSamples[];
}

export async function measureRun(scenario: Scenario, opts: { samples: boolean }): Promise<RunFigures> {
  const tap = new RunTapState(scenario, opts.samples);
  const { summary } = await runScenario(scenario, { summaryOnly: true, tap: { recordsUsage: true, step: tap.step } });
  const hours = scenario.durationSec / 3600;
  // rightsize writes every workload's usage down, so its runs' summaries have usage figures
  const usage = summary.usage;
  return {
    cost: summary.cost.total,
    costPerMonth: summary.cost.perMonth,
    currency: summary.cost.currency,
    p99Ms: summary.latencyMs.p99,
    errorRate: summary.requests.errorRate,
    sloViolationSeconds: summary.sloViolationSeconds,
    peakNodes: summary.nodes.peak,
    meanNodes: hours > 0 ? round(summary.nodes.nodeHours / hours, 3) : 0,
    oomKills: usage?.oomKills ?? 0,
    evictions: usage?.evictions ?? 0,
    throttledShare: usage?.throttledShare ?? 0,
    cpuSharedShare: usage?.cpuSharedShare ?? 0,
    binPacking: {
      cpuRequestedShare: summary.binPacking.cpuRequestedShare,
      memoryRequestedShare: summary.binPacking.memoryRequestedShare,
      cpuUsedShare: summary.binPacking.cpuUsedShare ?? 0,
      memoryUsedShare: summary.binPacking.memoryUsedShare ?? 0,
    },
    hpaReplicas: tap.replicas(),
    nodes: { timeSec: tap.timeSec, billed: tap.billed },
    ...(opts.samples ? { samples: tap.samples() } : {}),
  };
}

interface SampleLists {
  cpuTimesSec: number[];
  cpuCores: number[];
  cpuRequestCores: number;
  memoryTimesSec: number[];
  memoryBytes: number[];
  ooms: { timeSec: number; memoryRequestBytes: number }[];
}

/** What the run's steps and end are copied into. */
class RunTapState {
  readonly timeSec: number[] = [];
  readonly billed: number[] = [];
  private readonly clusters: number;
  private readonly histories: SampleLists[][];
  private readonly replicaSec: Float64Array;
  private readonly replicaPeak: Float64Array;
  private readonly scratch: PodUsage = { cpuCores: 0, memoryBytes: 0, oomKills: 0, readyPods: 0 };

  constructor(
    private readonly scenario: Scenario,
    private readonly keepSamples: boolean,
  ) {
    this.clusters = scenario.clusters.length;
    this.histories = scenario.workloads.map((w) =>
      scenario.clusters.map(() => ({ cpuTimesSec: [], cpuCores: [], cpuRequestCores: w.requests.cpuMilli / 1000, memoryTimesSec: [], memoryBytes: [], ooms: [] })),
    );
    this.replicaSec = new Float64Array(scenario.workloads.length);
    this.replicaPeak = new Float64Array(scenario.workloads.length);
  }

  step = (obs: StepObservation): void => {
    const { workloads } = this.scenario;
    const nw = workloads.length;
    const dt = obs.dtSec;
    let nodes = 0;
    for (let c = 0; c < this.clusters; c++) nodes += obs.clusters.nodesBilled[c];
    this.timeSec.push(obs.timeSec);
    this.billed.push(nodes);
    for (let w = 0; w < nw; w++) {
      let replicas = 0;
      for (let c = 0; c < this.clusters; c++) {
        const i = c * nw + w;
        replicas += obs.workloads.desiredReplicas[i];
        const u = podUsageAt(obs, i, this.scratch);
        if (u === null || !this.keepSamples) continue;
        const h = this.histories[w][c];
        if (u.oomKills > 0) h.ooms.push({ timeSec: obs.timeSec, memoryRequestBytes: workloads[w].requests.memoryBytes });
        if (!(u.readyPods > 0)) continue;
        h.cpuTimesSec.push(obs.timeSec);
        h.cpuCores.push(u.cpuCores);
        h.memoryTimesSec.push(obs.timeSec);
        h.memoryBytes.push(u.memoryBytes);
      }
      this.replicaSec[w] += replicas * dt;
      this.replicaPeak[w] = Math.max(this.replicaPeak[w], replicas);
    }
  };

  replicas(): Record<string, ReplicaFigures> {
    const out: Record<string, ReplicaFigures> = {};
    this.scenario.workloads.forEach((w, i) => {
      if (w.hpa) out[w.name] = { mean: this.scenario.durationSec > 0 ? round(this.replicaSec[i] / this.scenario.durationSec, 3) : 0, peak: this.replicaPeak[i] };
    });
    return out;
  }

  samples(): WorkloadSamples[] {
    return this.scenario.workloads.map((w, i) => ({ workload: w.name, histories: this.histories[i].filter((h) => h.cpuCores.length > 0) }));
  }
}
