/** What a chart section of the page is: charts (time panels or vega-lite specs) with a title, a note and a legend. */
import type { ChartSpec } from '../charts/layers.ts';

export type LegendKind = 'line' | 'dash' | 'band' | 'rect' | 'rule' | 'up' | 'down' | 'diamond';

export interface LegendItem {
  label: string;
  color: string;
  kind: LegendKind;
}

export interface Chart {
  /** shown above the chart (a cluster name, or the chart's subject) */
  title: string;
  spec: ChartSpec;
}

export interface ChartSection {
  id: string;
  title: string;
  /** the section's name in the page's table of contents */
  short: string;
  note: string;
  legend: LegendItem[];
  /** wide charts take two columns of the grid */
  wide: boolean;
  charts: Chart[];
}
