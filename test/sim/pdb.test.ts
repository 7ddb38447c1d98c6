import { describe, it, expect } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { scenarioFromYaml } from '../helpers/scenario.ts';

// Two full nodes of low-priority pods: "guarded" (under a PodDisruptionBudget that allows no
// disruption) and "free". A burst makes the HPA of a high-priority workload add pods that must
// preempt. With the budget, preemption takes only "free" pods; the autoscaler may not drain a node
// whose pods the budget protects.
function fleet(pdb: boolean): string {
  return `
name: pdb
seed: 3
duration: 20m
step: 10s
clusters: [az-a]
nodeGroups:
  - name: general
    allocatable: {cpu: 4, memory: 16Gi, pods: 30}
    pricePerHour: 0.2
    min: 2
    max: 2
    initial: 2
    provisioningDelay: {fixed: 60s}
priorityClasses:
  - {name: low, value: 0}
  - {name: high, value: 1000}
workloads:
  - name: guarded
    priorityClass: low
    requests: {cpu: 1, memory: 1Gi}
    serviceTime: 50ms
    replicas: 3
    traffic: {generator: {base: 10}}
  - name: free
    priorityClass: low
    requests: {cpu: 1, memory: 1Gi}
    serviceTime: 50ms
    replicas: 3
    traffic: {generator: {base: 10}}
  - name: urgent
    priorityClass: high
    requests: {cpu: 1, memory: 1Gi}
    serviceTime: 50ms
    concurrency: 4
    replicas: 2
    hpa: {min: 2, max: 5, targetCPUUtilization: 60}
    traffic: {generator: {base: 100, bursts: [{at: 5m, peak: 1000, rise: 10s, hold: 5m, fall: 10s}]}}
${pdb ? 'podDisruptionBudgets:\n  - {name: guarded, matchLabels: {app: guarded}, minAvailable: 100%}' : ''}
`;
}

function victims(events: readonly string[]): string[] {
  return events
    .map((l) => JSON.parse(l))
    .filter((e) => e.reason === 'Preempted')
    .map((e) => String(e.object).replace(/-\d+$/, ''));
}

describe('PodDisruptionBudgets in the running fleet', () => {
  it('steer preemption away from the pods they protect', async () => {
    const without = victims((await runScenario(scenarioFromYaml(fleet(false)), { recordEvents: true })).events);
    const withPdb = victims((await runScenario(scenarioFromYaml(fleet(true)), { recordEvents: true })).events);
    // 2 nodes × 4 cpu hold 3 + 3 + 2 pods; the HPA goes to its max of 5 urgent pods: 3 victims.
    // Without the budget the victims' choice does not care whose pods they are; with it, the pods
    // whose eviction would break the budget are spared while others can go.
    expect(without).toHaveLength(3);
    expect(without).toContain('guarded');
    expect(withPdb).toEqual(['free', 'free', 'free']);
  });
});
