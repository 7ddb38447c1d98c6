/**
 * The fluid model against the request-by-request reference over whole runs with bursts, overload
 * and autoscaling: error rate and p99 agree within 10%.
 */
import { describe, it, expect } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { parseScenario } from '../../src/scenario/index.ts';

function fleet(traffic: string, hpa: boolean): string {
  return `
name: modes
seed: 3
duration: 25m
step: 10s
clusters: [az-a, az-b]
nodeGroups:
  - {name: g, allocatable: {cpu: 8, memory: 32Gi, pods: 60}, pricePerHour: 1, min: 1, max: 20, initial: 3, provisioningDelay: {fixed: 60s}}
workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 50ms
    concurrency: 4
    timeout: 1s
    replicas: 10
    startupDelay: {fixed: 15s}
    ${hpa ? 'hpa: {min: 10, max: 40, targetCPUUtilization: 70}' : ''}
    traffic: {generator: ${traffic}}
`;
}

const cases: [string, string, boolean][] = [
  ['a short overload, fixed replicas', '{base: 1000, bursts: [{at: 10m, peak: 3000, rise: 30s, hold: 2m, fall: 30s}]}', false],
  ['a burst the HPA chases', '{base: 1000, bursts: [{at: 10m, peak: 2600, rise: 60s, hold: 5m, fall: 1m}]}', true],
  ['a long burst on fixed replicas', '{base: 1000, bursts: [{at: 10m, peak: 2600, rise: 60s, hold: 5m, fall: 1m}]}', false],
  ['steady load near saturation', '{base: 1500}', false],
];

describe('fluid and request-by-request serving agree over whole runs', () => {
  it.each(cases)('%s', async (_name, traffic, hpa) => {
    const yaml = fleet(traffic, hpa);
    const fluid = await runScenario(parseScenario(yaml, 'm.yaml'), { summaryOnly: true });
    const requests = await runScenario(parseScenario(yaml, 'm.yaml', { sets: ['serving.model=requests'] }), { summaryOnly: true });
    const f = fluid.summary;
    const r = requests.summary;
    expect(r.requests.errorRate).toBeGreaterThan(0);
    expect(Math.abs(f.requests.errorRate - r.requests.errorRate) / r.requests.errorRate).toBeLessThan(0.1);
    expect(Math.abs(f.latencyMs.p99 - r.latencyMs.p99) / r.latencyMs.p99).toBeLessThan(0.1);
    expect(Math.abs(f.latencyMs.mean - r.latencyMs.mean) / r.latencyMs.mean).toBeLessThan(0.1);
  }, 60_000);
});
