/**
 * Reads a run folder into RunData. summary.json is required; timeseries.csv,
 * timeseries-workloads.csv and events.jsonl (else annotations.json) are used when present.
 * Unknown keys and columns are ignored, so a newer simulator's folder still makes a page.
 */
import type { PlanningInfo } from './types.ts';
import { readFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadroomError } from '../errors.ts';
import { readLineBatches, readNumericCsv } from './csv.ts';
import { EventTally } from './run-events.ts';
import { assembleRunData, type EventsFound } from './run-data.ts';
import { SERIES_COLUMNS } from './types.ts';
import type { ClusterSeries, RunData, RunSummary, WorkloadTotals } from './types.ts';
import { USAGE_FOLD_COLUMNS, WorkloadTotalsFold } from './workload-totals.ts';

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new HeadroomError('io', `cannot read ${file}: ${(e as Error).message}`, { file });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HeadroomError('input', `not valid JSON: ${(e as Error).message}`, { file });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HeadroomError('input', 'expected a JSON object', { file });
  }
  return value as Record<string, unknown>;
}

/** A growable column of doubles, so a day of samples does not live as boxed numbers. */
class Column {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

function requireColumn(names: string[], name: string, file: string): void {
  if (!names.includes(name)) throw new HeadroomError('input', `missing column "${name}" (found: ${names.join(', ')})`, { file });
}

export async function readSeries(file: string): Promise<ClusterSeries[]> {
  const byCluster = new Map<string, { time: Column; cols: Column[] }>();
  let present: boolean[] = [];
  await readNumericCsv(
    file,
    { text: ['cluster'], numbers: ['time_s', ...SERIES_COLUMNS] },
    (names) => {
      requireColumn(names, 'time_s', file);
      requireColumn(names, 'cluster', file);
      present = SERIES_COLUMNS.map((c) => names.includes(c));
    },
    (texts, v) => {
      const name = texts[0];
      let entry = byCluster.get(name);
      if (!entry) {
        entry = { time: new Column(), cols: SERIES_COLUMNS.map(() => new Column()) };
        byCluster.set(name, entry);
      }
      entry.time.push(v[0]);
      for (let k = 0; k < SERIES_COLUMNS.length; k++) if (present[k]) entry.cols[k].push(v[k + 1]);
    },
  );
  return [...byCluster].map(([cluster, e]) => ({
    cluster,
    timeSec: e.time.done(),
    columns: Object.fromEntries(SERIES_COLUMNS.flatMap((c, k) => (present[k] ? [[c, e.cols[k].done()]] : []))),
  }));
}

const WORKLOAD_NUMBERS = ['arrival_rps', 'failed_rps', 'p99_ms', 'ready_pods', 'pending_pods'];

/** Per cluster and workload totals; each row weighs stepSec seconds. */
export async function readWorkloadTotals(file: string, stepSec: number): Promise<WorkloadTotals[]> {
  const fold = new WorkloadTotalsFold(stepSec);
  await readNumericCsv(
    file,
    { text: ['cluster', 'workload'], numbers: [...WORKLOAD_NUMBERS, ...USAGE_FOLD_COLUMNS] },
    (names) => {
      requireColumn(names, 'cluster', file);
      requireColumn(names, 'workload', file);
    },
    ([cluster, workload], v) => {
      fold.add(cluster, workload, v[0], v[1], v[2], v[3], v[4]);
      fold.addUsage(cluster, workload, v[3], v.subarray(WORKLOAD_NUMBERS.length));
    },
  );
  return fold.values();
}

export async function readEvents(file: string): Promise<EventTally> {
  const tally = new EventTally();
  let line = 0;
  for await (const batch of readLineBatches(file)) for (const text of batch) tally.line(text, { file, line: ++line });
  return tally.finish();
}

/** annotations.json: a JSON array of the events the charts mark, written even without --events. */
export async function readAnnotationEvents(file: string): Promise<EventTally> {
  const tally = new EventTally();
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new HeadroomError('input', `not valid JSON: ${(e as Error).message}`, { file });
  }
  if (Array.isArray(value)) for (const o of value) tally.take(o);
  return tally.finish();
}

export async function readRun(dir: string): Promise<RunData> {
  const summaryFile = join(dir, 'summary.json');
  if (!(await exists(summaryFile))) {
    throw new HeadroomError('io', `no summary.json in ${dir}: is it a run folder?`, { file: summaryFile });
  }
  const summary = (await readJson(summaryFile)) as RunSummary;
  const seriesFile = join(dir, 'timeseries.csv');
  const series = (await exists(seriesFile)) ? await readSeries(seriesFile) : undefined;
  const workloadFile = join(dir, 'timeseries-workloads.csv');
  const hasWorkloads = await exists(workloadFile);
  const data = await assembleRunData({
    dir,
    summary,
    series,
    workloads: hasWorkloads ? (stepSec) => readWorkloadTotals(workloadFile, stepSec) : undefined,
    events: () => readRunEvents(dir),
  });
  const planning = await readPlanning(join(dir, 'run-info.json'));
  return planning ? { ...data, planning } : data;
}

/** run-info.json's planning facts; undefined when the folder predates them. */
async function readPlanning(file: string): Promise<PlanningInfo | undefined> {
  if (!(await exists(file))) return undefined;
  const info = await readJson(file);
  if (!Array.isArray(info.overprovisioners)) return undefined;
  return {
    ...(typeof info.scenarioFile === 'string' ? { scenarioFile: info.scenarioFile } : {}),
    readFlags: Array.isArray(info.readFlags) ? info.readFlags.map(String) : [],
    overprovisioners: info.overprovisioners.map((o: { name?: unknown; replicasPerCluster?: unknown }) => ({
      name: String(o.name),
      replicasPerCluster: typeof o.replicasPerCluster === 'number' ? o.replicasPerCluster : null,
    })),
  };
}

async function readRunEvents(dir: string): Promise<EventsFound | undefined> {
  const eventsFile = join(dir, 'events.jsonl');
  if (await exists(eventsFile)) return { source: 'events.jsonl', tally: await readEvents(eventsFile) };
  const annotationsFile = join(dir, 'annotations.json');
  if (await exists(annotationsFile)) return { source: 'annotations.json', tally: await readAnnotationEvents(annotationsFile) };
  return undefined;
}
