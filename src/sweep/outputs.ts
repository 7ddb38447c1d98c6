/**
 * sweep.csv and sweep.json: one row per run in grid order, with the varied values, the seed and
 * every key number. Nothing in them depends on the clock, the worker count or the order runs
 * finished in, so the same sweep gives the same bytes, sharded and merged or not.
 */
import { join } from 'node:path';
import { csvField } from '../report/csv.ts';
import { writeFileAtomic } from '../report/write.ts';
import { cellAt, pointAt, pointValues, type Grid } from './grid.ts';
import { METRIC_COLUMNS, type RunMetrics } from './metrics.ts';
import type { RunRecord } from './runs-log.ts';
import type { Shard } from './shard.ts';

export const SWEEP_CSV = 'sweep.csv';
export const SWEEP_JSON = 'sweep.json';

export interface SweepRow {
  cell: number;
  /** grid point index (the combination of varied values) */
  point: number;
  /** the varied values as written, in axis order */
  texts: string[];
  /** `{path: value}` */
  values: Record<string, unknown>;
  seed: number;
  metrics: RunMetrics;
}

export interface SweepInfo {
  scenario: string;
  scenarioHash: string;
  grid: Grid;
  shard: Shard | null;
}

/** Rows for the given cells (grid order), from the finished runs keyed by cell. */
export function sweepRows(grid: Grid, runs: ReadonlyMap<number, RunRecord>, cells: readonly number[]): SweepRow[] {
  return cells.map((index) => {
    const cell = cellAt(grid, index);
    const point = pointAt(grid, cell.point);
    const run = runs.get(index);
    if (!run) throw new Error(`sweep row for cell ${index} requested before its run finished`);
    return {
      cell: index,
      point: cell.point,
      texts: point.choice.map((c) => c.text),
      values: pointValues(grid, point),
      seed: cell.seed,
      metrics: run.metrics,
    };
  });
}

export function sweepCsv(grid: Grid, rows: readonly SweepRow[]): string {
  const header = [...grid.axes.map((a) => a.path), 'seed', ...METRIC_COLUMNS];
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) {
    lines.push([...r.texts.map(csvField), String(r.seed), ...METRIC_COLUMNS.map((k) => numberField(r.metrics[k]))].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function sweepJson(info: SweepInfo, rows: readonly SweepRow[]): string {
  const doc = {
    scenario: info.scenario,
    scenarioHash: info.scenarioHash,
    vary: info.grid.axes.map((a) => ({ path: a.path, values: a.values.map((v) => v.value) })),
    seeds: info.grid.seeds,
    ...(info.shard ? { shard: info.shard } : {}),
    columns: METRIC_COLUMNS,
    rows: rows.map((r) => ({
      values: r.values,
      seed: r.seed,
      metrics: Object.fromEntries(METRIC_COLUMNS.map((k) => [k, r.metrics[k] ?? null])),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Writes both files atomically; returns their paths. */
export function writeSweepOutputs(dir: string, info: SweepInfo, rows: readonly SweepRow[]): string[] {
  const csv = join(dir, SWEEP_CSV);
  const json = join(dir, SWEEP_JSON);
  writeFileAtomic(csv, sweepCsv(info.grid, rows));
  writeFileAtomic(json, sweepJson(info, rows));
  return [csv, json];
}

function numberField(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}
