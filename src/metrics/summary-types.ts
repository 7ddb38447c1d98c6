/**
 * summary.json: the key numbers of one run. A contract: keys may be added, never renamed.
 * Wall-clock figures never go here (same scenario + seed must give the same bytes).
 */
export interface LatencySummary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface RequestsSummary {
  /** arrived = served + failed */
  total: number;
  served: number;
  failed: number;
  errorRate: number;
}

export interface PodsSummary {
  /** ∫ pending workload pods dt (placeholders not counted) */
  pendingSecondsTotal: number;
  /**
   * Of pendingSecondsTotal, the pod-seconds of pods the scheduler's last attempt found held back by
   * topology spread alone: some Ready node passed every other filter and PodTopologySpread refused
   * it for skew (decisions/scheduler/skew-blocked.ts). Present only when a workload spreads with
   * DoNotSchedule.
   */
  skewBlockedPendingSeconds?: number;
  maxPending: number;
  /** pods evicted by preemption */
  preemptions: number;
  /** 95th percentile of workload pods' creation -> Ready time (seconds) */
  scheduleToReadyP95S: number;
  /** ∫ pending placeholder pods dt: how long the headroom was missing */
  placeholderPendingSecondsTotal: number;
}

export interface NodesSummary {
  /** most nodes billed at once */
  peak: number;
  nodeHours: number;
  /** scale-up decisions (each may ask for several nodes) */
  scaleUps: number;
  /** nodes removed by scale-down */
  scaleDowns: number;
  /** nodes asked for by scale-ups */
  nodesAdded: number;
}

export interface CostSummary {
  total: number;
  /** the share of node cost that placeholder pods request */
  headroom: number;
  /** total ÷ simulated hours: the mean cost of an hour of the run */
  perHour: number;
  /** perHour × 730 (a month of 730 hours): the run's pattern kept up for a month */
  perMonth: number;
  /** headroom at the same monthly rate */
  headroomPerMonth: number;
  currency: string;
}

export interface BinPackingSummary {
  /** time-weighted share of Ready nodes' allocatable that pods request, placeholders included */
  cpuRequestedShare: number;
  memoryRequestedShare: number;
  /** the same for workload pods only: how much of the nodes real work requests */
  workloadCpuRequestedShare: number;
  workloadMemoryRequestedShare: number;
  /** time-weighted share of Ready nodes' allocatable that pods use (a scenario with usage or limits only) */
  cpuUsedShare?: number;
  memoryUsedShare?: number;
}

/** What the usage model did (a scenario with usage or limits only). */
export interface UsageSummary {
  /** containers killed over their memory limit, and restarted after their back-off */
  oomKills: number;
  restarts: number;
  /** pods evicted for node memory pressure */
  evictions: number;
  /** share of Ready pod time a pod's cpu demand was over its cpu limit (CFS-throttled) */
  throttledShare: number;
  /** share of Ready pod time a pod got less cpu than it wanted because its node was short */
  cpuSharedShare: number;
}

/** One workload's usage over the run, per pod (means weighted by Ready pod time). */
export interface WorkloadUsageSummary extends UsageSummary {
  qosClass: string;
  cpuMilliMean: number;
  cpuMilliMax: number;
  memoryBytesMean: number;
  memoryBytesMax: number;
}

export interface ClusterSummary {
  latencyMs: LatencySummary;
  requests: RequestsSummary;
  sloViolationSeconds: number;
  pods: PodsSummary;
  nodes: NodesSummary;
  cost: CostSummary;
  binPacking: BinPackingSummary;
  usage?: UsageSummary;
}

export interface Summary extends ClusterSummary {
  scenario: string;
  seed: number;
  /** the `--set path=value` overrides the run was made with, in order ([] for none) */
  overrides: string[];
  simulatedSeconds: number;
  stepSeconds: number;
  /**
   * met: the whole run's p99 and error rate within the bounds; violationBursts: the separate
   * stretches of steps in which the fleet's own p99 or error rate was past them (their total is
   * sloViolationSeconds), so a run can meet its SLO overall and still break it in bursts
   */
  slo: { latencyP99Ms: number; errorRate: number; met: boolean; violationBursts: number };
  perCluster: Record<string, ClusterSummary>;
  perWorkload: Record<string, { latencyMs: LatencySummary; requests: RequestsSummary; usage?: WorkloadUsageSummary }>;
  /** each zone outage of the scenario: what it cost users and when the fleet recovered */
  outages: OutageSummary[];
  /** what the cloud's faults did, over every cluster */
  faults: FaultsSummary;
  /** Karpenter's disruption actions; 0 while no cluster runs Karpenter (the simulator has no Karpenter yet) */
  karpenter: { consolidations: number };
  /** each change of the scenario in each cluster it reached; absent when the scenario has no changes: */
  changes?: ChangeSummary[];
  engine: { events: number };
}

/** One change in one cluster while it ran (start to end, seconds from the run's start). */
export interface ChangeSummary {
  kind: string;
  cluster: string;
  start: number;
  /** when it ended, or the run's end */
  end: number;
  /** reached its goal (a rollout rolled back did not) */
  finished: boolean;
  /** the most pods above the Deployment's replicas at once */
  surgedPods: number;
  /** the cluster's workload pods pending, integrated over the change */
  pendingPodSeconds: number;
  /** the most nodes billed during the change, over those at its start */
  extraNodes: number;
  /** of the requests the change's workloads served while it ran (0 when none) */
  p99Ms: number;
  errorRate: number;
}

export interface FaultsSummary {
  /** spot nodes reclaimed: each an interruption notice, then the node gone */
  spotInterruptions: number;
  /** node launches that failed for a capacity shortage */
  failedLaunches: number;
  /** times a node group entered backoff after a failed scale-up */
  backoffs: number;
}

export interface OutageSummary {
  cluster: string;
  /** the zone, when the outage took one zone of a cluster over several */
  zone?: string;
  atS: number;
  forS: number;
  autoShift: boolean;
  /** requests failed fleet-wide from the outage's start until the fleet recovered (or the run ended) */
  failed: number;
  /** failed / arrived over the same window */
  errorRate: number;
  /** seconds in that window when the fleet broke its SLO (p99 or error rate) */
  sloViolationSeconds: number;
  /** when the fleet was back within its SLO for a minute running; null if it never was */
  recoveredAtS: number | null;
  /** recoveredAtS − atS: how long users noticed; 0 when they never did */
  recoverySeconds: number | null;
}

/** The numbers a check, a sweep or a comparison looks at, by dotted path into Summary. */
export const KEY_NUMBERS = [
  'latencyMs.mean',
  'latencyMs.p50',
  'latencyMs.p95',
  'latencyMs.p99',
  'latencyMs.max',
  'requests.total',
  'requests.failed',
  'requests.errorRate',
  'sloViolationSeconds',
  'pods.pendingSecondsTotal',
  'pods.maxPending',
  'pods.preemptions',
  'pods.scheduleToReadyP95S',
  'nodes.peak',
  'nodes.nodeHours',
  'nodes.scaleUps',
  'nodes.scaleDowns',
  'cost.total',
  'cost.headroom',
  'binPacking.cpuRequestedShare',
  'binPacking.memoryRequestedShare',
  'binPacking.workloadCpuRequestedShare',
  'binPacking.workloadMemoryRequestedShare',
] as const;

export type KeyNumber = (typeof KEY_NUMBERS)[number];

export function keyNumber(summary: ClusterSummary, key: string): number {
  let v: unknown = summary;
  for (const part of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
  return typeof v === 'number' ? v : NaN;
}
