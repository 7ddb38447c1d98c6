/**
 * Capacity shortages in the running fleet: a scale-up into a group short of capacity fails, the
 * autoscaler learns it after maxNodeProvisionTime (or at once where the cloud reports it), backs
 * the group off, and the expander falls through to another group.
 */
import { describe, expect, it } from 'vitest';
import { namedStream } from '../../../src/engine/random.ts';
import { runScenario } from '../../../src/run.ts';
import { CapacityShortages } from '../../../src/sim/faults/shortages.ts';
import { scenarioFromYaml } from '../../helpers/scenario.ts';

/** Two groups; the priority expander prefers `first`, which is short of capacity for the whole run unless told. */
function fleet(opts: { reports?: boolean; second?: boolean; shortage?: string } = {}): string {
  const group = (name: string, priority: number, extra = '') => `
  - name: ${name}
    allocatable: {cpu: 4, memory: 16Gi, pods: 30}
    pricePerHour: 0.2
    min: 0
    max: 20
    initial: ${name === 'first' ? 2 : 0}
    expanderPriority: ${priority}
    provisioningDelay: {fixed: 60s}${extra}`;
  return `
name: shortage
seed: 5
duration: 2h
step: 10s
clusters: [az-a]
nodeGroups:${group('first', 10, opts.reports ? '\n    reportsLaunchErrors: true' : '')}${opts.second === false ? '' : group('second', 1)}
clusterAutoscaler: {expander: priority, scaleDownEnabled: false}
workloads:
  - name: web
    requests: {cpu: 1, memory: 1Gi}
    serviceTime: 50ms
    concurrency: 4
    replicas: 8
    # 600 req/s on 8 pods of 80 req/s each is 94% busy: the HPA wants 12 (its max), 4 more than 2 nodes hold
    hpa: {min: 8, max: 12, targetCPUUtilization: 50}
    traffic: {generator: {base: 600}}
faults:
  shortages:
    - ${opts.shortage ?? '{nodeGroup: first, at: 0s, for: 2h}'}
`;
}

interface Ev {
  time_s: number;
  reason: string;
  object: string;
  backoffS?: number;
}

async function events(yaml: string): Promise<{ evs: Ev[]; summary: Record<string, unknown> }> {
  const r = await runScenario(scenarioFromYaml(yaml), { recordEvents: true });
  return { evs: r.events.map((l) => JSON.parse(l) as Ev), summary: r.summary as unknown as Record<string, unknown> };
}

const of = (evs: Ev[], reason: string) => evs.filter((e) => e.reason === reason);

describe('capacity shortages and the autoscaler backoff', () => {
  it('learns of a failed launch after maxNodeProvisionTime, then the expander falls through to the other group', async () => {
    const { evs } = await events(fleet());
    // 2 nodes hold 8 pods: the HPA's 4 more go pending and the autoscaler asks `first` (the
    // priority expander's choice) for a node; its launch fails at once.
    const ups = of(evs, 'TriggeredScaleUp');
    const t0 = ups[0].time_s;
    expect(ups[0].object).toBe('first');
    expect(of(evs, 'FailedLaunch')[0].time_s).toBe(t0);
    // The autoscaler waits for the node it thinks is coming: no other scale-up for 15 minutes,
    // then backs `first` off, and the loop of that instant asks `second`.
    expect(of(evs, 'BackOff')[0]).toMatchObject({ object: 'first', time_s: t0 + 900, backoffS: 300 });
    expect(ups[1]).toMatchObject({ object: 'second', time_s: t0 + 900 });
  });

  it('learns at once where the cloud reports the failure, and falls through at the next loop', async () => {
    const { evs, summary } = await events(fleet({ reports: true }));
    const t0 = of(evs, 'TriggeredScaleUp')[0].time_s;
    expect(of(evs, 'BackOff')[0]).toMatchObject({ object: 'first', time_s: t0, backoffS: 300 });
    expect(of(evs, 'TriggeredScaleUp')[1]).toMatchObject({ object: 'second', time_s: t0 + 10 });
    expect(summary.faults).toMatchObject({ failedLaunches: 1, backoffs: 1 });
  });

  it('backs a group with no other to turn to off for 5, 10, 20, then 30 minutes', async () => {
    const { evs, summary } = await events(fleet({ reports: true, second: false }));
    const backoffs = of(evs, 'BackOff');
    // reported at once: each failure comes at the loop where the last backoff ended
    expect(backoffs.slice(0, 5).map((b) => b.backoffS)).toEqual([300, 600, 1200, 1800, 1800]);
    const t0 = backoffs[0].time_s;
    expect(backoffs.slice(0, 5).map((b) => b.time_s - t0)).toEqual([0, 300, 900, 2100, 3900]);
    expect(summary.faults).toMatchObject({ failedLaunches: backoffs.length, backoffs: backoffs.length });
  });

  it('launches again once the shortage is over, and a scale-up that succeeds forgets the backoff', async () => {
    const { evs } = await events(fleet({ reports: true, second: false, shortage: '{nodeGroup: first, at: 0s, for: 4m}' }));
    // t0: fails, 5 m backoff; the shortage ends at 4 m: the next ask, 300 s later, succeeds
    const t0 = of(evs, 'TriggeredScaleUp')[0].time_s;
    expect(of(evs, 'BackOff').map((b) => b.time_s)).toEqual([t0]);
    expect(of(evs, 'TriggeredScaleUp').map((u) => u.time_s - t0)).toEqual([0, 300]);
    expect(of(evs, 'NodeReady')[0].time_s).toBe(t0 + 360);
  });

  it('draws random shortages from their own stream: same seed, same windows; about perDay a day', () => {
    const windows = (seed: number) => {
      const s = scenarioFromYaml(fleet({ second: false, shortage: '{nodeGroup: first, perDay: 48, for: 10m}' }), [`seed=${seed}`, 'duration=24h']);
      const short = new CapacityShortages(s, (name) => namedStream(s.seed, name));
      const at: number[] = [];
      for (let t = 0; t < s.durationSec; t += 60) if (short.isShort(0, 0, t)) at.push(t);
      return at;
    };
    expect(windows(1)).toEqual(windows(1));
    expect(windows(1)).not.toEqual(windows(2));
    // 48 starts a day of 10 minutes each: short for 1 − e^(−48 × 10 / 1440) ≈ 28% of the day
    const share = windows(1).length / 1440;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.45);
  });
});
