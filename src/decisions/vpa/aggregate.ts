/**
 * A workload's containers of one name, aggregated as the VPA recommender does before it estimates:
 * every cpu sample into one decaying histogram, weighted by the container's cpu request (at least
 * 0.1 core), and one memory peak per container per aggregation interval (24 h) into another
 * (vertical-pod-autoscaler/pkg/recommender/model/aggregate_container_state.go, addCPUSample and
 * AddSample; model/container.go, addMemorySample and RecordOOM).
 */
import { VPA_DEFAULTS } from '../defaults.ts';
import { DecayingHistogram, exponentialBuckets, type HistogramOptions } from './histogram.ts';

/** One container of one pod over time: its usage samples in time order, and its OOM kills. */
export interface ContainerHistory {
  /** sample start times, seconds */
  cpuTimesSec: ArrayLike<number>;
  /** mean cpu use over each sample, cores */
  cpuCores: ArrayLike<number>;
  /** the container's cpu request, cores (0 when it has none) */
  cpuRequestCores: number;
  memoryTimesSec: ArrayLike<number>;
  /** working set at each sample, bytes */
  memoryBytes: ArrayLike<number>;
  /** OOM kills: when, and the container's memory request then (bytes) */
  ooms?: readonly { timeSec: number; memoryRequestBytes: number }[];
}

export interface AggregationOptions {
  cpuFirstBucketCores: number;
  memoryAggregationIntervalSec: number;
  memoryAggregationIntervalCount: number;
  histogramBucketSizeGrowth: number;
  cpuHalfLifeSec: number;
  memoryHalfLifeSec: number;
  oomBumpUpRatio: number;
  oomMinBumpUpBytes: number;
}

export const AGGREGATION_DEFAULTS: Readonly<AggregationOptions> = Object.freeze({
  cpuFirstBucketCores: VPA_DEFAULTS.cpuFirstBucketCores,
  memoryAggregationIntervalSec: VPA_DEFAULTS.memoryAggregationIntervalSec,
  memoryAggregationIntervalCount: VPA_DEFAULTS.memoryAggregationIntervalCount,
  histogramBucketSizeGrowth: VPA_DEFAULTS.histogramBucketSizeGrowth,
  cpuHalfLifeSec: VPA_DEFAULTS.cpuHalfLifeSec,
  memoryHalfLifeSec: VPA_DEFAULTS.memoryHalfLifeSec,
  oomBumpUpRatio: VPA_DEFAULTS.oomBumpUpRatio,
  oomMinBumpUpBytes: VPA_DEFAULTS.oomMinBumpUpBytes,
});

/** AggregateContainerState: the histograms and what the confidence is computed from. */
export interface AggregateContainerState {
  cpu: DecayingHistogram;
  memoryPeaks: DecayingHistogram;
  /** first and last cpu sample start (upstream counts cpu samples only), seconds; NaN when none */
  firstSampleSec: number;
  lastSampleSec: number;
  totalSamplesCount: number;
}

/** minSampleWeight; epsilon = 0.001 × minSampleWeight (aggregations_config.go). */
const MIN_SAMPLE_WEIGHT = 0.1;
const EPSILON = 0.001 * MIN_SAMPLE_WEIGHT;

export function cpuHistogramOptions(o: AggregationOptions): HistogramOptions {
  return exponentialBuckets(VPA_DEFAULTS.cpuHistogramMaxCores, o.cpuFirstBucketCores, 1 + o.histogramBucketSizeGrowth, EPSILON);
}

export function memoryHistogramOptions(o: AggregationOptions): HistogramOptions {
  return exponentialBuckets(VPA_DEFAULTS.memoryHistogramMaxBytes, VPA_DEFAULTS.memoryFirstBucketBytes, 1 + o.histogramBucketSizeGrowth, EPSILON);
}

/**
 * The aggregate of several containers (all pods' containers of one name), each folded in as its
 * own ContainerState would feed it. Samples older than the history window (8 × 24 h before the
 * newest sample, the recommender's --history-length) are left out, as the VPA never loads them.
 */
export function aggregateContainers(histories: readonly ContainerHistory[], options: AggregationOptions = AGGREGATION_DEFAULTS): AggregateContainerState {
  const state: AggregateContainerState = {
    cpu: new DecayingHistogram(cpuHistogramOptions(options), options.cpuHalfLifeSec),
    memoryPeaks: new DecayingHistogram(memoryHistogramOptions(options), options.memoryHalfLifeSec),
    firstSampleSec: NaN,
    lastSampleSec: NaN,
    totalSamplesCount: 0,
  };
  let newest = -Infinity;
  for (const h of histories) {
    if (h.cpuTimesSec.length) newest = Math.max(newest, h.cpuTimesSec[h.cpuTimesSec.length - 1]);
    if (h.memoryTimesSec.length) newest = Math.max(newest, h.memoryTimesSec[h.memoryTimesSec.length - 1]);
  }
  const since = newest - options.memoryAggregationIntervalSec * options.memoryAggregationIntervalCount;
  for (const h of histories) {
    addCpuSamples(state, h, since);
    addMemorySamples(state, h, since, options);
  }
  return state;
}

function addCpuSamples(state: AggregateContainerState, h: ContainerHistory, sinceSec: number): void {
  // Samples weigh the request: when a request grows, the history so far counts for less, which
  // lets the recommendation follow cpu starvation quickly (aggregate_container_state.go).
  const weight = Math.max(h.cpuRequestCores, MIN_SAMPLE_WEIGHT);
  let last = -Infinity;
  for (let i = 0; i < h.cpuTimesSec.length; i++) {
    const t = h.cpuTimesSec[i];
    // ContainerState.addCPUSample drops a sample that does not start after the last one.
    if (t <= sinceSec || !(t > last) || !(h.cpuCores[i] >= 0)) continue;
    last = t;
    // Usage is a ResourceAmount of whole millicores (CPUAmountFromCores truncates).
    state.cpu.addSample(Math.trunc(h.cpuCores[i] * 1000) / 1000, weight, t);
    if (!(t <= state.lastSampleSec)) state.lastSampleSec = t;
    if (Number.isNaN(state.firstSampleSec) || t < state.firstSampleSec) state.firstSampleSec = t;
    state.totalSamplesCount++;
  }
}

type MemoryEvent = { timeSec: number; bytes: number; oom: false } | { timeSec: number; bytes: number; oom: true; requestBytes: number };

/**
 * ContainerState.addMemorySample over the samples and OOM kills in time order: each interval keeps
 * one peak, put in the histogram at the interval's end time; a larger sample in the same interval
 * replaces it (subtract the old peak, add the new). An OOM kill counts as a sample of
 * max(request, the interval's peak) bumped by × 1.2 or + 100 MiB, whichever is more (RecordOOM).
 */
function addMemorySamples(state: AggregateContainerState, h: ContainerHistory, sinceSec: number, o: AggregationOptions): void {
  const events: MemoryEvent[] = [];
  for (let i = 0; i < h.memoryTimesSec.length; i++) {
    if (h.memoryTimesSec[i] > sinceSec) events.push({ timeSec: h.memoryTimesSec[i], bytes: h.memoryBytes[i], oom: false });
  }
  for (const oom of h.ooms ?? []) {
    if (oom.timeSec > sinceSec) events.push({ timeSec: oom.timeSec, bytes: 0, oom: true, requestBytes: oom.memoryRequestBytes });
  }
  // Stable: a sample and an OOM kill at the same instant keep the order they were given in.
  events.sort((a, b) => a.timeSec - b.timeSec);

  let windowEnd = NaN;
  let memoryPeak = 0;
  let oomPeak = 0;
  let lastSampleStart = -Infinity;
  const interval = o.memoryAggregationIntervalSec;
  for (const e of events) {
    // Usage is a ResourceAmount of whole bytes.
    let usage = Math.trunc(e.bytes);
    if (e.oom) {
      // An OOM kill from before the current interval is discarded.
      if (!Number.isNaN(windowEnd) && e.timeSec < windowEnd - interval) continue;
      const used = Math.max(e.requestBytes, memoryPeak);
      usage = Math.trunc(Math.max(used + o.oomMinBumpUpBytes, used * o.oomBumpUpRatio));
    } else if (!(usage >= 0) || e.timeSec < lastSampleStart) {
      continue; // invalid or out of order
    }
    if (!e.oom) lastSampleStart = e.timeSec;
    if (Number.isNaN(windowEnd)) windowEnd = e.timeSec;
    let addNewPeak = false;
    if (e.timeSec < windowEnd) {
      const oldMax = Math.max(memoryPeak, oomPeak);
      // Upstream replaces a peak only when one was recorded: an interval whose first sample is
      // 0 bytes keeps 0 as its peak.
      if (oldMax !== 0 && usage > oldMax) {
        state.memoryPeaks.subtractSample(oldMax, 1, windowEnd);
        addNewPeak = true;
      }
    } else {
      const shift = Math.floor((e.timeSec - windowEnd) / interval) * interval + interval;
      windowEnd += shift;
      memoryPeak = 0;
      oomPeak = 0;
      addNewPeak = true;
    }
    if (addNewPeak) {
      state.memoryPeaks.addSample(usage, 1, windowEnd);
      if (e.oom) oomPeak = usage;
      else memoryPeak = usage;
    }
  }
}
