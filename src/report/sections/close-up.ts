/** A close-up of the moment the run went worst: traffic, latency and nodes of each cluster around it. */
import { closeUpWindow, latencyPanel, latencyRange, nodesPanel, nodesYMax, sliceSeries, trafficPanel, trafficYMax } from '../charts/run-charts.ts';
import type { ChartContext } from '../charts/run-charts.ts';
import { COLORS } from '../charts/theme.ts';
import { formatClock } from '../format.ts';
import type { ClusterSeries } from '../types.ts';
import { scaleUpItem, sloItem } from './legend.ts';
import type { ChartSection } from './types.ts';

const WHY = {
  errors: 'the most requests failed',
  latency: 'p99 was furthest above the SLO',
  nodes: 'the fleet waited on the most nodes',
  pods: 'the most pods were pending',
} as const;

/** Zoomed charts want more points per series than the whole run's. */
const CLOSE_UP_MIN_POINTS = 1500;

export function closeUpSection(all: ClusterSeries[], ctx: ChartContext): ChartSection | undefined {
  const zoom = closeUpWindow(all, ctx.endSec, ctx.sloP99Ms);
  if (!zoom) return undefined;
  const z: ChartContext = { ...ctx, startSec: zoom.startSec, endSec: zoom.endSec, maxPoints: Math.max(ctx.maxPoints, CLOSE_UP_MIN_POINTS) };
  const sliced = all.map((cs) => sliceSeries(cs, zoom.startSec, zoom.endSec));
  const tMax = trafficYMax(sliced);
  const nMax = nodesYMax(sliced);
  const lRange = latencyRange(sliced, ctx.sloP99Ms);
  return {
    id: 'closeup',
    short: 'Close-up',
    title: `Close-up: ${formatClock(zoom.startSec)} to ${formatClock(zoom.endSec)}`,
    note:
      `Around ${formatClock(zoom.peakSec, true)}, when ${WHY[zoom.reason]}: ` +
      'traffic against capacity, the latency it caused, then the nodes asked for and the minutes until they were Ready.',
    legend: [
      { label: 'arrival', color: COLORS.arrival, kind: 'line' },
      { label: 'serving capacity', color: COLORS.capacity, kind: 'line' },
      { label: 'failed', color: COLORS.failed, kind: 'band' },
      { label: 'p50 / p95 / p99', color: COLORS.p99, kind: 'line' },
      ...sloItem(ctx),
      { label: 'nodes requested', color: COLORS.requested, kind: 'dash' },
      { label: 'nodes Ready', color: COLORS.ready, kind: 'line' },
      { label: 'provisioning gap', color: COLORS.gap, kind: 'band' },
      ...scaleUpItem(ctx),
    ],
    wide: false,
    charts: [
      ...sliced.map((cs) => ({ title: `${cs.cluster}: traffic`, spec: trafficPanel(z, cs, tMax) })),
      ...sliced.map((cs) => ({ title: `${cs.cluster}: latency`, spec: latencyPanel(z, cs, lRange) })),
      ...sliced.map((cs) => ({ title: `${cs.cluster}: nodes`, spec: nodesPanel(z, cs, nMax) })),
    ],
  };
}
