/**
 * What `headroom run` leaves in its folder, and what the commands that write refuse before any
 * work: a folder holds one run and only that run's files; a second writer is refused; readers
 * check the run's marker; an output path that cannot be written is one line and exit 2 before
 * the simulation.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { smallFleet } from '../helpers/scenario.ts';
import { expectNoStack, headroomIn } from '../helpers/cli.ts';

let dir: string;
let scenario: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-outputs-'));
  scenario = join(dir, 'small.yaml');
  // a burst the HPA answers, so a run with --events has events to write
  writeFileSync(scenario, smallFleet({ duration: '10m', hpa: 'hpa: {min: 4, max: 20, targetCPUUtilization: 50}', bursts: '[{at: 2m, peak: 400, rise: 10s, hold: 3m, fall: 1m}]' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const out = (name: string) => join(dir, name);

describe('a run folder holds one run', () => {
  it('a second run on the same --out leaves nothing of the first (no events.jsonl of another run)', async () => {
    const folder = out('mixed');
    expect((await headroomIn(['run', scenario, '--events', '--no-report', '--quiet', '--out', folder])).code).toBe(0);
    expect(existsSync(join(folder, 'events.jsonl'))).toBe(true);
    const second = await headroomIn(['run', scenario, '--seed', '8', '--no-report', '--quiet', '--out', folder]);
    expect(second.code, second.stderr).toBe(0);
    expect(existsSync(join(folder, 'events.jsonl'))).toBe(false);
    expect(JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')).seed).toBe(8);
    const marker = JSON.parse(readFileSync(join(folder, 'run-complete.json'), 'utf8'));
    expect(marker).toMatchObject({ format: 'headroom-run/1', scenario: 'small', seed: 8 });
    expect(Object.keys(marker.files).sort()).toEqual(['annotations.json', 'run-info.json', 'summary.json', 'timeseries-workloads.csv', 'timeseries.csv']);
    // nothing beside the folder either: no staging folder, no lock
    expect(readdirSync(dir).filter((f) => f.startsWith('.mixed'))).toEqual([]);
  });

  it('`headroom report` and `compare` refuse a folder whose files changed since the run, or that has no marker', async () => {
    const folder = out('cut');
    expect((await headroomIn(['run', scenario, '--no-report', '--quiet', '--out', folder])).code).toBe(0);
    const good = out('good');
    expect((await headroomIn(['run', scenario, '--no-report', '--quiet', '--out', good])).code).toBe(0);
    const csv = join(folder, 'timeseries.csv');
    truncateSync(csv, Math.floor(readFileSync(csv).length / 2));
    const r = await headroomIn(['report', folder]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/timeseries\.csv: changed since the run wrote it .*cut short/);
    expectNoStack(r.stderr);
    expect(existsSync(join(folder, 'report.html'))).toBe(false);
    const c = await headroomIn(['compare', good, folder, '--out', out('cmp')]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/timeseries\.csv: changed since the run wrote it/);

    rmSync(join(good, 'run-complete.json'));
    const bare = await headroomIn(['report', good]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/not a complete run: there is no run-complete\.json/);
  });

  it('a second writer is refused while a live process holds the folder, and nothing is touched', async () => {
    const folder = out('locked');
    mkdirSync(folder);
    writeFileSync(join(folder, 'summary.json'), '{"mine": true}\n');
    // this test's own process is alive: the lock is held
    writeFileSync(join(dir, '.locked.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: 'now' }));
    const r = await headroomIn(['run', scenario, '--no-report', '--quiet', '--out', folder]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`another headroom \\(pid ${process.pid} on .*\\) is writing this folder`));
    expect(readFileSync(join(folder, 'summary.json'), 'utf8')).toBe('{"mine": true}\n');
    rmSync(join(dir, '.locked.lock'));
  });

  it('a lock whose process is gone (a killed run) is taken over', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((done) => child.on('exit', done));
    writeFileSync(join(dir, '.stale.lock'), JSON.stringify({ pid, host: hostname(), since: 'then' }));
    const r = await headroomIn(['run', scenario, '--no-report', '--quiet', '--out', out('stale')]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, '.stale.lock'))).toBe(false);
    expect(existsSync(join(out('stale'), 'run-complete.json'))).toBe(true);
  });
});

describe('output paths are checked before any simulation: one line, exit 2, nothing written', () => {
  let file: string;
  beforeAll(() => {
    file = join(dir, 'notes.md');
    writeFileSync(file, 'keep me\n');
    mkdirSync(join(dir, 'someone-elses'));
    writeFileSync(join(dir, 'someone-elses', 'thesis.tex'), 'keep me too\n');
  });

  it.each([
    ['a file', () => file, /--out .*notes\.md: is a file, not a folder/],
    ['a path below a file', () => join(file, 'x'), /notes\.md is a file, so nothing can be written below it/],
    ['the root folder', () => '/', /--out \/: is the root folder/],
    ['an empty path', () => '', /--out is empty/],
    ['a folder of other files', () => join(dir, 'someone-elses'), /holds files that are not a headroom run \(thesis\.tex\)/],
  ])('run --out naming %s', async (_what, path, message) => {
    const r = await headroomIn(['run', scenario, '--quiet', '--out', path()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expectNoStack(r.stderr);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect(readdirSync(join(dir, 'someone-elses'))).toEqual(['thesis.tex']);
  });

  it('compare --out, baseline --out and check --junit naming a path below a file', async () => {
    const below = join(file, 'x');
    const runs = [out('cmp-a'), out('cmp-b')];
    for (const r of runs) expect((await headroomIn(['run', scenario, '--no-report', '--quiet', '--out', r])).code).toBe(0);
    for (const args of [
      ['compare', ...runs, '--out', below],
      ['baseline', scenario, '--out', below],
      ['check', scenario, '--baseline', join(dir, 'none.json'), '--junit', below],
    ]) {
      const r = await headroomIn(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/notes\.md is a file, so nothing can be written below it/);
      // refused before any run: nothing says a scenario ran
      expect(r.stderr).not.toMatch(/running small/);
      expectNoStack(r.stderr);
    }
  });

  it.skipIf(process.getuid?.() === 0)('a read-only folder (not checkable as root, who may write anywhere)', async () => {
    const ro = join(dir, 'read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    try {
      const r = await headroomIn(['run', scenario, '--quiet', '--out', join(ro, 'run')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is not writable/);
    } finally {
      chmodSync(ro, 0o755);
    }
  });
});
