/**
 * A sweep before it runs: the scenario read once, the grid, the shard, the manifest, and the
 * scenario of every grid point built and validated up front, so a bad value fails before the
 * first run rather than an hour into the sweep.
 */
import { readFileSync } from 'node:fs';
import { formatError, HeadroomError } from '../errors.ts';
import { buildScenario, parseScenarioDocument, parseSet, scenarioHash, type Scenario } from '../scenario/index.ts';
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

  const doc = parseScenarioDocument(readScenarioText(args.file), args.file);
  const base = buildScenario(doc, { sets });
  const grid = makeGrid(axes, base.seed, args.seeds ?? 1);

  const points: Scenario[] = [];
  for (let i = 0; i < pointCount(grid); i++) {
    const point = pointAt(grid, i);
    try {
      points.push(buildScenario(doc, { sets, varied: pointSets(grid, point) }));
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

function readScenarioText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new HeadroomError('io', `cannot read the scenario: ${why}`, { file });
  }
}
