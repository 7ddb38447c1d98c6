/**
 * A rollout keeps its fenceposts: whatever the replicas, surge, unavailability, readiness delay
 * and room, at every step of the rollout the Deployment has at most replicas + maxSurge pods and
 * at least replicas − maxUnavailable Ready ones (with an HPA moving replicas, the pod bound is
 * checked at the steps where replicas did not just change; readiness lags a scale-up by nature).
 * The world's invariants hold throughout, and the rollout ends with every pod of the new template.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveFenceposts } from '../../../src/decisions/deployment/fenceposts.ts';
import { runScenario } from '../../../src/run.ts';
import type { RolloutSpec } from '../../../src/scenario/types.ts';
import { scenarioFromYaml, smallFleet } from '../../helpers/scenario.ts';
import { checkWorld } from '../../helpers/world-invariants.ts';

const fencepost = fc.constantFrom<number | string>(0, 1, 3, '25%', '50%');
const arb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1000 }),
    replicas: fc.integer({ min: 2, max: 12 }),
    surge: fencepost,
    unavailable: fencepost,
    minReady: fc.constantFrom('0s', '15s'),
    startup: fc.constantFrom('{fixed: 5s}', '{dist: uniform, min: 10s, max: 60s}'),
    nodes: fc.integer({ min: 2, max: 4 }),
    cpu: fc.constantFrom('250m', '750m', '1500m'),
    hpa: fc.boolean(),
  })
  .filter((f) => !(String(f.surge).replace('%', '') === '0' && String(f.unavailable).replace('%', '') === '0'));

describe('a rollout stays within its fenceposts', () => {
  it('pods <= replicas + maxSurge, Ready >= replicas − maxUnavailable', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (f) => {
        const q = (v: number | string) => (typeof v === 'number' ? v : `"${v}"`);
        const yaml = smallFleet({
          rate: 150,
          replicas: f.replicas,
          nodes: f.nodes,
          duration: '20m',
          hpa: f.hpa ? `hpa: {min: 2, max: 20, targetCPUUtilization: 50}` : '',
          // no scale-down: draining a node would take Ready pods away, which no Deployment rule forbids
          extra: `clusterAutoscaler: {scaleDownUnneededTime: 24h}
changes:
  - at: 2m
    clusters: all
    rollout: {workload: web, maxSurge: ${q(f.surge)}, maxUnavailable: ${q(f.unavailable)}, minReady: ${f.minReady}, template: {requests: {cpu: ${f.cpu}}, startupDelay: ${f.startup}}}
`,
        });
        const s = scenarioFromYaml(yaml.replace('seed: 7', `seed: ${f.seed}`).replace(`replicas: ${f.replicas}`, f.hpa ? '' : `replicas: ${f.replicas}`));
        const spec = s.changes![0].action as RolloutSpec;
        if (spec.strategy.type !== 'RollingUpdate') throw new Error('expected RollingUpdate');
        const { maxSurge, maxUnavailable } = spec.strategy;
        let lastDesired = -1;
        let rolled = false;
        await runScenario(s, {
          inspect: (w) => {
            checkWorld(w);
            const dep = w.clusters[0].workloads[0];
            const steady = dep.desired === lastDesired;
            lastDesired = dep.desired;
            if (!dep.replicaSets) return;
            rolled = true;
            const fp = resolveFenceposts(maxSurge, maxUnavailable, dep.desired);
            if (!f.hpa || steady) expect(dep.pods.length, 'pods').toBeLessThanOrEqual(dep.desired + fp.surge);
            if (!f.hpa) expect(dep.readyCount, 'Ready').toBeGreaterThanOrEqual(dep.desired - Math.min(fp.unavailable, dep.desired));
          },
        });
        expect(rolled).toBe(true);
      }),
      { numRuns: 16, seed: 18 },
    );
  });
});
