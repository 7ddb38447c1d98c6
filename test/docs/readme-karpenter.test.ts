/**
 * README's "Karpenter instead of the cluster-autoscaler": its commands run (their output folders
 * moved to a temporary one), and the table's figures are what the two runs' summary.json and the
 * comparison say.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { headroomIn, ROOT } from '../helpers/cli.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### Karpenter instead of the cluster-autoscaler'), readme.indexOf('## Outputs'));
const commands = /```sh\n([\s\S]*?)```/
  .exec(section)![1]
  .trim()
  .split('\n')
  .map((line) => line.replace(/^npx headroom /, '').split(/\s+/));
const dir = mkdtempSync(join(tmpdir(), 'headroom-readme-karpenter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The table's row, by its first cell: [cluster-autoscaler, Karpenter]. */
function row(name: string): [string, string] {
  const line = section.split('\n').find((l) => l.startsWith(`| ${name} |`))!;
  const cells = line.split('|').map((c) => c.trim());
  return [cells[2], cells[3]];
}

describe("README's Karpenter example", () => {
  it('runs as shown, and its table holds the runs\' figures', async () => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      for (const args of commands) {
        const moved = args.map((a) => (a.startsWith('reports/') ? join(dir, a) : a));
        const r = await headroomIn(moved[0] === 'run' ? [...moved, '--quiet'] : moved);
        expect(r.code, r.stderr).toBe(0);
      }
    } finally {
      process.chdir(cwd);
    }
    const summary = (name: string) => JSON.parse(readFileSync(join(dir, 'reports', name, 'summary.json'), 'utf8'));
    const ca = summary('karpenter-ca');
    const k = summary('karpenter');
    const [caCost, kCost] = row('cost for the day');
    expect(caCost).toBe(`${ca.cost.total.toFixed(2)} USD`);
    const less = ((1 - k.cost.total / ca.cost.total) * 100).toFixed(1);
    expect(kCost).toBe(`${k.cost.total.toFixed(2)} USD (−${less}%)`);
    expect(row('peak nodes')).toEqual([`${ca.nodes.peak}`, `${k.nodes.peak} (smaller ones)`]);
    expect(row("Ready nodes' cpu requested")).toEqual([`${(ca.binPacking.cpuRequestedShare * 100).toFixed(1)}%`, `${(k.binPacking.cpuRequestedShare * 100).toFixed(1)}%`]);
    expect(row('consolidation commands')).toEqual([`${ca.karpenter.consolidations}`, `${k.karpenter.consolidations}`]);
    expect(row('failed requests')).toEqual([`${ca.requests.failed}`, `${k.requests.failed}`]);
    // headroom compare of the two folders wrote its report
    expect(readFileSync(join(dir, 'reports/karpenter-compare/compare.md'), 'utf8')).toContain('cost per run');
  }, 120_000);
});
