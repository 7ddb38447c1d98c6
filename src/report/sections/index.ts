/**
 * The page's chart sections, as vega-lite specs with their legends: per cluster traffic,
 * latency, nodes and pods; a close-up of the moment the run went worst; cost and traffic share
 * for the fleet.
 */
import type { ChartContext } from '../charts/run-charts.ts';
import type { RunData } from '../types.ts';
import { closeUpSection } from './close-up.ts';
import { fleetSection } from './fleet.ts';
import { latencySection, nodesSection, podsSection, trafficSection } from './per-cluster.ts';
import type { ChartSection } from './types.ts';

export type { Chart, ChartSection, LegendItem, LegendKind } from './types.ts';

export function chartSections(run: RunData, ctx: ChartContext): ChartSection[] {
  const all = run.series;
  if (all.length === 0) return [];
  const sections = [trafficSection(all, ctx), latencySection(all, ctx), nodesSection(all, ctx), podsSection(all, ctx), closeUpSection(all, ctx), fleetSection(all, ctx)];
  return sections.filter((s): s is ChartSection => s !== undefined);
}
