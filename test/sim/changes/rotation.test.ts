/** Node-group rotations in whole runs: cordon, drain through the eviction API, replacements, PDBs. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/run.ts';
import { NodeState } from '../../../src/sim/types.ts';
import type { World } from '../../../src/sim/world.ts';
import { scenarioFromYaml, smallFleet } from '../../helpers/scenario.ts';
import { checkWorld } from '../../helpers/world-invariants.ts';

const PDB = `podDisruptionBudgets:\n  - {name: web, matchLabels: {app: web}, maxUnavailable: 1}\n`;
const fleet = (rotate: string, extra = '') =>
  scenarioFromYaml(
    smallFleet({ rate: 200, replicas: 8, nodes: 3, delay: '{fixed: 60s}', extra: `${extra}changes:\n  - at: 5m\n    clusters: all\n    rotate: ${rotate}\n` }).replace(
      '    replicas: 8',
      '    replicas: 8\n    labels: {app: web}',
    ),
  );
const events = (lines: readonly string[], reason: string) => lines.map((l) => JSON.parse(l)).filter((e) => e.reason === reason);

async function run(rotate: string, extra = '') {
  let world: World | undefined;
  const r = await runScenario(fleet(rotate, extra), { recordEvents: true, inspect: (w) => ((world = w), checkWorld(w)) });
  return { r, world: world! };
}

describe('a node-group rotation', () => {
  it('maxUnavailable 1: cordons and drains one node at a time, every old node replaced, no pod lost', async () => {
    const { r, world } = await run('{nodeGroup: general, maxUnavailable: 1}');
    const c = world.clusters[0];
    const old = c.nodes.filter((n) => n.requestedAt === 0);
    expect(old.length).toBeGreaterThanOrEqual(3);
    expect(old.every((n) => n.state === NodeState.Removed)).toBe(true);
    const cordoned = events(r.events, 'NodeNotSchedulable');
    expect(cordoned.map((e) => e.object).sort()).toEqual(old.map((n) => n.name).sort());
    expect(cordoned[0].message).toBe(`Node ${old[0].name} status is now: NodeNotSchedulable`);
    // one at a time: each cordoned only after the one before was emptied
    const evicted = events(r.events, 'Evicted');
    expect(evicted.length).toBeGreaterThan(0);
    for (let i = 1; i < cordoned.length; i++) {
      const before = evicted.filter((e) => e.message.includes(`from ${cordoned[i - 1].object} `));
      expect(cordoned[i].time_s).toBeGreaterThanOrEqual(Math.max(...before.map((e) => e.time_s)));
    }
    const ch = r.summary.changes![0];
    expect(ch).toMatchObject({ kind: 'rotate', cluster: 'az-a', finished: true, surgedPods: 0 });
    expect(ch.end).toBeGreaterThan(ch.start);
    // every Deployment whole again
    expect(c.workloads[0].readyCount).toBe(c.workloads[0].desired);
  });

  it('the drain waits on a PodDisruptionBudget: one pod of web at a time, the next when the last is Ready again', async () => {
    const free = events((await run('{nodeGroup: general, maxUnavailable: 3}')).r.events, 'Evicted');
    const guarded = events((await run('{nodeGroup: general, maxUnavailable: 3}', PDB)).r.events, 'Evicted');
    // without a budget every pod of the three nodes is evicted at the start
    expect(new Set(free.map((e) => e.time_s))).toEqual(new Set([300]));
    // with maxUnavailable 1, evictions are spread: the replacement starts in 20 s, asked again every 5 s
    const times = [...new Set(guarded.map((e) => e.time_s))];
    expect(times.length).toBe(guarded.length);
    for (let i = 1; i < times.length; i++) {
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(20);
      expect((times[i] - 300) % 5).toBe(0);
    }
  });

  it('maxSurge 1: a replacement comes first, each old node drained once it is Ready', async () => {
    const { r } = await run('{nodeGroup: general, maxSurge: 1}');
    const cordoned = events(r.events, 'NodeNotSchedulable');
    const evicted = events(r.events, 'Evicted');
    // the first eviction waits for the surged node: 60 s to Ready, seen at the next 5 s pass
    expect(cordoned[0].time_s).toBe(300);
    expect(evicted[0].time_s).toBe(360);
    expect(r.summary.changes![0].extraNodes).toBeGreaterThanOrEqual(1);
    expect(r.summary.changes![0].finished).toBe(true);
  });

  it('to a new instance type: the replacements are of it, and their price is billed from then on', async () => {
    const s = scenarioFromYaml(
      smallFleet({ rate: 200, replicas: 8, nodes: 3, delay: '{fixed: 60s}', extra: 'changes:\n  - at: 5m\n    clusters: all\n    rotate: {nodeGroup: general, maxSurge: 1, instanceType: m5.2xlarge}\n' }).replace(
        '    pricePerHour: 0.2\n',
        '    pricePerHour: 0.2\n    region: us-east-1\n',
      ),
    );
    const next = (s.changes![0].action as { newGroup?: Record<string, { allocatable: { cpuMilli: number }; pricePerHour: number; max: number }> }).newGroup!['az-a'];
    // m5.2xlarge: 8 vCPU less the EKS reservation; its on-demand price; the group's bounds kept
    expect(next.allocatable.cpuMilli).toBe(7910);
    expect(next.pricePerHour).toBe(0.384);
    expect(next.max).toBe(50);
    let world: World | undefined;
    const r = await runScenario(s, { recordEvents: true, inspect: (w) => ((world = w), checkWorld(w)) });
    const nodes = world!.clusters[0].nodes;
    const old = nodes.filter((n) => n.requestedAt === 0);
    expect(old.every((n) => n.state === NodeState.Removed && n.groupSpec.pricePerHour === 0.2)).toBe(true);
    const live = nodes.filter((n) => n.state !== NodeState.Removed);
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((n) => n.info.allocCpuMilli === 7910 && n.groupSpec.pricePerHour === 0.384)).toBe(true);
    expect(events(r.events, 'ChangeStarted')[0].message).toContain('to m5.2xlarge');
  });

  it('an instance type the catalogue does not know is named at the key', () => {
    const yaml = smallFleet({ extra: 'changes:\n  - at: 5m\n    clusters: all\n    rotate: {nodeGroup: general, instanceType: m5.huge}\n' });
    expect(() => scenarioFromYaml(yaml)).toThrow(/changes\.0\.rotate\.instanceType: in cluster az-a: .*m5\.huge/);
  });
});
