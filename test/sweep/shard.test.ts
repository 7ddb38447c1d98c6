import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveShard, shardCells } from '../../src/sweep/shard.ts';

describe('resolveShard', () => {
  it.each([
    [{}, null],
    [{ shard: '0/4' }, { index: 0, count: 4 }],
    [{ shard: '3/4' }, { index: 3, count: 4 }],
    // --shard i/n wins over the environment
    [{ shard: '1/4', completionIndex: '2' }, { index: 1, count: 4 }],
    // only the count: the index comes from the Indexed Job
    [{ shard: '/4', completionIndex: '2' }, { index: 2, count: 4 }],
    [{ shards: '8', completionIndex: '7' }, { index: 7, count: 8 }],
    [{ shards: 1, completionIndex: '0' }, { index: 0, count: 1 }],
  ])('%j -> %j', (args, want) => {
    expect(resolveShard(args)).toEqual(want);
  });

  it.each([
    [{ shard: '4/4' }, /out of range: with 4 shards it goes from 0 to 3/],
    [{ shard: '1-4' }, /expected i\/n/],
    [{ shard: '0/0' }, /at least 1/],
    [{ shard: '/4' }, /JOB_COMPLETION_INDEX/],
    [{ shards: '4' }, /JOB_COMPLETION_INDEX/],
    [{ shards: '4', completionIndex: 'x' }, /not a whole number/],
    [{ shards: '4', completionIndex: '4' }, /out of range/],
    [{ shard: '0/2', shards: '2' }, /give one of them/],
  ])('refuses %j', (args, message) => {
    expect(() => resolveShard(args)).toThrow(message);
  });
});

describe('shardCells', () => {
  it('deals cells out in turn', () => {
    // 10 cells over 3 shards: i mod 3
    expect(shardCells(10, { index: 0, count: 3 })).toEqual([0, 3, 6, 9]);
    expect(shardCells(10, { index: 1, count: 3 })).toEqual([1, 4, 7]);
    expect(shardCells(10, { index: 2, count: 3 })).toEqual([2, 5, 8]);
    expect(shardCells(4, null)).toEqual([0, 1, 2, 3]);
  });

  it('gives disjoint slices that cover the grid, of sizes within one of each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 40 }), (total, count) => {
        const slices = Array.from({ length: count }, (_, index) => shardCells(total, { index, count }));
        const all = slices.flat().sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: total }, (_, i) => i));
        const sizes = slices.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
