import { describe, it, expect } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { scenarioFromYaml, smallFleet } from '../helpers/scenario.ts';

interface Ev {
  time_s: number;
  cluster: string;
  kind: string;
  reason: string;
  object: string;
  message: string;
  [k: string]: unknown;
}

async function runEvents(yaml: string, sets: string[] = []) {
  const r = await runScenario(scenarioFromYaml(yaml, sets), { recordEvents: true });
  const events: Ev[] = r.events.map((l) => JSON.parse(l));
  return { r, events };
}

// 3 nodes × 4 cores = 12 cores. web 4 × 500m = 2 cores, 12 placeholders × 500m = 6 cores:
// 4 cores (8 pods) are free, so the HPA's first steps fit and later ones must preempt.
const burstFleet = smallFleet({
  duration: '40m',
  rate: 100,
  replicas: 4,
  placeholders: 12,
  hpa: 'hpa: {min: 4, max: 40, targetCPUUtilization: 60}',
  bursts: '[{at: 5m, peak: 1500, rise: 10s, hold: 10m, fall: 1m}]',
});

describe('the fleet over time', () => {
  it('a burst preempts placeholders in the same scheduling pass, and the autoscaler adds nodes on its next scan', async () => {
    const { events } = await runEvents(burstFleet);
    const preempted = events.filter((e) => e.reason === 'Preempted');
    expect(preempted.length).toBeGreaterThan(0);
    // Every victim is a placeholder, preempted by a higher-priority web pod.
    for (const p of preempted) {
      expect(p.object).toMatch(/^headroom-/);
      expect(p.preemptorPriority as number).toBeGreaterThan(p.victimPriority as number);
    }
    const firstPreemption = preempted[0].time_s;
    // The HPA rescale that created the preemptors happened at that same instant (one pass).
    const rescales = events.filter((e) => e.reason === 'SuccessfulRescale' && e.time_s <= firstPreemption);
    expect(rescales.at(-1)!.time_s).toBe(firstPreemption);
    // The placeholders went pending; the autoscaler's next scan (every 10 s) asks for nodes.
    const scaleUp = events.find((e) => e.reason === 'TriggeredScaleUp' && e.time_s >= firstPreemption)!;
    expect(scaleUp).toBeDefined();
    expect(scaleUp.time_s - firstPreemption).toBeLessThanOrEqual(10);
    // Nodes become Ready after the group's fixed 120 s provisioning delay.
    const ready = events.find((e) => e.reason === 'NodeReady' && e.time_s > scaleUp.time_s)!;
    expect(ready.time_s).toBeCloseTo(scaleUp.time_s + 120, 6);
  });

  it('the HPA follows load within its scale-up policy (max(100%, 4 pods) per 15 s)', async () => {
    const { events } = await runEvents(burstFleet);
    const ups = events.filter((e) => e.reason === 'SuccessfulRescale' && (e.to as number) > (e.from as number));
    expect(ups.length).toBeGreaterThan(1);
    for (const e of ups) {
      const from = e.from as number;
      // the default scale-up policies: +100% or +4 pods per 15 s, whichever is more
      expect(e.to as number).toBeLessThanOrEqual(Math.max(2 * from, from + 4));
    }
    const peak = Math.max(...ups.map((e) => e.to as number));
    // 1500 req/s at 60% of 80 req/s per pod is 31.25 pods; the controller stops once the pods read
    // within its 10% tolerance of the target (1500 / 80 / 31 = 60.5%), and at most 40 (max)
    expect(1500 / 80 / peak).toBeLessThanOrEqual(0.6 * 1.1);
    expect(peak).toBeGreaterThanOrEqual(29);
    expect(peak).toBeLessThanOrEqual(40);
    // after the burst it comes down, but not before the 300 s stabilization window
    const downs = events.filter((e) => e.reason === 'SuccessfulRescale' && (e.to as number) < (e.from as number));
    expect(downs.length).toBeGreaterThan(0);
    // load starts falling at 5m + 10s rise + 10m hold = 910 s; the window keeps the peak for 300 s
    const fallStart = 5 * 60 + 10 + 10 * 60;
    expect(downs[0].time_s).toBeGreaterThanOrEqual(fallStart + 300);
  });

  it('scale-down removes unneeded nodes after the unneeded time, not within the delay after a scale-up', async () => {
    const { events, r } = await runEvents(burstFleet);
    const lastUp = Math.max(...events.filter((e) => e.reason === 'TriggeredScaleUp').map((e) => e.time_s));
    const downs = events.filter((e) => e.reason === 'ScaleDown');
    expect(downs.length).toBeGreaterThan(0);
    for (const d of downs) expect(d.time_s - lastUp).toBeGreaterThanOrEqual(600); // scaleDownDelayAfterAdd
    expect(r.summary.nodes.scaleDowns).toBe(downs.length);
  });

  it('without load changes, nothing scales', async () => {
    // min 2 nodes, so the half-empty nodes are not scaled down either
    const { events, r } = await runEvents(smallFleet({ duration: '20m', rate: 100, replicas: 4, nodes: 2 }), ['nodeGroups.0.min=2']);
    expect(events.filter((e) => e.reason === 'TriggeredScaleUp' || e.reason === 'ScaleDown')).toHaveLength(0);
    expect(r.summary.nodes.peak).toBe(2);
    // cost: 2 nodes × $0.2/h × 1/3 h
    expect(r.summary.cost.total).toBeCloseTo((2 * 0.2) / 3, 6);
  });

  it('a zone outage with autoShift moves the lost zone\'s traffic to the others; without it, it fails', async () => {
    const base = smallFleet({
      duration: '40m',
      rate: 600,
      replicas: 6,
      nodes: 3,
      clusters: '[az-a, az-b, az-c, az-d]',
      hpa: 'hpa: {min: 4, max: 40, targetCPUUtilization: 60}',
    });
    const withShift = `${base}\nrouting:\n  outages: [{at: 10m, cluster: az-c, for: 10m, autoShift: true, detectionDelay: 30s, shiftOver: 60s}]\n`;
    const noShift = `${base}\nrouting:\n  outages: [{at: 10m, cluster: az-c, for: 10m, autoShift: false}]\n`;
    const a = await runScenario(scenarioFromYaml(withShift));
    const b = await runScenario(scenarioFromYaml(noShift));
    // Without autoShift, az-c's quarter of 10 minutes of traffic fails: 150 req/s × 600 s = 90,000.
    expect(b.summary.perCluster['az-c'].requests.failed).toBeGreaterThan(0.9 * 90_000);
    // With it, only the detection delay and the ramp are lost: far fewer failures.
    expect(a.summary.requests.failed).toBeLessThan(0.3 * b.summary.requests.failed);
    // The other zones' shares rise to a third while az-c is out.
    const s = a.series!;
    const shareAt = (t: number, c: string) => s.clusters[s.clusterNames.indexOf(c)].traffic_share[s.timeSec.indexOf(t)];
    expect(shareAt(900, 'az-a')).toBeCloseTo(1 / 3, 3);
    expect(shareAt(900, 'az-c')).toBeCloseTo(0, 3);
    expect(shareAt(300, 'az-c')).toBeCloseTo(0.25, 3);
  });
});

describe('outages in summary.json', () => {
  it('count the errors of the window and say when the fleet was back within its SLO', async () => {
    const base = smallFleet({
      duration: '40m',
      rate: 600,
      replicas: 6,
      nodes: 3,
      clusters: '[az-a, az-b, az-c, az-d]',
      hpa: 'hpa: {min: 4, max: 40, targetCPUUtilization: 60}',
    });
    const shifted = await runScenario(
      scenarioFromYaml(`${base}\nrouting:\n  outages: [{at: 10m, cluster: az-c, for: 10m, autoShift: true, detectionDelay: 30s, shiftOver: 60s}]\n`),
    );
    const stuck = await runScenario(scenarioFromYaml(`${base}\nrouting:\n  outages: [{at: 10m, cluster: az-c, for: 10m, autoShift: false}]\n`));
    const [a] = shifted.summary.outages;
    const [b] = stuck.summary.outages;
    expect(a).toMatchObject({ cluster: 'az-c', atS: 600, forS: 600, autoShift: true });
    // with autoShift, users notice for about the detection delay and the ramp, then it is over
    expect(a.failed).toBeGreaterThan(0);
    expect(a.recoveredAtS).not.toBeNull();
    expect(a.recoverySeconds!).toBeGreaterThanOrEqual(30);
    expect(a.recoverySeconds!).toBeLessThan(300);
    // without it, a quarter of the traffic fails until the zone is back
    expect(b.recoverySeconds!).toBeGreaterThanOrEqual(600);
    expect(b.failed).toBeGreaterThan(10 * a.failed);
    expect(b.errorRate).toBeGreaterThan(0.2);
  });
});

describe('review fixes', () => {
  it('the HPA reads cpu over the past metrics window: it never acts on load that has not arrived yet', async () => {
    const { events } = await runEvents(burstFleet);
    const firstUp = events.find((e) => e.reason === 'SuccessfulRescale' && (e.to as number) > (e.from as number))!;
    // the burst starts at 5 min; a sync at 300 s sees only [270 s, 300 s), before it
    expect(firstUp.time_s).toBeGreaterThan(300);
  });

  it('the HPA reads the cpu pods used: in a burst of nearly five times their capacity they read 100% busy, not 470%', async () => {
    const { events } = await runEvents(burstFleet);
    const rescales = events.filter((e) => e.reason === 'SuccessfulRescale');
    const read = rescales.map((e) => Number(/utilization \(percentage of request\) (\d+)%/.exec(e.message)![1]));
    // a pod at full load uses its request (the default usage); the queue behind it costs no cpu
    expect(Math.max(...read)).toBe(100);
    // so each step up is at most busy / target = 100 / 60 of the Ready pods, well inside the policy's doubling
    const firstUp = rescales.find((e) => (e.to as number) > (e.from as number))!;
    expect(firstUp.to as number).toBe(Math.ceil(((firstUp.from as number) * 100) / 60));
  });

  it('overlapping outages keep the zone down until the last one ends', async () => {
    const yaml = `${smallFleet({ duration: '30m', rate: 200, replicas: 4, clusters: '[az-a, az-b]' })}
routing:
  outages: [{at: 5m, cluster: az-a, for: 10m, autoShift: false}, {at: 8m, cluster: az-a, for: 10m, autoShift: false}]
`;
    let servedDuring = 0;
    await runScenario(scenarioFromYaml(yaml), {
      inspect: (w, k) => {
        const t = k * 10;
        if (t >= 900 && t < 1080 && !w.clusters[0].down) servedDuring++;
      },
    });
    expect(servedDuring).toBe(0);
  });

  it('counts creation to Ready once per pod, not again when a zone comes back', async () => {
    const yaml = `${smallFleet({ duration: '30m', rate: 200, replicas: 4, clusters: '[az-a, az-b]' })}
routing:
  outages: [{at: 5m, cluster: az-a, for: 10m, autoShift: true}]
`;
    const r = await runScenario(scenarioFromYaml(yaml));
    // pods from t = 0 restart after the outage; their age (20 min) must not count as a start time
    expect(r.summary.pods.scheduleToReadyP95S).toBeLessThan(120);
  });
});
