import { describe, it, expect } from 'vitest';
import { buildAnnotations, buildTimeline, mergeMarks } from '../../src/report/annotations.ts';
import { eventType } from '../../src/report/event-types.ts';
import { toRunEvent } from '../../src/report/run-events.ts';
import type { RunEvent } from '../../src/report/types.ts';

/** Events as the simulator writes them: the object's kind, then the reason. */
const ev = (time_s: number, cluster: string, kind: string, reason: string, message = ''): RunEvent =>
  toRunEvent({ time_s, cluster, kind, reason, message })!;

describe('eventType', () => {
  it.each([
    ['Zone', 'ZoneOutage', 'outage'],
    ['Traffic', 'TrafficDrain', 'shift'],
    ['ClusterAutoscaler', 'TriggeredScaleUp', 'scaleUp'],
    ['Pod', 'Preempted', 'preempted'],
    ['Pod', 'Scheduled', 'perPod'],
    // hand-written files may carry the type in kind alone
    ['ScaleUp', undefined, 'scaleUp'],
    ['TrafficShift', undefined, 'shift'],
    ['Deployment', 'ProportionalResize', 'other'],
  ] as const)('%s/%s is %s', (kind, reason, type) => expect(eventType(kind, reason)).toBe(type));
});

describe('buildAnnotations', () => {
  it('pairs outages with recoveries per cluster; an outage never recovered runs to the end', () => {
    const a = buildAnnotations(
      [
        ev(100, 'az-c', 'Zone', 'ZoneOutage'),
        ev(200, 'az-b', 'Zone', 'ZoneOutage'),
        ev(400, 'az-c', 'Zone', 'ZoneRecovered'),
        ev(130, 'az-c', 'Traffic', 'TrafficDrain'),
      ].sort((x, y) => x.timeSec - y.timeSec),
      1000,
      10,
    );
    expect(a.outages).toEqual([
      { cluster: 'az-c', startSec: 100, endSec: 400 },
      { cluster: 'az-b', startSec: 200, endSec: 1000 },
    ]);
    expect(a.shifts.map((s) => s.timeSec)).toEqual([130]);
  });

  it('merges marks of one cluster within mergeSec of the first of their group', () => {
    // az-a at 0, 5, 9 -> one mark of 3 (9 - 0 <= 10); 25 starts a new group; az-b apart
    const m = (t: number, cluster: string) => ({ timeSec: t, cluster, label: '', count: 1 });
    const merged = mergeMarks([m(0, 'az-a'), m(5, 'az-a'), m(9, 'az-a'), m(25, 'az-a'), m(3, 'az-b')], 10);
    expect(merged.map((x) => [x.cluster, x.timeSec, x.count])).toEqual([
      ['az-a', 0, 3],
      ['az-b', 3, 1],
      ['az-a', 25, 1],
    ]);
  });
});

describe('buildTimeline', () => {
  it('lists outages and shifts one by one, groups bursts of the rest, and keeps HPA apart', () => {
    const t = buildTimeline(
      [
        ev(60, 'az-a', 'ClusterAutoscaler', 'TriggeredScaleUp', 'first'),
        ev(70, 'az-a', 'ClusterAutoscaler', 'TriggeredScaleUp', 'second'),
        ev(75, 'az-a', 'HorizontalPodAutoscaler', 'SuccessfulRescale', 'New size: 30'),
        ev(100, 'az-c', 'Zone', 'ZoneOutage', 'zone az-c is down'),
        ev(500, 'az-a', 'ClusterAutoscaler', 'TriggeredScaleUp', 'third'),
      ],
      60,
    );
    expect(t.notable.map((r) => [r.startSec, r.endSec, r.cluster, r.kind, r.count])).toEqual([
      [60, 70, 'az-a', 'TriggeredScaleUp', 2],
      [100, 100, 'az-c', 'ZoneOutage', 1],
      [500, 500, 'az-a', 'TriggeredScaleUp', 1],
    ]);
    expect(t.notable[0].text).toBe('2 scale-ups; last: second');
    expect(t.more.map((r) => r.kind)).toEqual(['SuccessfulRescale']);
  });
});

describe('buildTimeline: changes', () => {
  it("shows each change's start, end and rollback one by one; ReplicaSet scalings grouped under more", () => {
    const t = buildTimeline(
      [
        ev(300, 'az-a', 'Deployment', 'ChangeStarted', 'rollout of web-v2 begins'),
        ev(300, 'az-a', 'Deployment', 'ScalingReplicaSet', 'Scaled up replica set web-v2 from 0 to 2'),
        ev(301, 'az-a', 'Deployment', 'ScalingReplicaSet', 'Scaled down replica set web-v1 from 10 to 8'),
        ev(330, 'az-a', 'Deployment', 'RolledBack', 'Rolled back deployment web to web-v1: p99 400ms above 300ms for 30s'),
        ev(331, 'az-a', 'Deployment', 'ChangeEnded', 'rollback to web-v1 complete'),
      ],
      60,
    );
    expect(t.notable.map((r) => [r.startSec, r.kind])).toEqual([
      [300, 'ChangeStarted'],
      [330, 'RolledBack'],
      [331, 'ChangeEnded'],
    ]);
    expect(t.more.map((r) => [r.kind, r.count])).toEqual([['ScalingReplicaSet', 2]]);
  });
});
