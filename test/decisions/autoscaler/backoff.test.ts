import { describe, expect, it } from 'vitest';
import { backoffAfterFailure, isBackedOff, withoutStale, type NodeGroupBackoff } from '../../../src/decisions/autoscaler/backoff.ts';
import { NODE_GROUP_BACKOFF } from '../../../src/decisions/defaults.ts';

const o = NODE_GROUP_BACKOFF;

/** Fails the group at each time in turn; returns the backoff each failure set, in minutes. */
function sequence(times: readonly number[]): number[] {
  let b: NodeGroupBackoff | null = null;
  return times.map((t) => {
    b = withoutStale(b, t, o);
    b = backoffAfterFailure(b, t, o);
    return b.durationSec / 60;
  });
}

describe('node-group backoff (cluster-autoscaler utils/backoff/exponential_backoff.go)', () => {
  it('has the flags defaults: 5 m initial, 30 m max, reset after 3 h', () => {
    expect(o).toEqual({ initialSec: 300, maxSec: 1800, resetTimeoutSec: 10_800 });
  });

  it('doubles with each failure after the last backoff ended: 5 -> 10 -> 20 -> 30 -> 30 m', () => {
    // each failure comes 15 m (maxNodeProvisionTime) after the scale-up the backoff's end allowed:
    // 0 (5 m, until 5 m), 20 m (10 m, until 30 m), 45 m (20 m, until 65 m), 80 m (40 capped to 30), 125 m
    expect(sequence([0, 1200, 2700, 4800, 7500])).toEqual([5, 10, 20, 30, 30]);
  });

  it('does not double for failures while still backed off (several nodes of one scale-up)', () => {
    // 0: 5 m until 300; 100 and 200 are inside it: the same 5 m from then; 600 is after 500: 10 m
    expect(sequence([0, 100, 200, 600])).toEqual([5, 5, 5, 10]);
    // a failure at the very instant a backoff ends comes after it: 0 (until 300), 300: 10 m
    expect(sequence([0, 300])).toEqual([5, 10]);
  });

  it('starts again from 5 m after 3 h without a failure', () => {
    // 0: 5; 600: 10; 600 + 3 h + 1 s: the record is stale, forgotten, so 5 again
    expect(sequence([0, 600, 600 + 10_801])).toEqual([5, 10, 5]);
    // exactly at the timeout it is not yet stale (the autoscaler compares with Before)
    expect(sequence([0, 600, 600 + 10_800])).toEqual([5, 10, 20]);
  });

  it('backs off until now + duration, and not at that instant', () => {
    const b = backoffAfterFailure(null, 100, o);
    expect(b).toEqual({ durationSec: 300, untilSec: 400, lastFailedSec: 100 });
    expect(isBackedOff(b, 399)).toBe(true);
    expect(isBackedOff(b, 400)).toBe(false);
    expect(isBackedOff(null, 0)).toBe(false);
  });
});
