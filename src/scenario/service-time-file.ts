/**
 * A measured service-time distribution, as planners have it: a Prometheus histogram
 * (`*_duration_seconds_bucket`, cumulative counts by `le`, in the text exposition format that
 * /metrics serves or the JSON that /api/v1/query returns; series of the same metric are summed by
 * `le`, as `sum by (le)` would), or a CSV of quantiles (columns `quantile` and `seconds`). Either
 * becomes CDF points (seconds, cumulative share), the requests spread evenly within each bucket.
 *
 * Above the last finite bucket (or the highest quantile) some share may remain: it is spread
 * evenly up to the point that makes the mean the export's `_sum / _count`, when the export has
 * them, or else up to as far past the last bound again as the last two bounds are apart in ratio.
 */
import { piecewiseMoment } from '../serving/service-time.ts';

type Points = [number, number][];

/** The CDF points of the file's text, or a message saying what is wrong with it. */
export function parseServiceTimeText(text: string, kind: 'histogram' | 'quantiles', metric?: string): Points | string {
  return kind === 'quantiles' ? parseQuantilesCsv(text) : parseHistogram(text, metric);
}

interface Buckets {
  /** le -> cumulative count, summed over series */
  counts: Map<number, number>;
  sum: number;
  count: number;
}

export function parseHistogram(text: string, metric?: string): Points | string {
  const byMetric = text.trimStart().startsWith('{') ? fromQueryJson(text) : fromExposition(text);
  if (typeof byMetric === 'string') return byMetric;
  const names = [...byMetric.keys()];
  if (names.length === 0) return 'no *_bucket series with an le label';
  const name = metric ?? (names.length === 1 ? names[0] : undefined);
  if (name === undefined) return `several histograms (${names.join(', ')}): say which with metric`;
  const b = byMetric.get(name);
  if (!b) return `no histogram ${name} (it has ${names.join(', ')})`;
  return toPoints(b);
}

function emptyBuckets(): Buckets {
  return { counts: new Map(), sum: NaN, count: NaN };
}

/** `name_bucket{...,le="0.05"} 24054 [timestamp]` lines; `name_sum` and `name_count` too. */
function fromExposition(text: string): Map<string, Buckets> | string {
  const out = new Map<string, Buckets>();
  const line = /^([A-Za-z_:][A-Za-z0-9_:]*?)(_bucket|_sum|_count)(\{[^}]*\})?\s+(\S+)/;
  for (const raw of text.split('\n')) {
    const m = line.exec(raw.trim());
    if (!m) continue;
    const [, base, part, labels, valueText] = m;
    const value = Number(valueText);
    if (!Number.isFinite(value)) continue;
    const b = out.get(base) ?? emptyBuckets();
    if (part === '_bucket') {
      const le = /(?:^|[{,])\s*le="([^"]*)"/.exec(labels ?? '');
      if (!le) continue;
      addBucket(b, le[1], value);
    } else if (part === '_sum') {
      b.sum = (Number.isNaN(b.sum) ? 0 : b.sum) + value;
    } else {
      b.count = (Number.isNaN(b.count) ? 0 : b.count) + value;
    }
    out.set(base, b);
  }
  for (const [k, b] of out) if (b.counts.size === 0) out.delete(k);
  return out;
}

/** `{"data": {"result": [{"metric": {"__name__": ..., "le": ...}, "value": [t, "n"]}]}}` */
function fromQueryJson(text: string): Map<string, Buckets> | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
  const result = (json as { data?: { result?: unknown } })?.data?.result;
  if (!Array.isArray(result)) return 'expected the JSON of a Prometheus query (data.result)';
  const out = new Map<string, Buckets>();
  for (const r of result as { metric?: Record<string, string>; value?: [number, string] }[]) {
    const labels = r.metric ?? {};
    const value = Number(r.value?.[1]);
    if (labels.le === undefined || !Number.isFinite(value)) continue;
    const name = (labels.__name__ ?? 'histogram').replace(/_bucket$/, '');
    const b = out.get(name) ?? emptyBuckets();
    addBucket(b, labels.le, value);
    out.set(name, b);
  }
  return out;
}

function addBucket(b: Buckets, le: string, count: number): void {
  const bound = le === '+Inf' || le === 'Inf' ? Infinity : Number(le);
  if (Number.isNaN(bound)) return;
  b.counts.set(bound, (b.counts.get(bound) ?? 0) + count);
}

function toPoints(b: Buckets): Points | string {
  const bounds = [...b.counts.keys()].filter(Number.isFinite).sort((x, y) => x - y);
  // every request is in the +Inf bucket; without one, _count, or else the last bucket
  const last = bounds.length > 0 ? (b.counts.get(bounds[bounds.length - 1]) as number) : 0;
  const total = b.counts.get(Infinity) ?? (b.count > 0 ? b.count : last);
  if (!(total > 0)) return 'the histogram counts no requests';
  const points: Points = [[0, 0]];
  let below = 0;
  for (const le of bounds) {
    if (!(le > 0)) continue;
    const c = b.counts.get(le) as number;
    if (c < below) return `bucket le="${le}" counts fewer requests than the one below it (buckets are cumulative)`;
    below = c;
    points.push([le, Math.min(1, c / total)]);
  }
  if (points.length < 2) return 'no bucket with a bound above 0';
  const mean = b.count > 0 && b.sum >= 0 ? b.sum / b.count : NaN;
  return withTail(points, mean);
}

/** Spreads what lies above the last point (see the file's comment) and ends the CDF at 1. */
function withTail(points: Points, mean: number): Points {
  const [top, reached] = points[points.length - 1];
  const rest = 1 - reached;
  if (!(rest > 1e-12)) {
    points[points.length - 1] = [top, 1];
    return points;
  }
  const prev = points.length > 2 ? points[points.length - 2][0] : top / 2;
  let end = (top * top) / prev;
  if (mean > 0) {
    // mean = body + rest·(top + end)/2, the body being the mean of the points so far
    const fromMean = (2 * (mean - piecewiseMoment(points, 1))) / rest - top;
    if (fromMean > top) end = fromMean;
  }
  points.push([end, 1]);
  return points;
}

/** `quantile,seconds` rows (quantiles in (0, 1], or a `percentile` column in (0, 100]). */
export function parseQuantilesCsv(text: string): Points | string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0 && !l.startsWith('#'));
  if (lines.length < 2) return 'expected a header (quantile,seconds) and at least one row';
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const qCol = header.findIndex((h) => h === 'quantile' || h === 'q' || h === 'percentile');
  const vCol = header.findIndex((h) => h === 'seconds' || h === 'value_s' || h === 'latency_s');
  if (qCol < 0 || vCol < 0) return `expected columns quantile (or percentile) and seconds; ${describeHeader(header)}`;
  const perCent = header[qCol] === 'percentile';
  const rows: Points = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',');
    const q = Number(cells[qCol]) / (perCent ? 100 : 1);
    const v = Number(cells[vCol]);
    if (!(q > 0 && q <= 1) || !(v > 0)) return `line ${i + 1}: need a quantile in (0, 1] and seconds > 0, got ${shown(cells[qCol])} and ${shown(cells[vCol])}`;
    rows.push([v, q]);
  }
  rows.sort((a, b) => a[1] - b[1]);
  const points: Points = [[0, 0]];
  for (const [v, q] of rows) {
    const [pv, pq] = points[points.length - 1];
    if (q === pq) continue;
    if (v <= pv) return `the ${q} quantile (${v}s) is not above the ${pq} quantile (${pv}s)`;
    points.push([v, q]);
  }
  return withTail(points, NaN);
}

/**
 * The first line's fields only when it looks like a CSV header: a file that is not one (a `.env`,
 * a key) must not have its first line printed in a message.
 */
function describeHeader(header: string[]): string {
  const nameLike = header.length >= 2 && header.every((h) => /^[A-Za-z_][\w .:/()%[\]-]{0,63}$/.test(h));
  return nameLike ? `the file has columns ${header.join(', ')}` : 'the first line is not a CSV header';
}

/** A cell in a message: the offending token only, quoted and cut short. */
function shown(text: string | undefined): string {
  const t = (text ?? '').trim();
  return JSON.stringify(t.length > 40 ? `${t.slice(0, 40)}…` : t);
}
