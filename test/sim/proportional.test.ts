/**
 * Proportional placeholders: what `headroom validate --json` says a cluster starts with is what
 * the simulation starts with, since both call decisions/overprovisioner/proportional.ts.
 */
import { describe, it, expect } from 'vitest';
import { World } from '../../src/sim/world.ts';
import { setupWorld } from '../../src/sim/setup.ts';
import { scenarioFromYaml, smallFleet } from '../helpers/scenario.ts';

function fleet(proportional: string, nodeCpu: string, nodes: number): string {
  return smallFleet({ nodes, replicas: 1 })
    .replace('allocatable: {cpu: 4,', `allocatable: {cpu: ${nodeCpu},`)
    .replace('replicasPerCluster: 0', `proportional: ${proportional}`);
}

describe('proportional placeholders at the start', () => {
  it.each([
    // the single-point-of-failure guard wins over max 1 on three nodes
    ['{coresPerReplica: 16, nodesPerReplica: 4, min: 1, max: 1, preventSinglePointFailure: true}', '8', 3, 2],
    // three nodes of 5633m are 16.899 cores, rounded up to 17: two replicas at 16 cores each
    ['{coresPerReplica: 16}', '5633m', 3, 2],
    ['{coresPerReplica: 16}', '5333m', 3, 1],
  ])('%s on %s-cpu nodes x%d -> %d', (proportional, cpu, nodes, want) => {
    const scenario = scenarioFromYaml(fleet(proportional, cpu, nodes));
    const sizing = scenario.clusters[0].overprovisioner[0].sizing;
    expect(sizing.kind === 'proportional' && sizing.initialReplicas).toBe(want);
    const world = new World(scenario, { recordEvents: false });
    setupWorld(world, scenario);
    expect(world.clusters[0].placeholders[0].desired).toBe(want);
  });
});
