/**
 * The vega-lite specs of one run's page: per cluster, traffic against capacity, latency
 * percentiles against the SLO, nodes requested against Ready, pending and placeholder pods; for
 * the fleet, cost per hour stacked by cluster and each cluster's traffic share. Clusters'
 * panels of one kind share their y axis so they compare at a glance.
 */
import type { Annotations } from '../annotations.ts';
import type { ClusterSeries, SeriesColumn } from '../types.ts';
import { areaLayer, bandLayer, linesLayer, markerLayer, outageLayer, panel, ruleLayer, stackLayer, thresholdLayers } from './layers.ts';
import type { DrawnSeries, Frame, Layer, LineStyle, PanelSpec } from './layers.ts';
import { longRows, maxOf, niceMax, wideRows } from './points.ts';
import { COLORS, clusterColor } from './theme.ts';

export interface ChartContext {
  /** the window drawn, seconds since the start of the run */
  startSec: number;
  endSec: number;
  maxPoints: number;
  annotations: Annotations;
  /** the SLO's p99 bound, if the run has one */
  sloP99Ms?: number;
  /** labels the cost axis */
  currency?: string;
}

export const PANEL_SIZE = { width: 320, height: 190 };
export const WIDE_SIZE = { width: 620, height: 220 };

function col(cs: ClusterSeries, name: SeriesColumn): Float64Array | undefined {
  return cs.columns[name];
}

/** The columns of a cluster a panel draws, for placing a label clear of them. */
export function drawnColumns(cs: ClusterSeries, names: readonly SeriesColumn[]): DrawnSeries[] {
  return names.flatMap((n) => {
    const v = col(cs, n);
    return v ? [{ t: cs.timeSec, v }] : [];
  });
}

/** Annotations every panel of a cluster carries: its outages and the fleet's traffic shifts. */
function clusterMarks(ctx: ChartContext, cluster: string): Layer[] {
  const a = ctx.annotations;
  return [...outageLayer(a.outages.filter((w) => w.cluster === cluster)), ...ruleLayer(a.shifts, COLORS.shift)];
}

function frame(ctx: ChartContext, yTitle: string, yMax: number, yFormat?: string): Frame {
  return { startSec: ctx.startSec, endSec: ctx.endSec, ...PANEL_SIZE, yTitle, yMax, yFormat, layers: [] };
}

interface Line extends LineStyle {
  column: SeriesColumn;
}

/** Long rows of the columns the cluster has, with the styles of those it has. */
function lines(f: Frame, ctx: ChartContext, cs: ClusterSeries, wanted: Line[], keep: (v: number) => boolean = () => true): Layer[] {
  const have = wanted.filter((l) => col(cs, l.column));
  if (have.length === 0) return [];
  const rows = longRows(cs.timeSec, have.map((l) => ({ key: l.key, values: col(cs, l.column)! })), ctx.maxPoints).filter((r) => keep(r.v));
  return [linesLayer(rows, have)];
}

export function trafficYMax(all: ClusterSeries[]): number {
  return niceMax(Math.max(...all.map((cs) => maxOf(col(cs, 'arrival_rps'), col(cs, 'capacity_rps'))), 1) * 1.05);
}

/** Arrival against serving capacity; failed requests as a red area under them. */
export function trafficPanel(ctx: ChartContext, cs: ClusterSeries, yMax: number): PanelSpec {
  const f = frame(ctx, 'requests/s', yMax);
  const failed = col(cs, 'failed_rps');
  f.layers = [
    ...clusterMarks(ctx, cs.cluster),
    ...(failed ? [areaLayer(longRows(cs.timeSec, [{ key: 'failed', values: failed }], ctx.maxPoints), COLORS.failed, 0.55)] : []),
    ...lines(f, ctx, cs, [
      { key: 'capacity', column: 'capacity_rps', color: COLORS.capacity, width: 1.6 },
      { key: 'arrival', column: 'arrival_rps', color: COLORS.arrival },
    ]),
  ];
  return panel(f);
}

/** Bounds of the latency chart's log axis: a decade-rounded floor under the p50s, a round top. */
export function latencyRange(all: ClusterSeries[], sloP99Ms?: number): { yMin: number; yMax: number } {
  let lo = Infinity;
  for (const cs of all) {
    const p50 = col(cs, 'p50_ms') ?? col(cs, 'p95_ms') ?? col(cs, 'p99_ms');
    if (!p50) continue;
    for (let i = 0; i < p50.length; i++) if (p50[i] > 0 && p50[i] < lo) lo = p50[i];
  }
  const top = Math.max(...all.map((cs) => maxOf(col(cs, 'p99_ms'), col(cs, 'p95_ms'), col(cs, 'p50_ms'))), 1);
  const yMax = niceMax(Math.max(top * 1.15, (sloP99Ms ?? 0) * 1.5));
  const yMin = Number.isFinite(lo) ? 10 ** Math.floor(Math.log10(lo)) : yMax / 1000;
  return { yMin: Math.min(yMin, yMax / 10), yMax };
}

export function latencyPanel(ctx: ChartContext, cs: ClusterSeries, range: { yMin: number; yMax: number }): PanelSpec {
  const f = frame(ctx, 'latency (ms, log)', range.yMax, ',~r');
  f.yLog = { yMin: range.yMin };
  const slo = ctx.sloP99Ms;
  f.layers = [
    ...clusterMarks(ctx, cs.cluster),
    ...(slo !== undefined && slo > 0 ? thresholdLayers(f, slo, `SLO p99 ${slo} ms`, COLORS.slo, drawnColumns(cs, ['p50_ms', 'p95_ms', 'p99_ms'])) : []),
    ...lines(
      f,
      ctx,
      cs,
      [
        { key: 'p50', column: 'p50_ms', color: COLORS.p50 },
        { key: 'p95', column: 'p95_ms', color: COLORS.p95 },
        { key: 'p99', column: 'p99_ms', color: COLORS.p99, width: 1.6 },
      ],
      (v) => v > 0,
    ),
  ];
  return panel(f);
}

export function nodesYMax(all: ClusterSeries[]): number {
  return niceMax(Math.max(...all.map((cs) => maxOf(col(cs, 'nodes_ready'), col(cs, 'nodes_requested'))), 1) * 1.15);
}

/** Nodes requested against nodes Ready: the band between them is the provisioning gap. */
export function nodesPanel(ctx: ChartContext, cs: ClusterSeries, yMax: number): PanelSpec {
  const f = frame(ctx, 'nodes', yMax, ',d');
  const ready = col(cs, 'nodes_ready');
  const requested = col(cs, 'nodes_requested');
  const provisioning = col(cs, 'nodes_provisioning');
  const layers: Layer[] = [...clusterMarks(ctx, cs.cluster)];
  if (ready && (provisioning || requested)) {
    // the gap is the nodes still being provisioned; older runs without that column use requested
    // (which also counts a down zone's NotReady nodes and nodes draining)
    const top = provisioning ? ready.map((r, i) => r + provisioning[i]) : requested!;
    const rows = wideRows(cs.timeSec, [{ key: 'ready', values: ready }, { key: 'provisioned', values: top }], ctx.maxPoints);
    layers.push(bandLayer(rows, 'ready', 'provisioned', COLORS.gap));
  }
  layers.push(
    ...lines(f, ctx, cs, [
      { key: 'requested', column: 'nodes_requested', color: COLORS.requested, dash: [4, 2] },
      { key: 'ready', column: 'nodes_ready', color: COLORS.ready, width: 1.6 },
    ]),
  );
  const a = ctx.annotations;
  layers.push(
    ...markerLayer(a.scaleUps.filter((m) => m.cluster === cs.cluster), 'triangle-up', COLORS.scaleUp, 4),
    ...markerLayer(a.scaleDowns.filter((m) => m.cluster === cs.cluster), 'triangle-down', COLORS.scaleDown, 12),
  );
  f.layers = layers;
  return panel(f);
}

export function podsYMax(all: ClusterSeries[]): number {
  return niceMax(Math.max(...all.map((cs) => maxOf(col(cs, 'pending_pods'), col(cs, 'placeholder_pods'), col(cs, 'placeholder_pending'))), 1) * 1.15);
}

export function podsPanel(ctx: ChartContext, cs: ClusterSeries, yMax: number): PanelSpec {
  const f = frame(ctx, 'pods', yMax, ',d');
  f.layers = [
    ...clusterMarks(ctx, cs.cluster),
    ...lines(f, ctx, cs, [
      { key: 'placeholders', column: 'placeholder_pods', color: COLORS.placeholders },
      { key: 'placeholdersPending', column: 'placeholder_pending', color: COLORS.placeholders, dash: [4, 2] },
      { key: 'pending', column: 'pending_pods', color: COLORS.pending, width: 1.6 },
    ]),
    ...markerLayer(ctx.annotations.preemptions.filter((m) => m.cluster === cs.cluster), 'diamond', COLORS.preemption, 4),
  ];
  return panel(f);
}

/**
 * Fleet charts draw clusters aligned in time; they use the first cluster's clock and take each
 * other cluster's sample at the same index (every cluster is sampled at every step).
 */
function alignedLength(all: ClusterSeries[]): number {
  return Math.min(...all.map((cs) => cs.timeSec.length));
}

function fleetFrame(ctx: ChartContext, yTitle: string, yMax: number, yFormat?: string): Frame {
  return { startSec: ctx.startSec, endSec: ctx.endSec, ...WIDE_SIZE, yTitle, yMax, yFormat, layers: [] };
}

function fleetMarks(ctx: ChartContext): Layer[] {
  return [...outageLayer(ctx.annotations.outages), ...ruleLayer(ctx.annotations.shifts, COLORS.shift)];
}

/** Cost per hour of each cluster, stacked: the top edge is the fleet's burn rate. */
export function costChart(ctx: ChartContext, all: ClusterSeries[]): PanelSpec | undefined {
  const withCost = all.filter((cs) => col(cs, 'cost_per_hour'));
  if (withCost.length === 0) return undefined;
  const n = alignedLength(withCost);
  const keys = withCost.map((cs) => `c${all.indexOf(cs)}`);
  const series = withCost.map((cs, i) => ({ key: keys[i], values: col(cs, 'cost_per_hour')!.subarray(0, n) }));
  const total = new Float64Array(n);
  for (const s of series) for (let i = 0; i < n; i++) total[i] += s.values[i] || 0;
  const f = fleetFrame(ctx, `cost per hour (${ctx.currency ?? 'USD'})`, niceMax(maxOf(total) * 1.1), ',~r');
  const rows = wideRows(withCost[0].timeSec.subarray(0, n), series, ctx.maxPoints);
  const colors = withCost.map((cs) => clusterColor(all.indexOf(cs)));
  f.layers = [...fleetMarks(ctx), stackLayer(rows, keys, colors)];
  return panel(f);
}

/** Each cluster's share of the traffic, in percent, stacked to 100: a drained zone's band thins to nothing. */
export function shareChart(ctx: ChartContext, all: ClusterSeries[]): PanelSpec | undefined {
  const withShare = all.filter((cs) => col(cs, 'traffic_share'));
  if (withShare.length === 0) return undefined;
  const n = alignedLength(withShare);
  const keys = withShare.map((cs) => `c${all.indexOf(cs)}`);
  const series = withShare.map((cs, i) => ({ key: keys[i], values: col(cs, 'traffic_share')!.subarray(0, n), scale: 100 }));
  const f = fleetFrame(ctx, 'traffic share (%)', 100, ',~r');
  const rows = wideRows(withShare[0].timeSec.subarray(0, n), series, ctx.maxPoints);
  f.layers = [stackLayer(rows, keys, withShare.map((cs) => clusterColor(all.indexOf(cs)))), ...fleetMarks(ctx)];
  return panel(f);
}

/** True when some cluster's share moved by more than a percentage point during the run. */
export function shareMoved(all: ClusterSeries[]): boolean {
  for (const cs of all) {
    const s = col(cs, 'traffic_share');
    if (!s) continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < s.length; i++) {
      if (s[i] < lo) lo = s[i];
      if (s[i] > hi) hi = s[i];
    }
    if (hi - lo > 0.01) return true;
  }
  return false;
}

/** The samples of a cluster inside [startSec, endSec]. */
export function sliceSeries(cs: ClusterSeries, startSec: number, endSec: number): ClusterSeries {
  let i = 0;
  while (i < cs.timeSec.length && cs.timeSec[i] < startSec) i++;
  let j = i;
  while (j < cs.timeSec.length && cs.timeSec[j] <= endSec) j++;
  const columns: ClusterSeries['columns'] = {};
  for (const [k, v] of Object.entries(cs.columns) as [SeriesColumn, Float64Array][]) columns[k] = v.subarray(i, j);
  return { cluster: cs.cluster, timeSec: cs.timeSec.subarray(i, j), columns };
}

export type CloseUpReason = 'errors' | 'latency' | 'nodes' | 'pods';

/**
 * The window worth a close look: around the step where users were hurt most (the most requests
 * failing, else p99 furthest above the SLO), else where the fleet waited on the most nodes
 * (requested, not yet Ready), else where the most pods were pending; undefined if none of that
 * ever happened or the run is short enough to see whole. 25 minutes: 5 before, 20 after.
 */
export function closeUpWindow(
  all: ClusterSeries[],
  durationSec: number,
  sloP99Ms?: number,
): { startSec: number; endSec: number; peakSec: number; reason: CloseUpReason } | undefined {
  const n = alignedLength(all);
  if (!(n > 0) || durationSec <= 3600) return undefined;
  const peak = (value: (cs: ClusterSeries, i: number) => number): number => {
    let best = 0;
    let at = -1;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (const cs of all) v += value(cs, i) || 0;
      if (v > best) [best, at] = [v, i];
    }
    return at;
  };
  const candidates: [CloseUpReason, (cs: ClusterSeries, i: number) => number][] = [
    ['errors', (cs, i) => col(cs, 'failed_rps')?.[i] ?? 0],
    [
      'latency',
      // requests of the step times how far its p99 is above the SLO
      (cs, i) => (sloP99Ms === undefined ? 0 : Math.max(0, (col(cs, 'p99_ms')?.[i] ?? 0) - sloP99Ms) * (col(cs, 'served_rps')?.[i] ?? 0)),
    ],
    [
      'nodes',
      (cs, i) => {
        const p = col(cs, 'nodes_provisioning');
        return p ? p[i] : (col(cs, 'nodes_requested')?.[i] ?? 0) - (col(cs, 'nodes_ready')?.[i] ?? 0);
      },
    ],
    ['pods', (cs, i) => (col(cs, 'pending_pods')?.[i] ?? 0) + (col(cs, 'placeholder_pending')?.[i] ?? 0)],
  ];
  for (const [reason, value] of candidates) {
    const at = peak(value);
    if (at < 0) continue;
    const peakSec = all[0].timeSec[at];
    const startSec = Math.max(0, Math.floor((peakSec - 300) / 60) * 60);
    const endSec = Math.min(durationSec, startSec + 1500);
    return { startSec, endSec, peakSec, reason };
  }
  return undefined;
}
