/**
 * Building blocks of the time charts as vega-lite: a panel frame with the shared time axis, and
 * the layers drawn in it (lines, a band, a stack, a threshold rule, annotations). Data is
 * inline; field names are fixed keys (never a cluster's or workload's name).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Mark as AnnotationMark, Window } from '../annotations.ts';
import { CHART_CONFIG, COLORS } from './theme.ts';
import { timeAxisTitle, timeLabelExpr, timeTicks } from './time-axis.ts';

/** A layer of a vega-lite layer spec; checked as a whole when the panel is compiled. */
export type Layer = Record<string, unknown>;

export interface Frame {
  /** the time window shown, seconds since the start of the run */
  startSec: number;
  endSec: number;
  width: number;
  height: number;
  yTitle: string;
  /** top of the y axis */
  yMax: number;
  /** a log y axis from yMin (for latency, where spikes are 10x the normal) */
  yLog?: { yMin: number };
  /** d3 format of the y labels */
  yFormat?: string;
  layers: Layer[];
}

/** 1, 2, 5 times powers of ten between lo and hi: round ticks for a log axis. */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let p = 10 ** Math.floor(Math.log10(lo)); p <= hi; p *= 10) {
    for (const f of [1, 2, 5]) if (f * p >= lo && f * p <= hi) out.push(Number((f * p).toPrecision(6)));
  }
  return out;
}

export function yEncoding(frame: Frame, field = 'v') {
  const axis = { title: frame.yTitle, format: frame.yFormat ?? ',~r', grid: true };
  if (frame.yLog) {
    return {
      field,
      type: 'quantitative' as const,
      scale: { type: 'log' as const, domain: [frame.yLog.yMin, frame.yMax], nice: false, clamp: true },
      axis: { ...axis, values: logTicks(frame.yLog.yMin, frame.yMax) },
    };
  }
  return {
    field,
    type: 'quantitative' as const,
    scale: { domain: [0, frame.yMax], nice: false, zero: true },
    axis: { ...axis, tickCount: 4 },
  };
}

/** A panel: the time axis over the frame's window, then the layers. */
export function panel(frame: Frame): TopLevelSpec {
  const { startSec, endSec } = frame;
  return {
    width: frame.width,
    height: frame.height,
    autosize: { type: 'fit', contains: 'padding' },
    config: CHART_CONFIG,
    encoding: {
      x: {
        field: 't',
        type: 'quantitative',
        scale: { domain: [startSec, endSec], nice: false, zero: false },
        axis: {
          title: timeAxisTitle(startSec, endSec),
          values: timeTicks(startSec, endSec, frame.width < 400 ? 5 : 8),
          labelExpr: timeLabelExpr(startSec, endSec),
          grid: true,
        },
      },
    },
    layer: [axesLayer(frame), ...frame.layers],
  } as unknown as TopLevelSpec;
}

/** An invisible point that gives every panel its y axis, even one with nothing else to draw. */
function axesLayer(frame: Frame): Layer {
  return {
    data: { values: [{ t: frame.startSec, v: frame.yMax }] },
    mark: { type: 'point', opacity: 0 },
    encoding: { y: yEncoding(frame) },
  };
}

export interface LineStyle {
  key: string;
  color: string;
  dash?: number[];
  width?: number;
}

/** One line per series of long rows {t, s, v}, coloured (and dashed) by series. */
export function linesLayer(frame: Frame, rows: object[], styles: LineStyle[]): Layer {
  const domain = styles.map((s) => s.key);
  return {
    data: { values: rows },
    mark: { type: 'line', clip: true },
    encoding: {
      y: yEncoding(frame),
      color: { field: 's', type: 'nominal', scale: { domain, range: styles.map((s) => s.color) }, legend: null },
      strokeDash: { field: 's', type: 'nominal', scale: { domain, range: styles.map((s) => s.dash ?? [1, 0]) }, legend: null },
      strokeWidth: { field: 's', type: 'ordinal', sort: domain, scale: { domain, range: styles.map((s) => s.width ?? 1.4) }, legend: null },
    },
  };
}

/** A filled area from 0 up to a series of long rows {t, v} (e.g. failed requests). */
export function areaLayer(frame: Frame, rows: object[], color: string, opacity = 0.45): Layer {
  return {
    data: { values: rows },
    mark: { type: 'area', color, opacity, clip: true },
    encoding: { y: yEncoding(frame) },
  };
}

/** A filled band between two fields of wide rows (e.g. nodes Ready up to nodes requested). */
export function bandLayer(frame: Frame, rows: object[], lowField: string, highField: string, color: string): Layer {
  return {
    data: { values: rows },
    mark: { type: 'area', color, opacity: 0.7, clip: true },
    encoding: { y: yEncoding(frame, lowField), y2: { field: highField } },
  };
}

/** Wide rows {t, k0, k1, ...} stacked as areas, one colour per key. */
export function stackLayer(frame: Frame, rows: object[], keys: string[], colors: string[]): Layer {
  return {
    data: { values: rows },
    transform: [
      { fold: keys, as: ['s', 'v'] },
      { calculate: `indexof(${JSON.stringify(keys)}, datum.s)`, as: 'o' },
    ],
    mark: { type: 'area', opacity: 0.85, clip: true },
    encoding: {
      y: { ...yEncoding(frame), stack: 'zero' },
      color: { field: 's', type: 'nominal', scale: { domain: keys, range: colors }, legend: null },
      order: { field: 'o', type: 'quantitative', sort: 'descending' },
    },
  };
}

/** What a chart draws, in data units: a label placed over none of it cannot be hidden. */
export interface DrawnSeries {
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

/** Where a threshold's label sits: above the rule at its right or left end, or above the plot. */
export type ThresholdPlace = 'right' | 'left' | 'above';

const LABEL_FONT_PX = 10;
/** a generous average glyph width of the chart font at 10 px, and the y axis's share of a panel */
const GLYPH_PX = 6.2;
const Y_AXIS_PX = 50;

/**
 * The first end of the rule whose label box (the label's width from that end, above the rule) no
 * drawn line enters: a line that rises past the rule under the label would cross it. When both
 * ends have one (spikes at the start and the end), above the plot, where nothing is drawn.
 */
export function thresholdPlace(frame: Frame, value: number, label: string, drawn: readonly DrawnSeries[]): ThresholdPlace {
  const plotPx = Math.max(1, frame.width - Y_AXIS_PX);
  const span = ((label.length * GLYPH_PX + 4) / plotPx) * (frame.endSec - frame.startSec);
  const clear = (lo: number, hi: number) => drawn.every((s) => !risesAbove(s, value, lo, hi));
  if (clear(frame.endSec - span, frame.endSec)) return 'right';
  if (clear(frame.startSec, frame.startSec + span)) return 'left';
  return 'above';
}

/** Whether a line over [lo, hi] (its segments that reach into it) goes above `value`. */
function risesAbove(s: DrawnSeries, value: number, lo: number, hi: number): boolean {
  for (let i = 0; i < s.t.length; i++) {
    const t0 = i > 0 ? s.t[i - 1] : s.t[i];
    if (s.t[i] < lo || t0 > hi) continue;
    if (s.v[i] > value || (i > 0 && s.v[i - 1] > value)) return true;
  }
  return false;
}

/**
 * A horizontal threshold (the SLO) across the window, labelled where no line runs over the label
 * (`thresholdPlace`): above the rule at its right end, else at its left end, else above the plot.
 */
export function thresholdLayers(frame: Frame, value: number, label: string, color: string, drawn: readonly DrawnSeries[] = []): Layer[] {
  const row = { t: frame.startSec, t2: frame.endSec, v: value };
  const place = thresholdPlace(frame, value, label, drawn);
  const mark = (align: 'left' | 'right', dx: number) => ({ type: 'text', text: label, align, baseline: 'bottom', dy: -2, dx, color, fontSize: LABEL_FONT_PX });
  const labelLayer =
    place === 'above'
      ? { data: { values: [{ t: frame.endSec }] }, mark: mark('right', 0), encoding: { y: { value: 0 } } }
      : { data: { values: [{ t: place === 'right' ? frame.endSec : frame.startSec, v: value }] }, mark: place === 'right' ? mark('right', -2) : mark('left', 2), encoding: { y: yEncoding(frame) } };
  return [
    {
      data: { values: [row] },
      mark: { type: 'rule', color, strokeDash: [6, 4], strokeWidth: 1.3 },
      encoding: { x2: { field: 't2' }, y: yEncoding(frame) },
    },
    labelLayer,
  ];
}

/** Shaded outage windows. */
export function outageLayer(windows: Window[]): Layer[] {
  if (windows.length === 0) return [];
  return [
    {
      data: { values: windows.map((w) => ({ t: w.startSec, t2: w.endSec })) },
      mark: { type: 'rect', color: COLORS.outage, opacity: 0.1, clip: true },
      encoding: { x2: { field: 't2' } },
    },
    {
      data: { values: windows.map((w) => ({ t: w.startSec })) },
      mark: { type: 'text', text: 'outage', align: 'left', baseline: 'top', dx: 3, dy: 2, color: COLORS.outage, fontSize: 9, clip: true },
      encoding: { y: { value: 0 } },
    },
  ];
}

/** Vertical dashed rules, e.g. traffic shifts. */
export function ruleLayer(marks: AnnotationMark[], color: string): Layer[] {
  if (marks.length === 0) return [];
  return [
    {
      data: { values: marks.map((m) => ({ t: m.timeSec })) },
      mark: { type: 'rule', color, strokeDash: [3, 3], strokeWidth: 1, clip: true },
    },
  ];
}

/** Small symbols along the top edge (scale-ups, scale-downs, preemptions). */
export function markerLayer(marks: AnnotationMark[], shape: 'triangle-up' | 'triangle-down' | 'diamond', color: string, yPx: number): Layer[] {
  if (marks.length === 0) return [];
  return [
    {
      data: { values: marks.map((m) => ({ t: m.timeSec })) },
      mark: { type: 'point', shape, filled: true, size: 28, color, opacity: 0.9, clip: true },
      encoding: { y: { value: yPx } },
    },
  ];
}
