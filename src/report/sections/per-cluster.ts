/** The sections with one chart per cluster: traffic, latency, nodes and pods over the whole run. */
import type { ChartSpec } from '../charts/layers.ts';
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
import type { ChartSection, LegendItem } from './types.ts';

/** A section of one panel per cluster; every such section carries the run's time marks. */
function perCluster(
  all: ClusterSeries[],
  ctx: ChartContext,
  head: Pick<ChartSection, 'id' | 'short' | 'title' | 'note'>,
  legend: LegendItem[],
  panel: (cs: ClusterSeries) => ChartSpec,
): ChartSection {
  return { ...head, legend: [...legend, ...timeMarks(ctx)], wide: false, charts: all.map((cs) => ({ title: cs.cluster, spec: panel(cs) })) };
}

export function trafficSection(all: ClusterSeries[], ctx: ChartContext): ChartSection {
  const yMax = trafficYMax(all);
  return perCluster(
    all,
    ctx,
    {
      id: 'traffic',
      short: 'Traffic',
      title: 'Traffic against serving capacity',
      note: 'Requests per second arriving at each cluster, what its Ready pods can serve, and what failed.',
    },
    [
      { label: 'arrival', color: COLORS.arrival, kind: 'line' },
      { label: 'serving capacity', color: COLORS.capacity, kind: 'line' },
      { label: 'failed', color: COLORS.failed, kind: 'line' },
    ],
    (cs) => trafficPanel(ctx, cs, yMax),
  );
}

export function latencySection(all: ClusterSeries[], ctx: ChartContext): ChartSection {
  const range = latencyRange(all, ctx.sloP99Ms);
  return perCluster(
    all,
    ctx,
    {
      id: 'latency',
      short: 'Latency',
      title: 'Latency',
      note: 'Percentiles of each step’s served requests (wait plus service time) on a log scale, against the SLO’s p99 bound.',
    },
    [
      { label: 'p50', color: COLORS.p50, kind: 'line' },
      { label: 'p95', color: COLORS.p95, kind: 'line' },
      { label: 'p99', color: COLORS.p99, kind: 'line' },
      ...sloItem(ctx),
    ],
    (cs) => latencyPanel(ctx, cs, range),
  );
}

export function nodesSection(all: ClusterSeries[], ctx: ChartContext): ChartSection {
  const yMax = nodesYMax(all);
  return perCluster(
    all,
    ctx,
    {
      id: 'nodes',
      short: 'Nodes',
      title: 'Nodes requested and Ready',
      note: 'The shaded band is the provisioning gap: nodes the autoscaler asked for that are not Ready yet.',
    },
    [
      { label: 'requested', color: COLORS.requested, kind: 'dash' },
      { label: 'Ready', color: COLORS.ready, kind: 'line' },
      { label: 'provisioning gap', color: COLORS.gap, kind: 'band' },
      ...scaleUpItem(ctx),
      ...(ctx.annotations.scaleDowns.length > 0 ? [{ label: 'scale-down', color: COLORS.scaleDown, kind: 'down' as const }] : []),
    ],
    (cs) => nodesPanel(ctx, cs, yMax),
  );
}

export function podsSection(all: ClusterSeries[], ctx: ChartContext): ChartSection {
  const yMax = podsYMax(all);
  return perCluster(
    all,
    ctx,
    {
      id: 'pods',
      short: 'Pods',
      title: 'Pending and placeholder pods',
      note: 'Placeholders are the over-provisioner’s pods: preempted by real pods, they go pending and make the autoscaler add nodes.',
    },
    [
      { label: 'workload pods pending', color: COLORS.pending, kind: 'line' },
      { label: 'placeholders running', color: COLORS.placeholders, kind: 'line' },
      ...(all.some((cs) => cs.columns.placeholder_pending) ? [{ label: 'placeholders pending', color: COLORS.placeholders, kind: 'dash' as const }] : []),
      ...(ctx.annotations.preemptions.length > 0 ? [{ label: 'preemption', color: COLORS.preemption, kind: 'diamond' as const }] : []),
    ],
    (cs) => podsPanel(ctx, cs, yMax),
  );
}
