/**
 * docs/sweep.md's two-axis example (a --search beside a --vary), run as written with its folder
 * moved to a temporary one, and held to the frontier, cost and run counts its prose states.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fencedBlocks, readDoc, runHeadroom, words } from './doc-commands.ts';

const doc = readDoc('docs/sweep.md');
const section = doc.slice(doc.indexOf('### Two axes: the frontier'), doc.indexOf('## Throughput'));
const dir = mkdtempSync(join(tmpdir(), 'headroom-frontier-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/sweep.md: two axes', () => {
  it('finds the frontier, the cheapest and the run counts the prose states', async () => {
    const line = fencedBlocks(section)[0].text.replace(/\\\n\s*/g, ' ').trim();
    const args = words(line)
      .slice(2)
      .map((w) => (w.startsWith('reports/') ? join(dir, w) : w));
    const r = await runHeadroom([...args, '--quiet']);
    expect(r.code, r.err).toBe(0);
    const rec = JSON.parse(readFileSync(join(dir, 'reports/frontier/recommendation.json'), 'utf8'));
    const prose = section.replace(/\s+/g, ' ');
    const m = /scales at 40% cpu needs (\d+) placeholders a zone, one at 50% needs (\d+), and one at 60% is not saved by (\d+); the cheapest of them is (\d+) at 50% \(([\d,]+) USD a month against ([\d,]+) for \d+ at 40%\)\. The search takes (\d+) runs where every value would take (\d+)\./.exec(prose)!;
    expect(m).not.toBeNull();
    const n = (i: number) => Number(m[i].replace(/,/g, ''));
    expect(rec.frontier.rows.map((row: { by: number; value: number | null }) => [row.by, row.value])).toEqual([
      [40, n(1)],
      [50, n(2)],
      [60, null],
    ]);
    expect(rec.searched.high).toBe(n(3));
    expect(rec.recommended.values).toEqual({ 'overprovisioner.0.replicasPerCluster': n(4), 'workloads.0.hpa.targetCPUUtilization': 50 });
    expect(Math.round(rec.frontier.rows[1].costPerMonthMean)).toBe(n(5));
    expect(Math.round(rec.frontier.rows[0].costPerMonthMean)).toBe(n(6));
    expect([rec.searched.runs, rec.searched.exhaustiveRuns]).toEqual([n(7), n(8)]);
    expect(r.out).toContain(`for each workloads.0.hpa.targetCPUUtilization: 40: ${n(1)}, 50: ${n(2)}, 60: none up to ${n(3)}`);
  }, 600_000);
});
