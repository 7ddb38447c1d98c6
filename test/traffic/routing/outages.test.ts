import { describe, expect, it } from 'vitest';
import type { OutageSpec, RoutingSpec } from '../../../src/scenario/types.ts';
import { routingEvents } from '../../../src/traffic/routing/events.ts';
import { inOutage, outageWindows } from '../../../src/traffic/routing/outages.ts';

function outage(cluster: string, atSec: number, forSec: number, autoShift = true): OutageSpec {
  return { atSec, cluster, forSec, autoShift, detectionDelaySec: 30, shiftOverSec: 60, restoreDelaySec: 0 };
}
function routing(over: Partial<RoutingSpec>): RoutingSpec {
  return { weights: {}, shifts: [], outages: [], ...over };
}

describe('outageWindows', () => {
  it('merges overlapping outages of one cluster and keeps clusters apart', () => {
    const windows = outageWindows(
      routing({ outages: [outage('az-a', 500, 100, false), outage('az-a', 100, 200), outage('az-a', 250, 100, false), outage('az-b', 120, 10)] }),
    );
    // [100,300) and [250,350) overlap → [100,350); [500,600) stands alone
    expect(windows.get('az-a')?.map((w) => [w.startSec, w.endSec, w.autoShift])).toEqual([
      [100, 350, true],
      [500, 600, false],
    ]);
    expect(windows.get('az-b')?.map((w) => [w.startSec, w.endSec])).toEqual([[120, 130]]);
    expect(inOutage(windows, 'az-a', 349.9)).toBe(true);
    expect(inOutage(windows, 'az-a', 350)).toBe(false);
    expect(inOutage(windows, 'az-c', 120)).toBe(false);
  });
});

describe('routingEvents', () => {
  it('lists shifts and outage phases in time order', () => {
    const events = routingEvents(
      routing({
        shifts: [{ atSec: 7200, cluster: 'az-b', action: 'restore', overSec: 300 }, { atSec: 3600, cluster: 'az-b', action: 'drain', overSec: 60 }],
        outages: [outage('az-c', 4000, 1800), outage('az-d', 5000, 10)],
      }),
    );
    expect(events.map((e) => [e.timeSec, e.cluster, e.reason, e.toLevel ?? null, e.overSec])).toEqual([
      [3600, 'az-b', 'drain', 0, 60],
      [4000, 'az-c', 'outage-start', null, 0],
      [4030, 'az-c', 'outage-shift-away', 0, 60],
      [5000, 'az-d', 'outage-start', null, 0],
      // az-d's outage is over before it is detected: no shift
      [5010, 'az-d', 'outage-end', null, 0],
      [5800, 'az-c', 'outage-end', null, 0],
      [5800, 'az-c', 'outage-shift-back', 1, 60],
      [7200, 'az-b', 'restore', 1, 300],
    ]);
  });
});
