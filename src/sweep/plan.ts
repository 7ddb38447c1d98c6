/**
 * A sweep before it runs: the scenario read once, the grid, the shard, the manifest, and the
 * scenario of every grid point built and validated up front, so a bad value fails before the
 * first run rather than an hour into the sweep.
 */
import { formatError, HeadroomError } from '../errors.ts';
import { buildScenario, parseScenarioDocument, parseSet, readScenarioFile, scenarioHash, type Scenario } from '../scenario/index.ts';
import type { ReadScope } from '../input/files.ts';
import { cellAt, makeGrid, pointAt, pointCount, pointLabel, pointSets, type Grid } from './grid.ts';
import { buildManifest, type SweepManifest } from './manifest.ts';
import type { Shard } from './shard.ts';
import { parseVary } from './vary.ts';

export interface SweepArgs {
  /** scenario YAML file */
  file: string;
  /** `path=range|list|value`, one per axis */
  vary: readonly string[];
  /** `path=value` overrides applied before the grid */
  sets?: readonly string[];
  /** seeds per grid point (default 1): the scenario seed + 0..n-1 */
  seeds?: number;
  shard?: Shard | null;
  /** where the scenario's files may be read from */
  reads?: ReadScope;
  /**
   * Told the base scenario and the number of runs once both are known, before the grid and its
   * scenarios are built (a budget check: `--seeds 1000000000` must fail here, not out of memory).
   */
  onPlanned?: (base: Scenario, runs: number) => void;
}

export interface SweepPlan {
  /** the scenario after `--set`, before `--vary` */
  base: Scenario;
  grid: Grid;
  shard: Shard | null;
  manifest: SweepManifest;
  /** what one cell runs: its grid point's scenario with its seed */
  scenarioFor(cell: number): Scenario;
}

export function planSweep(args: SweepArgs): SweepPlan {
  const sets = [...(args.sets ?? [])];
  const axes = args.vary.map(parseVary);
  const setPaths = new Set(sets.map((s) => parseSet(s).path.join('.')));
  for (const a of axes) {
    if (setPaths.has(a.path)) throw new HeadroomError('usage', `${a.path} is given by both --set and --vary: keep one`, { path: a.path });
  }

  const doc = parseScenarioDocument(readScenarioFile(args.file, args.reads), args.file);
  const base = buildScenario(doc, { sets, reads: args.reads });
  args.onPlanned?.(base, axes.reduce((n, a) => n * a.values.length, 1) * (args.seeds ?? 1));
  const grid = makeGrid(axes, base.seed, args.seeds ?? 1);

  const points: Scenario[] = [];
  for (let i = 0; i < pointCount(grid); i++) {
    const point = pointAt(grid, i);
    try {
      points.push(buildScenario(doc, { sets, varied: pointSets(grid, point), reads: args.reads }));
    } catch (e) {
      if (e instanceof HeadroomError) {
        throw new HeadroomError(e.code, `with --vary ${pointLabel(grid, point)}: ${formatError(e)}`);
      }
      throw e;
    }
  }

  const shard = args.shard ?? null;
  return {
    base,
    grid,
    shard,
    manifest: buildManifest({ scenario: base.name, scenarioHash: scenarioHash(base), sets, grid, shard }),
    scenarioFor(index) {
      const cell = cellAt(grid, index);
      return { ...points[cell.point], seed: cell.seed };
    },
  };
}
