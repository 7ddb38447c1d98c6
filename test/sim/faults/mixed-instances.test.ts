/**
 * A mixed-instances node group: it launches the first of its types that has capacity, as an Auto
 * Scaling group's prioritized allocation does, so a shortage of its first type moves the scale-up
 * to the next type instead of failing (and backing the group off). The node is of the type
 * launched: its allocatable, price and instance-type label.
 */
import { describe, expect, it } from 'vitest';
import { LABEL_INSTANCE_TYPE } from '../../../src/decisions/defaults.ts';
import { runScenario } from '../../../src/run.ts';
import { NodeState } from '../../../src/sim/types.ts';
import type { World } from '../../../src/sim/world.ts';
import { checkWorld } from '../../helpers/world-invariants.ts';
import { scenarioFromYaml } from '../../helpers/scenario.ts';
import { FILE, problems } from '../../scenario/fixture.ts';

const fleet = (group: string, shortage: string) => `
name: mixed
seed: 3
duration: 40m
step: 10s
clusters: [az-a]
nodeGroups:
  - name: general
    ${group}
    region: us-east-1
    min: 1
    max: 30
    initial: 2
    provisioningDelay: {fixed: 60s}
clusterAutoscaler: {scaleDownEnabled: false}
workloads:
  - name: web
    requests: {cpu: 1, memory: 1Gi}
    serviceTime: 50ms
    concurrency: 4
    startupDelay: {fixed: 10s}
    replicas: 4
    hpa: {min: 4, max: 60, targetCPUUtilization: 60}
    traffic: {generator: {base: 200, bursts: [{at: 10m, peak: 3000, rise: 60s, hold: 20m, fall: 2m}]}}
faults:
  shortages:
    - ${shortage}
`;

async function run(yaml: string) {
  let world: World | undefined;
  const r = await runScenario(scenarioFromYaml(yaml), { recordEvents: true, inspect: (w) => ((world = w), checkWorld(w)) });
  return { r, world: world! };
}

describe('a mixed-instances node group', () => {
  it('falls through to its next type while the first is short: no failed launch, nodes of the second type at its price', async () => {
    const mixed = await run(fleet('instanceTypes: [m5.xlarge, m7i.xlarge]', '{nodeGroup: general, instanceType: m5.xlarge, at: 5m, for: 1h}'));
    const added = mixed.world.clusters[0].nodes.filter((n) => n.requestedAt > 0);
    expect(added.length).toBeGreaterThan(3);
    expect(new Set(added.map((n) => n.info.labels![LABEL_INSTANCE_TYPE]))).toEqual(new Set(['m7i.xlarge']));
    expect(added.every((n) => n.groupSpec.pricePerHour === 0.2016)).toBe(true);
    expect(mixed.r.summary.faults.failedLaunches).toBe(0);
    // the initial nodes are of the first type
    const initial = mixed.world.clusters[0].nodes.filter((n) => n.requestedAt === 0);
    expect(initial.map((n) => n.info.labels![LABEL_INSTANCE_TYPE])).toEqual(['m5.xlarge', 'm5.xlarge']);

    // the same shortage on a group of the first type alone fails its launches and backs it off
    const single = await run(fleet('instanceType: m5.xlarge', '{nodeGroup: general, at: 5m, for: 1h}'));
    expect(single.r.summary.faults.failedLaunches).toBeGreaterThan(0);
    expect(single.r.summary.requests.failed).toBeGreaterThan(mixed.r.summary.requests.failed);
    expect(single.world.clusters[0].nodes.filter((n) => n.state === NodeState.Ready).length).toBe(2);
  }, 60_000);

  it('fails only when every type is short', async () => {
    const both = await run(
      fleet('instanceTypes: [m5.xlarge, m7i.xlarge]', '{nodeGroup: general, at: 5m, for: 1h}'),
    );
    expect(both.r.summary.faults.failedLaunches).toBeGreaterThan(0);
  }, 60_000);

  it.each([
    ['a type the group does not have', 'instanceTypes: [m5.xlarge, m7i.xlarge]', '{nodeGroup: general, instanceType: c5.xlarge, at: 5m, for: 1h}', 'faults.shortages.0.instanceType: "c5.xlarge" is not one of the group\'s instanceTypes (m5.xlarge, m7i.xlarge)'],
    ['a type of a group of one type', 'instanceType: m5.xlarge', '{nodeGroup: general, instanceType: m5.xlarge, at: 5m, for: 1h}', 'is not a mixed-instances group'],
    ['a type not in the catalogue', 'instanceTypes: [m5.xlarge, m9z.huge]', '{nodeGroup: general, at: 5m, for: 1h}', 'nodeGroups.0.instanceTypes.1: "m9z.huge" is not in the instance catalogue'],
  ])('%s is named at its key', (_what, group, shortage, message) => {
    const got = problems(fleet(group, shortage));
    expect(got.some((p) => p.startsWith(`${FILE}:`) && p.includes(message)), got.join('\n')).toBe(true);
  });
});
