/**
 * Whatever the fleet's taints and labels and the workloads' tolerations and selectors, after every
 * step no pod is bound to a node whose taints (NoSchedule, NoExecute), labels (nodeSelector,
 * required node affinity) or cordon refuse it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runScenario } from '../../src/run.ts';
import { passesPlacement } from '../../src/decisions/scheduler/filters.ts';
import { PodPhase } from '../../src/sim/types.ts';
import { scenarioFromYaml } from '../helpers/scenario.ts';

const poolArb = fc.record({
  tainted: fc.boolean(),
  effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'),
  tier: fc.constantFrom('a', 'b'),
  initial: fc.integer({ min: 1, max: 3 }),
});
const workloadArb = fc.record({
  tolerates: fc.boolean(),
  selector: fc.constantFrom('none', 'a', 'b', 'notIn-a', 'zone'),
  replicas: fc.integer({ min: 1, max: 8 }),
  peak: fc.integer({ min: 0, max: 2000 }),
});
const fleetArb = fc.record({
  pools: fc.array(poolArb, { minLength: 1, maxLength: 3 }),
  workloads: fc.array(workloadArb, { minLength: 1, maxLength: 3 }),
  daemonSet: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1000 }),
});

function selectorYaml(s: string): string {
  if (s === 'a' || s === 'b') return `nodeSelector: {tier: ${s}}`;
  const [key, op, values] = s === 'zone' ? ['topology.kubernetes.io/zone', 'In', '[z0]'] : ['tier', 'NotIn', '[a]'];
  return `affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: ${key}, operator: ${op}, values: ${values}}]}]}}}`;
}

type Fleet = typeof fleetArb extends fc.Arbitrary<infer T> ? T : never;

function yamlOf(f: Fleet): string {
  const pools = f.pools
    .map(
      (p, i) => `
  - name: p${i}
    allocatable: {cpu: 4, memory: 16Gi, pods: 20}
    pricePerHour: 0.2
    min: 0
    max: 6
    initial: ${p.initial}
    provisioningDelay: {fixed: 60s}
    labels: {tier: ${p.tier}}
    ${p.tainted ? `taints: [{key: dedicated, value: x, effect: ${p.effect}}]` : ''}`,
    )
    .join('');
  const workloads = f.workloads
    .map(
      (w, i) => `
  - name: w${i}
    requests: {cpu: 250m, memory: 256Mi}
    serviceTime: 40ms
    startupDelay: {fixed: 10s}
    replicas: ${w.replicas}
    hpa: {min: 1, max: 20, targetCPUUtilization: 60}
    traffic: {generator: {base: 50, bursts: [{at: 3m, peak: ${w.peak}, rise: 30s, hold: 3m, fall: 1m}]}}
    ${w.tolerates ? 'tolerations: [{key: dedicated, operator: Exists}]' : ''}
    ${w.selector === 'none' ? '' : selectorYaml(w.selector)}`,
    )
    .join('');
  return `
name: placement-property
seed: ${f.seed}
duration: 15m
step: 10s
clusters: [z0, z1]
nodeGroups:${pools}
workloads:${workloads}
${f.daemonSet ? 'daemonSets:\n  - {name: agent, requests: {cpu: 100m, memory: 64Mi}, nodeSelector: {tier: a}}' : ''}
`;
}

describe('placement invariant', () => {
  it('no pod sits on a node that refuses it, after every step', async () => {
    let checkedPods = 0;
    await fc.assert(
      fc.asyncProperty(fleetArb, async (f) => {
        let scenario;
        try {
          scenario = scenarioFromYaml(yamlOf(f));
        } catch {
          return; // the loader refuses fleets whose initial replicas do not fit: not this property's business
        }
        await runScenario(scenario, {
          inspect: (world) => {
            for (const pod of world.pods) {
              if (pod.node === null || pod.phase === PodPhase.Gone) continue;
              expect(passesPlacement(pod.info, pod.node.info), `${pod.info.name} on ${pod.node.name}`).toBe(true);
              checkedPods++;
            }
          },
        });
      }),
      { numRuns: 20, seed: 17, verbose: 1 },
    );
    // the property held over real placements, not only over fleets the loader refused
    expect(checkedPods).toBeGreaterThan(1000);
  }, 120_000);
});
