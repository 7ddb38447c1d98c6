/** Karpenter in the simulation: what its events say it did, and when. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/run.ts';
import { scenarioFromYaml } from '../../helpers/scenario.ts';

interface Ev {
  time_s: number;
  cluster: string;
  reason: string;
  object: string;
  message: string;
  decision?: string;
}

function fleet(extra: { pool?: string; groups?: string; faults?: string; replicas?: number; hpa?: string; bursts?: string; placeholders?: number } = {}): string {
  return `
name: k
seed: 5
duration: 1h
step: 10s
clusters: [az-a]
nodeGroups:
${
  extra.groups ??
  `  - name: general
    allocatable: {cpu: 4, memory: 16Gi, pods: 30}
    pricePerHour: 0.192
    min: 0
    max: 50
    initial: 3
    provisioningDelay: {fixed: 60s}`
}
priorityClasses:
  - {name: overprovisioning, value: -1, preemptionPolicy: Never}
  - {name: default, value: 0, globalDefault: true}
workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 50ms
    concurrency: 4
    terminationGracePeriod: 10s
    startupDelay: {fixed: 5s}
    replicas: ${extra.replicas ?? 20}
    ${extra.hpa ?? ''}
    traffic: {generator: {base: 100${extra.bursts ? `, bursts: [${extra.bursts}]` : ''}}}
overprovisioner:
  - name: headroom
    requests: {cpu: 500m, memory: 512Mi}
    replicasPerCluster: ${extra.placeholders ?? 0}
    priorityClass: overprovisioning
autoscaler: karpenter
nodePools:
${
  extra.pool ??
  `  - name: default
    disruption: {consolidateAfter: Never}`
}
${extra.faults ?? ''}
`;
}

async function events(yaml: string, sets: string[] = []): Promise<{ ev: Ev[]; summary: Awaited<ReturnType<typeof runScenario>>['summary'] }> {
  const r = await runScenario(scenarioFromYaml(yaml, sets), { recordEvents: true });
  return { ev: r.events!.map((l) => JSON.parse(l) as Ev), summary: r.summary };
}

describe('Karpenter provisioning', () => {
  it('launches once the batch closes: 1 s after the last new pending pod', async () => {
    // 20 pods on 3 nodes of 4 cores (10 of 12 cores): nothing to launch while traffic is flat
    expect((await events(fleet())).ev.filter((e) => e.reason === 'Launched')).toEqual([]);
    // a burst: the HPA adds pods at its syncs, each sync's pods found unschedulable in one pass
    const grown = await events(fleet({ hpa: 'hpa: {min: 20, max: 60, targetCPUUtilization: 50}', bursts: '{at: 10m, peak: 2000, rise: 10s, hold: 20m, fall: 1m}' }));
    const launched = grown.ev.filter((e) => e.reason === 'Launched');
    expect(launched.length).toBeGreaterThan(0);
    for (const l of launched) {
      // the batch that launched it opened at a pass that found pods without room, 1 s earlier
      expect(grown.ev.some((e) => e.reason === 'FailedScheduling' && e.time_s === l.time_s - 1)).toBe(true);
    }
  });

  it('a placeholder preempted by a real pod goes pending and Karpenter provisions for it', async () => {
    // 3 nodes × 8 pods = 24 slots of 500m: 20 web + 4 placeholders fill them; a burst adds web pods
    const { ev } = await events(
      fleet({ placeholders: 4, hpa: 'hpa: {min: 20, max: 40, targetCPUUtilization: 50}', bursts: '{at: 10m, peak: 2000, rise: 10s, hold: 20m, fall: 1m}' }),
    );
    const preempted = ev.filter((e) => e.reason === 'Preempted');
    expect(preempted.length).toBeGreaterThan(0);
    const launched = ev.filter((e) => e.reason === 'Launched');
    expect(launched.some((e) => e.time_s >= preempted[0].time_s && e.time_s <= preempted[0].time_s + 10)).toBe(true);
  });
});

describe('Karpenter disruption', () => {
  it('expires nodes older than expireAfter, and their pods move to new nodes', async () => {
    const { ev, summary } = await events(
      fleet({
        pool: `  - name: default
    disruption: {consolidateAfter: Never, expireAfter: 20m}`,
      }),
    );
    const expired = ev.filter((e) => e.reason === 'Expired');
    // the three initial nodes are the pool's; each goes at its first poll past 20 minutes (and
    // their replacements, launched at 1201, at the first poll past 2401)
    expect(expired.map((e) => e.time_s)).toEqual([1200, 1200, 1200, 2410, 2410, 2410]);
    expect(ev.filter((e) => e.reason === 'Launched' && e.time_s > 1200).length).toBeGreaterThan(0);
    expect(summary.requests.total).toBeGreaterThan(0);
  });

  it('a replacement is Ready before the node it replaces drains', async () => {
    // one 16-core node with 10 web pods (5 cores): a 8-core node at less than half the price holds them
    const { ev } = await events(
      fleet({
        replicas: 10,
        groups: `  - name: big
    allocatable: {cpu: 16, memory: 64Gi, pods: 60}
    pricePerHour: 0.768
    min: 0
    max: 10
    initial: 1
    provisioningDelay: {fixed: 60s}
  - name: small
    allocatable: {cpu: 8, memory: 32Gi, pods: 60}
    pricePerHour: 0.384
    min: 0
    max: 10
    initial: 0
    provisioningDelay: {fixed: 60s}`,
        pool: `  - name: default
    disruption: {consolidateAfter: 2m}`,
      }),
    );
    const cmd = ev.find((e) => e.reason === 'Consolidated')!;
    expect(cmd.decision).toBe('replace');
    const replacement = /with (\S+)/.exec(cmd.message)![1];
    const ready = ev.find((e) => e.reason === 'NodeReady' && e.object === replacement)!;
    expect(ready.time_s).toBe(cmd.time_s + 60);
    // the old node's pods are only evicted once the new one is Ready, and land on it
    const moved = ev.filter((e) => e.reason === 'Scheduled' && e.time_s > cmd.time_s);
    expect(moved.length).toBe(10);
    expect(moved.every((e) => e.time_s >= ready.time_s && e.message.endsWith(replacement))).toBe(true);
  });

  it('at a spot interruption the node is cordoned and its replacement launched at once', async () => {
    const { ev, summary } = await events(
      fleet({
        groups: `  - name: spot
    allocatable: {cpu: 4, memory: 16Gi, pods: 30}
    pricePerHour: 0.07
    capacityType: spot
    interruptionNotice: 2m
    min: 0
    max: 50
    initial: 3
    provisioningDelay: {fixed: 60s}`,
        pool: `  - name: default
    requirements:
      - {key: karpenter.sh/capacity-type, operator: In, values: [spot]}
    disruption: {consolidateAfter: Never}`,
        faults: 'faults:\n  reclaims:\n    - {at: 10m, nodeGroup: default, share: 34%}',
      }),
    );
    expect(summary.faults.spotInterruptions).toBe(2);
    const launched = ev.filter((e) => e.reason === 'Launched');
    // within the batch window of the notice, not after the node is gone two minutes later
    expect(launched.length).toBeGreaterThan(0);
    expect(launched[0].time_s).toBe(601);
  });
});
