/**
 * Runs a planned sweep into a folder, resumably. The folder's manifest must match the plan (or
 * the folder is new); runs already in runs.jsonl are kept and only the missing cells run. Each
 * finished run is appended to runs.jsonl at once; sweep.csv and sweep.json are written when the
 * last cell of the shard is in. The runner is injected: a worker pool in the CLI, a plain
 * function in tests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HeadroomError } from '../errors.ts';
import { makeFolder } from '../report/write.ts';
import type { Scenario } from '../scenario/index.ts';
import { cellAt, pointAt, pointLabel } from './grid.ts';
import { manifestDifferences, readManifest, writeManifest } from './manifest.ts';
import type { RunMetrics } from './metrics.ts';
import { sweepRows, writeSweepOutputs, type SweepRow } from './outputs.ts';
import type { SweepPlan } from './plan.ts';
import { openRunsLog, readRunsLog, RUNS_FILE, type RunRecord } from './runs-log.ts';
import { formatShard, inShard, shardCells } from './shard.ts';

/** Runs one cell's scenario and returns its key numbers. Should stop early when `signal` aborts. */
export type CellRunner = (scenario: Scenario, signal: AbortSignal) => Promise<RunMetrics>;

export interface SweepProgress {
  /** runs of this shard finished, resumed ones included */
  done: number;
  /** runs in this shard */
  total: number;
  /** of `done`, how many were found in runs.jsonl at the start */
  resumed: number;
}

export interface ExecuteOptions {
  outDir: string;
  runner: CellRunner;
  /** runs in flight at once (default 1) */
  concurrency?: number;
  /** stops handing out runs; runs in flight are asked to stop and the folder stays resumable */
  signal?: AbortSignal;
  onProgress?: (p: SweepProgress) => void;
  /** run (and write sweep.csv for) only these cells of the shard, in grid order: a search's probes */
  cells?: readonly number[];
}

export interface SweepOutcome {
  /** false when the signal stopped the sweep before every cell was in */
  complete: boolean;
  total: number;
  resumed: number;
  /** runs finished by this call */
  ran: number;
  /** every row of the shard in grid order (empty unless complete) */
  rows: SweepRow[];
  /** files written (sweep.csv, sweep.json) when complete */
  written: string[];
}

export async function executeSweep(plan: SweepPlan, opts: ExecuteOptions): Promise<SweepOutcome> {
  const { outDir } = opts;
  prepareFolder(plan, outDir);
  const finished = loadFinished(plan, outDir);
  const cells = opts.cells ? opts.cells.filter((c) => inShard(c, plan.shard)) : shardCells(plan.manifest.cells, plan.shard);
  const todo = cells.filter((c) => !finished.has(c));
  const resumed = cells.length - todo.length;
  let done = resumed;
  let ran = 0;
  opts.onProgress?.({ done, total: cells.length, resumed });

  const inner = new AbortController();
  const stop = () => inner.abort(opts.signal?.reason);
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener('abort', stop, { once: true });
  let failure: unknown;
  let next = 0;
  const log = openRunsLog(outDir);

  const lane = async (): Promise<void> => {
    while (!inner.signal.aborted && next < todo.length) {
      const index = todo[next++];
      const cell = cellAt(plan.grid, index);
      let metrics: RunMetrics;
      try {
        metrics = await opts.runner(plan.scenarioFor(index), inner.signal);
      } catch (e) {
        if (!inner.signal.aborted) {
          failure = withCell(e, plan, index);
          inner.abort(failure);
        }
        return;
      }
      const record: RunRecord = { cell: index, seed: cell.seed, metrics };
      log.append(record);
      finished.set(index, record);
      done++;
      ran++;
      opts.onProgress?.({ done, total: cells.length, resumed });
    }
  };

  try {
    const lanes = Math.max(1, Math.min(opts.concurrency ?? 1, todo.length));
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    log.close();
    opts.signal?.removeEventListener('abort', stop);
  }
  if (failure !== undefined) throw failure;

  if (done < cells.length) return { complete: false, total: cells.length, resumed, ran, rows: [], written: [] };
  const rows = sweepRows(plan.grid, finished, cells);
  const written = writeSweepOutputs(outDir, { scenario: plan.base.name, scenarioHash: plan.manifest.scenarioHash, grid: plan.grid, shard: plan.shard }, rows);
  return { complete: true, total: cells.length, resumed, ran, rows, written };
}

/** A new folder gets the manifest; an old one must hold this very sweep. */
function prepareFolder(plan: SweepPlan, outDir: string): void {
  makeFolder(outDir);
  const existing = readManifest(outDir);
  if (existing) {
    const diffs = manifestDifferences(existing, plan.manifest, { compareShard: true });
    if (diffs.length > 0) {
      throw new HeadroomError(
        'usage',
        `${outDir} holds runs of a different sweep, so it cannot be resumed with these arguments: ${diffs.join('; ')}. ` +
          'Give another --out, or delete the folder to start over',
      );
    }
    return;
  }
  if (existsSync(join(outDir, RUNS_FILE))) {
    throw new HeadroomError('usage', `${outDir} has ${RUNS_FILE} but no manifest.json, so whose runs they are is unknown: give another --out`);
  }
  writeManifest(outDir, plan.manifest);
}

/** The runs already in the folder, keyed by cell; each must belong to this sweep and shard. */
function loadFinished(plan: SweepPlan, outDir: string): Map<number, RunRecord> {
  const file = join(outDir, RUNS_FILE);
  const { records } = readRunsLog(outDir, { repair: true });
  const finished = new Map<number, RunRecord>();
  records.forEach((r, i) => {
    const where = { file, line: i + 1 };
    if (r.cell < 0 || r.cell >= plan.manifest.cells || !inShard(r.cell, plan.shard)) {
      const of = plan.shard ? ` of shard ${formatShard(plan.shard)}` : '';
      throw new HeadroomError('io', `run of cell ${r.cell} is not part of this sweep${of} (${plan.manifest.cells} cells)`, where);
    }
    if (cellAt(plan.grid, r.cell).seed !== r.seed) {
      throw new HeadroomError('io', `run of cell ${r.cell} has seed ${r.seed}, but that cell's seed is ${cellAt(plan.grid, r.cell).seed}`, where);
    }
    if (!finished.has(r.cell)) finished.set(r.cell, r);
  });
  return finished;
}

function withCell(e: unknown, plan: SweepPlan, index: number): unknown {
  if (!(e instanceof HeadroomError)) return e;
  const cell = cellAt(plan.grid, index);
  const label = pointLabel(plan.grid, pointAt(plan.grid, cell.point));
  return new HeadroomError(e.code, `run with ${label}, seed ${cell.seed}: ${e.message}`, e);
}
