/**
 * A pass given the previous pass's candidates and removal simulation (ScaleDownInput.previous)
 * over an unchanged cluster plans exactly what a pass without it plans, whatever else moved
 * between the two: the clock, the remembered state, the group sizes, the PDBs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planScaleDown, type ScaleDownInput, type ScaleDownPlan, type ScaleDownSettings } from '../../../../src/decisions/autoscaler/scaledown/planner.ts';
import type { PodDisruptionBudget } from '../../../../src/decisions/scheduler/types.ts';
import { GiB, MiB, makeNode, makePod } from '../fixtures.ts';

const settings: ScaleDownSettings = {
  scaleDownUtilizationThreshold: 0.5,
  scaleDownUnneededTimeSec: 30,
  scaleDownDelayAfterAddSec: 0,
  scaleDownDelayAfterDeleteSec: 0,
  scaleDownDelayAfterFailureSec: 0,
  maxEmptyBulkDelete: 3,
  expendablePodsPriorityCutoff: -10,
};

const cluster = fc.array(
  fc.record({
    group: fc.constantFrom('a', 'b', 'c'),
    pods: fc.array(fc.record({ cpuMilli: fc.integer({ min: 50, max: 600 }), app: fc.constantFrom('web', 'db'), priority: fc.constantFrom(0, -20) }), { maxLength: 4 }),
  }),
  { minLength: 1, maxLength: 10 },
);

/** the remembered state, group sizes and PDBs of one pass (the nodes themselves stay) */
const passOf = (names: string[]) =>
  fc.record({
    nowSec: fc.integer({ min: 100, max: 200 }),
    unneeded: fc.subarray(names),
    unremovable: fc.subarray(names),
    mins: fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4)),
    pdbAllows: fc.option(fc.nat(1)),
  });

type Pass = { nowSec: number; unneeded: string[]; unremovable: string[]; mins: [number, number, number]; pdbAllows: number | null };

const plain = (p: ScaleDownPlan) => ({
  state: p.state,
  inCooldown: p.inCooldown,
  empty: p.empty,
  drain: p.drain,
  unneeded: p.unneeded,
  unremovable: p.unremovable,
});

describe('planScaleDown with the previous pass simulation', () => {
  it('plans what a pass without it plans', () => {
    fc.assert(
      fc.property(
        cluster.chain((nodes) => {
          const names = nodes.map((_, i) => `n${i}`);
          return fc.tuple(fc.constant(nodes), passOf(names), passOf(names), fc.boolean());
        }),
        ([spec, first, other, sameQuestion]) => {
          // half the time only the clock moves, so the previous pass's answer is reused
          const second = sameQuestion ? { ...first, nowSec: other.nowSec } : other;
          const infos = spec.map((n, i) =>
            makeNode(
              `n${i}`,
              1000,
              4 * GiB,
              110,
              n.pods.map((p, j) => makePod(`n${i}-${j}`).req(p.cpuMilli, 64 * MiB).prio(p.priority).labels({ app: p.app }).obj()),
            ),
          );
          const inputOf = (pass: Pass): ScaleDownInput => {
            const groups = { a: { min: pass.mins[0], size: 0 }, b: { min: pass.mins[1], size: 0 }, c: { min: pass.mins[2], size: 0 } };
            for (const n of spec) groups[n.group].size++;
            const pdbs: PodDisruptionBudget[] = pass.pdbAllows === null ? [] : [{ name: 'db', matchLabels: { app: 'db' }, disruptionsAllowed: pass.pdbAllows }];
            return {
              nowSec: pass.nowSec,
              nodes: infos.map((node, i) => ({ node, group: spec[i].group })),
              nodeInfos: infos,
              groups,
              pdbs,
              state: {
                unneededSince: new Map(pass.unneeded.map((n) => [n, 90])),
                unremovableUntil: new Map(pass.unremovable.map((n) => [n, 150])),
              },
            };
          };
          const previous = planScaleDown(inputOf(first), settings).simulation;
          const reused = planScaleDown({ ...inputOf(second), previous }, settings);
          const fresh = planScaleDown(inputOf(second), settings);
          expect(plain(reused)).toEqual(plain(fresh));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is reused when the question is the same', () => {
    const infos = [makeNode('idle', 1000, 4 * GiB), makeNode('busy', 1000, 4 * GiB, 110, [makePod('p').req(900, MiB).obj()])];
    const input: ScaleDownInput = {
      nowSec: 100,
      nodes: infos.map((node) => ({ node, group: 'g' })),
      nodeInfos: infos,
      groups: { g: { min: 0, size: 2 } },
      pdbs: [],
      state: { unneededSince: new Map(), unremovableUntil: new Map() },
    };
    const first = planScaleDown(input, settings);
    expect(planScaleDown({ ...input, nowSec: 110, previous: first.simulation }, settings).simulation).toBe(first.simulation);
  });
});
