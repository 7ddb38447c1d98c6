/**
 * The scheduler profile in a run: without its keys a scenario keeps headroom's own profile; with
 * `profile: kube-default` every workload's and placeholder's pods get the system default spread
 * (their Deployment's labels as selector) and BalancedAllocation scores; a DaemonSet's pods get
 * none; a mid-run override of the default constraints reaches the pods created after it.
 */
import { describe, expect, it } from 'vitest';
import { HEADROOM_SCORE_WEIGHTS, SCORE_WEIGHTS, SYSTEM_DEFAULT_CONSTRAINTS } from '../../src/decisions/defaults.ts';
import { runScenario } from '../../src/run.ts';
import type { World } from '../../src/sim/world.ts';
import { scenarioFromYaml, smallFleet } from '../helpers/scenario.ts';

const DS = `daemonSets:\n  - name: agent\n    requests: {cpu: 200m, memory: 256Mi}\n`;

describe('scheduler profile', () => {
  it('without the new keys: no default constraints, no BalancedAllocation, templates as before', async () => {
    const s = scenarioFromYaml(smallFleet({ placeholders: 2, extra: DS }));
    expect(s.clusters[0].scheduler).toEqual({ scoring: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] });
    let world: World | undefined;
    await runScenario(s, { summaryOnly: true, inspect: (w) => (world = w) });
    const c = world!.clusters[0];
    expect(c.workloads[0].template.placement).toBeUndefined();
    expect(c.placeholders[0].template.placement).toBeUndefined();
  });

  it('kube-default: the system default spread with the Deployment as selector, on workloads and placeholders, not DaemonSets', async () => {
    // MostAllocated alone would pack the web pods on one node
    const s = scenarioFromYaml(smallFleet({ placeholders: 2, extra: `${DS}scheduler: {profile: kube-default, scoring: MostAllocated}\n` }));
    expect(s.clusters[0].scheduler).toMatchObject({ profile: 'kube-default', scoreWeights: SCORE_WEIGHTS, defaultingType: 'System', defaultConstraints: SYSTEM_DEFAULT_CONSTRAINTS });
    let world: World | undefined;
    let atStart: number[] | undefined;
    await runScenario(s, {
      summaryOnly: true,
      inspect: (w) => {
        world = w;
        atStart ??= w.clusters[0].nodes.map((n) => n.info.pods.filter((p) => p.labels.app === 'web').length);
      },
    });
    const c = world!.clusters[0];
    const web = c.workloads[0].template;
    expect(web.placement?.topologySpreadConstraints).toEqual(
      SYSTEM_DEFAULT_CONSTRAINTS.map((d) => ({ ...d, labelSelector: { matchLabels: web.labels } })),
    );
    expect(c.placeholders[0].template.placement?.topologySpreadConstraints?.[0].labelSelector).toEqual({ matchLabels: c.placeholders[0].template.labels });
    expect(c.daemonSets[0].template.placement).toBeUndefined();
    // at the start the spread score (×2) outweighs MostAllocated (×1): the 4 web pods go one or two a node
    expect(Math.max(...atStart!) - Math.min(...atStart!)).toBeLessThanOrEqual(1);
  });

  it('a workload that gives constraints of its own keeps them', async () => {
    const own = `${DS}scheduler: {profile: kube-default}\n`;
    const yaml = smallFleet({ extra: own }).replace(
      '    startupDelay: {fixed: 20s}',
      '    startupDelay: {fixed: 20s}\n    topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}]',
    );
    let world: World | undefined;
    await runScenario(scenarioFromYaml(yaml), { summaryOnly: true, inspect: (w) => (world = w) });
    expect(world!.clusters[0].workloads[0].template.placement?.topologySpreadConstraints).toHaveLength(1);
  });

  it('scoreWeights merge over the profile; defaultConstraints alone mean List', () => {
    const s = scenarioFromYaml(
      smallFleet({ extra: 'scheduler:\n  scoreWeights: {NodeResourcesBalancedAllocation: 2}\n  defaultConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}]\n' }),
    );
    expect(s.clusters[0].scheduler.scoreWeights).toEqual({ ...HEADROOM_SCORE_WEIGHTS, NodeResourcesBalancedAllocation: 2 });
    expect(s.clusters[0].scheduler.defaultingType).toBe('List');
    expect(s.clusters[0].scheduler.defaultConstraints).toEqual([{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }]);
  });

  it('a mid-run override of the profile reaches the templates of the cluster', async () => {
    const yaml = smallFleet({ duration: '10m', extra: `changes:\n  - {at: 2m, clusters: all, override: {scheduler.profile: kube-default}}\n` });
    let world: World | undefined;
    await runScenario(scenarioFromYaml(yaml), { summaryOnly: true, inspect: (w) => (world = w) });
    expect(world!.clusters[0].workloads[0].template.placement?.topologySpreadConstraints).toHaveLength(2);
  });
});
