/**
 * Required pod anti-affinity in the running fleet: a workload that wants one pod per host gets one
 * pod per node, the cluster-autoscaler adds a node for each pod it cannot place (its estimator runs
 * the same filter on its template nodes, each a host of its own), and no step ever has two on one host.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { NodeState, PodPhase } from '../../src/sim/types.ts';
import type { World } from '../../src/sim/world.ts';
import { checkWorld } from '../helpers/world-invariants.ts';
import { scenarioFromYaml } from '../helpers/scenario.ts';

const yaml = (replicas: number) => `
name: anti
seed: 5
duration: 15m
step: 10s
clusters: [az-a]
nodeGroups:
  - {name: general, allocatable: {cpu: 4, memory: 16Gi, pods: 30}, pricePerHour: 0.2, min: 0, max: 20, initial: 2, provisioningDelay: {fixed: 60s}}
clusterAutoscaler: {scaleDownEnabled: false}
workloads:
  - name: web
    requests: {cpu: 250m, memory: 256Mi}
    serviceTime: 40ms
    startupDelay: {fixed: 10s}
    replicas: ${replicas}
    traffic: {generator: {base: 50}}
    affinity:
      podAntiAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}
  - name: api
    requests: {cpu: 250m, memory: 256Mi}
    serviceTime: 40ms
    startupDelay: {fixed: 10s}
    replicas: 6
    traffic: {generator: {base: 50}}
`;

function webPerNode(world: World): number[] {
  return world.clusters[0].nodes
    .filter((n) => n.state !== NodeState.Removed)
    .map((n) => n.info.pods.filter((p) => p.labels.app === 'web' && world.pods[p.uid].phase !== PodPhase.Gone).length);
}

describe('required pod anti-affinity over hostnames', () => {
  it('one pod per node: the autoscaler adds a node for each one that cannot be placed, and no host ever holds two', async () => {
    let world: World | undefined;
    let steps = 0;
    // two initial nodes hold two of the six; the initial placement leaves four pending
    await runScenario(scenarioFromYaml(yaml(6)), {
      inspect: (w) => {
        world = w;
        checkWorld(w);
        expect(Math.max(...webPerNode(w))).toBeLessThanOrEqual(1);
        steps++;
      },
    });
    expect(steps).toBeGreaterThan(80);
    const perNode = webPerNode(world!);
    expect(perNode.filter((n) => n === 1)).toHaveLength(6);
    expect(world!.clusters[0].nodes.filter((n) => n.state === NodeState.Ready)).toHaveLength(6);
    // api has no rule: it packs beside them
    expect(world!.clusters[0].pending).toHaveLength(0);
  });
});
