/** Rows for the charts' inline data, down-sampled per series (see downsample.ts). */
import { minMaxIndices } from '../downsample.ts';

export interface Series {
  key: string;
  values: ArrayLike<number>;
  /** multiplies every value (e.g. 100 for a share drawn as a percentage) */
  scale?: number;
}

export interface LongRow {
  t: number;
  s: string;
  v: number;
  [extra: string]: number | string;
}

/** Short numbers make small pages: times to the millisecond, values to 4 significant digits. */
export function compact(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  return Number(v.toPrecision(4));
}

/** Long rows {t, s, v}: each series down-sampled on its own, NaN samples dropped. */
export function longRows(timeSec: ArrayLike<number>, series: Series[], maxPoints: number): LongRow[] {
  const rows: LongRow[] = [];
  for (const s of series) {
    for (const i of minMaxIndices(timeSec, [s.values], maxPoints)) {
      const v = s.values[i];
      if (Number.isFinite(v)) rows.push({ t: Math.round(timeSec[i] * 1000) / 1000, s: s.key, v: compact(v * (s.scale ?? 1)) });
    }
  }
  return rows;
}

/**
 * Wide rows {t, a, b, ...} at indices shared by every series: for marks that need the series
 * aligned in time (a band between two lines, a stack). NaN becomes 0.
 */
export function wideRows(timeSec: ArrayLike<number>, series: Series[], maxPoints: number): Record<string, number>[] {
  return minMaxIndices(
    timeSec,
    series.map((s) => s.values),
    maxPoints,
  ).map((i) => {
    const row: Record<string, number> = { t: Math.round(timeSec[i] * 1000) / 1000 };
    for (const s of series) {
      const v = s.values[i];
      row[s.key] = Number.isFinite(v) ? compact(v * (s.scale ?? 1)) : 0;
    }
    return row;
  });
}

/** The largest finite value of several series, 0 if none. */
export function maxOf(...series: (ArrayLike<number> | undefined)[]): number {
  let m = 0;
  for (const s of series) {
    if (!s) continue;
    for (let i = 0; i < s.length; i++) if (s[i] > m) m = s[i];
  }
  return m;
}

/** A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `value`. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(value));
  for (const f of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (f * p >= value) return f * p;
  return 10 * p;
}
