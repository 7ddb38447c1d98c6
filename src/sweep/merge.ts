/**
 * `headroom merge`: shard folders -> one sweep folder. The folders must hold the same sweep (their
 * manifests agree on everything but the shard), no run may be in two of them, and together they
 * must hold every cell. The result is what the unsharded sweep would have written: manifest
 * without a shard, runs.jsonl in grid order, and the same sweep.csv and sweep.json bytes.
 */
import { join, resolve } from 'node:path';
import { HeadroomError } from '../errors.ts';
import { makeFolder, writeFileAtomic } from '../report/write.ts';
import { cellAt, pointAt, pointLabel, type Grid } from './grid.ts';
import { manifestDifferences, MANIFEST_FILE, readManifest, writeManifest, type SweepManifest } from './manifest.ts';
import { sweepRows, writeSweepOutputs, type SweepRow } from './outputs.ts';
import { readRunsLog, RUNS_FILE, type RunRecord } from './runs-log.ts';
import { formatShard, inShard, shardCells } from './shard.ts';
import { varyValue } from './vary.ts';

export interface MergeOutcome {
  manifest: SweepManifest;
  grid: Grid;
  rows: SweepRow[];
  written: string[];
}

/** How many missing cells a message names before it says "and N more". */
const SHOWN = 5;

export function gridOfManifest(m: SweepManifest): Grid {
  return {
    axes: m.vary.map((v) => ({ path: v.path, spec: v.values.join(','), values: v.values.map(varyValue) })),
    seeds: [...m.seeds],
  };
}

export function mergeSweeps(dirs: readonly string[], outDir: string): MergeOutcome {
  if (dirs.length === 0) throw new HeadroomError('usage', 'merge needs at least one sweep folder');
  const out = resolve(outDir);
  for (const d of dirs) {
    if (resolve(d) === out) throw new HeadroomError('usage', `--out ${outDir} is also one of the folders to merge: write the merged sweep elsewhere`);
  }
  const manifests = dirs.map((d) => {
    const m = readManifest(d);
    if (!m) throw new HeadroomError('usage', `${d} is not a sweep folder (it has no ${MANIFEST_FILE})`);
    return m;
  });
  const first = manifests[0];
  manifests.forEach((m, i) => {
    const diffs = manifestDifferences(first, m, { compareShard: false });
    if (diffs.length > 0) throw new HeadroomError('usage', `${dirs[i]} holds a different sweep from ${dirs[0]}: ${diffs.join('; ')}`);
  });
  const grid = gridOfManifest(first);

  const owner = new Map<number, number>();
  const runs = new Map<number, RunRecord>();
  dirs.forEach((dir, d) => {
    const shard = manifests[d].shard;
    readRunsLog(dir).records.forEach((r, i) => {
      const where = { file: join(dir, RUNS_FILE), line: i + 1 };
      if (r.cell < 0 || r.cell >= first.cells || !inShard(r.cell, shard)) {
        throw new HeadroomError('io', `run of cell ${r.cell} is not part of this folder's ${shard ? `shard ${formatShard(shard)}` : 'sweep'}`, where);
      }
      if (cellAt(grid, r.cell).seed !== r.seed) throw new HeadroomError('io', `run of cell ${r.cell} has seed ${r.seed}, not ${cellAt(grid, r.cell).seed}`, where);
      const had = owner.get(r.cell);
      if (had !== undefined && had !== d) {
        throw new HeadroomError(
          'usage',
          `${dirs[had]} and ${dir} both hold the run ${describeCell(grid, r.cell)}: the folders overlap (the same shard twice, or a shard and the whole sweep)`,
        );
      }
      if (had === undefined) {
        owner.set(r.cell, d);
        runs.set(r.cell, r);
      }
    });
  });

  const all = shardCells(first.cells, null);
  const missing = all.filter((c) => !runs.has(c));
  if (missing.length > 0) throw new HeadroomError('usage', gapMessage(missing, all.length, grid, dirs, manifests));

  makeFolder(out);
  const existing = readManifest(out);
  const manifest: SweepManifest = { ...first, shard: null };
  if (existing && manifestDifferences(existing, manifest, { compareShard: true }).length > 0) {
    throw new HeadroomError('usage', `${outDir} already holds a different sweep: give another --out`);
  }
  const rows = sweepRows(grid, runs, all);
  writeManifest(out, manifest);
  writeFileAtomic(join(out, RUNS_FILE), all.map((c) => `${JSON.stringify(runs.get(c))}\n`).join(''));
  const written = writeSweepOutputs(out, { scenario: first.scenario, scenarioHash: first.scenarioHash, grid, shard: null }, rows);
  return { manifest, grid, rows, written };
}

function describeCell(grid: Grid, index: number): string {
  const cell = cellAt(grid, index);
  return `${pointLabel(grid, pointAt(grid, cell.point))}, seed ${cell.seed} (cell ${index})`;
}

/** Which shards are absent or unfinished, then the first missing runs by name. */
function gapMessage(missing: number[], total: number, grid: Grid, dirs: readonly string[], manifests: SweepManifest[]): string {
  const parts: string[] = [`${missing.length} of ${total} runs are missing`];
  const counts = new Set(manifests.map((m) => m.shard?.count ?? 0));
  if (counts.size === 1 && !counts.has(0)) {
    const n = [...counts][0];
    const present = new Set(manifests.map((m) => m.shard!.index));
    const absent = Array.from({ length: n }, (_, i) => i).filter((i) => !present.has(i));
    if (absent.length > 0) parts.push(`no folder given for shard${absent.length === 1 ? '' : 's'} ${absent.map((i) => `${i}/${n}`).join(', ')}`);
  }
  const gap = new Set(missing);
  manifests.forEach((m, d) => {
    const own = shardCells(m.cells, m.shard);
    const gone = own.filter((c) => gap.has(c)).length;
    if (gone > 0) parts.push(`${dirs[d]}${m.shard ? ` (shard ${formatShard(m.shard)})` : ''} is unfinished: ${own.length - gone} of ${own.length} runs (run the same sweep command again there to finish it)`);
  });
  const shown = missing.slice(0, SHOWN).map((c) => describeCell(grid, c));
  parts.push(`missing: ${shown.join('; ')}${missing.length > SHOWN ? `; and ${missing.length - SHOWN} more` : ''}`);
  return parts.join('; ');
}
