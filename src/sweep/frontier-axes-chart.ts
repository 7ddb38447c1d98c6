/**
 * The two-axis frontier as a vega-lite spec: for each value of the second axis (across, in the
 * order given), the smallest value of the first that meets the SLOs, a point on a line, labelled
 * with its cost per month. Only for a numeric first axis; a value of the second where nothing
 * meets has "none meets" at the top of its column instead of a point.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, COLORS } from '../report/charts/theme.ts';
import { shortPath } from './grid.ts';
import type { Frontier } from './frontier.ts';

export function frontierAxesSpec(f: Frontier, currency: string): TopLevelSpec | undefined {
  if (!f.rows.every((r) => r.value === null || typeof r.value === 'number')) return undefined;
  const order = f.rows.map((r) => String(r.by));
  const rows = f.rows
    .filter((r) => r.value !== null)
    .map((r) => ({
      by: String(r.by),
      value: r.value as number,
      cost: r.costPerMonthMean === null || !Number.isFinite(r.costPerMonthMean) ? '' : `${Math.round(r.costPerMonthMean).toLocaleString('en-US')} ${currency}/month`,
    }));
  const x = { field: 'by', type: 'ordinal', sort: order, scale: { domain: order }, axis: { title: f.by, labelAngle: 0 } };
  const y = { field: 'value', type: 'quantitative', scale: { zero: true, nice: true }, axis: { title: `smallest ${shortPath(f.path)} that meets`, grid: true } };
  return {
    width: 680,
    height: 300,
    config: CHART_CONFIG,
    data: { values: rows },
    layer: [
      { mark: { type: 'line', color: '#3366b0' }, encoding: { x, y } },
      { mark: { type: 'point', filled: true, size: 70, color: '#2b8a3e', opacity: 1 }, encoding: { x, y } },
      { mark: { type: 'text', dy: -10, fontSize: 10, color: '#57606a' }, encoding: { x, y, text: { field: 'cost' } } },
      // where nothing meets, a word at the top of the column instead of a point
      {
        data: { values: f.rows.filter((r) => r.value === null).map((r) => ({ by: String(r.by), text: 'none meets' })) },
        mark: { type: 'text', baseline: 'top', dy: 4, fontSize: 10, color: COLORS.slo },
        encoding: { x, y: { value: 0 }, text: { field: 'text' } },
      },
    ],
  } as unknown as TopLevelSpec;
}
