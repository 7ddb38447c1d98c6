/** Add-on changes: a DaemonSet added or resized on every node from a time. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/run.ts';
import { NodeState, PodPhase } from '../../../src/sim/types.ts';
import type { World } from '../../../src/sim/world.ts';
import { scenarioFromYaml, smallFleet } from '../../helpers/scenario.ts';
import { checkWorld } from '../../helpers/world-invariants.ts';

const fleet = (change: string, extra = '') =>
  scenarioFromYaml(smallFleet({ rate: 100, replicas: 6, nodes: 3, placeholders: 6, extra: `${extra}changes:\n  - at: 5m\n    clusters: all\n    daemonSet: ${change}\n` }));
const events = (lines: readonly string[], reason: string) => lines.map((l) => JSON.parse(l)).filter((e) => e.reason === reason);

async function run(change: string, extra = '') {
  let world: World | undefined;
  const r = await runScenario(fleet(change, extra), { recordEvents: true, inspect: (w) => ((world = w), checkWorld(w)) });
  return { r, world: world! };
}

/** each Ready node's pods of the DaemonSet, by request */
function dsPods(world: World, name: string): number[][] {
  return world.clusters[0].nodes
    .filter((n) => n.state === NodeState.Ready)
    .map((n) => n.info.pods.filter((p) => world.pods[p.uid].owner.name === name).map((p) => p.cpuMilli));
}

describe('daemonSet: an add-on from a time', () => {
  it('a new DaemonSet runs on every node, preempting placeholders where a node is full', async () => {
    // 3 nodes of 4 cpu hold 6 × 500m of web and 6 × 500m of placeholders, 2 cores a node (spread):
    // a 2.5-cpu agent fits nowhere until a placeholder is preempted on each node
    const { r, world } = await run('{name: agent, requests: {cpu: 2500m, memory: 256Mi}}');
    expect(dsPods(world, 'agent').every((pods) => pods.length === 1 && pods[0] === 2500)).toBe(true);
    const ch = r.summary.changes![0];
    expect(ch).toMatchObject({ kind: 'daemonSet', cluster: 'az-a', finished: true });
    // whatever was preempted was a placeholder (the lowest priority), never web
    const preempted = events(r.events, 'Preempted').filter((e) => e.message.includes('DaemonSet pod'));
    expect(preempted.length).toBeGreaterThanOrEqual(3);
    expect(preempted.every((e) => e.object.startsWith('headroom-'))).toBe(true);
    // the autoscaler's template counts the agent: new nodes have 2.5 cpu less for pods
    expect(world.clusters[0].groupTemplates[0].daemonSetPods?.map((p) => p.cpuMilli)).toEqual([2500]);
    expect(world.clusters[0].workloads[0].readyCount).toBe(world.clusters[0].workloads[0].desired);
  });

  it('an existing DaemonSet resized: its pods replaced one node at a time', async () => {
    const { r, world } = await run('{name: logs, requests: {cpu: 300m, memory: 128Mi}}', 'daemonSets:\n  - {name: logs, requests: {cpu: 100m, memory: 64Mi}}\n');
    expect(dsPods(world, 'logs').every((pods) => pods.length === 1 && pods[0] === 300)).toBe(true);
    expect(r.summary.changes![0].finished).toBe(true);
    // no node ever ran two of them, nor an old one left bound
    const gone = world.pods.filter((p) => p.owner.name === 'logs' && p.info.cpuMilli === 100);
    expect(gone.every((p) => p.phase === PodPhase.Gone)).toBe(true);
  });
});
