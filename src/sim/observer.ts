/**
 * What the simulation tells whoever watches a run, as plain numbers: at every sample step what
 * each cluster and each of its workloads saw, and at the end the clusters' exact integrals and
 * counters. The simulation writes to this interface and never reads back; metrics/ implements it.
 */
import type { LatencySketch } from '../maths/latency-sketch.ts';
import type { SimEvent } from './event-log.ts';

/** The latency distribution of one step's served requests over several queues. */
export interface StepLatency {
  /** the q-quantile, seconds; NaN when nothing was served */
  quantile(q: 0.5 | 0.95 | 0.99): number;
  /** is more than 1 − q of the step's served requests slower than `sec`? */
  exceeds(q: number, sec: number): boolean;
}

/** One (cluster, workload) in one step; arrays are indexed cluster × workloads + workload. */
export interface WorkloadStepColumns {
  arrivalRps: Float64Array;
  /** ready servers × service rate */
  capacityRps: Float64Array;
  /** requests that started service in the step */
  served: Float64Array;
  /** requests that gave up in the step */
  failed: Float64Array;
  /** the step's latency quantiles, seconds (NaN when nothing was served) */
  p50Sec: Float64Array;
  p95Sec: Float64Array;
  p99Sec: Float64Array;
  /** requests waiting at the end of the step */
  backlog: Float64Array;
  readyPods: Float64Array;
  pendingPods: Float64Array;
  desiredReplicas: Float64Array;
}

/**
 * What the pods of one (cluster, workload) used in one step, indexed cluster × workloads +
 * workload; over its Ready pods (0 when none). Present when a workload of the scenario has usage or
 * limits, or the observer asks for it (recordsUsage); a workload without usage uses its request at
 * full load and its memory request (decisions/usage/model.ts defaultUsage).
 */
export interface WorkloadUsageColumns {
  /** cpu per pod: mean and max over the Ready pods, millicores */
  cpuMilliMean: Float64Array;
  cpuMilliMax: Float64Array;
  /** memory working set per pod: mean and max over the Ready pods */
  memoryBytesMean: Float64Array;
  memoryBytesMax: Float64Array;
  /** Ready pods whose cpu demand was over their cpu limit (CFS-throttled) */
  throttledPods: Float64Array;
  /** Ready pods that got less cpu than they wanted because their node was short of cpu */
  cpuSharedPods: Float64Array;
  /** in the step: containers OOM-killed (over their memory limit), restarted after their back-off, pods evicted for node memory pressure */
  oomKills: Float64Array;
  restarts: Float64Array;
  evictions: Float64Array;
}

/** What the pods on one cluster's Ready nodes used in one step, indexed by cluster. */
export interface ClusterUsageColumns {
  usedCpuMilli: Float64Array;
  usedMemoryBytes: Float64Array;
}

/** One cluster in one step, indexed by cluster. */
export interface ClusterStepColumns {
  /** the cluster's share of the step's traffic */
  share: Float64Array;
  /** request-weighted over the cluster's workloads */
  latency: StepLatency[];
  /** workload pods waiting for a node (placeholders not counted) */
  pendingPods: Float64Array;
  /** placeholder pods scheduled, and waiting */
  placeholderPods: Float64Array;
  placeholderPending: Float64Array;
  nodesReady: Float64Array;
  /** nodes billed: asked for and not removed */
  nodesBilled: Float64Array;
  /** asked for and not Ready yet; filled only for an observer that records series */
  nodesProvisioning: Float64Array;
  /** sum of the billed nodes' hourly prices */
  pricePerHour: Float64Array;
}

export interface StepObservation {
  /** step index, its start and its length (the last step may be short) */
  k: number;
  timeSec: number;
  dtSec: number;
  clusters: ClusterStepColumns;
  workloads: WorkloadStepColumns;
  /** request-weighted over every queue of the fleet */
  fleetLatency: StepLatency;
  /** what pods used (see WorkloadUsageColumns); absent when nobody asked for it */
  usage?: { workloads: WorkloadUsageColumns; clusters: ClusterUsageColumns };
}

/** One cluster over the whole run: exact integrals (∫ … dt, not samples), peaks and counters. */
export interface ClusterTotals {
  nodeSeconds: number;
  cost: number;
  headroomCost: number;
  /** ∫ of Ready nodes' allocatable, of what pods request on them, and of what placeholders request */
  allocCpuMilliSec: number;
  allocMemoryByteSec: number;
  reqCpuMilliSec: number;
  reqMemoryByteSec: number;
  placeholderCpuMilliSec: number;
  placeholderMemoryByteSec: number;
  pendingPodSeconds: number;
  pendingPlaceholderSeconds: number;
  /** ∫ pending workload pods held back by topology spread alone dt (decisions/scheduler/skew-blocked.ts) */
  skewBlockedPodSeconds: number;
  peakBilledNodes: number;
  maxPendingPods: number;
  preemptions: number;
  scaleUps: number;
  scaleDowns: number;
  nodesAdded: number;
  /** spot nodes reclaimed (an interruption notice), node launches the cloud refused, times a node group entered backoff */
  spotInterruptions: number;
  failedLaunches: number;
  backoffs: number;
  /** Karpenter's consolidation commands (0 under the cluster-autoscaler) */
  consolidations: number;
  /** seconds from creation to Ready of each workload pod that became Ready after the start */
  scheduleToReadySec: readonly number[];
}

/** The end of a run. */
export interface RunEnd {
  /** by cluster */
  clusters: ClusterTotals[];
  /** what the end-of-run flush settled, indexed cluster × workloads + workload */
  settledServed: Float64Array;
  settledFailed: Float64Array;
  /** fleet-wide peaks (not the sum of the clusters' peaks, which may come at different times) */
  maxPendingPods: number;
  peakNodes: number;
  /** events the engine ran */
  engineEvents: number;
  /** events.jsonl's lines (empty unless asked for) */
  eventLines: readonly string[];
  /** the few events the report marks on its time axes, kept even without events.jsonl */
  annotations: readonly SimEvent[];
  /** things the run has to say (never in summary.json), e.g. where the fluid model is approximate */
  warnings?: string[];
  /** each change of the scenario in each cluster it reached, in the order they started; absent when the scenario has none */
  changes?: ChangeFigures[];
}

/** One change in one cluster, from its start to its end (the run's end when it did not end). */
export interface ChangeFigures {
  kind: string;
  cluster: string;
  startSec: number;
  endSec: number;
  /** it reached its goal (a rollout rolled back did not) */
  finished: boolean;
  /** the most pods above the Deployment's replicas at once */
  surgedPods: number;
  /** ∫ the cluster's pending workload pods dt over the change */
  pendingPodSeconds: number;
  /** the most billed nodes over the change, less those at its start */
  extraNodes: number;
  /** of the requests the change's workloads served meanwhile; NaN when none */
  p99Sec: number;
  errorRate: number;
}

export interface RunObserver {
  /** when false, the simulation skips what only the time series show (nodesProvisioning) */
  readonly recordsSeries: boolean;
  /** when true, every step's observation carries `usage` even for a scenario with no usage or limits */
  readonly recordsUsage?: boolean;
  /** the sketch the queue of (cluster, workload) pours every served request's latency into */
  latencySketch(cluster: number, workload: number): LatencySketch;
  /** after every sample step; the observation is overwritten by the next step: copy what you keep */
  step(obs: StepObservation): void;
  /** once, after the last step */
  end(end: RunEnd): void;
}
