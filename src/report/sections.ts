/**
 * The page's chart sections, as vega-lite specs with their legends: per cluster traffic,
 * latency, nodes and pods; a close-up of the moment the fleet waited longest on nodes; cost
 * and traffic share for the fleet.
 */
import type { TopLevelSpec } from 'vega-lite';
import {
  closeUpWindow,
  costChart,
  latencyPanel,
  latencyRange,
  nodesPanel,
  nodesYMax,
  podsPanel,
  podsYMax,
  shareChart,
  shareMoved,
  sliceSeries,
  trafficPanel,
  trafficYMax,
} from './charts/run-charts.ts';
import type { ChartContext } from './charts/run-charts.ts';
import { COLORS, clusterColor } from './charts/theme.ts';
import { formatClock } from './format.ts';
import type { Chart, ChartSection, LegendItem } from './model.ts';
import type { RunData } from './types.ts';

const TIME_MARKS: LegendItem[] = [
  { label: 'zone outage', color: COLORS.outage, kind: 'rect' },
  { label: 'traffic shift', color: COLORS.shift, kind: 'rule' },
];

export function chartSections(run: RunData, ctx: ChartContext): ChartSection[] {
  const all = run.series;
  if (all.length === 0) return [];
  const a = ctx.annotations;
  const marks = TIME_MARKS.filter((m) => (m.kind === 'rect' ? a.outages.length > 0 : a.shifts.length > 0));
  const perCluster = (make: (cs: (typeof all)[number]) => TopLevelSpec): Chart[] => all.map((cs) => ({ title: cs.cluster, spec: make(cs) }));
  const sections: ChartSection[] = [];

  const tMax = trafficYMax(all);
  sections.push({
    id: 'traffic',
    short: 'Traffic',
    title: 'Traffic against serving capacity',
    note: 'Requests per second arriving at each cluster, what its Ready pods can serve, and what failed.',
    legend: [
      { label: 'arrival', color: COLORS.arrival, kind: 'line' },
      { label: 'serving capacity', color: COLORS.capacity, kind: 'line' },
      { label: 'failed', color: COLORS.failed, kind: 'line' },
      ...marks,
    ],
    wide: false,
    charts: perCluster((cs) => trafficPanel(ctx, cs, tMax)),
  });

  const lRange = latencyRange(all, ctx.sloP99Ms);
  sections.push({
    id: 'latency',
    short: 'Latency',
    title: 'Latency',
    note: 'Percentiles of each step’s served requests (wait plus service time) on a log scale, against the SLO’s p99 bound.',
    legend: [
      { label: 'p50', color: COLORS.p50, kind: 'line' },
      { label: 'p95', color: COLORS.p95, kind: 'line' },
      { label: 'p99', color: COLORS.p99, kind: 'line' },
      ...(ctx.sloP99Ms !== undefined ? [{ label: 'SLO p99', color: COLORS.slo, kind: 'dash' as const }] : []),
      ...marks,
    ],
    wide: false,
    charts: perCluster((cs) => latencyPanel(ctx, cs, lRange)),
  });

  const nMax = nodesYMax(all);
  sections.push({
    id: 'nodes',
    short: 'Nodes',
    title: 'Nodes requested and Ready',
    note: 'The shaded band is the provisioning gap: nodes the autoscaler asked for that are not Ready yet.',
    legend: [
      { label: 'requested', color: COLORS.requested, kind: 'dash' },
      { label: 'Ready', color: COLORS.ready, kind: 'line' },
      { label: 'provisioning gap', color: COLORS.gap, kind: 'band' },
      ...(a.scaleUps.length > 0 ? [{ label: 'scale-up', color: COLORS.scaleUp, kind: 'up' as const }] : []),
      ...(a.scaleDowns.length > 0 ? [{ label: 'scale-down', color: COLORS.scaleDown, kind: 'down' as const }] : []),
      ...marks,
    ],
    wide: false,
    charts: perCluster((cs) => nodesPanel(ctx, cs, nMax)),
  });

  const pMax = podsYMax(all);
  sections.push({
    id: 'pods',
    short: 'Pods',
    title: 'Pending and placeholder pods',
    note: 'Placeholders are the over-provisioner’s pods: preempted by real pods, they go pending and make the autoscaler add nodes.',
    legend: [
      { label: 'workload pods pending', color: COLORS.pending, kind: 'line' },
      { label: 'placeholders running', color: COLORS.placeholders, kind: 'line' },
      ...(all.some((cs) => cs.columns.placeholder_pending) ? [{ label: 'placeholders pending', color: COLORS.placeholders, kind: 'dash' as const }] : []),
      ...(a.preemptions.length > 0 ? [{ label: 'preemption', color: COLORS.preemption, kind: 'diamond' as const }] : []),
      ...marks,
    ],
    wide: false,
    charts: perCluster((cs) => podsPanel(ctx, cs, pMax)),
  });

  const CLOSE_UP_WHY = {
    errors: 'the most requests failed',
    latency: 'p99 was furthest above the SLO',
    nodes: 'the fleet waited on the most nodes',
    pods: 'the most pods were pending',
  } as const;
  const zoom = closeUpWindow(all, ctx.endSec, ctx.sloP99Ms);
  if (zoom) {
    const z: ChartContext = { ...ctx, startSec: zoom.startSec, endSec: zoom.endSec, maxPoints: Math.max(ctx.maxPoints, 1500) };
    const sliced = all.map((cs) => sliceSeries(cs, zoom.startSec, zoom.endSec));
    const zt = trafficYMax(sliced);
    const zn = nodesYMax(sliced);
    const zl = latencyRange(sliced, ctx.sloP99Ms);
    sections.push({
      id: 'closeup',
    short: 'Close-up',
      title: `Close-up: ${formatClock(zoom.startSec)} to ${formatClock(zoom.endSec)}`,
      note:
        `Around ${formatClock(zoom.peakSec, true)}, when ${CLOSE_UP_WHY[zoom.reason]}: ` +
        'traffic against capacity, the latency it caused, then the nodes asked for and the minutes until they were Ready.',
      legend: [
        { label: 'arrival', color: COLORS.arrival, kind: 'line' },
        { label: 'serving capacity', color: COLORS.capacity, kind: 'line' },
        { label: 'failed', color: COLORS.failed, kind: 'band' },
        { label: 'p50 / p95 / p99', color: COLORS.p99, kind: 'line' },
        ...(ctx.sloP99Ms !== undefined ? [{ label: 'SLO p99', color: COLORS.slo, kind: 'dash' as const }] : []),
        { label: 'nodes requested', color: COLORS.requested, kind: 'dash' },
        { label: 'nodes Ready', color: COLORS.ready, kind: 'line' },
        { label: 'provisioning gap', color: COLORS.gap, kind: 'band' },
        ...(a.scaleUps.length > 0 ? [{ label: 'scale-up', color: COLORS.scaleUp, kind: 'up' as const }] : []),
      ],
      wide: false,
      charts: [
        ...sliced.map((cs) => ({ title: `${cs.cluster}: traffic`, spec: trafficPanel(z, cs, zt) })),
        ...sliced.map((cs) => ({ title: `${cs.cluster}: latency`, spec: latencyPanel(z, cs, zl) })),
        ...sliced.map((cs) => ({ title: `${cs.cluster}: nodes`, spec: nodesPanel(z, cs, zn) })),
      ],
    });
  }

  const clusterLegend = all.map((cs, i) => ({ label: cs.cluster, color: clusterColor(i), kind: 'band' as const }));
  const fleet: Chart[] = [];
  const cost = costChart(ctx, all);
  if (cost) fleet.push({ title: 'Cost per hour, stacked by cluster', spec: cost });
  const shifted = a.shifts.length > 0 || a.outages.length > 0 || shareMoved(all);
  const share = shifted ? shareChart(ctx, all) : undefined;
  if (share) fleet.push({ title: 'Traffic share of each cluster', spec: share });
  if (fleet.length > 0) {
    sections.push({
      id: 'fleet',
    short: 'Cost and share',
      title: share ? 'Cost and traffic share' : 'Cost',
      note: share
        ? 'Nodes are billed from the moment they are asked for. The share shows where traffic went during shifts and outages.'
        : 'Nodes are billed from the moment they are asked for. No traffic shift or outage happened in this run.',
      legend: [...clusterLegend, ...marks],
      wide: true,
      charts: fleet,
    });
  }
  return sections;
}

