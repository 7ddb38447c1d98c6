/**
 * How much work a scenario asks for, estimated from the scenario alone before anything runs, and
 * the budget it is held to: past a limit the CLI refuses (unless --force), near one it warns.
 * The limits are where a run stops being a run and becomes a wait that ends out of memory.
 */
import type { Scenario } from './types.ts';

export interface WorkEstimate {
  steps: number;
  clusters: number;
  workloads: number;
  /** rows of timeseries.csv and timeseries-workloads.csv: steps × clusters × (1 + workloads) */
  seriesRows: number;
  /** what every run simulates together: steps × clusters × (1 + workloads) × runs */
  clusterSteps: number;
  /** pods if every HPA and over-provisioner were at its maximum, in the largest cluster */
  podsAtMaxPerCluster: number;
  /** nodes if every node group were at its maximum (or maxNodesTotal), in the largest cluster */
  nodesAtMaxPerCluster: number;
  /** requests simulated one by one (serving.model: requests), when the traffic says (generators) */
  requestsSimulated?: number;
  /** runs (a sweep's grid points × seeds; a check's seeds) */
  runs: number;
}

export interface Limit {
  /** past it the work is refused unless forced */
  refuse: number;
  /** past it the work is done, with a warning */
  warn: number;
}

/**
 * Kubernetes supports at most 5,000 nodes and 150,000 pods per cluster ("Considerations for
 * large clusters", kubernetes.io/docs/setup/best-practices/cluster-large/): past those a
 * scenario warns; past ten times those it is almost surely a typo (`max: 1e8`) and is refused.
 * A time-series row costs about 80 bytes of CSV and 500 of memory while the run is built, so
 * 4 million rows (a day at 1 s steps is 1.4 million) is the most that fits a default heap.
 */
export const BUDGET = {
  seriesRows: { warn: 1_500_000, refuse: 4_000_000 },
  podsAtMaxPerCluster: { warn: 150_000, refuse: 1_500_000 },
  nodesAtMaxPerCluster: { warn: 5_000, refuse: 50_000 },
  /** about 7 million requests a second one by one: 10 s to warn at, 5 minutes to refuse at */
  requestsSimulated: { warn: 7e7, refuse: 2e9 },
  /**
   * The default scenario is 23,040 of these (1,440 steps × 4 clusters × 4) in about 0.27 s, some
   * 85,000 a second: 10 minutes of work to warn at, about 6 hours to refuse at.
   */
  clusterSteps: { warn: 5e7, refuse: 2e9 },
  runs: { warn: 20_000, refuse: 200_000 },
} as const satisfies Record<string, Limit>;

export type BudgetKey = keyof typeof BUDGET;

/** `summaryOnly`: the run keeps no time series (sweeps, checks), so its rows cost nothing. */
export function estimateWork(scenario: Scenario, opts: { runs?: number; summaryOnly?: boolean } = {}): WorkEstimate {
  const steps = Math.ceil(scenario.durationSec / scenario.stepSec);
  const clusters = scenario.clusters.length;
  const workloads = scenario.workloads.length;
  let podsAtMax = 0;
  let nodesAtMax = 0;
  for (const c of scenario.clusters) {
    let pods = 0;
    for (const w of scenario.workloads) pods += Math.max(w.hpa?.maxReplicas ?? 0, c.replicas[w.name] ?? w.replicas);
    for (const o of c.overprovisioner) pods += o.sizing.kind === 'fixed' ? o.sizing.replicasPerCluster : o.sizing.max;
    podsAtMax = Math.max(podsAtMax, pods);
    const groups = c.nodeGroups.reduce((n, g) => n + Math.max(g.max, g.initial), 0);
    nodesAtMax = Math.max(nodesAtMax, Math.min(groups, c.clusterAutoscaler.maxNodesTotal > 0 ? c.clusterAutoscaler.maxNodesTotal : groups));
  }
  const est: WorkEstimate = {
    steps,
    clusters,
    workloads,
    seriesRows: opts.summaryOnly ? 0 : steps * clusters * (1 + workloads),
    clusterSteps: steps * clusters * (1 + workloads) * (opts.runs ?? 1),
    podsAtMaxPerCluster: podsAtMax,
    nodesAtMaxPerCluster: nodesAtMax,
    runs: opts.runs ?? 1,
  };
  if (scenario.serving.model === 'requests') {
    const requests = requestsUpperBound(scenario);
    if (requests !== undefined) est.requestsSimulated = requests * est.runs;
  }
  return est;
}

/** Σ over generator workloads of their highest rate × the duration; undefined if a trace drives one. */
function requestsUpperBound(scenario: Scenario): number | undefined {
  let total = 0;
  for (const w of scenario.workloads) {
    const t = w.traffic;
    if (t.kind === 'trace') return undefined;
    if (t.kind === 'none') continue;
    const g = t.generator;
    const top = Math.max(g.base, ...g.bursts.map((b) => b.peak));
    total += top * (1 + (g.diurnal?.amplitude ?? 0)) * (1 + 3 * g.noise) * scenario.durationSec;
  }
  return total;
}

export interface BudgetVerdict {
  /** past a refuse limit: each a phrase naming the figure, how it is made and the limit */
  over: string[];
  /** past a warn limit only */
  near: string[];
}

export function judgeWork(est: WorkEstimate): BudgetVerdict {
  const verdict: BudgetVerdict = { over: [], near: [] };
  const judge = (key: BudgetKey, value: number | undefined, how: string) => {
    if (value === undefined) return;
    const limit: Limit = BUDGET[key];
    if (value > limit.refuse) verdict.over.push(`${how} (the limit is ${count(limit.refuse)})`);
    else if (value > limit.warn) verdict.near.push(`${how} (more than ${count(limit.warn)}; the limit is ${count(limit.refuse)})`);
  };
  judge(
    'seriesRows',
    est.seriesRows,
    `${count(est.seriesRows)} time-series rows (${count(est.steps)} steps × ${est.clusters} clusters × (1 + ${est.workloads} workloads)), about ${gigabytes(est.seriesRows * 500)} of memory`,
  );
  judge('podsAtMaxPerCluster', est.podsAtMaxPerCluster, `${count(est.podsAtMaxPerCluster)} pods in a cluster with every HPA and over-provisioner at its maximum`);
  judge('nodesAtMaxPerCluster', est.nodesAtMaxPerCluster, `${count(est.nodesAtMaxPerCluster)} nodes in a cluster with every node group at its maximum`);
  judge('requestsSimulated', est.requestsSimulated, `about ${count(est.requestsSimulated ?? 0)} requests simulated one by one`);
  judge(
    'clusterSteps',
    est.clusterSteps,
    `${count(est.clusterSteps)} cluster-steps (${count(est.steps)} steps × ${est.clusters} clusters × (1 + ${est.workloads} workloads) × ${count(est.runs)} runs), about ${duration(est.clusterSteps / CLUSTER_STEPS_PER_SEC)} of simulation`,
  );
  judge('runs', est.runs, `${count(est.runs)} runs`);
  return verdict;
}

/** What this 2-core machine simulates in a second (the figure above); for the rough time in messages. */
const CLUSTER_STEPS_PER_SEC = 85_000;

function duration(sec: number): string {
  if (sec < 120) return `${Math.round(sec)} s`;
  if (sec < 7200) return `${Math.round(sec / 60)} minutes`;
  return `${Math.round(sec / 3600)} hours`;
}

function count(n: number): string {
  if (n >= 1e12) return n.toExponential(2);
  return Math.round(n).toLocaleString('en-US');
}

function gigabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}
