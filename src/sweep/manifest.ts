/**
 * manifest.json: what a sweep folder holds runs of. It is written before the first run, so a
 * folder can be resumed only by the same sweep (same scenario after `--set`, same axes and values,
 * same seeds, same shard) and shards can be merged only with shards of the same sweep. The scenario
 * is identified by its hash, not its file name, so pods may mount it anywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HeadroomError } from '../errors.ts';
import { writeFileAtomic } from '../report/write.ts';
import { cellCount, type Grid } from './grid.ts';
import { formatShard, type Shard } from './shard.ts';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'headroom-sweep/1';

export interface SweepManifest {
  format: typeof MANIFEST_FORMAT;
  scenario: string;
  /** scenarioHash of the scenario after `--set`, before any `--vary` */
  scenarioHash: string;
  /** the `--set` flags, for people reading the file (the hash is what counts) */
  sets: string[];
  vary: { path: string; values: string[] }[];
  seeds: number[];
  /** runs in the whole grid (all shards) */
  cells: number;
  shard: Shard | null;
}

export function buildManifest(args: { scenario: string; scenarioHash: string; sets: string[]; grid: Grid; shard: Shard | null }): SweepManifest {
  return {
    format: MANIFEST_FORMAT,
    scenario: args.scenario,
    scenarioHash: args.scenarioHash,
    sets: [...args.sets],
    vary: args.grid.axes.map((a) => ({ path: a.path, values: a.values.map((v) => v.text) })),
    seeds: [...args.grid.seeds],
    cells: cellCount(args.grid),
    shard: args.shard,
  };
}

/**
 * How two manifests differ in what decides the runs, one phrase per difference (empty when they
 * describe the same sweep). The shard is compared only when asked: merging joins different shards.
 */
export function manifestDifferences(was: SweepManifest, now: SweepManifest, opts: { compareShard: boolean }): string[] {
  const out: string[] = [];
  if (was.format !== now.format) out.push(`the folder's format is ${was.format}, this headroom writes ${now.format}`);
  if (was.scenarioHash !== now.scenarioHash) {
    const setsNote = same(was.sets, now.sets) ? '' : ` (--set was ${listOrNone(was.sets)}, now ${listOrNone(now.sets)})`;
    out.push(`the scenario differs: ${was.scenario} hashed ${was.scenarioHash.slice(0, 12)}, now ${now.scenario} hashes ${now.scenarioHash.slice(0, 12)}${setsNote}`);
  }
  const wasPaths = was.vary.map((v) => v.path);
  const nowPaths = now.vary.map((v) => v.path);
  if (!same(wasPaths, nowPaths)) {
    out.push(`the varied keys differ: was ${listOrNone(wasPaths)}, now ${listOrNone(nowPaths)}`);
  } else {
    was.vary.forEach((v, i) => {
      if (!same(v.values, now.vary[i].values)) out.push(`the values of ${v.path} differ: was ${v.values.join(',')}, now ${now.vary[i].values.join(',')}`);
    });
  }
  if (!same(was.seeds, now.seeds)) out.push(`the seeds differ: was ${seedRange(was.seeds)}, now ${seedRange(now.seeds)}`);
  if (opts.compareShard && !sameShard(was.shard, now.shard)) {
    out.push(`the shard differs: was ${was.shard ? formatShard(was.shard) : 'none (the whole grid)'}, now ${now.shard ? formatShard(now.shard) : 'none (the whole grid)'}`);
  }
  return out;
}

export function readManifest(dir: string): SweepManifest | null {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new HeadroomError('manifest', `not a sweep manifest: ${(e as Error).message}`, { file });
  }
  const m = parsed as Partial<SweepManifest>;
  if (
    typeof m !== 'object' || m === null || typeof m.format !== 'string' || typeof m.scenarioHash !== 'string' ||
    !Array.isArray(m.vary) || !Array.isArray(m.seeds) || typeof m.cells !== 'number'
  ) {
    throw new HeadroomError('manifest', 'not a sweep manifest (format, scenarioHash, vary, seeds and cells are required)', { file });
  }
  return { ...m, sets: m.sets ?? [], shard: m.shard ?? null } as SweepManifest;
}

export function writeManifest(dir: string, manifest: SweepManifest): void {
  writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

function same(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameShard(a: Shard | null, b: Shard | null): boolean {
  return a === null || b === null ? a === b : a.index === b.index && a.count === b.count;
}

function listOrNone(xs: readonly string[]): string {
  return xs.length === 0 ? 'none' : xs.join(' ');
}

function seedRange(seeds: readonly number[]): string {
  if (seeds.length === 0) return 'none';
  const contiguous = seeds.every((s, i) => s === seeds[0] + i);
  return contiguous && seeds.length > 2 ? `${seeds[0]}..${seeds[seeds.length - 1]}` : seeds.join(',');
}
