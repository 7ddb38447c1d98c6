import { describe, expect, it } from 'vitest';
import { maxSurge, maxUnavailable, resolveFenceposts } from '../../../src/decisions/deployment/index.ts';
import { count, percent } from './fixtures.ts';

describe('ResolveFenceposts (util/deployment_util_test.go TestResolveFenceposts)', () => {
  it.each([
    // both 0% of 0: nothing could move, so one pod may be unavailable
    ['0%', '0%', 0, 0, 1],
    // 39% of 10 = 3.9: surge rounds up to 4, unavailable down to 3
    ['39%', '39%', 10, 4, 3],
    // 25% of 8 = 2 either way
    ['25%', '25%', 8, 2, 2],
    // 10% of 5 = 0.5: surge 1, unavailable 0
    ['10%', '10%', 5, 1, 0],
    // counts are taken as they are
    [3, 2, 10, 3, 2],
    [1, 1, 2, 1, 1],
    // 0 and 0 as counts resolve like 0%: the API refuses them written so, the arithmetic gives 1
    [0, 0, 10, 0, 1],
  ])('maxSurge %s, maxUnavailable %s of %i -> surge %i, unavailable %i', (s, u, desired, surge, unavailable) => {
    const v = (x: string | number) => (typeof x === 'number' ? count(x) : percent(Number(x.slice(0, -1))));
    expect(resolveFenceposts(v(s), v(u), desired)).toEqual({ surge, unavailable });
  });
});

describe('MaxUnavailable and MaxSurge (TestMaxUnavailable)', () => {
  it.each([
    // more than the replicas is capped at the replicas
    ['maxUnavailable greater than replicas', 5, count(0), count(10), 5],
    ['maxUnavailable 0, surge 1', 10, count(1), count(0), 0],
    ['maxUnavailable less than replicas', 10, count(0), count(5), 5],
    ['percentage maxUnavailable', 10, percent(0), percent(30), 3],
    ['no replicas', 0, count(0), count(5), 0],
  ])('%s', (_label, replicas, s, u, want) => {
    expect(maxUnavailable({ replicas, strategy: { type: 'RollingUpdate', maxSurge: s, maxUnavailable: u } })).toBe(want);
  });

  it('Recreate surges nothing and has nothing unavailable by rule', () => {
    expect(maxSurge({ replicas: 10, strategy: { type: 'Recreate' } })).toBe(0);
    expect(maxUnavailable({ replicas: 10, strategy: { type: 'Recreate' } })).toBe(0);
  });
});
