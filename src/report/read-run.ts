/**
 * Reads a run folder into RunData. summary.json is required; timeseries.csv,
 * timeseries-workloads.csv, events.jsonl and run-info.json are used when present. Unknown keys
 * and columns are ignored, so a newer simulator's folder still makes a page.
 */
import { readFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadroomError } from '../errors.ts';
import { parseDurationSec } from '../quantity.ts';
import { readLineBatches, readNumericCsv } from './csv.ts';
import { eventType, isPerPodName } from './event-types.ts';
import { SERIES_COLUMNS } from './types.ts';
import type { ClusterSeries, RunData, RunEvent, RunSummary, SeriesColumn, WorkloadTotals } from './types.ts';


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
  const totals = new Map<string, WorkloadTotals>();
  await readNumericCsv(
    file,
    { text: ['cluster', 'workload'], numbers: WORKLOAD_NUMBERS },
    (names) => {
      requireColumn(names, 'cluster', file);
      requireColumn(names, 'workload', file);
    },
    ([cluster, workload], v) => {
      const key = `${cluster}\u0000${workload}`;
      let t = totals.get(key);
      if (!t) {
        t = { cluster, workload, requests: 0, failed: 0, peakArrivalRps: 0, worstP99Ms: 0, peakReadyPods: 0, peakPendingPods: 0 };
        totals.set(key, t);
      }
      const [arrival, failed, p99, ready, pending] = v;
      if (arrival >= 0) t.requests += arrival * stepSec;
      if (failed >= 0) t.failed += failed * stepSec;
      if (arrival > t.peakArrivalRps) t.peakArrivalRps = arrival;
      if (p99 > t.worstP99Ms) t.worstP99Ms = p99;
      if (ready > t.peakReadyPods) t.peakReadyPods = ready;
      if (pending > t.peakPendingPods) t.peakPendingPods = pending;
    },
  );
  return [...totals.values()];
}

/** A lenient view of one event object; undefined if it has no time or neither kind nor reason. */
export function toRunEvent(o: Record<string, unknown>): RunEvent | undefined {
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const timeSec = typeof o.time_s === 'number' ? o.time_s : Number(o.time_s);
  const reason = str(o.reason);
  const kind = str(o.kind) ?? reason;
  if (!Number.isFinite(timeSec) || !kind) return undefined;
  return { timeSec, kind, cluster: str(o.cluster), reason, message: str(o.message), type: eventType(kind, reason) };
}

/** The name an event is counted and listed under: its reason, else its kind. */
export function eventLabel(e: { kind: string; reason?: string }): string {
  return e.reason ?? e.kind;
}

const REASON_IN_LINE = /"reason"\s*:\s*"([^"\\]*)"/;
const KIND_IN_LINE = /"kind"\s*:\s*"([^"\\]*)"/;
const CLUSTER_IN_LINE = /"cluster"\s*:\s*"((?:[^"\\]|\\.)*)"/;

interface EventSink {
  events: RunEvent[];
  counts: Record<string, Record<string, number>>;
}

function newSink(): EventSink {
  return { events: [], counts: {} };
}

function count(sink: EventSink, cluster: string, label: string): void {
  const c = (sink.counts[cluster] ??= {});
  c[label] = (c[label] ?? 0) + 1;
}

function take(sink: EventSink, o: unknown): void {
  if (o === null || typeof o !== 'object') return;
  const ev = toRunEvent(o as Record<string, unknown>);
  if (!ev) return;
  count(sink, ev.cluster ?? '', eventLabel(ev));
  if (ev.type !== 'perPod') sink.events.push(ev);
}

function finish(sink: EventSink): EventSink {
  sink.events.sort((a, b) => a.timeSec - b.timeSec);
  return sink;
}

export async function readEvents(file: string): Promise<EventSink> {
  const sink = newSink();
  let lineNo = 0;
  for await (const batch of readLineBatches(file)) {
    for (const line of batch) {
      lineNo++;
      if (line.trim() === '') continue;
      // Per-pod events can be most of a long run's file: count them without a full parse.
      const reason = REASON_IN_LINE.exec(line)?.[1];
      const name = reason ?? KIND_IN_LINE.exec(line)?.[1];
      if (name !== undefined && isPerPodName(name)) {
        const cluster = CLUSTER_IN_LINE.exec(line)?.[1];
        count(sink, cluster ? (JSON.parse(`"${cluster}"`) as string) : '', name);
        continue;
      }
      let o: unknown;
      try {
        o = JSON.parse(line);
      } catch (e) {
        throw new HeadroomError('input', `not valid JSON: ${(e as Error).message}`, { file, line: lineNo });
      }
      take(sink, o);
    }
  }
  return finish(sink);
}

/** annotations.json: a JSON array of the events the charts mark, written even without --events. */
export async function readAnnotationEvents(file: string): Promise<EventSink> {
  const sink = newSink();
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new HeadroomError('input', `not valid JSON: ${(e as Error).message}`, { file });
  }
  if (Array.isArray(value)) for (const o of value) take(sink, o);
  return finish(sink);
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

export async function readRun(dir: string): Promise<RunData> {
  const summaryFile = join(dir, 'summary.json');
  if (!(await exists(summaryFile))) {
    throw new HeadroomError('io', `no summary.json in ${dir}: is it a run folder?`, { file: summaryFile });
  }
  const summary = (await readJson(summaryFile)) as RunSummary;
  const missing: string[] = [];

  const seriesFile = join(dir, 'timeseries.csv');
  const series = (await exists(seriesFile)) ? await readSeries(seriesFile) : (missing.push('timeseries.csv'), []);
  const stepSec = summaryStepSec(summary) ?? inferStepSec(series);

  const workloadFile = join(dir, 'timeseries-workloads.csv');
  const workloads = (await exists(workloadFile))
    ? await readWorkloadTotals(workloadFile, stepSec)
    : (missing.push('timeseries-workloads.csv'), []);

  const eventsFile = join(dir, 'events.jsonl');
  const annotationsFile = join(dir, 'annotations.json');
  let eventsSource: RunData['eventsSource'];
  let sink = newSink();
  if (await exists(eventsFile)) {
    sink = await readEvents(eventsFile);
    eventsSource = 'events.jsonl';
  } else {
    missing.push('events.jsonl');
    if (await exists(annotationsFile)) {
      sink = await readAnnotationEvents(annotationsFile);
      eventsSource = 'annotations.json';
    }
  }

  const infoFile = join(dir, 'run-info.json');
  const runInfo = (await exists(infoFile)) ? await readJson(infoFile).catch(() => undefined) : undefined;

  const clusters = series.map((s) => s.cluster);
  for (const name of Object.keys(summary.perCluster ?? {})) if (!clusters.includes(name)) clusters.push(name);

  return { dir, summary, stepSec, clusters, series, events: sink.events, eventsSource, eventCounts: sink.counts, workloads, runInfo, missing };
}
