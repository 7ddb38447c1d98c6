import { readFile } from 'node:fs/promises';
import { HeadroomError } from '../../errors.ts';
import { LIMITS } from '../../limits.ts';
import { ioError, sniffTextFile } from './sniff.ts';
import type { RowHandler, RowSource } from './source.ts';

/**
 * A Prometheus `/api/v1/query_range` answer is at most a few series of at most 11,000 points
 * (the server's own limit), so it is read whole; anything far larger is not such an answer.
 */
export const MAX_PROMETHEUS_BYTES = 256 * 1024 * 1024;

/**
 * The series of a Prometheus range query as one trace of per-second rates: its only series, or,
 * with `aggregate: 'sum'`, the sum of all of them. A range query evaluates every series on the
 * same grid, so a series missing at a grid time has no value there and adds nothing to the sum.
 */
export async function prometheusSource(path: string, displayPath: string, aggregate?: 'sum'): Promise<RowSource> {
  const { sizeBytes } = await sniffTextFile(path, displayPath);
  if (sizeBytes > MAX_PROMETHEUS_BYTES) {
    throw new HeadroomError(
      'trace',
      `${(sizeBytes / 2 ** 20).toFixed(0)} MiB is too large for a Prometheus query_range answer (at most ${MAX_PROMETHEUS_BYTES / 2 ** 20} MiB); export it as CSV`,
      { file: displayPath },
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw ioError(e, displayPath);
  }
  const { times, rates, summed } = seriesOf(text, displayPath, aggregate);
  return {
    where: (i: number) => ({ file: displayPath, path: summed ? 'data.result' : `data.result.0.values.${i}` }),
    async read(onRow: RowHandler): Promise<void> {
      for (let i = 0; i < times.length; i++) if (!onRow(times[i], rates[i], i)) return;
    },
  };
}

interface Series {
  times: Float64Array;
  rates: Float64Array;
}

export interface PrometheusSeries extends Series {
  /** several series were added together */
  summed: boolean;
}

/** Parses and checks a query_range answer; exported for tests. */
export function seriesOf(text: string, displayPath: string, aggregate?: 'sum'): PrometheusSeries {
  const fail = (message: string, path?: string, line?: number) => new HeadroomError('trace', message, { file: displayPath, path, line });
  if (!text.trimStart().startsWith('{')) throw fail('not a Prometheus query_range answer: it does not start with "{"', undefined, 1);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? lineOfOffset(text, Number(pos[1])) : undefined;
    // V8 quotes the text around the error ("Unexpected token 'x', "{x: secret…" is not valid
    // JSON"): only the reason is kept, never the file's contents.
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/, .*is not valid JSON$/s, '').replace(/^(Unexpected token) '.*?'/s, '$1');
    throw fail(`not valid JSON: ${reason}`, undefined, line);
  }
  const root = doc as { status?: unknown; error?: unknown; data?: { resultType?: unknown; result?: unknown } };
  if (root.status !== 'success') {
    const why = typeof root.error === 'string' ? `: ${root.error}` : '';
    throw fail(`the query did not succeed (status ${JSON.stringify(root.status)})${why}`, 'status');
  }
  if (root.data?.resultType !== 'matrix') {
    throw fail(`a range query answer (resultType "matrix") is needed, got ${JSON.stringify(root.data?.resultType)}`, 'data.resultType');
  }
  const result = root.data.result;
  if (!Array.isArray(result) || result.length === 0) throw fail('the answer has no series', 'data.result');
  if (result.length > 1 && aggregate !== 'sum') {
    const labels = result.slice(0, 3).map((s) => labelsOf((s as { metric?: unknown }).metric));
    throw fail(
      `the answer has ${result.length} series (${labels.join(', ')}${result.length > 3 ? ', ...' : ''}); set aggregate: sum to add them, or narrow the query`,
      'data.result',
    );
  }
  const series = result.map((s, i) => readSeries(s, `data.result.${i}`, fail));
  const merged = series.length === 1 ? series[0] : sumOnUnion(series);
  if (merged.times.length === 0) throw fail('the series has no samples', 'data.result');
  return { ...merged, summed: series.length > 1 };
}

function readSeries(s: unknown, path: string, fail: (m: string, p?: string) => HeadroomError): Series {
  const values = (s as { values?: unknown })?.values;
  if (!Array.isArray(values)) throw fail('a series without "values"', `${path}.values`);
  const times = new Float64Array(values.length);
  const rates = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const at = `${path}.values.${i}`;
    if (!Array.isArray(v) || v.length !== 2) throw fail('a sample must be [timestamp, "value"]', at);
    const t = typeof v[0] === 'number' ? v[0] : Number(v[0]);
    if (!Number.isFinite(t)) throw fail(`timestamp ${JSON.stringify(v[0])} is not a number`, at);
    const r = typeof v[1] === 'string' && v[1] !== '' ? Number(v[1]) : typeof v[1] === 'number' ? v[1] : NaN;
    if (!Number.isFinite(r)) throw fail(`value ${JSON.stringify(v[1])} is not a finite number`, at);
    if (r < 0) throw fail(`value ${v[1]} is negative`, at);
    if (r > LIMITS.rateRps) throw fail(`value ${v[1]} is more than ${LIMITS.rateRps.toLocaleString('en-US')} requests per second`, at);
    if (i > 0 && !(t > times[i - 1])) throw fail(`time does not increase: ${t} comes after ${times[i - 1]}`, at);
    times[i] = t;
    rates[i] = r;
  }
  return { times, rates };
}

/** Adds series on the union of their timestamps (each series sorted, so a k-way merge). */
function sumOnUnion(series: Series[]): Series {
  const all = new Set<number>();
  for (const s of series) for (const t of s.times) all.add(t);
  const times = Float64Array.from(all).sort();
  const rates = new Float64Array(times.length);
  for (const s of series) {
    let j = 0;
    for (let i = 0; i < s.times.length; i++) {
      while (times[j] < s.times[i]) j++;
      rates[j] += s.rates[i];
    }
  }
  return { times, rates };
}

function labelsOf(metric: unknown): string {
  if (!metric || typeof metric !== 'object') return '{}';
  const entries = Object.entries(metric as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${k}="${String(v)}"`).join(',')}}`;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
