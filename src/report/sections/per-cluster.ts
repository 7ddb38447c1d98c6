/** The sections with one chart per cluster: traffic, latency, nodes and pods over the whole run. */
import {
  latencyPanel,
  latencyRange,
  nodesPanel,
  nodesYMax,
  podsPanel,
  podsYMax,
  trafficPanel,
  trafficYMax,
} from '../charts/run-charts.ts';
import type { ChartContext } from '../charts/run-charts.ts';
import { COLORS } from '../charts/theme.ts';
import type { ClusterSeries } from '../types.ts';
import { scaleUpItem, sloItem, timeMarks } from './legend.ts';
import type { ChartSection } from './types.ts';

type Panel = (ctx: ChartContext, cs: ClusterSeries) => ChartSection['charts'][number]['spec'];

function perCluster(all: ClusterSeries[], ctx: ChartContext, panel: Panel): ChartSection['charts'] {
  return all.map((cs) => ({ title: cs.cluster, spec: panel(ctx, cs) }));
}

export function trafficSection(all: ClusterSeries[], ctx: ChartContext): ChartSection {
  const yMax = trafficYMax(all);
  return {
    id: 'traffic',
    short: 'Traffic',
    title: 'Traffic against serving capacity',
    note: 'Requests per second arriving at each cluster, what its Ready pods can serve, and what failed.',
    legend: [
      { label: 'arrival', color: COLORS.arrival, kind: 'line' },
      { label: 'serving capacity', color: COLORS.capacity, kind: 'line' },
      { label: 'failed', color: COLORS.failed, kind: 'line' },
      ...timeMarks(ctx),
    ],
    wide: false,
    charts: perCluster(all, ctx, (c, cs) => trafficPanel(c, cs, yMax)),
  };
}

export function latencySection(all: ClusterSeries[], ctx: ChartContext): ChartSection {
  const range = latencyRange(all, ctx.sloP99Ms);
  return {
    id: 'latency',
    short: 'Latency',
    title: 'Latency',
    note: 'Percentiles of each step’s served requests (wait plus service time) on a log scale, against the SLO’s p99 bound.',
    legend: [
      { label: 'p50', color: COLORS.p50, kind: 'line' },
      { label: 'p95', color: COLORS.p95, kind: 'line' },
      { label: 'p99', color: COLORS.p99, kind: 'line' },
      ...sloItem(ctx),
      ...timeMarks(ctx),
    ],
    wide: false,
    charts: perCluster(all, ctx, (c, cs) => latencyPanel(c, cs, range)),
  };
}

export function nodesSection(all: ClusterSeries[], ctx: ChartContext): ChartSection {
  const yMax = nodesYMax(all);
  return {
    id: 'nodes',
    short: 'Nodes',
    title: 'Nodes requested and Ready',
    note: 'The shaded band is the provisioning gap: nodes the autoscaler asked for that are not Ready yet.',
    legend: [
      { label: 'requested', color: COLORS.requested, kind: 'dash' },
      { label: 'Ready', color: COLORS.ready, kind: 'line' },
      { label: 'provisioning gap', color: COLORS.gap, kind: 'band' },
      ...scaleUpItem(ctx),
      ...(ctx.annotations.scaleDowns.length > 0 ? [{ label: 'scale-down', color: COLORS.scaleDown, kind: 'down' as const }] : []),
      ...timeMarks(ctx),
    ],
    wide: false,
    charts: perCluster(all, ctx, (c, cs) => nodesPanel(c, cs, yMax)),
  };
}

export function podsSection(all: ClusterSeries[], ctx: ChartContext): ChartSection {
  const yMax = podsYMax(all);
  return {
    id: 'pods',
    short: 'Pods',
    title: 'Pending and placeholder pods',
    note: 'Placeholders are the over-provisioner’s pods: preempted by real pods, they go pending and make the autoscaler add nodes.',
    legend: [
      { label: 'workload pods pending', color: COLORS.pending, kind: 'line' },
      { label: 'placeholders running', color: COLORS.placeholders, kind: 'line' },
      ...(all.some((cs) => cs.columns.placeholder_pending) ? [{ label: 'placeholders pending', color: COLORS.placeholders, kind: 'dash' as const }] : []),
      ...(ctx.annotations.preemptions.length > 0 ? [{ label: 'preemption', color: COLORS.preemption, kind: 'diamond' as const }] : []),
      ...timeMarks(ctx),
    ],
    wide: false,
    charts: perCluster(all, ctx, (c, cs) => podsPanel(c, cs, yMax)),
  };
}
