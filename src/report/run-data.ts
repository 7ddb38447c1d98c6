/**
 * RunData, the numbers a report is made from, two ways: from a run folder's files (read-run.ts
 * parses them) or from a run still in memory (`headroom run`, which writes the files and the page
 * together). Both give the same numbers, the series at the precision the CSV files keep, so the
 * page is the same either way.
 */
import { parseDurationSec } from '../quantity.ts';
import type { RunResult } from '../run.ts';
import type { RunSeries } from '../metrics/series.ts';
import { CLUSTER_SERIES } from '../metrics/timeseries.ts';
import { decimalValue } from './decimal.ts';
import { EventTally } from './run-events.ts';
import { CLUSTER_DIGITS, TIME_DIGITS, USAGE_DIGITS, WORKLOAD_DIGITS } from './timeseries-csv.ts';
import type { ClusterSeries, PlanningInfo, RunData, RunSummary, WorkloadTotals } from './types.ts';
import type { Scenario } from '../scenario/types.ts';
import { USAGE_FOLD_COLUMNS, WorkloadTotalsFold } from './workload-totals.ts';

export interface EventsFound {
  source: NonNullable<RunData['eventsSource']>;
  tally: EventTally;
}

/** A run's parts as found; a part left undefined is missing. */
export interface RunParts {
  dir: string;
  summary: RunSummary;
  series?: ClusterSeries[];
  /** the workload totals, once the step is known */
  workloads?: (stepSec: number) => Promise<WorkloadTotals[]> | WorkloadTotals[];
  events: () => Promise<EventsFound | undefined> | EventsFound | undefined;
}

export async function assembleRunData(p: RunParts): Promise<RunData> {
  const missing: string[] = [];
  const series = p.series ?? (missing.push('timeseries.csv'), []);
  const stepSec = summaryStepSec(p.summary) ?? inferStepSec(series);
  const workloads = p.workloads ? await p.workloads(stepSec) : (missing.push('timeseries-workloads.csv'), []);
  const found = await p.events();
  if (found?.source !== 'events.jsonl') missing.push('events.jsonl');
  const tally = found?.tally ?? new EventTally();
  const clusters = series.map((s) => s.cluster);
  for (const name of Object.keys(p.summary.perCluster ?? {})) if (!clusters.includes(name)) clusters.push(name);
  return {
    dir: p.dir,
    summary: p.summary,
    stepSec,
    clusters,
    series,
    events: tally.events,
    eventsSource: found?.source,
    eventCounts: tally.counts,
    workloads,
    missing,
  };
}

/**
 * The RunData of a run in memory, as if read back from the folder `dir` that
 * report/outputs.ts writes it to: events.jsonl when events were kept, else annotations.json.
 */
/**
 * `given` is what the command line said (the scenario file and read flags, as given): with the
 * scenario's over-provisioners it makes the run's planning facts, which run-info.json keeps.
 */
export async function runDataOf(result: RunResult, dir: string, given: { scenarioFile?: string; readFlags?: string[] } = {}): Promise<RunData> {
  const s = result.series;
  const data = await assembleRunData({
    dir,
    summary: result.summary as unknown as RunSummary,
    series: s ? clusterSeriesOf(s) : undefined,
    workloads: s ? (stepSec) => workloadTotalsOf(s, stepSec) : undefined,
    events: () => {
      const tally = new EventTally();
      if (result.events.length > 0) {
        for (const line of result.events) tally.line(line);
        return { source: 'events.jsonl', tally: tally.finish() };
      }
      for (const ev of result.annotations) tally.take(ev);
      return { source: 'annotations.json', tally: tally.finish() };
    },
  });
  return { ...data, planning: planningOf(result.scenario, given) };
}

/** The run's planning facts: its file and read flags as given, and its first cluster's over-provisioners. */
export function planningOf(scenario: Scenario, given: { scenarioFile?: string; readFlags?: string[] }): PlanningInfo {
  return {
    ...(given.scenarioFile === undefined ? {} : { scenarioFile: given.scenarioFile }),
    readFlags: given.readFlags ?? [],
    overprovisioners: (scenario.clusters[0]?.overprovisioner ?? []).map((o) => ({
      name: o.name,
      replicasPerCluster: o.sizing.kind === 'fixed' ? o.sizing.replicasPerCluster : null,
    })),
  };
}

/** The values of `col` as timeseries.csv holds them. */
function asWritten(col: Float64Array, length: number, digits: number): Float64Array {
  const out = new Float64Array(length);
  for (let k = 0; k < length; k++) out[k] = decimalValue(col[k], digits);
  return out;
}

function clusterSeriesOf(s: RunSeries): ClusterSeries[] {
  const time = asWritten(s.timeSec, s.length, TIME_DIGITS);
  return s.clusterNames.map((cluster, ci) => {
    const columns: ClusterSeries['columns'] = {};
    for (const c of CLUSTER_SERIES) columns[c] = asWritten(s.clusters[ci][c], s.length, CLUSTER_DIGITS[c]);
    return { cluster, timeSec: time.slice(), columns };
  });
}

function workloadTotalsOf(s: RunSeries, stepSec: number): WorkloadTotals[] {
  const fold = new WorkloadTotalsFold(stepSec);
  // the usage columns as written, as the folder's reader would see them
  const usage = s.workloadUsage;
  const row = new Float64Array(USAGE_FOLD_COLUMNS.length);
  s.clusterNames.forEach((cluster, ci) => {
    s.workloadNames.forEach((workload, wi) => {
      const col = s.workloads[ci][wi];
      for (let k = 0; k < s.length; k++) {
        fold.add(
          cluster,
          workload,
          decimalValue(col.arrival_rps[k], WORKLOAD_DIGITS.arrival_rps),
          decimalValue(col.failed_rps[k], WORKLOAD_DIGITS.failed_rps),
          decimalValue(col.p99_ms[k], WORKLOAD_DIGITS.p99_ms),
          decimalValue(col.ready_pods[k], WORKLOAD_DIGITS.ready_pods),
          decimalValue(col.pending_pods[k], WORKLOAD_DIGITS.pending_pods),
        );
        if (usage) {
          for (let j = 0; j < USAGE_FOLD_COLUMNS.length; j++) row[j] = decimalValue(usage[ci][wi][USAGE_FOLD_COLUMNS[j]][k], USAGE_DIGITS[USAGE_FOLD_COLUMNS[j]]);
          fold.addUsage(cluster, workload, decimalValue(col.ready_pods[k], WORKLOAD_DIGITS.ready_pods), row);
        }
      }
    });
  });
  return fold.values();
}

/** The most common gap between consecutive samples, or 1 if there are fewer than two. */
export function inferStepSec(series: ClusterSeries[]): number {
  const t = series[0]?.timeSec;
  if (!t || t.length < 2) return 1;
  const seen = new Map<number, number>();
  for (let i = 1; i < Math.min(t.length, 2000); i++) {
    const d = +(t[i] - t[i - 1]).toFixed(6);
    if (d > 0) seen.set(d, (seen.get(d) ?? 0) + 1);
  }
  let best = 1;
  let bestN = 0;
  for (const [d, n] of seen) if (n > bestN) [best, bestN] = [d, n];
  return best;
}

/** summary.step as seconds (a number, or a duration such as "10s"), if it says. */
function summaryStepSec(summary: RunSummary): number | undefined {
  const raw = summary.stepSeconds ?? summary.step ?? summary.stepSec;
  if (raw === undefined) return undefined;
  try {
    const sec = parseDurationSec(raw, 'step');
    return sec > 0 ? sec : undefined;
  } catch {
    return undefined;
  }
}
