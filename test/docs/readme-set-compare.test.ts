/**
 * README's `--set` examples (each one changes the run; the last one's figures as the prose states
 * them) and its `compare` of three runs, run as written and held to the prose.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { expectFigures, fencedBlocks, readDoc, runCommandsIn, statedFigures, words } from './doc-commands.ts';

const readme = readDoc('README.md');
const DEFAULT = new URL('../../scenarios/default.yaml', import.meta.url).pathname;
const summaryWith = async (sets: string[]) => (await runScenario(loadScenario(DEFAULT, { sets }), { summaryOnly: true })).summary;

describe("README's --set examples", () => {
  const para = readme.slice(readme.indexOf('`--set path=value` overrides'), readme.indexOf('### compare'));
  const sets = [...para.matchAll(/`--set ([^`]+)`/g)].map((m) => m[1]).filter((s) => s !== 'path=value');

  it('each example changes the run, and the last one gives the figures the prose states', async () => {
    expect(sets).toHaveLength(3);
    const asWritten = await summaryWith([]);
    for (const set of sets) {
      const s = await summaryWith([set]);
      expect(s.cost.total, set).not.toBe(asWritten.cost.total);
    }
    const [changed, written] = para.slice(para.indexOf('(p99')).split('; as written:');
    expectFigures(await summaryWith([sets[2]]), statedFigures(changed), sets[2]);
    expectFigures(asWritten, statedFigures(written), 'as written');
    expect(para).toContain('the bursts then break the SLO');
  }, 180_000);
});

describe("README's compare of three runs", () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-readme-compare-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const section = readme.slice(readme.indexOf('### compare'), readme.indexOf('### decide'));
  const commands = fencedBlocks(section)[0]
    .text.trim()
    .split('\n')
    .map((l) => words(l).slice(2));

  it('writes a column per run, with the differences the prose states', async () => {
    expect(commands.map((c) => c[0])).toEqual(['run', 'run', 'run', 'compare']);
    // reports/ is written in a temporary folder; the scenario is read from the repo
    await runCommandsIn(dir, commands);
    const md = readFileSync(join(dir, 'reports/op-compare/compare.md'), 'utf8');
    expect(md).toContain('| run | reports/op-0 | reports/op-25 | reports/op-100 |\n');
    const cells = (label: string) => md.split('\n').find((l) => l.startsWith(`| **${label}** |`))!.split(' | ').slice(1);
    const prose = /take the p99 from ([\d,]+) ms to ([\d,]+) ms for\s+a fifth more cost per month \((\+\d+%)\); 100 keep the same p99 at almost twice the cost \((\+\d+%)\)/.exec(section)!;
    expect(prose).not.toBeNull();
    const p99 = cells('p99 latency');
    expect(p99[0]).toBe(`${prose[1]} ms`);
    expect(p99[1]).toMatch(new RegExp(`^${prose[2]} ms \\(`));
    expect(p99[2]).toMatch(new RegExp(`^${prose[2]} ms \\(`));
    const month = cells('cost per month');
    expect(month[1]).toContain(`, ${prose[3]}, worse)`);
    expect(month[2]).toContain(`, ${prose[4]}, worse)`);
  }, 180_000);
});
