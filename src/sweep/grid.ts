/**
 * The grid of a sweep: every combination of the varied values (the first `--vary` outermost, as
 * nested loops would go) times the seeds (innermost). A cell is one run; its index is its place
 * in that order, which is the order of rows in sweep.csv whatever order the runs finish in.
 */
import { HeadroomError } from '../errors.ts';
import type { VaryAxis, VaryValue } from './vary.ts';

/** A sweep with more runs than this is almost surely a typo in a range. */
export const MAX_CELLS = 10_000_000;

export interface Grid {
  axes: VaryAxis[];
  /** the seeds, in order: the scenario seed + 0..n-1 */
  seeds: number[];
}

export interface GridPoint {
  /** place among the grid points (combinations of varied values, seeds left out) */
  index: number;
  /** one value per axis, in axis order */
  choice: VaryValue[];
}

export interface Cell {
  index: number;
  point: number;
  seedIndex: number;
  seed: number;
}

export function makeGrid(axes: VaryAxis[], baseSeed: number, seedCount: number): Grid {
  if (!Number.isSafeInteger(seedCount) || seedCount < 1) {
    throw new HeadroomError('usage', `--seeds must be a whole number of at least 1, got ${seedCount}`);
  }
  const paths = new Set<string>();
  for (const a of axes) {
    if (paths.has(a.path)) throw new HeadroomError('usage', `--vary ${a.path} is given twice: list every value in one --vary`, { path: a.path });
    paths.add(a.path);
  }
  // Counted before the seeds are listed: a billion seeds must be refused, not allocated.
  const cells = axes.reduce((n, a) => n * a.values.length, 1) * seedCount;
  if (cells > MAX_CELLS) {
    throw new HeadroomError('usage', `the sweep has ${cells.toLocaleString('en-US')} runs, more than ${MAX_CELLS.toLocaleString('en-US')}: check the ranges and --seeds`);
  }
  return { axes, seeds: Array.from({ length: seedCount }, (_, k) => baseSeed + k) };
}

export function pointCount(grid: Grid): number {
  return grid.axes.reduce((n, a) => n * a.values.length, 1);
}

export function cellCount(grid: Grid): number {
  return pointCount(grid) * grid.seeds.length;
}

/** The grid point at `index`: mixed-radix digits, the last axis changing fastest. */
export function pointAt(grid: Grid, index: number): GridPoint {
  const choice: VaryValue[] = new Array(grid.axes.length);
  let rest = index;
  for (let i = grid.axes.length - 1; i >= 0; i--) {
    const n = grid.axes[i].values.length;
    choice[i] = grid.axes[i].values[rest % n];
    rest = Math.floor(rest / n);
  }
  return { index, choice };
}

export function cellAt(grid: Grid, index: number): Cell {
  const n = grid.seeds.length;
  const seedIndex = index % n;
  return { index, point: Math.floor(index / n), seedIndex, seed: grid.seeds[seedIndex] };
}

/** `--set` texts that turn the base scenario into this grid point. */
export function pointSets(grid: Grid, point: GridPoint): string[] {
  return grid.axes.map((a, i) => `${a.path}=${point.choice[i].text}`);
}

/** `{path: value}` of a grid point, typed as YAML reads the text. */
export function pointValues(grid: Grid, point: GridPoint): Record<string, unknown> {
  return Object.fromEntries(grid.axes.map((a, i) => [a.path, point.choice[i].value]));
}

/** `replicasPerCluster=40, expander=price`: short enough for a sentence or a chart label. */
export function pointLabel(grid: Grid, point: GridPoint): string {
  if (grid.axes.length === 0) return 'the scenario as written';
  const names = axisNames(grid);
  return grid.axes.map((_, i) => `${names[i]}=${point.choice[i].text}`).join(', ');
}

/** Each axis by its last key, or by its whole path when two axes would read alike. */
export function axisNames(grid: Grid): string[] {
  const short = grid.axes.map((a) => shortPath(a.path));
  return short.length === new Set(short).size ? short : grid.axes.map((a) => a.path);
}

/** The last key of a path that is not a list index: `overprovisioner.0.replicasPerCluster` -> `replicasPerCluster`. */
export function shortPath(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  return parts[parts.length - 1] ?? path;
}
