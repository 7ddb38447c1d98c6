/**
 * Faults never lose a pod: whatever spot interruptions, reclaim waves and capacity shortages
 * do, after every step each Deployment holds exactly its desired pods, each Pending, starting or
 * Ready (the others deleted by their controller), and the usual invariants hold; cost is still
 * the integral of billed nodes × price (a failed launch is never billed); a seed replays byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/run.ts';
import { clusterSeriesCsv } from '../../../src/report/timeseries-csv.ts';
import type { World } from '../../../src/sim/world.ts';
import { scenarioFromYaml } from '../../helpers/scenario.ts';
import { billedCost, checkWorld } from '../../helpers/world-invariants.ts';

const arb = fc.record({
  seed: fc.integer({ min: 1, max: 1000 }),
  rate: fc.constantFrom('0', '20%', '100%'),
  notice: fc.constantFrom('30s', '2m'),
  waveAtMin: fc.integer({ min: 1, max: 20 }),
  share: fc.constantFrom('10%', '50%', '100%'),
  shortageAtMin: fc.integer({ min: 0, max: 20 }),
  shortageForMin: fc.integer({ min: 1, max: 30 }),
  perDay: fc.constantFrom(0, 24, 200),
  reports: fc.boolean(),
  pdb: fc.constantFrom('', 'maxUnavailable: 1', 'minAvailable: 50%'),
  grace: fc.constantFrom(0, 30, 200),
  placeholders: fc.integer({ min: 0, max: 6 }),
  peak: fc.integer({ min: 200, max: 3000 }),
});

type F = typeof arb extends fc.Arbitrary<infer T> ? T : never;

function yamlOf(f: F): string {
  return `
name: faults-prop
seed: ${f.seed}
duration: 40m
step: 10s
clusters: [z0, z1]
nodeGroups:
  - name: spot
    capacityType: spot
    interruptionRate: ${f.rate}
    interruptionNotice: ${f.notice}
    allocatable: {cpu: 4, memory: 16Gi, pods: 30}
    pricePerHour: 0.06
    min: 0
    max: 30
    initial: 4
    expanderPriority: 10
    ${f.reports ? 'reportsLaunchErrors: true' : ''}
    provisioningDelay: {dist: lognormal, median: 90s, p95: 200s}
  - name: od
    allocatable: {cpu: 4, memory: 16Gi, pods: 30}
    pricePerHour: 0.19
    min: 0
    max: 30
    initial: 1
    provisioningDelay: {fixed: 120s}
priorityClasses:
  - {name: overprovisioning, value: -1, preemptionPolicy: Never}
  - {name: default, value: 0, globalDefault: true}
workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 50ms
    concurrency: 4
    terminationGracePeriod: ${f.grace}s
    startupDelay: {dist: uniform, min: 5s, max: 30s}
    replicas: 10
    hpa: {min: 10, max: 80, targetCPUUtilization: 60}
    traffic: {generator: {base: 300, bursts: [{at: ${f.waveAtMin}m, peak: ${f.peak}, rise: 30s, hold: 5m, fall: 2m}]}}
overprovisioner:
  - name: headroom
    requests: {cpu: 500m, memory: 512Mi}
    replicasPerCluster: ${f.placeholders}
    priorityClass: overprovisioning
clusterAutoscaler: {expander: priority, scaleDownUnneededTime: 3m, scaleDownDelayAfterAdd: 3m}
${f.pdb ? `podDisruptionBudgets:\n  - {name: web, matchLabels: {app: web}, ${f.pdb}}` : ''}
faults:
  shortages:
    - {nodeGroup: spot, cluster: z0, at: ${f.shortageAtMin}m, for: ${f.shortageForMin}m}
    - {nodeGroup: spot, perDay: ${f.perDay}, for: 5m}
  reclaims:
    - {at: ${f.waveAtMin}m, nodeGroup: spot, share: ${f.share}}
`;
}

describe('runs with faults', () => {
  it('never lose a pod, and bill exactly the nodes that ran', async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (f) => {
        const scenario = scenarioFromYaml(yamlOf(f));
        let world: World | undefined;
        const r = await runScenario(scenario, { inspect: (w) => ((world = w), checkWorld(w)) });
        expect(r.summary.cost.total).toBeCloseTo(billedCost(world!, scenario.durationSec), 5);
        expect(r.summary.faults.spotInterruptions).toBe(world!.nodes.filter((n) => !Number.isNaN(n.reclaimAt)).length);
        expect(r.summary.faults.failedLaunches).toBe(world!.nodes.filter((n) => n.launchFailed).length);
      }),
      { numRuns: 20, seed: 1919, endOnFailure: true },
    );
  }, 240_000);

  it('replay the same bytes for the same seed', async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (f) => {
        const a = await runScenario(scenarioFromYaml(yamlOf(f)), { recordEvents: true });
        const b = await runScenario(scenarioFromYaml(yamlOf(f)), { recordEvents: true });
        expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
        expect(clusterSeriesCsv(b.series!)).toBe(clusterSeriesCsv(a.series!));
        expect(b.events).toEqual(a.events);
      }),
      { numRuns: 4, seed: 7 },
    );
  }, 240_000);
});
