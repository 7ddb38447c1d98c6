/**
 * The shapes of a time panel, in data units: its frame (window, y axis) and the layers drawn in
 * it. layers.ts builds them, panel-svg.ts draws them.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LongRow } from './points.ts';

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
  /** d3 format of the y labels: `,~r` (the default) or `,d` */
  yFormat?: string;
  layers: Layer[];
}

/** A drawing in a panel, in data units; panel-svg.ts draws each kind. */
export type Layer = LinesLayer | AreaLayer | BandLayer | StackLayer | ThresholdLayer | OutageLayer | RulesLayer | MarkersLayer;

export interface LinesLayer {
  kind: 'lines';
  /** long rows {t, s, v}: one line per series s, in the order of `styles` */
  rows: readonly LongRow[];
  styles: readonly LineStyle[];
}
export interface AreaLayer {
  kind: 'area';
  rows: readonly { t: number; v: number }[];
  color: string;
  opacity: number;
}
export interface BandLayer {
  kind: 'band';
  rows: readonly Record<string, number>[];
  lowField: string;
  highField: string;
  color: string;
}
export interface StackLayer {
  kind: 'stack';
  /** wide rows {t, k0, k1, ...}; keys[0] is stacked on top, the last key at the bottom */
  rows: readonly Record<string, number>[];
  keys: readonly string[];
  colors: readonly string[];
}
export interface ThresholdLayer {
  kind: 'threshold';
  value: number;
  label: string;
  color: string;
  place: ThresholdPlace;
}
export interface OutageLayer {
  kind: 'outage';
  windows: readonly { startSec: number; endSec: number }[];
}
export interface RulesLayer {
  kind: 'rules';
  timesSec: readonly number[];
  color: string;
}
export type MarkerShape = 'triangle-up' | 'triangle-down' | 'diamond';
export interface MarkersLayer {
  kind: 'markers';
  timesSec: readonly number[];
  shape: MarkerShape;
  color: string;
  /** the symbols' centre, pixels below the top of the plot */
  yPx: number;
}

/** A time chart: the frame and its layers, drawn to SVG by panel-svg.ts. */
export interface PanelSpec {
  panel: Frame;
}

/** A chart of the page: a time panel, or any other vega-lite spec (bars, the sweep's frontier). */
export type ChartSpec = TopLevelSpec | PanelSpec;

export function isPanel(spec: object): spec is PanelSpec {
  return 'panel' in spec;
}

export interface LineStyle {
  key: string;
  color: string;
  dash?: number[];
  width?: number;
}

/** Where a threshold's label sits: above the rule at its right or left end, or above the plot. */
export type ThresholdPlace = 'right' | 'left' | 'above';

