/**
 * The command blocks of README's quick start, docs/check.md and docs/sweep.md, run as written
 * (with the folders they write under reports/ and baselines/ moved to a temporary folder), and
 * held to what the prose around them says.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { parseVary } from '../../src/sweep/vary.ts';
import { fencedBlocks, readDoc, runHeadroom, words } from './doc-commands.ts';

const dir = mkdtempSync(join(tmpdir(), 'headroom-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `reports/x` and `baselines/` in a doc's command, moved under the temporary folder. */
const moved = (arg: string) => (/^(reports|baselines)\//.test(arg) ? join(dir, arg) : arg);

/** A block's commands: `\` continuations joined, comments and `echo` pipelines (README's decide test runs those) left out. */
function commandsOf(block: string): { args: string[]; comment: string }[] {
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((l) => l.startsWith('npx headroom '))
    .map((l) => {
      const [command, ...comment] = l.split(' # ');
      return { args: words(command).slice(2).map(moved), comment: comment.join(' # ').trim() };
    });
}

describe("README's quick start", () => {
  const readme = readDoc('README.md');
  const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## What the model is'));
  const [first, second] = fencedBlocks(quick);

  it('npm start writes the files the README lists, then each command of the next block does what its comment says', async () => {
    const pkg = JSON.parse(readDoc('package.json'));
    expect(first.text).toContain('npm start     # simulates scenarios/default.yaml, writes reports/default/');
    // `npm start` is `node bin/headroom.mjs run scenarios/default.yaml`: the same command in-process
    const start = words(pkg.scripts.start).slice(2);
    expect(start).toEqual(['run', 'scenarios/default.yaml']);
    const started = await runHeadroom([...start, '--out', join(dir, 'reports/default'), '--quiet']);
    expect(started.code, started.err).toBe(0);
    const listed = [...quick.slice(quick.indexOf('`npm start` writes')).split('(open it')[0].matchAll(/`([\w./-]+\.(?:json|csv|html))`/g)].map((m) => m[1]);
    expect(listed).toEqual(['reports/default/summary.json', 'timeseries.csv', 'timeseries-workloads.csv', 'report.html']);
    for (const f of ['summary.json', 'timeseries.csv', 'timeseries-workloads.csv', 'report.html']) expect(existsSync(join(dir, 'reports/default', f)), f).toBe(true);

    const commands = commandsOf(second.text);
    expect(commands.map((c) => c.args[0])).toEqual(['run', 'compare', 'run', 'validate']);
    for (const { args, comment } of commands) {
      // a run without --out writes reports/<name>: keep it in the temporary folder too
      const out = args[0] === 'run' && !args.includes('--out') ? ['--out', join(dir, 'reports/zone-outage')] : [];
      const compareOut = args[0] === 'compare' ? ['--out', join(dir, 'reports/compare')] : [];
      const r = await runHeadroom([...args, ...out, ...compareOut]);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
      if (comment.startsWith('every key number side by side')) {
        const md = readFileSync(join(dir, 'reports/compare/compare.md'), 'utf8');
        for (const metric of ['p99 latency', 'error rate', 'cost per run', 'cost per month', 'peak nodes']) expect(md, metric).toContain(`| **${metric}** |`);
      } else if (comment.startsWith('also writes events.jsonl')) {
        const events = readFileSync(join(dir, 'reports/zone-outage/events.jsonl'), 'utf8').trim().split('\n');
        expect(events.length).toBeGreaterThan(100);
        expect(() => JSON.parse(events[0])).not.toThrow();
      } else if (comment.startsWith('the scenario with every default filled in')) {
        const s = JSON.parse(r.out);
        // keys the file does not give, filled in by the loader
        expect(s.clusters[0].clusterAutoscaler.maxNodesPerScaleUp).toBeGreaterThan(0);
        expect(s.workloads[0].hpa.syncPeriodSec).toBe(15);
        expect(s.workloads[0].hpa.scaleUp.policies.length).toBeGreaterThan(0);
      }
    }
  }, 180_000);
});

describe('docs/check.md: the two commands', () => {
  const doc = readDoc('docs/check.md');
  const commands = commandsOf(fencedBlocks(doc)[0].text);

  it('record a baseline, and the check against it passes and writes both files', async () => {
    expect(commands.map((c) => c.args[0])).toEqual(['baseline', 'check']);
    for (const { args } of commands) {
      const r = await runHeadroom([...args, '--quiet']);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
    }
    expect(readFileSync(join(dir, 'reports/check.xml'), 'utf8')).toContain('failures="0"');
    expect(existsSync(join(dir, 'reports/check.md'))).toBe(true);
  }, 180_000);

  it('zone-outage.yaml breaks the 0.1% error budget by design, as the page warns', async () => {
    expect(doc).toContain('`zone-outage.yaml` breaks the 0.1% error budget by design');
    const { summary } = await runScenario(loadScenario(new URL('../../scenarios/zone-outage.yaml', import.meta.url).pathname), { summaryOnly: true });
    expect(summary.slo.errorRate).toBe(0.001);
    expect(summary.requests.errorRate).toBeGreaterThan(0.001);
  }, 120_000);
});

describe('docs/sweep.md: the grid its first block states', () => {
  // 55 and 220 runs of a 4-hour scenario are too many for the suite; what is checked is the grid
  // the comment states, and test/sweep/search-default.test.ts runs the search the page reports.
  const doc = readDoc('docs/sweep.md');
  const commands = commandsOf(fencedBlocks(doc)[0].text);

  it('11 headroom sizes x 5 seeds = 55 runs', () => {
    const sweep = commands.find((c) => c.args[0] === 'sweep')!;
    const axis = parseVary(sweep.args[sweep.args.indexOf('--vary') + 1]);
    const seeds = Number(sweep.args[sweep.args.indexOf('--seeds') + 1]);
    const m = /# (\d+) headroom sizes x (\d+) seeds = (\d+) runs/.exec(fencedBlocks(doc)[0].text)!;
    expect([axis.values.length, seeds, axis.values.length * seeds]).toEqual([Number(m[1]), Number(m[2]), Number(m[3])]);
  });
});
