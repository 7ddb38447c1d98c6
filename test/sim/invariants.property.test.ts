/**
 * Properties of whole runs over random fleets: whatever the fleet and traffic, no node is
 * over-committed, every Deployment keeps exactly its desired pods, only lower priority is
 * preempted, requests are conserved, cost is the integral of nodes × price, and a seed replays
 * byte for byte.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { runScenario } from '../../src/run.ts';
import { clusterSeriesCsv, workloadSeriesCsv } from '../../src/report/timeseries-csv.ts';
import { scenarioFromYaml } from '../helpers/scenario.ts';
import type { World } from '../../src/sim/world.ts';
import { billedCost, checkWorld } from '../helpers/world-invariants.ts';

const fleetArb = fc.record({
  clusters: fc.integer({ min: 1, max: 3 }),
  nodeCpu: fc.constantFrom(2, 4, 8),
  nodePods: fc.integer({ min: 8, max: 40 }),
  initial: fc.integer({ min: 1, max: 4 }),
  delaySec: fc.integer({ min: 30, max: 300 }),
  scoring: fc.constantFrom('LeastAllocated', 'MostAllocated'),
  // kube-scheduler's full profile: BalancedAllocation and the system default spread on every pod
  kubeDefault: fc.boolean(),
  expander: fc.constantFrom('random', 'least-waste', 'most-pods', 'price', 'priority,least-waste'),
  placeholders: fc.integer({ min: 0, max: 12 }),
  placeholderCpu: fc.constantFrom('250m', '500m', '1'),
  workloads: fc.array(
    fc.record({
      cpu: fc.constantFrom('100m', '250m', '500m', '1'),
      mem: fc.constantFrom('128Mi', '512Mi', '1Gi'),
      replicas: fc.integer({ min: 1, max: 6 }),
      priority: fc.constantFrom('low', 'default', 'high'),
      hpa: fc.boolean(),
      base: fc.integer({ min: 0, max: 400 }),
      burstAtMin: fc.integer({ min: 1, max: 15 }),
      peak: fc.integer({ min: 0, max: 3000 }),
      grace: fc.constantFrom(0, 5, 30),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  outage: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1000 }),
});

type Fleet = typeof fleetArb extends fc.Arbitrary<infer T> ? T : never;

const cores = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) / 1000 : Number(q));

function yamlOf(f: Fleet): string {
  // Start with enough nodes for the initial replicas and placeholders (the loader insists).
  const cpu = f.workloads.reduce((a, w) => a + cores(w.cpu) * w.replicas, 0) + cores(f.placeholderCpu) * f.placeholders;
  const pods = f.workloads.reduce((a, w) => a + w.replicas, 0) + f.placeholders;
  const initial = Math.max(f.initial, Math.ceil((cpu * 1.3) / f.nodeCpu), Math.ceil((pods * 1.3) / f.nodePods));
  const clusters = Array.from({ length: f.clusters }, (_, i) => `z${i}`);
  const wl = f.workloads
    .map(
      (w, i) => `
  - name: w${i}
    priorityClass: ${w.priority}
    requests: {cpu: ${w.cpu}, memory: ${w.mem}}
    serviceTime: 40ms
    concurrency: 4
    timeout: 2s
    terminationGracePeriod: ${w.grace}s
    startupDelay: {dist: uniform, min: 5s, max: 30s}
    replicas: ${w.replicas}
    ${w.hpa ? `hpa: {min: 1, max: 30, targetCPUUtilization: 60}` : ''}
    traffic: {generator: {base: ${w.base}, bursts: [{at: ${w.burstAtMin}m, peak: ${w.peak}, rise: 30s, hold: 5m, fall: 2m}], noise: 0.05}}`,
    )
    .join('');
  return `
name: prop
seed: ${f.seed}
duration: 25m
step: 10s
clusters: [${clusters.join(', ')}]
nodeGroups:
  - name: small
    allocatable: {cpu: ${f.nodeCpu}, memory: 16Gi, pods: ${f.nodePods}}
    pricePerHour: 0.1
    min: 0
    max: 40
    initial: ${initial}
    provisioningDelay: {dist: lognormal, median: ${f.delaySec}s, p95: ${f.delaySec * 2}s}
  - name: big
    allocatable: {cpu: ${f.nodeCpu * 2}, memory: 32Gi, pods: ${f.nodePods}}
    pricePerHour: 0.21
    min: 0
    max: 6
    initial: 0
    provisioningDelay: {fixed: ${f.delaySec}s}
priorityClasses:
  - {name: overprovisioning, value: -1, preemptionPolicy: Never}
  - {name: low, value: 0}
  - {name: default, value: 100, globalDefault: true}
  - {name: high, value: 1000}
workloads:${wl}
overprovisioner:
  - name: headroom
    requests: {cpu: ${f.placeholderCpu}, memory: 256Mi}
    replicasPerCluster: ${f.placeholders}
    priorityClass: overprovisioning
scheduler: {scoring: ${f.scoring}${f.kubeDefault ? ', profile: kube-default' : ''}}
clusterAutoscaler: {expander: '${f.expander}', scaleDownUnneededTime: 3m, scaleDownDelayAfterAdd: 3m}
${f.outage && f.clusters > 1 ? `routing:\n  outages: [{at: 8m, cluster: z0, for: 5m, autoShift: true}]` : ''}
`;
}

describe('runs over random fleets', () => {
  it('keep every invariant', async () => {
    await fc.assert(
      fc.asyncProperty(fleetArb, async (f) => {
        const scenario = scenarioFromYaml(yamlOf(f));
        let world: World | undefined;
        const r = await runScenario(scenario, {
          recordEvents: true,
          inspect: (w) => {
            world = w;
            checkWorld(w);
          },
        });
        // only strictly lower priority is preempted
        for (const line of r.events) {
          if (!line.includes('"Preempted"')) continue;
          const e = JSON.parse(line);
          expect(e.preemptorPriority).toBeGreaterThan(e.victimPriority);
        }
        // requests conserved: served + failed = ∫ rate dt (the arrived total the steps saw)
        const s = r.summary;
        expect(Math.abs(s.requests.served + s.requests.failed - s.requests.total)).toBeLessThan(1);
        let arrived = 0;
        const series = r.series!;
        for (const byWorkload of series.workloads) {
          for (const w of byWorkload) for (let k = 0; k < series.length; k++) arrived += w.arrival_rps[k] * Math.min(scenario.stepSec, scenario.durationSec - series.timeSec[k]);
        }
        expect(Math.abs(s.requests.total - arrived)).toBeLessThanOrEqual(1e-6 * Math.max(1, arrived) + 1);
        // cost = ∫ nodes × price dt, from each node's own billing interval
        expect(s.cost.total).toBeCloseTo(billedCost(world!, scenario.durationSec), 5);
        expect(s.cost.headroom).toBeLessThanOrEqual(s.cost.total + 1e-9);
      }),
      { numRuns: 25, seed: 4242, endOnFailure: true },
    );
  }, 240_000);

  it('replay the same bytes for the same seed', async () => {
    await fc.assert(
      fc.asyncProperty(fleetArb, async (f) => {
        const a = await runScenario(scenarioFromYaml(yamlOf(f)), { recordEvents: true });
        const b = await runScenario(scenarioFromYaml(yamlOf(f)), { recordEvents: true });
        expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
        expect(clusterSeriesCsv(b.series!)).toBe(clusterSeriesCsv(a.series!));
        expect(workloadSeriesCsv(b.series!)).toBe(workloadSeriesCsv(a.series!));
        expect(b.events).toEqual(a.events);
      }),
      { numRuns: 5, seed: 99 },
    );
  }, 240_000);
});
