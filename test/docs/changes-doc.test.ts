/** docs/scenario.md's changes example, run: what the prose under "An example" says of its summary holds. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { NodeState } from '../../src/sim/types.ts';
import type { World } from '../../src/sim/world.ts';

const doc = readFileSync(new URL('../../docs/scenario.md', import.meta.url), 'utf8');
const section = doc.slice(doc.indexOf('## Changes: `changes[]`'), doc.indexOf('## PodDisruptionBudgets'));
const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1];

describe('docs/scenario.md: the changes example', () => {
  it('lists four finished changes: the rollout in az-a, then az-b five minutes later, then both rotations', { timeout: 60_000 }, async () => {
    const s = parseScenario(yaml, 'docs/changes-example.yaml', { checkFiles: false });
    let world: World | undefined;
    const r = await runScenario(s, { summaryOnly: true, inspect: (w) => (world = w) });
    const c = r.summary.changes!;
    expect(c.map((x) => [x.kind, x.cluster, x.finished])).toEqual([
      ['rollout', 'az-a', true],
      ['rollout', 'az-b', true],
      ['rotate', 'az-a', true],
      ['rotate', 'az-b', true],
    ]);
    expect(c[0].start).toBe(600);
    expect(c[1].start).toBe(c[0].end + 300);
    expect(c[2].start).toBe(2400);
    expect(c[3].start).toBe(2400);
    // maxSurge 3: three pods above the 12 replicas at most
    expect(c[0].surgedPods).toBe(3);
    // every node present at 40m replaced
    const before = world!.nodes.filter((n) => n.requestedAt < 2400);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((n) => n.state === NodeState.Removed)).toBe(true);
  });
});
