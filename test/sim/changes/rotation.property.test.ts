/**
 * No pod is lost in a rotation: whatever the budgets, surge, PDBs, grace periods and load, every
 * pod that ran on a node was deleted (evicted, scaled down, preempted) before its node went,
 * never killed with it; each Deployment holds its desired pods after every step (the world's
 * invariants), and a rotation that finished left no old node.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/run.ts';
import { NodeState, PodPhase } from '../../../src/sim/types.ts';
import type { World } from '../../../src/sim/world.ts';
import { scenarioFromYaml, smallFleet } from '../../helpers/scenario.ts';
import { checkWorld } from '../../helpers/world-invariants.ts';

const arb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1000 }),
    maxUnavailable: fc.integer({ min: 0, max: 3 }),
    maxSurge: fc.integer({ min: 0, max: 2 }),
    pdb: fc.constantFrom('', 'maxUnavailable: 1', 'minAvailable: 50%'),
    grace: fc.constantFrom('0s', '30s'),
    placeholders: fc.integer({ min: 0, max: 4 }),
    rate: fc.integer({ min: 50, max: 400 }),
    hpa: fc.boolean(),
    nodes: fc.integer({ min: 2, max: 5 }),
  })
  .filter((f) => f.maxUnavailable + f.maxSurge > 0);

describe('no pod is lost in a rotation', () => {
  it('every pod that ran was deleted before its node went', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (f) => {
        const yaml = smallFleet({
          rate: f.rate,
          nodes: f.nodes,
          placeholders: f.placeholders,
          duration: '40m',
          delay: '{fixed: 90s}',
          hpa: f.hpa ? 'hpa: {min: 2, max: 30, targetCPUUtilization: 60}' : '',
          extra: `${f.pdb ? `podDisruptionBudgets:\n  - {name: web, matchLabels: {app: web}, ${f.pdb}}\n` : ''}changes:
  - at: 3m
    clusters: all
    rotate: {nodeGroup: general, maxUnavailable: ${f.maxUnavailable}, maxSurge: ${f.maxSurge}}
`,
        })
          .replace('seed: 7', `seed: ${f.seed}`)
          .replace('    replicas: 4', `    ${f.hpa ? '' : 'replicas: 4'}\n    labels: {app: web}\n    terminationGracePeriod: ${f.grace}`);
        let world: World | undefined;
        const r = await runScenario(scenarioFromYaml(yaml), { inspect: (w) => ((world = w), checkWorld(w)) });
        for (const p of world!.pods) {
          if (p.owner.kind === 'daemonset' || p.phase !== PodPhase.Gone || Number.isNaN(p.boundAt)) continue;
          expect(Number.isNaN(p.goneAt), `${p.info.name} killed with its node`).toBe(false);
        }
        const ch = r.summary.changes![0];
        if (ch.finished) {
          const old = world!.clusters[0].nodes.filter((n) => n.requestedAt === 0);
          expect(old.every((n) => n.state === NodeState.Removed)).toBe(true);
        }
      }),
      { numRuns: 14, seed: 4 },
    );
  });
});
