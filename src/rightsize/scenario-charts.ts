/**
 * The before/after charts of rightsize.html, as vega-lite specs in the report's style (its
 * config, colours and time axis): the fleet's billed nodes over time for today and each policy,
 * the cost of each run, and each workload's cpu and memory request per run.
 */
import type { TopLevelSpec } from 'vega-lite';
import { linesLayer, panel, type Frame, type PanelSpec } from '../report/charts/layers.ts';
import { longRows, niceMax } from '../report/charts/points.ts';
import { WIDE_SIZE } from '../report/charts/run-charts.ts';
import { CHART_CONFIG } from '../report/charts/theme.ts';
import { runStyle } from '../report/compare/charts.ts';
import { runsOf } from './comparison-tables.ts';
import type { ScenarioRightsize } from './scenario-rightsize.ts';

const MAX_POINTS = 600;

export const runColor = (i: number): string => runStyle(i).color;

export function nodesOverTime(r: ScenarioRightsize): PanelSpec {
  const runs = runsOf(r);
  const peak = Math.max(1, ...runs.map((x) => x.row.figures.peakNodes));
  const f: Frame = { startSec: 0, endSec: r.scenario.durationSec, ...WIDE_SIZE, yTitle: 'nodes billed (fleet)', yMax: niceMax(peak * 1.15), yFormat: ',d', layers: [] };
  const rows = runs.flatMap((x) => longRows(x.row.figures.nodes.timeSec, [{ key: x.label, values: x.row.figures.nodes.billed }], MAX_POINTS));
  f.layers = [linesLayer(rows, runs.map((x, i) => ({ ...runStyle(i), key: x.label })))];
  return panel(f);
}

/** Bars per run, or per group (a workload) with a bar per run inside; `groups` in the scenario's order. */
function bars(values: { run: string; v: number; group?: string }[], yTitle: string, domain: string[], format: string, groups?: string[]): TopLevelSpec {
  const grouped = groups !== undefined;
  return {
    ...WIDE_SIZE,
    autosize: { type: 'fit', contains: 'padding' },
    config: CHART_CONFIG,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: grouped
        ? { field: 'group', type: 'nominal', title: null, sort: groups, axis: { labelAngle: 0 } }
        : { field: 'run', type: 'nominal', title: null, sort: domain, axis: { labelAngle: 0, labelOverlap: false } },
      ...(grouped ? { xOffset: { field: 'run', type: 'nominal', sort: domain } } : {}),
      y: { field: 'v', type: 'quantitative', title: yTitle, axis: { format } },
      color: { field: 'run', type: 'nominal', scale: { domain, range: domain.map((_, i) => runColor(i)) }, legend: null },
    },
  } as unknown as TopLevelSpec;
}

export function costBars(r: ScenarioRightsize): TopLevelSpec {
  const runs = runsOf(r);
  return bars(runs.map((x) => ({ run: x.label, v: x.row.figures.cost })), `node cost (${r.baseline.figures.currency})`, runs.map((x) => x.label), ',.2f');
}

export function requestBars(r: ScenarioRightsize, resource: 'cpu' | 'memory'): TopLevelSpec {
  const runs = runsOf(r);
  const values = r.scenario.workloads.flatMap((w) =>
    runs.map((x) => {
      const q = x.row.applied.requests[w.name];
      return { run: x.label, group: w.name, v: resource === 'cpu' ? q.cpuMilli : q.memoryBytes / 2 ** 20 };
    }),
  );
  return bars(values, resource === 'cpu' ? 'cpu request (millicores)' : 'memory request (MiB)', runs.map((x) => x.label), ',d', r.scenario.workloads.map((w) => w.name));
}
