/** The fleet-wide section: cost per hour stacked by cluster, and the traffic share when it moved. */
import { costChart, shareChart, shareMoved } from '../charts/run-charts.ts';
import type { ChartContext } from '../charts/run-charts.ts';
import { clusterColor } from '../charts/theme.ts';
import type { ClusterSeries } from '../types.ts';
import { timeMarks } from './legend.ts';
import type { Chart, ChartSection } from './types.ts';

export function fleetSection(all: ClusterSeries[], ctx: ChartContext): ChartSection | undefined {
  const a = ctx.annotations;
  const charts: Chart[] = [];
  const cost = costChart(ctx, all);
  if (cost) charts.push({ title: 'Cost per hour, stacked by cluster', spec: cost });
  const shifted = a.shifts.length > 0 || a.outages.length > 0 || shareMoved(all);
  const share = shifted ? shareChart(ctx, all) : undefined;
  if (share) charts.push({ title: 'Traffic share of each cluster', spec: share });
  if (charts.length === 0) return undefined;
  return {
    id: 'fleet',
    short: share ? 'Cost and share' : 'Cost',
    title: share ? 'Cost and traffic share' : 'Cost',
    note: share
      ? 'Nodes are billed from the moment they are asked for. The share shows where traffic went during shifts and outages.'
      : 'Nodes are billed from the moment they are asked for. No traffic shift or outage happened in this run.',
    legend: [...all.map((cs, i) => ({ label: cs.cluster, color: clusterColor(i), kind: 'band' as const })), ...timeMarks(ctx)],
    wide: true,
    charts,
  };
}
