/**
 * Building blocks of the time charts: a panel frame (time window, y axis) and the layers drawn in
 * it (lines, a band, a stack, a threshold rule, annotations), all in data units. panel-svg.ts
 * draws them; field names are fixed keys (never a cluster's or workload's name).
 */
import type { Mark as AnnotationMark, Window } from '../annotations.ts';
import { plotBox } from './panel-layout.ts';
import type { LongRow } from './points.ts';
import type { Frame, Layer, LineStyle, MarkerShape, PanelSpec, ThresholdPlace } from './panel-types.ts';

export type { ChartSpec, Frame, Layer, LineStyle, MarkerShape, PanelSpec, ThresholdPlace } from './panel-types.ts';
export { isPanel } from './panel-types.ts';

/** A panel: the frame (its time window, y axis and layers), drawn by panel-svg.ts. */
export function panel(frame: Frame): PanelSpec {
  return { panel: frame };
}

/** One line per series of long rows {t, s, v}, coloured (and dashed) by series. */
export function linesLayer(rows: readonly LongRow[], styles: readonly LineStyle[]): Layer {
  return { kind: 'lines', rows, styles };
}

/** A filled area from 0 up to a series of long rows {t, v} (e.g. failed requests). */
export function areaLayer(rows: readonly { t: number; v: number }[], color: string, opacity = 0.45): Layer {
  return { kind: 'area', rows, color, opacity };
}

/** A filled band between two fields of wide rows (e.g. nodes Ready up to nodes requested). */
export function bandLayer(rows: readonly Record<string, number>[], lowField: string, highField: string, color: string): Layer {
  return { kind: 'band', rows, lowField, highField, color };
}

/** Wide rows {t, k0, k1, ...} stacked as areas, one colour per key, the first key on top. */
export function stackLayer(rows: readonly Record<string, number>[], keys: readonly string[], colors: readonly string[]): Layer {
  return { kind: 'stack', rows, keys, colors };
}

/** What a chart draws, in data units: a label placed over none of it cannot be hidden. */
export interface DrawnSeries {
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

/** a generous average glyph width of the chart font at 10 px */
const GLYPH_PX = 6.2;

/**
 * The first end of the rule whose label box (the label's width from that end, above the rule) no
 * drawn line enters: a line that rises past the rule under the label would cross it. When both
 * ends have one (spikes at the start and the end), above the plot, where nothing is drawn.
 */
export function thresholdPlace(frame: Frame, value: number, label: string, drawn: readonly DrawnSeries[]): ThresholdPlace {
  const plotPx = Math.max(1, plotBox(frame).width);
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
  return [{ kind: 'threshold', value, label, color, place: thresholdPlace(frame, value, label, drawn) }];
}

/** Shaded outage windows. */
export function outageLayer(windows: Window[]): Layer[] {
  return windows.length === 0 ? [] : [{ kind: 'outage', windows: windows.map((w) => ({ startSec: w.startSec, endSec: w.endSec })) }];
}

/** Vertical dashed rules, e.g. traffic shifts. */
export function ruleLayer(marks: AnnotationMark[], color: string): Layer[] {
  return marks.length === 0 ? [] : [{ kind: 'rules', timesSec: marks.map((m) => m.timeSec), color }];
}

/** Small symbols along the top edge (scale-ups, scale-downs, preemptions). */
export function markerLayer(marks: AnnotationMark[], shape: MarkerShape, color: string, yPx: number): Layer[] {
  return marks.length === 0 ? [] : [{ kind: 'markers', timesSec: marks.map((m) => m.timeSec), shape, color, yPx }];
}
