/**
 * Taints, selectors and DaemonSets in whole runs: the scheduler keeps pods off nodes they may not
 * use, the autoscaler scales the one group that can hold a pod and says so for a pod none can, and
 * a DaemonSet's room on every node shows in how many placeholders fit and how many nodes it takes.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { passesPlacement } from '../../src/decisions/scheduler/filters.ts';
import type { World } from '../../src/sim/world.ts';
import { NodeState, PodPhase } from '../../src/sim/types.ts';
import { scenarioFromYaml, smallFleet } from '../helpers/scenario.ts';

const twoPools = `
name: pools
seed: 3
duration: 20m
step: 10s
clusters: [az-a]
nodeGroups:
  - name: general
    allocatable: {cpu: 4, memory: 16Gi, pods: 30}
    pricePerHour: 0.2
    min: 1
    max: 10
    initial: 3
    provisioningDelay: {fixed: 60s}
  - name: gpu
    allocatable: {cpu: 8, memory: 32Gi, pods: 30}
    pricePerHour: 2
    min: 0
    max: 5
    initial: 0
    provisioningDelay: {fixed: 60s}
    labels: {accelerator: gpu}
    taints: [{key: nvidia.com/gpu, value: "true", effect: NoSchedule}]
clusterAutoscaler: {expander: price}
workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 50ms
    replicas: 4
    traffic: {generator: {base: 50}}
  - name: trainer
    requests: {cpu: 2, memory: 4Gi}
    serviceTime: 1s
    replicas: 3
    nodeSelector: {accelerator: gpu}
    tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
  - name: stranded
    requests: {cpu: 100m, memory: 128Mi}
    serviceTime: 50ms
    replicas: 1
    affinity:
      nodeAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms: [{matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [az-z]}]}]
`;

function checkPlacement(world: World): void {
  for (const pod of world.pods) {
    if (pod.node === null || pod.phase === PodPhase.Gone) continue;
    expect(passesPlacement(pod.info, pod.node.info), `${pod.info.name} on ${pod.node.name}`).toBe(true);
  }
}

describe('placement in a run', () => {
  it('scales the group whose labels and taints admit the pod, keeps other pods off it, and says which pod no group can hold', async () => {
    let gpuNodes = 0;
    const r = await runScenario(scenarioFromYaml(twoPools), {
      recordEvents: true,
      inspect: (world) => {
        checkPlacement(world);
        gpuNodes = world.nodes.filter((n) => n.groupSpec.name === 'gpu' && n.state === NodeState.Ready).length;
      },
    });
    // 3 trainers × 2 cpu on 8-cpu gpu nodes: one node, though the general group is cheaper (price expander)
    expect(gpuNodes).toBe(1);
    const events = r.events.map((l) => JSON.parse(l) as { reason: string; object: string; message: string });
    const scaleUps = events.filter((e) => e.reason === 'TriggeredScaleUp');
    expect(scaleUps.map((e) => e.object)).toEqual(['gpu']);
    const notTriggered = events.filter((e) => e.reason === 'NotTriggerScaleUp');
    expect(notTriggered.map((e) => e.object.replace(/-\d+$/, ''))).toEqual(['stranded']);
    const failed = events.find((e) => e.reason === 'FailedScheduling' && e.object.startsWith('stranded'));
    expect(failed?.message).toContain("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector");
    expect(failed?.message).toContain('3 Preemption is not helpful for scheduling');
  });

  it('does not preempt on a node whose taints refuse the preemptor', async () => {
    // The only room is on the gpu node, held by low-priority placeholders that tolerate the taint;
    // web pods do not tolerate it, so they never preempt there.
    const yaml = twoPools
      .replace('initial: 0', 'initial: 1')
      .replace(/  - name: trainer[\s\S]*$/, '')
      .replace('replicas: 4', 'replicas: 30')
      .concat(`priorityClasses:
  - {name: low, value: -5}
overprovisioner:
  - {name: headroom, requests: {cpu: 1, memory: 1Gi}, replicasPerCluster: 2, priorityClass: low}
`);
    const r = await runScenario(scenarioFromYaml(yaml), { recordEvents: true, inspect: checkPlacement });
    const preempted = r.events.map((l) => JSON.parse(l) as { reason: string; node?: string }).filter((e) => e.reason === 'Preempted');
    for (const e of preempted) expect(e.node).not.toContain('gpu');
  });
});

describe('DaemonSets', () => {
  // 4-cpu nodes, 500m placeholders: 8 fit an empty node; with a 200m / 256Mi agent on every node,
  // floor((4000 − 200) / 500) = 7.
  const fleet = (extra: string) =>
    scenarioFromYaml(smallFleet({ duration: '20m', replicas: 0, nodes: 1, placeholders: 16, rate: 0, extra }));
  const daemonSet = 'daemonSets:\n  - {name: log-shipper, requests: {cpu: 200m, memory: 256Mi}}';

  it('take room on every node before placeholders: fewer fit per node and more nodes are needed', async () => {
    let perNode: number[] = [];
    let nodesPlain = 0;
    await runScenario(fleet(''), {
      inspect: (world) => {
        nodesPlain = world.nodes.filter((n) => n.state === NodeState.Ready).length;
      },
    });
    let nodesWithAgent = 0;
    let agents = 0;
    await runScenario(fleet(daemonSet), {
      inspect: (world) => {
        const ready = world.nodes.filter((n) => n.state === NodeState.Ready);
        nodesWithAgent = ready.length;
        perNode = ready.map((n) => n.info.pods.filter((p) => p.name.startsWith('headroom')).length);
        agents = ready.reduce((a, n) => a + n.info.pods.filter((p) => p.daemonSet).length, 0);
      },
    });
    // 16 placeholders: 16 / 8 = 2 nodes without the agent; ceil(16 / 7) = 3 with it
    expect(nodesPlain).toBe(2);
    expect(nodesWithAgent).toBe(3);
    expect(agents).toBe(3);
    expect(Math.max(...perNode)).toBe(7);
  });

  it('run only on the nodes their nodeSelector and tolerations allow', async () => {
    const yaml = twoPools.replace('initial: 0', 'initial: 1').concat(`daemonSets:
  - {name: agent, requests: {cpu: 100m, memory: 64Mi}}
  - {name: gpu-plugin, requests: {cpu: 50m, memory: 32Mi}, nodeSelector: {accelerator: gpu}, tolerations: [{operator: Exists}]}
`);
    await runScenario(scenarioFromYaml(yaml), {
      inspect: (world) => {
        for (const n of world.nodes.filter((x) => x.state === NodeState.Ready)) {
          const ds = n.info.pods.filter((p) => p.daemonSet).map((p) => p.name.replace(/-\d+$/, '')).sort();
          expect(ds).toEqual(n.groupSpec.name === 'gpu' ? ['gpu-plugin'] : ['agent']);
        }
      },
    });
  });
});

describe('docs/scenario.md: the DaemonSets example', () => {
  it('runs as its prose says', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/scenario.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## DaemonSets: `daemonSets[]`'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1];
    let checked = false;
    await runScenario(scenarioFromYaml(`name: doc\nduration: 10m\n${yaml}`), {
      inspect: (world) => {
        checkPlacement(world);
        for (const n of world.nodes.filter((x) => x.state === NodeState.Ready)) {
          const names = n.info.pods.map((p) => p.name.replace(/-\d+$/, ''));
          if (n.groupSpec.name === 'gpu') {
            // the shipper does not tolerate the taint; only trainers run there
            expect(names.every((x) => x === 'trainer')).toBe(true);
            checked = true;
          } else {
            expect(names).toContain('log-shipper');
            expect(names).not.toContain('trainer');
          }
        }
      },
    });
    expect(checked).toBe(true);
  });
});
