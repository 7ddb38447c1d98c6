/**
 * One zone of a cluster over three goes down (sim/node-lifecycle.ts), one rule at a time: the
 * Service's requests to the zone's still-Ready pods fail until nodeMonitorGracePeriod (50 s); then
 * the nodes are NotReady and their pods not Ready; the nodes are tainted unreachable:NoExecute one
 * every 10 s; each pod goes when its toleration runs out (300 s by default, or its own) and is
 * replaced in the other zones; the autoscaler launches nothing there; when the zone is back its
 * nodes are Ready and untainted.
 */
import { describe, expect, it } from 'vitest';
import { LABEL_ZONE, TAINT_NODE_UNREACHABLE } from '../../src/decisions/defaults.ts';
import { runScenario } from '../../src/run.ts';
import { NodeState, PodPhase, type Node } from '../../src/sim/types.ts';
import type { World } from '../../src/sim/world.ts';
import { checkWorld } from '../helpers/world-invariants.ts';
import { scenarioFromYaml } from '../helpers/scenario.ts';

interface Fleet {
  zones?: string[];
  cpu?: number;
  initial?: number;
  replicas?: number;
  tolerations?: string;
  spread?: string;
  reportsLaunchErrors?: boolean;
}

/** zone b is down from 2m to 12m */
function yamlOf(f: Fleet = {}): string {
  return `
name: zone-down
seed: 5
duration: 20m
step: 10s
clusters: [{name: one, zones: [${(f.zones ?? ['a', 'b', 'c']).join(', ')}]}]
nodeGroups:
  - name: general
    allocatable: {cpu: ${f.cpu ?? 4}, memory: 16Gi, pods: 30}
    pricePerHour: 0.2
    min: 1
    max: 6
    initial: ${f.initial ?? 2}
    provisioningDelay: {fixed: 60s}
    ${f.reportsLaunchErrors ? 'reportsLaunchErrors: true' : ''}
priorityClasses:
  - {name: default, value: 0, globalDefault: true}
workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 40ms
    startupDelay: {fixed: 10s}
    replicas: ${f.replicas ?? 12}
    traffic: {generator: {base: 60}}
    ${f.tolerations ? `tolerations: ${f.tolerations}` : ''}
    ${f.spread !== undefined ? `topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}${f.spread}}]` : ''}
routing:
  outages: [{at: 2m, zone: b, for: 10m}]
`;
}

const inB = (n: Node) => n.info.labels![LABEL_ZONE] === 'b';
const tainted = (n: Node) => (n.info.taints ?? []).some((t) => t.key === TAINT_NODE_UNREACHABLE && t.effect === 'NoExecute');

/** Runs the fleet and hands `at(t, world)` the live world at every sample time t. */
async function run(f: Fleet, at: (t: number, w: World) => void = () => {}) {
  return runScenario(scenarioFromYaml(yamlOf(f)), {
    recordEvents: true,
    inspect: (w, k) => {
      checkWorld(w);
      at(k * 10, w);
    },
  });
}

const evictionTimes = (events: readonly string[]) =>
  events.map((l) => JSON.parse(l)).filter((e) => e.reason === 'TaintManagerEviction').map((e) => e.time_s as number);

describe('a zone outage inside a cluster over several zones', () => {
  it('until nodeMonitorGracePeriod, the zone\'s pods stay Ready and the Service\'s requests to them fail', async () => {
    const seen: Record<number, { state: NodeState[]; ready: number; unreachable: number }> = {};
    const r = await run({}, (t, w) => {
      const dep = w.clusters[0].workloads[0];
      seen[t] = { state: w.clusters[0].nodes.filter(inB).map((n) => n.state), ready: dep.readyCount, unreachable: dep.unreachableReady };
    });
    // 12 pods, 4 in each zone; from 120 s to 170 s the API still shows zone b Ready
    expect(seen[110]).toEqual({ state: [NodeState.Ready, NodeState.Ready], ready: 12, unreachable: 0 });
    expect(seen[160]).toEqual({ state: [NodeState.Ready, NodeState.Ready], ready: 12, unreachable: 4 });
    const failed = r.series!.workloads[0][0].failed_rps;
    // 60 rps spread over 12 endpoints: the 4 in zone b take 20 rps, and every one of them fails
    for (let k = 12; k < 17; k++) expect(failed[k]).toBeCloseTo(20, 6);
    expect(failed[11]).toBe(0);
    // from 170 s the nodes are NotReady, the pods not Ready: the Service sends nothing there
    expect(seen[170]).toEqual({ state: [NodeState.NotReady, NodeState.NotReady], ready: 8, unreachable: 0 });
    for (let k = 17; k < 30; k++) expect(failed[k]).toBe(0);
  });

  it('the nodes are tainted unreachable:NoExecute one every 10 s, and untainted when the zone is back', async () => {
    const taints: Record<number, boolean[]> = {};
    await run({}, (t, w) => (taints[t] = w.clusters[0].nodes.filter(inB).map(tainted)));
    expect(taints[160]).toEqual([false, false]);
    expect(taints[170]).toEqual([true, false]);
    expect(taints[180]).toEqual([true, true]);
    expect(taints[710]).toEqual([true, true]);
    expect(taints[720]).toEqual([false, false]);
  });

  it('each pod is evicted when the default toleration (300 s) runs out, and replaced in the zones that are up', async () => {
    let after: { inB: number; ready: number } | undefined;
    const r = await run({}, (t, w) => {
      if (t !== 600) return;
      const dep = w.clusters[0].workloads[0];
      const live = dep.pods.filter((p) => p.phase !== PodPhase.Gone && p.phase !== PodPhase.Terminating);
      after = { inB: live.filter((p) => p.node !== null && inB(p.node)).length, ready: dep.readyCount };
    });
    // node 0 tainted at 170 s, node 1 at 180 s: their two pods each go 300 s later
    expect(evictionTimes(r.events)).toEqual([470, 470, 480, 480]);
    // all 12 serve again, none of them in zone b
    expect(after).toEqual({ inB: 0, ready: 12 });
  });

  it('the dead zone stays a topology domain: once its pods are evicted, DoNotSchedule holds their replacements back; nodeTaintsPolicy Honor lets them go', async () => {
    const pendingAt600 = async (spread: string) => {
      let pending = -1;
      const r = await run({ spread }, (t, w) => t === 600 && (pending = w.clusters[0].workloads[0].pendingCount));
      return { pending, skew: r.summary.pods.skewBlockedPendingSeconds! };
    };
    // zones a and c hold 4 pods each, zone b none after the evictions: a fifth pod in a or c is a skew of 5 − 0 > 1
    const ignore = await pendingAt600('');
    expect(ignore.pending).toBe(4);
    expect(ignore.skew).toBeGreaterThan(0);
    // Honor: the tainted nodes leave the count, zone b is no domain, a and c take 6 each
    const honor = await pendingAt600(', nodeTaintsPolicy: Honor');
    expect(honor.pending).toBe(0);
  });

  it("a pod's own toleration of the taint overrides the default: 60 s", async () => {
    const r = await run({ tolerations: '[{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 60}]' });
    expect(evictionTimes(r.events)).toEqual([230, 230, 240, 240]);
  });

  it('a pod that tolerates the taint with no bound stays, and is Ready again once the zone is back', async () => {
    const ready: Record<number, number> = {};
    const r = await run({ tolerations: '[{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute}]' }, (t, w) => (ready[t] = w.clusters[0].workloads[0].readyCount));
    expect(evictionTimes(r.events)).toEqual([]);
    expect(ready[710]).toBe(8);
    // back at 720 s; containers start again, Ready after their 10 s start-up
    expect(ready[730]).toBe(12);
  });

  it('the autoscaler launches nothing in the dead zone: a launch there fails as in a shortage', async () => {
    // 2-cpu nodes hold 4 pods: 20 pods on 6 nodes; with zone b gone 4 nodes hold 16, so 4 wait
    // (the cloud reports the failure at once, so the group backs off and another zone grows)
    let readyInBWhileDown = 0;
    const r = await run({ cpu: 2, replicas: 20, reportsLaunchErrors: true }, (t, w) => {
      if (t >= 120 && t < 720) readyInBWhileDown += w.clusters[0].nodes.filter((n) => inB(n) && n.requestedAt > 120 && n.state === NodeState.Ready).length;
    });
    expect(readyInBWhileDown).toBe(0);
    const events = r.events.map((l) => JSON.parse(l));
    const launchedInB = events.filter((e) => e.reason === 'TriggeredScaleUp' && e.object === 'general-b' && e.time_s >= 120 && e.time_s < 720);
    const failedInB = events.filter((e) => e.reason === 'FailedLaunch' && String(e.object).startsWith('one-general-b'));
    expect(failedInB.length).toBe(launchedInB.reduce((n, e) => n + e.nodes, 0));
    expect(failedInB.length).toBeGreaterThan(0);
    // the pods that waited got nodes in zones a and c
    expect(r.summary.nodes.nodesAdded).toBeGreaterThan(failedInB.length);
  });

  it('a node group with more than 3 and more than 45% of its nodes unready is skipped (IsNodeGroupHealthy)', async () => {
    // 4 nodes a zone, 2-cpu: 48 slots for 44 pods; zone b's 4 nodes are all unready
    const r = await run({ cpu: 2, initial: 4, replicas: 44 });
    const events = r.events.map((l) => JSON.parse(l));
    expect(events.some((e) => e.reason === 'TriggeredScaleUp' && e.time_s >= 120 && e.time_s < 720 && e.object !== 'general-b')).toBe(true);
    expect(events.filter((e) => e.reason === 'TriggeredScaleUp' && e.object === 'general-b' && e.time_s >= 120 && e.time_s < 720)).toEqual([]);
  });

  it('with more than 3 and more than 45% of the cluster unready the autoscaler does nothing (IsClusterHealthy)', async () => {
    // two zones of 4 nodes: zone b down is 4 of 8 unready
    const r = await run({ zones: ['a', 'b'], cpu: 2, initial: 4, replicas: 30 });
    const events = r.events.map((l) => JSON.parse(l));
    expect(events.filter((e) => e.reason === 'TriggeredScaleUp' && e.time_s >= 170 && e.time_s < 720)).toEqual([]);
    // once the zone is back it scales up for what still waits, or nothing waits
    expect(r.summary.pods.pendingSecondsTotal).toBeGreaterThan(0);
  });
});
