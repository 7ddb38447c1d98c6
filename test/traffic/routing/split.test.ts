import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRates } from '../../../src/traffic/load.ts';
import { routeShares } from '../../../src/traffic/routing/shares.ts';
import { splitRates } from '../../../src/traffic/routing/split.ts';
import { SHARED_TRACES, sum, traceSpec } from '../fixtures.ts';

describe('splitRates', () => {
  it('conserves a real trace through drains and an outage with autoShift', async () => {
    const zones = ['az-a', 'az-b', 'az-c', 'az-d'];
    const durationSec = 86_400;
    const stepSec = 10;
    const rates = await loadRates(traceSpec(join(SHARED_TRACES, 'azure-functions-2019-1000fn-aggregate-per-minute.csv')), { durationSec, stepSec });
    const shares = routeShares(
      {
        weights: { 'az-a': 2 },
        shifts: [
          { atSec: 7200, cluster: 'az-b', action: 'drain', overSec: 60 },
          { atSec: 10_800, cluster: 'az-b', action: 'restore', overSec: 300 },
        ],
        outages: [{ atSec: 14_400, cluster: 'az-c', forSec: 1800, autoShift: true, detectionDelaySec: 30, shiftOverSec: 45, restoreDelaySec: 0 }],
      },
      zones,
      durationSec,
      stepSec,
    );
    const perCluster = splitRates(rates, shares);
    // SOURCES.md: 11,639,447 invocations in the day
    const total = sum(rates) * stepSec;
    expect(Math.abs(total - 11_639_447)).toBeLessThan(1);
    expect(Math.abs(perCluster.reduce((s, r) => s + sum(r), 0) * stepSec - total)).toBeLessThan(1e-6);
    // az-c gets nothing while it is out: [14,475 s, 16,200 s)
    expect(sum(perCluster[2].subarray(1448, 1620))).toBe(0);
  });
});

describe('a looped real trace', () => {
  it('carries its requests once per period', async () => {
    // 343 rows of 10 s: 3,430 s and 8,768 requests (SOURCES.md), played 3 times
    const rates = await loadRates(traceSpec(join(SHARED_TRACES, 'azure-llm-inference-2023-code-per-10s.csv'), { loop: true }), {
      durationSec: 3 * 3430,
      stepSec: 15,
    });
    expect(sum(rates) * 15).toBeCloseTo(3 * 8768, 6);
  });
});
