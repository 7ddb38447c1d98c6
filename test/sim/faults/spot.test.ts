/**
 * Spot interruptions in the running fleet: at the notice the node is cordoned and its pods are
 * evicted as their PodDisruptionBudgets allow; when the notice is up the node is gone, and the
 * autoscaler replaces the capacity as for any pending pod.
 */
import { describe, expect, it } from 'vitest';
import { grantedEvictions } from '../../../src/decisions/disruption/eviction.ts';
import type { PodInfo } from '../../../src/decisions/scheduler/types.ts';
import { runScenario } from '../../../src/run.ts';
import { NodeState, type Node } from '../../../src/sim/types.ts';
import type { World } from '../../../src/sim/world.ts';
import { scenarioFromYaml } from '../../helpers/scenario.ts';

function fleet(opts: { pdb?: string; notice?: string; rate?: string; wave?: string } = {}): string {
  return `
name: spot
seed: 11
duration: 40m
step: 10s
clusters: [az-a]
nodeGroups:
  - name: spot
    capacityType: spot
    ${opts.rate ? `interruptionRate: ${opts.rate}` : ''}
    ${opts.notice ? `interruptionNotice: ${opts.notice}` : ''}
    allocatable: {cpu: 4, memory: 16Gi, pods: 30}
    pricePerHour: 0.06
    min: 0
    max: 20
    initial: 4
    provisioningDelay: {fixed: 90s}
clusterAutoscaler: {scaleDownEnabled: false}
workloads:
  - name: web
    requests: {cpu: 1, memory: 1Gi}
    serviceTime: 50ms
    concurrency: 4
    terminationGracePeriod: 30s
    startupDelay: {fixed: 20s}
    replicas: 16
    traffic: {generator: {base: 400}}
${opts.pdb ?? ''}
faults:
  reclaims:
    - ${opts.wave ?? '{at: 10m, nodeGroup: spot, share: 50%}'}
`;
}

interface Ev {
  time_s: number;
  reason: string;
  object: string;
}

async function run(yaml: string) {
  let world: World | undefined;
  const r = await runScenario(scenarioFromYaml(yaml), { recordEvents: true, inspect: (w) => (world = w) });
  const evs = r.events.map((l) => JSON.parse(l) as Ev);
  return { r, evs, world: world! };
}

const reclaimed = (w: World): Node[] => w.nodes.filter((n) => !Number.isNaN(n.reclaimAt));

describe('spot reclaim waves', () => {
  it('reclaims the share of the Ready nodes, each gone when its 2-minute notice is up, and replaces them', async () => {
    const { r, evs, world } = await run(fleet());
    // 4 full nodes (4 pods of 1 cpu each); 50% of 4 = 2 nodes at 10 m
    const notices = evs.filter((e) => e.reason === 'SpotInterrupted');
    expect(notices.map((e) => e.time_s)).toEqual([600, 600]);
    expect(r.summary.faults.spotInterruptions).toBe(2);
    for (const n of reclaimed(world)) {
      expect(n.state).toBe(NodeState.Removed);
      expect(n.removedAt).toBe(720);
    }
    // without a budget every pod is evicted at the notice (30 s grace, within the 2 minutes):
    // 8 pods pending at once, two nodes asked for in the same loop or the next
    const ups = evs.filter((e) => e.reason === 'TriggeredScaleUp');
    expect(ups[0].time_s).toBeGreaterThanOrEqual(600);
    expect(ups[0].time_s).toBeLessThanOrEqual(620);
    expect(world.nodes.filter((n) => n.state === NodeState.Ready)).toHaveLength(4);
  });

  it('evicts only as the budget allows, one pod at a time, until the node is gone', async () => {
    const pdb = 'podDisruptionBudgets:\n  - {name: web, matchLabels: {app: web}, maxUnavailable: 1}';
    const { world } = await run(fleet({ pdb, wave: '{at: 10m, nodeGroup: spot, share: 25%}' }));
    const node = reclaimed(world)[0];
    expect(reclaimed(world)).toHaveLength(1);
    // one eviction granted at 600 s; the replacement pod is pending (nowhere to go until a new
    // node is Ready at 90 s), so the budget has nothing left: no other eviction in the notice. The
    // other 3 pods die with the node at 720 s, and their Deployment recreates them.
    expect(node.removedAt).toBe(720);
    expect(world.pods.filter((p) => p.owner.name === 'web' && p.goneAt === 630)).toHaveLength(1);
  });

  it('takes the notice from the group (30 s as on GCP)', async () => {
    const { world } = await run(fleet({ notice: '30s' }));
    for (const n of reclaimed(world)) expect(n.removedAt).toBe(630);
  });
});

describe('grantedEvictions (the eviction API)', () => {
  const pod = (name: string, app: string): PodInfo => ({ name, labels: { app } }) as unknown as PodInfo;
  it('grants while every selecting budget has a disruption left, each spending one', () => {
    const pods = [pod('a1', 'a'), pod('a2', 'a'), pod('b1', 'b'), pod('a3', 'a')];
    const pdbs = [{ name: 'a', matchLabels: { app: 'a' }, disruptionsAllowed: 2 }];
    // a1 and a2 spend the 2; a3 is refused; b1 has no budget
    expect(grantedEvictions(pods, pdbs).map((p) => p.name)).toEqual(['a1', 'a2', 'b1']);
    expect(grantedEvictions(pods, []).map((p) => p.name)).toEqual(['a1', 'a2', 'b1', 'a3']);
    expect(grantedEvictions(pods, [{ ...pdbs[0], disruptionsAllowed: 0 }]).map((p) => p.name)).toEqual(['b1']);
  });
});

describe('random spot interruptions', () => {
  it('draw each node its reclaim from a seeded Poisson process: same seed, same events', async () => {
    const yaml = fleet({ rate: '100%', wave: '{at: 39m, nodeGroup: spot, share: 0}' }).replace('duration: 40m', 'duration: 730h').replace('step: 10s', 'step: 1h');
    const a = await run(yaml);
    const b = await run(yaml);
    expect(b.r.events).toEqual(a.r.events);
    // 4 nodes (and their replacements) for a month at 100% a month: about 4 reclaims expected
    const n = a.r.summary.faults.spotInterruptions;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(12);
    for (const node of reclaimed(a.world)) expect(node.removedAt).toBe(node.reclaimAt);
  });
});
