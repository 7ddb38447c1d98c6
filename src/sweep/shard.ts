/**
 * Shards: `--shard i/n` runs the cells whose index is i modulo n. Dealing cells out in turn (not
 * in blocks) gives every shard a fair share of the expensive corner of the grid, so n pods finish
 * at about the same time. The slices are disjoint and together cover the grid.
 */
import { HeadroomError } from '../errors.ts';

export interface Shard {
  /** 0..count-1 */
  index: number;
  count: number;
}

export interface ShardArgs {
  /** `--shard i/n` or `--shard /n` */
  shard?: string;
  /** `--shards n` */
  shards?: string | number;
  /** process.env.JOB_COMPLETION_INDEX, set in every pod of a Kubernetes Indexed Job */
  completionIndex?: string;
}

/**
 * The shard this process runs, or null for the whole grid. The index comes from `--shard i/n`,
 * or, when only the count is given (`--shard /n` or `--shards n`), from JOB_COMPLETION_INDEX.
 */
export function resolveShard(args: ShardArgs): Shard | null {
  if (args.shard !== undefined && args.shards !== undefined) {
    throw new HeadroomError('usage', '--shard and --shards: give one of them (--shard i/n, or --shards n with JOB_COMPLETION_INDEX)');
  }
  let indexText: string | undefined;
  let countText: string;
  if (args.shard !== undefined) {
    const m = /^\s*(\d*)\s*\/\s*(\S+)\s*$/.exec(args.shard);
    if (!m) throw new HeadroomError('usage', `--shard ${args.shard}: expected i/n (e.g. 0/4), or /n to take i from JOB_COMPLETION_INDEX`);
    indexText = m[1] === '' ? undefined : m[1];
    countText = m[2];
  } else if (args.shards !== undefined) {
    countText = String(args.shards);
  } else {
    return null;
  }
  const count = Number(countText);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new HeadroomError('usage', `the shard count must be a whole number of at least 1, got "${countText}"`);
  }
  let index: number;
  if (indexText !== undefined) {
    index = Number(indexText);
  } else {
    const env = args.completionIndex;
    if (env === undefined || env.trim() === '') {
      throw new HeadroomError('usage', `no shard index: give --shard i/${count}, or set JOB_COMPLETION_INDEX (a Kubernetes Indexed Job sets it in every pod)`);
    }
    index = Number(env);
    if (!/^\s*\d+\s*$/.test(env)) throw new HeadroomError('usage', `JOB_COMPLETION_INDEX="${env}" is not a whole number`);
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw new HeadroomError('usage', `shard index ${index} is out of range: with ${count} shards it goes from 0 to ${count - 1}`);
  }
  return { index, count };
}

export function inShard(cell: number, shard: Shard | null): boolean {
  return shard === null || cell % shard.count === shard.index;
}

/** The cells of one shard, in grid order. */
export function shardCells(total: number, shard: Shard | null): number[] {
  const out: number[] = [];
  const start = shard?.index ?? 0;
  const stride = shard?.count ?? 1;
  for (let i = start; i < total; i += stride) out.push(i);
  return out;
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
