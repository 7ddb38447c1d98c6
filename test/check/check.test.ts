import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeadroomError } from '../../src/errors.ts';
import { check, checkJunit, checkMarkdown, checkText, recordBaseline, writeBaseline } from '../../src/check/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { TINY, TINY_B, fakeRunner } from '../fixtures/check/summaries.ts';

const NO_PLACEHOLDERS = 'overprovisioner.0.replicasPerCluster=0';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-check-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function recorded(files: string[], opts: Parameters<typeof recordBaseline>[1] = {}): Promise<string> {
  const out = join(dir, 'baseline.json');
  writeBaseline(out, await recordBaseline(files, { run: fakeRunner(), headroomVersion: '0.1.0', ...opts }));
  return out;
}

async function rejection(p: Promise<unknown>): Promise<HeadroomError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HeadroomError) return e;
    throw e;
  }
  throw new Error('expected a HeadroomError');
}

describe('headroom check against its own baseline', () => {
  it('passes: exit 0, nothing regressed, the SLO met', async () => {
    const baseline = await recorded([TINY, TINY_B]);
    const report = await check([TINY, TINY_B], { baseline, run: fakeRunner(), headroomVersion: '0.1.0' });
    expect(report.exitCode).toBe(0);
    expect(report.scenarios.map((s) => s.scenario)).toEqual(['tiny', 'tiny-b']);
    for (const s of report.scenarios) {
      expect(s.regressions).toBe(0);
      expect(s.slo.broken).toBe(false);
      expect(s.stale.stale).toBe(false);
      expect(s.notes).toEqual([]);
      expect(s.numbers.every((n) => n.verdict === 'ok' || n.verdict === 'neutral')).toBe(true);
    }
    expect(checkText(report)).toContain('headroom check passed: no regressions in 2 scenarios');
    expect(checkMarkdown(report).split('\n')[0]).toBe('### ✅ headroom check passed: no regressions in 2 scenarios');
  });

  it('gives the same verdict and the same bytes every time (no wall time)', async () => {
    const baseline = await recorded([TINY]);
    const a = await check([TINY], { baseline, run: fakeRunner(), sets: [NO_PLACEHOLDERS], headroomVersion: '0.1.0' });
    const b = await check([TINY], { baseline, run: fakeRunner(), sets: [NO_PLACEHOLDERS], headroomVersion: '0.1.0' });
    expect(checkText(a)).toBe(checkText(b));
    expect(checkMarkdown(a)).toBe(checkMarkdown(b));
    expect(checkJunit(a)).toBe(checkJunit(b));
  });
});

describe('headroom check --set overprovisioner.0.replicasPerCluster=0', () => {
  it('fails with p99 and error rate as regressions and the SLO broken', async () => {
    const baseline = await recorded([TINY]);
    const report = await check([TINY], { baseline, run: fakeRunner(), sets: [NO_PLACEHOLDERS], headroomVersion: '0.1.0' });
    expect(report.exitCode).toBe(1);
    const [s] = report.scenarios;
    const regressed = s.numbers.filter((n) => n.verdict === 'regressed' && n.cluster === undefined).map((n) => n.name);
    // fake runner: p99 120 -> 320 ms, error rate 0.02% -> 0.4% (4,000 failed of 1,000,000)
    expect(regressed).toEqual(['latencyMs.p99', 'requests.failed', 'requests.errorRate']);
    expect(s.numbers.find((n) => n.name === 'cost.total')?.verdict).toBe('improved'); // 100 -> 90
    expect(s.slo.broken).toBe(true);
    // the change under test is an override, not an edit of the file: the baseline is not stale
    expect(s.stale.stale).toBe(false);
    expect(s.notes).toEqual([`checked with --set ${NO_PLACEHOLDERS}; the baseline was recorded with no --set`]);

    const md = checkMarkdown(report);
    expect(md.split('\n')[0]).toBe('### ❌ headroom check failed: 1 of 1 scenario: tiny (9 regressions, SLO broken)');
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    // header, separator, SLO, then the regressions before anything else
    expect(rows[2]).toMatch(/^\| SLO .*❌ broken: p99 320 ms &gt; 250 ms; error rate 0.4% &gt; 0.1% \|$/);
    expect(rows[3]).toMatch(/^\| `latencyMs.p99` \| 120 ms \| 320 ms \| \+200 ms \(\+167%\) \| ❌ regressed/);
    expect(rows[5]).toMatch(/^\| `requests.errorRate` \| 0.02% \| 0.4% \| \+0.38 pp \| ❌ regressed, allowed \+0.05 pp \|$/);
  });

  it('a tolerance can make a change acceptable, and turning a number off unchecks it', async () => {
    const baseline = await recorded([TINY]);
    // with 4 placeholders: p99 120 -> 160 ms (+33%); error rate unchanged
    const sets = ['overprovisioner.0.replicasPerCluster=4'];
    const strict = await check([TINY], { baseline, run: fakeRunner(), sets });
    expect(strict.scenarios[0].numbers.filter((n) => n.verdict === 'regressed').map((n) => n.key)).toEqual([
      'latencyMs.p99',
      'latencyMs.p99',
      'latencyMs.p99',
    ]);
    const loose = await check([TINY], { baseline, run: fakeRunner(), sets, tolerances: ['latencyMs.p99=40%'] });
    expect(loose.exitCode).toBe(0);
    const off = await check([TINY], { baseline, run: fakeRunner(), sets, tolerances: ['latencyMs.p99=off'] });
    expect(off.exitCode).toBe(0);
    expect(off.scenarios[0].numbers.find((n) => n.name === 'latencyMs.p99')?.verdict).toBe('neutral');
  });
});

describe('stale baselines and notes', () => {
  it('a scenario file changed since recording fails, naming the command that re-records', async () => {
    const file = join(dir, 'tiny.yaml');
    copyFileSync(TINY, file);
    const baseline = await recorded([file]);
    writeFileSync(file, readFileSync(file, 'utf8').replace('duration: 1h', 'duration: 2h'));

    const report = await check([file], { baseline, run: fakeRunner(), headroomVersion: '0.1.0' });
    const [s] = report.scenarios;
    expect(s.regressions).toBe(0);
    expect(s.stale.stale).toBe(true);
    expect(report.exitCode).toBe(1);
    expect(s.stale.message).toContain(`stale baseline: ${file} changed since the baseline was recorded`);
    expect(s.stale.message).toContain(`re-record it with \`headroom baseline ${file} --out ${baseline}\``);
    expect(s.stale.message).toContain('--allow-stale');
    expect(checkText(report)).toContain('FAIL: stale baseline');

    const allowed = await check([file], { baseline, run: fakeRunner(), allowStale: true, headroomVersion: '0.1.0' });
    expect(allowed.exitCode).toBe(0);
    expect(allowed.scenarios[0].stale).toMatchObject({ stale: true, allowed: true });
    expect(checkMarkdown(allowed)).toContain('> ⚠️ stale baseline');
  });

  it('re-records every scenario of a single baseline file, and a folder one scenario', async () => {
    const file = join(dir, 'tiny.yaml');
    copyFileSync(TINY, file);
    const baseline = await recorded([file, TINY_B], { seeds: 2 });
    writeFileSync(file, readFileSync(file, 'utf8').replace('duration: 1h', 'duration: 2h'));
    const report = await check([file], { baseline, run: fakeRunner() });
    // --out rewrites the whole file, so the command names tiny-b too
    expect(report.scenarios[0].stale.message).toContain(`\`headroom baseline ${file} ${TINY_B} --seeds 2 --out ${baseline}\``);

    const folder = join(dir, 'baselines');
    writeBaseline(`${folder}/`, await recordBaseline([file, TINY_B], { run: fakeRunner() }));
    writeFileSync(file, readFileSync(file, 'utf8').replace('duration: 2h', 'duration: 3h'));
    const inFolder = await check([file], { baseline: folder, run: fakeRunner() });
    expect(inFolder.scenarios[0].stale.message).toContain(`\`headroom baseline ${file} --out ${folder}/\``);
  });

  it("is stale when the baseline's own overrides no longer apply to the file", async () => {
    const file = join(dir, 'tiny.yaml');
    copyFileSync(TINY, file);
    const baseline = await recorded([file], { sets: ['overprovisioner.0.replicasPerCluster=3'] });
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.indexOf('overprovisioner:')) + text.slice(text.indexOf('slo:')));

    const report = await check([file], { baseline, run: fakeRunner(), allowStale: true });
    expect(report.scenarios[0].stale.message).toContain("the baseline's overrides (--set overprovisioner.0.replicasPerCluster=3) no longer apply");
    expect(report.scenarios[0].stale.message).toContain('--set overprovisioner.0.replicasPerCluster=3 --out');
  });

  it('notes another headroom version without failing', async () => {
    const baseline = await recorded([TINY], { headroomVersion: '0.0.9' });
    const report = await check([TINY], { baseline, run: fakeRunner(), headroomVersion: '0.1.0' });
    expect(report.exitCode).toBe(0);
    expect(report.scenarios[0].notes).toEqual([
      'the baseline was recorded with headroom 0.0.9, this is 0.1.0: numbers may move because the simulator changed',
    ]);
    expect(checkJunit(report)).toContain('<system-out>the baseline was recorded with headroom 0.0.9');
  });
});

describe('--seeds', () => {
  it('records one run per seed and checks as many by default', async () => {
    const calls: Scenario[] = [];
    const baseline = await recorded([TINY], { seeds: 3, run: fakeRunner(calls) });
    expect(calls.map((s) => s.seed)).toEqual([7, 8, 9]);
    const entry = JSON.parse(readFileSync(baseline, 'utf8')).scenarios[0];
    expect(entry.runs.map((r: { seed: number }) => r.seed)).toEqual([7, 8, 9]);
    // the fake p99 moves 0.5 ms per seed: 120, 120.5, 121
    expect(entry.runs.map((r: { numbers: Record<string, number> }) => r.numbers['latencyMs.p99'])).toEqual([120, 120.5, 121]);

    const checkCalls: Scenario[] = [];
    const report = await check([TINY], { baseline, run: fakeRunner(checkCalls), headroomVersion: '0.1.0' });
    expect(checkCalls.map((s) => s.seed)).toEqual([7, 8, 9]);
    expect(report.exitCode).toBe(0);
    const p99 = report.scenarios[0].numbers.find((n) => n.name === 'latencyMs.p99');
    // sd of 120, 120.5, 121 = 0.5; noise = 2 * 0.5 * sqrt(1/3 + 1/3) = 0.816
    expect(p99?.noise).toBeCloseTo(0.8165, 4);
    expect(p99?.baseline).toBeCloseTo(120.5, 9);
  });

  it('--seeds N overrides the count, with a note', async () => {
    const baseline = await recorded([TINY], { seeds: 3 });
    const report = await check([TINY], { baseline, run: fakeRunner(), seeds: 1, headroomVersion: '0.1.0' });
    expect(report.scenarios[0].seeds).toEqual([7]);
    expect(report.scenarios[0].notes).toEqual(['seeds 7 checked against baseline seeds 7, 8, 9']);
    expect(report.exitCode).toBe(0);
  });
});

describe('bad input is refused before anything runs', () => {
  // [what, files, options, code, message part]
  const cases: [string, string[], Record<string, unknown>, string, string][] = [
    ['an unknown tolerance key', [TINY], { tolerances: ['latencyMs.p999=5%'] }, 'usage', 'did you mean "latencyMs.p99"'],
    ['a bad seed count', [TINY], { seeds: 0 }, 'usage', '--seeds must be a whole number'],
    ['a missing scenario file', [TINY, '/nonexistent/x.yaml'], {}, 'io', 'cannot read the scenario'],
    ['a bad --set', [TINY], { sets: ['overprovisioner.0.replicasPerClusterz=1'] }, 'usage', 'did you mean "replicasPerCluster"'],
    ['a scenario the baseline lacks', [TINY, TINY_B], {}, 'baseline', 'no baseline for scenario "tiny-b"'],
    ['the same scenario twice', [TINY, TINY], {}, 'usage', 'both named "tiny"'],
  ];
  it.each(cases)('%s', async (_what, files, options, code, message) => {
    const baseline = await recorded([TINY]);
    const calls: Scenario[] = [];
    const err = await rejection(check(files, { baseline, run: fakeRunner(calls), ...options }));
    expect(err.code).toBe(code);
    expect(err.message).toContain(message);
    expect(calls).toEqual([]);
  });

  it('a malformed baseline', async () => {
    const baseline = join(dir, 'broken.json');
    writeFileSync(baseline, '{"format": "headroom-baseline", "formatVersion": 1, "scenarios": [}');
    const calls: Scenario[] = [];
    const err = await rejection(check([TINY], { baseline, run: fakeRunner(calls) }));
    expect(err).toMatchObject({ code: 'baseline', file: baseline, line: 1, column: 67 });
    expect(err.message).toContain('not valid JSON');
    expect(calls).toEqual([]);
  });

  it('baseline: two files of one scenario name are refused', async () => {
    const err = await rejection(recordBaseline([TINY, TINY], { run: fakeRunner() }));
    expect(err.code).toBe('usage');
  });
});
