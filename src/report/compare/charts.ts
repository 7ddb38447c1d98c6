/** Overlaid time charts of runs: per cluster p99 and nodes Ready; fleet nodes and cost. */
import { linesLayer, panel, thresholdLayers } from '../charts/layers.ts';
import type { Frame, LineStyle, PanelSpec } from '../charts/layers.ts';
import { longRows, maxOf, niceMax } from '../charts/points.ts';
import { PANEL_SIZE, WIDE_SIZE, latencyRange } from '../charts/run-charts.ts';
import { COLORS, RUN_COLORS } from '../charts/theme.ts';
import type { ClusterSeries, SeriesColumn } from '../types.ts';

export interface OverlayContext {
  endSec: number;
  maxPoints: number;
  /** labels the cost axis */
  currency?: string;
}

type Points = { t: ArrayLike<number>; v: ArrayLike<number> };

/** Later runs dashed over a wider first run: where the runs agree, all stay visible. */
export function runStyle(i: number): LineStyle {
  const key = runKey(i);
  if (i === 0) return { key, color: COLORS.runA, width: 2 };
  return { key, color: RUN_COLORS[(i - 1) % RUN_COLORS.length], width: 1.4, dash: [4, 3] };
}

/** A, B, ..., Z, AA, AB, ...: a run's key on the page. */
export function runKey(i: number): string {
  let key = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) key = String.fromCharCode(65 + ((n - 1) % 26)) + key;
  return key;
}

function overlay(
  ctx: OverlayContext,
  size: { width: number; height: number },
  yTitle: string,
  yMax: number,
  runs: (Points | undefined)[],
  yLog?: { yMin: number },
  yFormat?: string,
  threshold?: number,
): PanelSpec {
  const f: Frame = { startSec: 0, endSec: ctx.endSec, ...size, yTitle, yMax, yLog, yFormat, layers: [] };
  const keep = yLog ? (v: number) => v > 0 : () => true;
  const rows = runs.flatMap((p, i) => (p ? longRows(p.t, [{ key: runKey(i), values: p.v }], ctx.maxPoints) : [])).filter((r) => keep(r.v));
  const styles = runs.map((_, i) => runStyle(i));
  const drawn = runs.flatMap((p) => (p ? [p] : []));
  f.layers = [...(threshold ? thresholdLayers(f, threshold, `SLO p99 ${threshold} ms`, COLORS.slo, drawn) : []), linesLayer(rows, styles)];
  return panel(f);
}

function pick(cs: ClusterSeries | undefined, column: SeriesColumn): { t: Float64Array; v: Float64Array } | undefined {
  const v = cs?.columns[column];
  return cs && v ? { t: cs.timeSec, v } : undefined;
}

export function p99Overlay(ctx: OverlayContext, runs: (ClusterSeries | undefined)[], range: { yMin: number; yMax: number }, sloP99Ms?: number): PanelSpec {
  return overlay(ctx, PANEL_SIZE, 'p99 latency (ms, log)', range.yMax, runs.map((cs) => pick(cs, 'p99_ms')), { yMin: range.yMin }, ',~r', sloP99Ms);
}

export function p99Range(all: ClusterSeries[], sloP99Ms?: number): { yMin: number; yMax: number } {
  const onlyP99 = all.map((cs) => ({ ...cs, columns: { p99_ms: cs.columns.p99_ms } }));
  return latencyRange(onlyP99, sloP99Ms);
}

export function nodesOverlay(ctx: OverlayContext, runs: (ClusterSeries | undefined)[], yMax: number): PanelSpec {
  return overlay(ctx, PANEL_SIZE, 'nodes Ready', yMax, runs.map((cs) => pick(cs, 'nodes_ready')), undefined, ',d');
}

export function nodesMax(all: ClusterSeries[]): number {
  return niceMax(Math.max(1, ...all.map((cs) => maxOf(cs.columns.nodes_ready))) * 1.15);
}

/** A column summed over clusters, step by step (clusters share the sampling clock). */
export function fleetSum(all: ClusterSeries[], column: SeriesColumn): { t: Float64Array; v: Float64Array } | undefined {
  const withCol = all.filter((cs) => cs.columns[column]);
  if (withCol.length === 0) return undefined;
  const n = Math.min(...withCol.map((cs) => cs.timeSec.length));
  const v = new Float64Array(n);
  for (const cs of withCol) {
    const c = cs.columns[column]!;
    for (let i = 0; i < n; i++) v[i] += c[i] || 0;
  }
  return { t: withCol[0].timeSec.subarray(0, n), v };
}

export function fleetOverlay(ctx: OverlayContext, runs: ClusterSeries[][], column: SeriesColumn, yTitle: string, yFormat: string): PanelSpec | undefined {
  const sums = runs.map((series) => fleetSum(series, column));
  if (sums.every((s) => !s)) return undefined;
  const yMax = niceMax(Math.max(1, maxOf(...sums.map((s) => s?.v))) * 1.15);
  return overlay(ctx, WIDE_SIZE, yTitle, yMax, sums, undefined, yFormat);
}
