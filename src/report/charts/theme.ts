/** Colours and the vega-lite config every chart shares, so the page reads as one. */
import type { Config } from 'vega-lite';

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** One colour per measure, the same in every cluster's panel and in the HTML legends. */
export const COLORS = {
  arrival: '#3366b0',
  capacity: '#e8871e',
  served: '#2b8a3e',
  failed: '#d62728',
  p50: '#9ecae1',
  p95: '#4a90c9',
  p99: '#0b3d78',
  slo: '#d62728',
  requested: '#e8871e',
  ready: '#2b7a3d',
  gap: '#f9cf9c',
  pending: '#d62728',
  placeholders: '#8c6bb1',
  outage: '#d62728',
  shift: '#6e7781',
  scaleUp: '#2b8a3e',
  scaleDown: '#6e7781',
  preemption: '#b2182b',
  runA: '#3366b0',
  runB: '#e8871e',
} as const;

/** The colours of a comparison's later runs, B first (the first run is COLORS.runA); none is runA's blue. */
export const RUN_COLORS = [COLORS.runB, '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#9d755d', '#eeca3b', '#ff9da6'];

/** Clusters' colours in fleet-wide charts (a tableau-like categorical set). */
export const CLUSTER_COLORS = [
  '#4c78a8',
  '#f58518',
  '#54a24b',
  '#b279a2',
  '#e45756',
  '#72b7b2',
  '#eeca3b',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
];

export function clusterColor(i: number): string {
  return CLUSTER_COLORS[i % CLUSTER_COLORS.length];
}

export const CHART_CONFIG: Config = {
  font: FONT,
  background: '#ffffff',
  padding: { left: 2, right: 6, top: 8, bottom: 2 },
  view: { stroke: null },
  aria: false,
  axis: {
    labelFontSize: 10,
    titleFontSize: 11,
    titleFontWeight: 'normal',
    titleColor: '#57606a',
    labelColor: '#57606a',
    gridColor: '#eef0f3',
    domainColor: '#c9ced6',
    tickColor: '#c9ced6',
    labelOverlap: true,
  },
  // A fixed width for every y axis, so the plots of panels stacked in a column line up in time.
  axisY: { minExtent: 40, maxExtent: 40 },
  line: { strokeWidth: 1.4, strokeJoin: 'round' },
};
