/**
 * `headroom compare` over more than two runs (a column per run, each later run against the first),
 * the folders named as the user gave them, and a count's difference that follows how the counts print.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRuns } from '../../src/report/index.ts';
import { diffRow, formatDelta } from '../../src/report/compare/diff.ts';
import { runKey } from '../../src/report/compare/charts.ts';
import { METRICS, formatMetric, metricValue } from '../../src/report/metrics.ts';
import { mdText } from '../../src/report/compare/markdown.ts';
import { copyFixture } from './helpers.ts';
import { headroomIn } from '../helpers/cli.ts';
import { smallFleet } from '../helpers/scenario.ts';

const def = (path: string) => METRICS.find((m) => m.path === path)!;

describe("a count's difference", () => {
  it('is the difference of the counts as they print: whole, and adding up', () => {
    // a fluid model's counts are fractional: 268,339,653.2 and 268,861,859.5 print whole, so their
    // difference is 268,861,860 − 268,339,653 = 522,207, not the 522,206.3 the raw values give
    const r = diffRow(def('requests.served'), 268_339_653.2, 268_861_859.5);
    expect(formatDelta(r.def, r.abs, 'USD', [r.a, r.b])).toBe('+522,207');
    // 1,000.4 -> 1,030.2: +30 (1,030 − 1,000), not +29.8
    expect(formatDelta(def('requests.failed'), 29.8, 'USD', [1000.4, 1030.2])).toBe('+30');
    // counts that print with a decimal keep theirs: 12.5 -> 20.3 is +7.8
    expect(formatDelta(def('requests.failed'), 20.3 - 12.5, 'USD', [12.5, 20.3])).toBe('+7.8');
  });
});

describe('run keys', () => {
  it('go A..Z, then AA', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(runKey)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('compareRuns over four runs', () => {
  let md: string;
  let html: string;
  const dirs = ['run-burst-outage', 'run-burst-outage-lean', 'run-burst-outage-lean', 'run-burst-outage'].map(copyFixture);
  const summaries = dirs.map((d) => JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8')));
  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), 'headroom-compare-n-'));
    const paths = await compareRuns(dirs, out, { labels: ['50', '10', '10 again', '50 again'] });
    md = readFileSync(paths.markdown, 'utf8');
    html = readFileSync(paths.html, 'utf8');
  });

  it('has a column per run in every table', () => {
    expect(md.startsWith('# headroom compare: 50 vs 10 vs 10 again vs 50 again\n\n| | A | B | C | D |\n|---|---|---|---|---|\n')).toBe(true);
    expect([...md.matchAll(/^## (.*)$/gm)].map((m) => m[1])).toEqual(['Fleet', 'Cluster az-a', 'Cluster az-b', 'Cluster az-c', 'Cluster az-d']);
    expect(md.match(/^\| metric \| A \| B \| C \| D \|$/gm)).toHaveLength(5);
  });

  it('gives each later run its value and its difference from the first', () => {
    const fleet = md.slice(md.indexOf('## Fleet'), md.indexOf('## Cluster az-a'));
    const d = def('cost.headroom');
    const [a, b, , last] = summaries.map((s) => metricValue(s, d.path));
    const r = diffRow(d, a, b);
    const cellB = `${formatMetric(d, b)} (${formatDelta(d, r.abs, 'USD', [a, b])}, ${'−'}${Math.round(Math.abs(r.rel!) * 100)}%, better)`;
    const row = fleet.split('\n').find((l) => l.startsWith('| **headroom cost per run** |'))!;
    expect(row).toContain(`| ${mdText(formatMetric(d, a))} | ${mdText(cellB)} |`);
    // D is A's own run again: no difference on anything
    expect(row.endsWith(`| ${mdText(`${formatMetric(d, last)} (${formatDelta(d, 0)}, 0%)`)} |`)).toBe(true);
    expect(md).toMatch(/against A: B is better on \d+ and worse on \d+; C is better on \d+ and worse on \d+; D is better on 0 and worse on 0 /);
  });

  it('draws every run on the page: a legend entry and a line per run', () => {
    for (const [i, label] of ['50', '10', '10 again', '50 again'].entries()) expect(html).toContain(`${runKey(i)}: ${label}`);
    expect(html).toContain('<th>metric</th><th>A</th><th>B</th><th>C</th><th>D</th>');
    expect(html.split('<figure').length - 1).toBe(10);
  });
});

describe('headroom compare (the command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-compare-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the folders as given, takes three, and refuses one', async () => {
    const scenario = join(dir, 'small.yaml');
    writeFileSync(scenario, smallFleet({ duration: '10m' }));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      for (const n of [0, 2, 4]) {
        const r = await headroomIn(['run', 'small.yaml', '--set', `overprovisioner.0.replicasPerCluster=${n}`, '--out', `runs/p${n}`, '--no-report', '--quiet']);
        expect(r.code, r.stderr).toBe(0);
      }
      const r = await headroomIn(['compare', 'runs/p0', 'runs/p2', 'runs/p4', '--out', 'cmp']);
      expect(r.code, r.stderr).toBe(0);
      const md = readFileSync(join(dir, 'cmp/compare.md'), 'utf8');
      expect(md).toContain('| run | runs/p0 | runs/p2 | runs/p4 |\n');
      expect(md).not.toContain(dir);
      expect(readFileSync(join(dir, 'cmp/compare.html'), 'utf8')).not.toContain(dir);
      const one = await headroomIn(['compare', 'runs/p0', '--out', 'cmp1']);
      expect(one.code).toBe(2);
      expect(one.stderr).toMatch(/^headroom: compare needs at least two run folders, got 1$/m);
    } finally {
      process.chdir(cwd);
    }
  }, 60_000);
});
