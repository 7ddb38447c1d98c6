/**
 * Topology spread in the running fleet: one cluster over three zones, a node group per zone, a
 * workload spread over zones with DoNotSchedule. Every placement keeps the zones within maxSkew
 * (while pods are only added, the spread between the fullest and the emptiest zone never passes
 * maxSkew); the autoscaler adds nodes in the zones that can take the pods; a zone that cannot
 * grow holds back the others.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LABEL_ZONE } from '../../src/decisions/defaults.ts';
import { runScenario } from '../../src/run.ts';
import { NodeState, PodPhase } from '../../src/sim/types.ts';
import type { World } from '../../src/sim/world.ts';
import { checkWorld } from '../helpers/world-invariants.ts';
import { scenarioFromYaml } from '../helpers/scenario.ts';

interface Fleet {
  zones: number;
  maxSkew: number;
  replicas: number;
  peak: number;
  initial: number;
  /** the last zone's group may not grow */
  stuckZone: boolean;
  seed: number;
}

function yamlOf(f: Fleet): string {
  const zones = ['a', 'b', 'c'].slice(0, f.zones);
  return `
name: spread
seed: ${f.seed}
duration: 12m
step: 10s
clusters: [{name: one, zones: [${zones.join(', ')}]}]
nodeGroups:
  - name: general
    ${f.stuckZone ? `zones: [${zones.slice(0, -1).join(', ')}]` : ''}
    allocatable: {cpu: 4, memory: 16Gi, pods: 20}
    pricePerHour: 0.2
    min: 0
    max: 8
    initial: ${f.initial}
    provisioningDelay: {fixed: 60s}
${f.stuckZone ? `  - {name: last, zone: ${zones[zones.length - 1]}, allocatable: {cpu: 4, memory: 16Gi, pods: 20}, pricePerHour: 0.2, min: 1, max: 1, initial: 1, provisioningDelay: {fixed: 60s}}` : ''}
workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 40ms
    startupDelay: {fixed: 10s}
    replicas: ${f.replicas}
    hpa: {min: 1, max: 60, targetCPUUtilization: 60}
    traffic: {generator: {base: 100, bursts: [{at: 2m, peak: ${f.peak}, rise: 30s, hold: 8m, fall: 1m}]}}
    topologySpreadConstraints:
      - {maxSkew: ${f.maxSkew}, topologyKey: ${LABEL_ZONE}, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
`;
}

/** web's bound, not terminating pods per zone */
function perZone(world: World): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of world.clusters[0].nodes) {
    if (n.state === NodeState.Removed) continue;
    const zone = n.info.labels![LABEL_ZONE];
    if (!counts.has(zone)) counts.set(zone, 0);
    for (const p of n.info.pods) {
      const pod = world.pods[p.uid];
      if (p.labels.app === 'web' && pod.phase !== PodPhase.Terminating && pod.phase !== PodPhase.Gone) counts.set(zone, counts.get(zone)! + 1);
    }
  }
  return counts;
}

describe('topology spread over the zones of one cluster', () => {
  it('zones from the cluster, one node group per zone', async () => {
    const scenario = scenarioFromYaml(yamlOf({ zones: 3, maxSkew: 1, replicas: 6, peak: 1500, initial: 1, stuckZone: false, seed: 3 }));
    expect(scenario.clusters[0].zones).toEqual(['a', 'b', 'c']);
    expect(scenario.clusters[0].nodeGroups.map((g) => [g.name, g.zone])).toEqual([['general-a', 'a'], ['general-b', 'b'], ['general-c', 'c']]);
    let world: World | undefined;
    const r = await runScenario(scenario, { inspect: (w) => (world = w) });
    const counts = [...perZone(world!).values()];
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    // the burst grew every zone: the autoscaler added nodes where the skew let pods go
    expect(r.summary.nodes.peak).toBeGreaterThan(3);
  });

  it('a zone that cannot grow holds the others back: pods stay pending though other zones could hold them', async () => {
    const scenario = scenarioFromYaml(yamlOf({ zones: 3, maxSkew: 1, replicas: 6, peak: 3000, initial: 1, stuckZone: true, seed: 3 }));
    let world: World | undefined;
    let maxPending = 0;
    await runScenario(scenario, {
      inspect: (w) => {
        world = w;
        maxPending = Math.max(maxPending, w.clusters[0].pending.length);
      },
    });
    const counts = perZone(world!);
    // zone c is one 4-cpu node: at most 8 web pods there, so a and b stop at 9
    expect(counts.get('c')).toBeLessThanOrEqual(8);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(counts.get('c')! + 1);
    expect(maxPending).toBeGreaterThan(0);
  });

  it('summary: the pending pod-seconds held by the skew alone, a part of all pending; absent without DoNotSchedule', async () => {
    const f = { zones: 3, maxSkew: 1, replicas: 6, peak: 3000, initial: 1, stuckZone: true, seed: 3 };
    const { summary } = await runScenario(scenarioFromYaml(yamlOf(f)), { summaryOnly: true });
    // zone c cannot grow: pods wait while zones a and b have room the skew keeps them off
    expect(summary.pods.skewBlockedPendingSeconds).toBeGreaterThan(0);
    expect(summary.pods.skewBlockedPendingSeconds!).toBeLessThanOrEqual(summary.pods.pendingSecondsTotal);
    const soft = await runScenario(scenarioFromYaml(yamlOf(f), ['workloads.0.topologySpreadConstraints.0.whenUnsatisfiable=ScheduleAnyway']), { summaryOnly: true });
    expect('skewBlockedPendingSeconds' in soft.summary.pods).toBe(false);
  });

  it('with pods only added, no placement lets the zones differ by more than maxSkew (property)', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          zones: fc.integer({ min: 2, max: 3 }),
          maxSkew: fc.integer({ min: 1, max: 3 }),
          replicas: fc.integer({ min: 1, max: 12 }),
          peak: fc.integer({ min: 0, max: 4000 }),
          initial: fc.integer({ min: 1, max: 2 }),
          stuckZone: fc.boolean(),
          seed: fc.integer({ min: 1, max: 1000 }),
        }),
        async (f) => {
          let scenario;
          try {
            scenario = scenarioFromYaml(yamlOf(f));
          } catch {
            return;
          }
          await runScenario(scenario, {
            inspect: (w) => {
              checkWorld(w);
              const counts = [...perZone(w).values()];
              expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(f.maxSkew);
              checked++;
            },
          });
        },
      ),
      { numRuns: 15, seed: 29 },
    );
    expect(checked).toBeGreaterThan(500);
  }, 120_000);
});
