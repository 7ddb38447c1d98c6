/**
 * Properties of the usage model over random fleets: pods are conserved through OOM kills and
 * evictions (every Deployment keeps its desired pods, none lost, none doubled), a node's memory
 * use after the step's evictions is within its allocatable, and no pod serves more than its cpu
 * limit allows (limit − idle) / cpu per request.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../../src/sim/simulation.ts';
import type { RunObserver, StepObservation } from '../../../src/sim/observer.ts';
import { NodeState } from '../../../src/sim/types.ts';
import { LatencySketch } from '../../../src/maths/latency-sketch.ts';
import { throttledCapacityRps } from '../../../src/decisions/usage/throttling.ts';
import { shareNodeCpu } from '../../../src/decisions/usage/cpu-shares.ts';
import { memoryPressureVictims } from '../../../src/decisions/usage/memory-pressure.ts';
import { scenarioFromYaml } from '../../helpers/scenario.ts';
import { checkWorld } from '../../helpers/world-invariants.ts';

const workloadArb = fc.record({
  cpu: fc.constantFrom('100m', '250m', '500m'),
  mem: fc.constantFrom('128Mi', '256Mi', '512Mi'),
  replicas: fc.integer({ min: 1, max: 6 }),
  hpa: fc.boolean(),
  base: fc.integer({ min: 0, max: 300 }),
  cpuPerRequestMs: fc.integer({ min: 1, max: 20 }),
  idleMilli: fc.integer({ min: 0, max: 50 }),
  memoryMi: fc.integer({ min: 50, max: 1500 }),
  perRequestMi: fc.integer({ min: 0, max: 20 }),
  growthMiPerHour: fc.constantFrom(0, 500, 3000),
  cpuLimit: fc.option(fc.constantFrom('500m', '1'), { nil: undefined }),
  memoryLimit: fc.option(fc.constantFrom('600Mi', '1Gi', '2Gi'), { nil: undefined }),
  priority: fc.integer({ min: 0, max: 100 }),
});

const fleetArb = fc.record({
  nodeMemory: fc.constantFrom('2Gi', '4Gi', '8Gi'),
  initial: fc.integer({ min: 2, max: 4 }),
  workloads: fc.array(workloadArb, { minLength: 1, maxLength: 3 }),
  seed: fc.integer({ min: 1, max: 1000 }),
});
type Fleet = typeof fleetArb extends fc.Arbitrary<infer T> ? T : never;

function yamlOf(f: Fleet): string {
  const wl = f.workloads
    .map((w, i) => {
      const limits = [w.cpuLimit && `cpu: ${w.cpuLimit}`, w.memoryLimit && `memory: ${w.memoryLimit}`].filter(Boolean).join(', ');
      return `
  - name: w${i}
    priorityClass: p${i}
    requests: {cpu: ${w.cpu}, memory: ${w.mem}}
    serviceTime: 40ms
    concurrency: 4
    timeout: 2s
    startupDelay: {dist: uniform, min: 5s, max: 20s}
    replicas: ${w.replicas}
    ${w.hpa ? 'hpa: {min: 1, max: 20, targetCPUUtilization: 60}' : ''}
    usage: {cpuPerRequest: ${w.cpuPerRequestMs}ms, idleCpu: ${w.idleMilli}m, memory: ${w.memoryMi}Mi, memoryPerRequest: ${w.perRequestMi}Mi, memoryGrowthPerHour: ${w.growthMiPerHour}Mi}
    ${limits ? `limits: {${limits}}` : ''}
    traffic: {generator: {base: ${w.base}, bursts: [{at: 5m, peak: ${w.base * 3}, rise: 30s, hold: 4m, fall: 1m}], noise: 0.05}}`;
    })
    .join('');
  const classes = f.workloads.map((w, i) => `  - {name: p${i}, value: ${w.priority}}`).join('\n');
  return `
name: usage-prop
seed: ${f.seed}
duration: 15m
step: 10s
clusters: [z0]
nodeGroups:
  - {name: small, allocatable: {cpu: 4, memory: ${f.nodeMemory}, pods: 40}, pricePerHour: 0.1, min: 0, max: 6, initial: ${f.initial}, provisioningDelay: {fixed: 60s}}
priorityClasses:
${classes}
workloads:${wl}
`;
}

describe('usage model properties', () => {
  it('pods are conserved, nodes fit their memory after eviction, no pod serves past its cpu limit', { timeout: 240_000 }, async () => {
    // what the runs did, so the property is not met by fleets where nothing happens
    const seen = { oomKills: 0, evictions: 0, throttled: 0 };
    await fc.assert(
      fc.asyncProperty(fleetArb, async (f) => {
        let scenario;
        try {
          scenario = scenarioFromYaml(yamlOf(f));
        } catch {
          return; // a fleet whose initial pods do not fit its initial nodes: the loader refuses it
        }
        const ws = scenario.workloads;
        const observer: RunObserver = {
          recordsSeries: false,
          latencySketch: () => new LatencySketch(),
          step(o: StepObservation) {
            for (let wi = 0; wi < ws.length; wi++) {
              seen.oomKills += o.usage!.workloads.oomKills[wi];
              seen.evictions += o.usage!.workloads.evictions[wi];
              seen.throttled += o.usage!.workloads.throttledPods[wi];
              const w = ws[wi];
              const natural = w.concurrency / w.serviceTime.meanSec;
              const perPod = w.limits?.cpuMilli === undefined ? natural : throttledCapacityRps(natural, w.limits.cpuMilli, w.usage!);
              expect(o.workloads.capacityRps[wi]).toBeLessThanOrEqual(o.workloads.readyPods[wi] * perPod * (1 + 1e-9) + 1e-9);
            }
          },
          end() {},
        };
        await simulate(scenario, observer, {
          inspect: (world, _k, usage) => {
            checkWorld(world);
            for (const node of world.nodes) {
              if (node.state !== NodeState.Ready && node.state !== NodeState.Draining) continue;
              expect(usage!.nodeMemoryBytes(node)).toBeLessThanOrEqual(node.info.allocMemoryBytes);
            }
          },
        });
      }),
      { numRuns: 12, seed: 1616, endOnFailure: true },
    );
    expect(seen.oomKills).toBeGreaterThan(0);
    expect(seen.evictions).toBeGreaterThan(0);
    expect(seen.throttled).toBeGreaterThan(0);
  });

  it('throttled capacity never exceeds limit / cpu per request', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 8000, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 1e-4, max: 0.1, noNaN: true }), (natural, cpu, idle, cpr) => {
        const usage = { cpuSecPerRequest: cpr, idleCpuMilli: idle, memoryBytes: 0, memoryBytesPerRequest: 0, memoryGrowthBytesPerHour: 0 };
        const rps = throttledCapacityRps(natural, cpu, usage);
        expect(rps).toBeLessThanOrEqual(cpu / (cpr * 1000) + 1e-9);
        expect(rps).toBeLessThanOrEqual(natural);
        expect(rps).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('cpu shares hand out no more than the node has, and no pod more than it wants', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ want: fc.double({ min: 0, max: 4000, noNaN: true }), shares: fc.integer({ min: 2, max: 4096 }) }), { minLength: 1, maxLength: 30 }), fc.double({ min: 1, max: 16000, noNaN: true }), (pods, capacity) => {
        const grant = new Float64Array(pods.length);
        const short = shareNodeCpu(pods.map((p) => p.want), pods.map((p) => p.shares), pods.length, capacity, grant);
        const total = grant.reduce((a, b) => a + b, 0);
        const wanted = pods.reduce((a, p) => a + p.want, 0);
        expect(total).toBeLessThanOrEqual(Math.max(capacity, 0) * (1 + 1e-9) + 1e-6);
        pods.forEach((p, i) => expect(grant[i]).toBeLessThanOrEqual(p.want * (1 + 1e-9) + 1e-9));
        // a short node is used to the full
        if (short) expect(total).toBeCloseTo(Math.min(capacity, wanted), 3);
      }),
    );
  });

  it('eviction leaves a node within its allocatable memory', () => {
    const pod = fc.record({ usageBytes: fc.integer({ min: 1, max: 4 * 2 ** 30 }), requestBytes: fc.integer({ min: 0, max: 2 ** 30 }), priority: fc.integer({ min: -10, max: 1000 }) });
    fc.assert(
      fc.property(fc.array(pod, { maxLength: 40 }), fc.integer({ min: 0, max: 32 * 2 ** 30 }), (pods, allocatable) => {
        const used = pods.reduce((a, p) => a + p.usageBytes, 0);
        const victims = memoryPressureVictims(pods, used, allocatable);
        const left = used - victims.reduce((a, i) => a + pods[i].usageBytes, 0);
        expect(left).toBeLessThanOrEqual(allocatable);
        expect(new Set(victims).size).toBe(victims.length);
        // no pod more than needed: without the last victim the node would still be over
        if (victims.length > 0) expect(left + pods[victims.at(-1)!].usageBytes).toBeGreaterThan(allocatable);
      }),
    );
  });
});
