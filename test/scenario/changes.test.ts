import { describe, expect, it } from 'vitest';
import { scenarioFromYaml, smallFleet } from '../helpers/scenario.ts';
import { FILE, problems } from './fixture.ts';

const fleet = (changes: string, clusters = '[az-a, az-b]') => smallFleet({ clusters, extra: `changes:\n${changes}` });

describe('changes: a rollout', () => {
  it('fills the Deployment defaults: RollingUpdate 25%/25%, progressDeadline 600s, minReady 0', () => {
    const s = scenarioFromYaml(fleet(`  - at: 10m\n    clusters: all\n    rollout: {workload: web, template: {requests: {cpu: 1}}}\n`));
    expect(s.changes).toEqual([
      {
        atSec: 600,
        clusters: ['az-a', 'az-b'],
        order: 'sequential',
        waitBetweenClustersSec: 0,
        action: {
          kind: 'rollout',
          workload: 'web',
          workloadIndex: 0,
          strategy: { type: 'RollingUpdate', maxSurge: { kind: 'percent', value: 25 }, maxUnavailable: { kind: 'percent', value: 25 } },
          minReadySec: 0,
          progressDeadlineSec: 600,
          revision: { requests: { cpuMilli: 1000 } },
        },
      },
    ]);
  });

  it("takes the workload's own strategy where the rollout gives none", () => {
    const yaml = fleet(`  - at: 5m\n    clusters: all\n    rollout: {workload: web, maxSurge: 2, template: {concurrency: 2}}\n`).replace(
      '    concurrency: 4\n',
      '    concurrency: 4\n    strategy: {maxSurge: 1, maxUnavailable: 0}\n    minReady: 10s\n',
    );
    const s = scenarioFromYaml(yaml);
    expect(s.workloads[0].deployment).toEqual({
      strategy: { type: 'RollingUpdate', maxSurge: { kind: 'count', value: 1 }, maxUnavailable: { kind: 'count', value: 0 } },
      minReadySec: 10,
      progressDeadlineSec: 600,
    });
    // the rollout's maxSurge wins; maxUnavailable and minReady are the workload's
    expect(s.changes![0].action).toMatchObject({
      strategy: { type: 'RollingUpdate', maxSurge: { kind: 'count', value: 2 }, maxUnavailable: { kind: 'count', value: 0 } },
      minReadySec: 10,
    });
  });

  it('a scenario without changes has no changes key (its hash and outputs stay)', () => {
    expect('changes' in scenarioFromYaml(smallFleet())).toBe(false);
  });

  it('reads the gate and the new revision', () => {
    const s = scenarioFromYaml(
      fleet(`  - at: 5m
    clusters: [az-b, az-a]
    waitBetweenClusters: 10m
    rollout:
      workload: web
      maxSurge: 3
      maxUnavailable: 0
      minReady: 30s
      template: {serviceTime: 80ms, concurrency: 2, startupDelay: {fixed: 45s}, limits: {memory: 1Gi}}
      rollbackWhen: {p99Above: 400ms, errorRateAbove: 1%, for: 2m, progressDeadlineExceeded: true}
`),
    );
    const c = s.changes![0];
    expect(c.clusters).toEqual(['az-b', 'az-a']);
    expect(c.waitBetweenClustersSec).toBe(600);
    expect(c.action).toMatchObject({
      strategy: { type: 'RollingUpdate', maxSurge: { kind: 'count', value: 3 }, maxUnavailable: { kind: 'count', value: 0 } },
      minReadySec: 30,
      revision: { serviceTimeMeanSec: 0.08, concurrency: 2, startupDelay: { kind: 'fixed', sec: 45 }, limits: { memoryBytes: 2 ** 30 } },
      rollbackWhen: { p99AboveSec: 0.4, errorRateAbove: 0.01, forSec: 120, progressDeadlineExceeded: true },
    });
  });
});

describe('changes: bad input names file, line and key', () => {
  const at = (changes: string) => problems(fleet(changes));
  it.each([
    [
      'both fenceposts 0, as the API refuses',
      `  - at: 1m\n    clusters: all\n    rollout: {workload: web, maxSurge: 0, maxUnavailable: 0%, template: {concurrency: 2}}\n`,
      'changes.0.rollout.maxUnavailable: may not be 0 when maxSurge is 0: the rollout could never replace a pod',
    ],
    ['an unknown workload', `  - at: 1m\n    clusters: all\n    rollout: {workload: wbe, template: {concurrency: 2}}\n`, 'changes.0.rollout.workload: unknown workload "wbe" (did you mean "web"?); workloads: web'],
    ['an unknown cluster', `  - at: 1m\n    clusters: [az-c]\n    rollout: {workload: web, template: {concurrency: 2}}\n`, 'changes.0.clusters.0: unknown cluster "az-c"'],
    ['after the end', `  - at: 2h\n    clusters: all\n    rollout: {workload: web, template: {concurrency: 2}}\n`, 'changes.0.at: 2h is at or after the end of the scenario (30m)'],
    ['no kind of change', `  - at: 1m\n    clusters: all\n`, 'changes.0: a change takes exactly one of'],
    ['an empty revision', `  - at: 1m\n    clusters: all\n    rollout: {workload: web, template: {}}\n`, 'changes.0.rollout.template: a new revision changes at least one of'],
    ['maxUnavailable over 100% (maxSurge may be)', `  - at: 1m\n    clusters: all\n    rollout: {workload: web, maxSurge: 150%, maxUnavailable: 150%, template: {concurrency: 2}}\n`, 'changes.0.rollout.maxUnavailable: a percentage is at most 100%'],
  ])('%s', (_what, changes, message) => {
    const got = at(changes);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(new RegExp(`^${FILE}:\\d+:\\d+: `));
    expect(got[0]).toContain(message);
  });
});
