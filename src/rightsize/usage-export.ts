/**
 * A team's usage export, read into one sample list per pod and container: Prometheus
 * `/api/v1/query_range` answers (JSON) of `rate(container_cpu_usage_seconds_total[..])` and
 * `container_memory_working_set_bytes`, or CSV with the columns
 * `timestamp,pod,container,metric,value` (metric `cpu` or `memory`, or the Prometheus names).
 * rate() drops the metric name, so a JSON series without `__name__` is cpu; a raw
 * `container_cpu_usage_seconds_total` series is a counter and is refused (its resets and
 * restarts are rate()'s to handle, not ours). Every problem names the file and the series.
 */
import { HeadroomError } from '../errors.ts';

export const CPU_METRIC = 'container_cpu_usage_seconds_total';
export const MEMORY_METRIC = 'container_memory_working_set_bytes';

export interface ContainerSeries {
  pod: string;
  container: string;
  labels: Record<string, string>;
  cpuTimesSec: number[];
  cpuCores: number[];
  memoryTimesSec: number[];
  memoryBytes: number[];
}

export type UsageSeries = Map<string, ContainerSeries>;

function keyOf(pod: string, container: string): string {
  return `${pod}\u0000${container}`;
}

function entry(all: UsageSeries, pod: string, container: string, labels: Record<string, string>): ContainerSeries {
  const k = keyOf(pod, container);
  let s = all.get(k);
  if (!s) {
    s = { pod, container, labels, cpuTimesSec: [], cpuCores: [], memoryTimesSec: [], memoryBytes: [] };
    all.set(k, s);
  }
  return s;
}

/** Adds one file's series to `all`. */
export function readUsageExport(text: string, file: string, all: UsageSeries): void {
  if (text.trimStart().startsWith('{')) readPrometheus(text, file, all);
  else readCsv(text, file, all);
}

function describeLabels(m: Record<string, string>): string {
  return `{${Object.entries(m).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

function readPrometheus(text: string, file: string, all: UsageSeries): void {
  const fail = (message: string, path?: string) => new HeadroomError('input', message, { file, path });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw fail(`not valid JSON (${(e as Error).message.replace(/, .*is not valid JSON$/s, '')})`);
  }
  const root = doc as { status?: unknown; data?: { resultType?: unknown; result?: unknown } };
  if (root.status !== 'success') throw fail(`the query did not succeed (status ${JSON.stringify(root.status)})`, 'status');
  if (root.data?.resultType !== 'matrix') throw fail(`a range query answer (resultType "matrix") is needed, got ${JSON.stringify(root.data?.resultType)}`, 'data.resultType');
  const result = root.data.result;
  if (!Array.isArray(result) || result.length === 0) throw fail('the answer has no series', 'data.result');
  result.forEach((raw, i) => {
    const path = `data.result.${i}`;
    const metric = ((raw as { metric?: unknown })?.metric ?? {}) as Record<string, string>;
    const name = metric.__name__;
    const series = describeLabels(metric);
    if (name === CPU_METRIC) throw fail(`series ${series} is the raw cpu counter: export rate(${CPU_METRIC}[5m]) instead`, `${path}.metric`);
    if (name !== undefined && name !== MEMORY_METRIC) throw fail(`series ${series}: metric ${name} is neither rate(${CPU_METRIC}) nor ${MEMORY_METRIC}`, `${path}.metric.__name__`);
    const pod = metric.pod ?? metric.pod_name;
    const container = metric.container ?? metric.container_name;
    if (!pod) throw fail(`series ${series} has no pod label`, `${path}.metric`);
    if (!container) throw fail(`series ${series} has no container label`, `${path}.metric`);
    const s = entry(all, pod, container, metric);
    const times = name === undefined ? s.cpuTimesSec : s.memoryTimesSec;
    const values = name === undefined ? s.cpuCores : s.memoryBytes;
    const samples = (raw as { values?: unknown }).values;
    if (!Array.isArray(samples) || samples.length === 0) throw fail(`series ${series} has no samples`, `${path}.values`);
    samples.forEach((v, j) => {
      const at = `${path}.values.${j}`;
      if (!Array.isArray(v) || v.length !== 2) throw fail(`series ${series}: a sample must be [timestamp, "value"]`, at);
      const t = Number(v[0]);
      const x = typeof v[1] === 'string' && v[1] !== '' ? Number(v[1]) : NaN;
      pushSample(times, values, t, x, (m) => fail(`series ${series}: ${m}`, at));
    });
  });
}

function pushSample(times: number[], values: number[], t: number, x: number, fail: (m: string) => HeadroomError): void {
  if (!Number.isFinite(t)) throw fail('the timestamp is not a number');
  if (!Number.isFinite(x)) throw fail('the value is not a finite number (NaN or missing)');
  if (x < 0) throw fail(`the value ${x} is negative`);
  if (times.length && !(t > times[times.length - 1])) throw fail(`time does not increase: ${t} comes after ${times[times.length - 1]}`);
  times.push(t);
  values.push(x);
}

const CSV_COLUMNS = ['timestamp', 'pod', 'container', 'metric', 'value'];

function readCsv(text: string, file: string, all: UsageSeries): void {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  const col = Object.fromEntries(CSV_COLUMNS.map((c) => [c, header.indexOf(c)]));
  for (const c of CSV_COLUMNS) {
    if (col[c] < 0) throw new HeadroomError('input', `the header has no "${c}" column (needs ${CSV_COLUMNS.join(',')})`, { file, line: 1 });
  }
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',').map((c) => c.trim());
    const fail = (m: string, key: string) => new HeadroomError('input', m, { file, line: i + 1, path: key });
    const metric = cells[col.metric];
    const isCpu = metric === 'cpu' || metric === `rate(${CPU_METRIC})`;
    const isMemory = metric === 'memory' || metric === MEMORY_METRIC;
    if (metric === CPU_METRIC) throw fail(`metric ${CPU_METRIC} is the raw counter: export its rate`, 'metric');
    if (!isCpu && !isMemory) throw fail(`metric "${metric}" is neither cpu nor memory`, 'metric');
    const pod = cells[col.pod];
    const container = cells[col.container];
    if (!pod) throw fail('no pod', 'pod');
    if (!container) throw fail('no container', 'container');
    const s = entry(all, pod, container, { pod, container });
    const raw = cells[col.timestamp];
    const t = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Date.parse(raw) / 1000;
    pushSample(isCpu ? s.cpuTimesSec : s.memoryTimesSec, isCpu ? s.cpuCores : s.memoryBytes, t, cells[col.value] === '' ? NaN : Number(cells[col.value]), (m) =>
      fail(`${pod}/${container} ${isCpu ? 'cpu' : 'memory'}: ${m}`, /timestamp|time/.test(m) ? 'timestamp' : 'value'),
    );
  }
}
