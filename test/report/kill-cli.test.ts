/**
 * `headroom run` itself, stopped at every file operation it makes while it replaces a folder that
 * holds a previous run (with events.jsonl and report.html): killed before the operation, or
 * failing a file's write as a full disk does. fs-faults.mjs stops the process from
 * inside node:fs, so this holds the command whatever its writer looks like. After the first reader
 * (`compare`, which finishes or drops what a dead writer left), the folder is the whole previous
 * run or the whole new one, never a mix; a full disk is exit 1 naming the path, not an internal
 * error. kill.test.ts and run-folder.test.ts hold the folder commit alone at each of its steps.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIN, expectNoStack, headroomIn, ROOT } from '../helpers/cli.ts';
import { snapshot } from '../helpers/folder.ts';
import { smallFleet } from '../helpers/scenario.ts';

type Fault = 'kill' | 'kill-mid-write' | 'enospc';

const exec = promisify(execFile);
const FAULTS = join(ROOT, 'test/report/fs-faults.mjs');
/** run-info.json holds the wall time, and the marker that file's digest: both differ by run */
const BY_RUN = ['run-info.json', 'run-complete.json'];

let dir: string;
let scenario: string;
let oldRun: Record<string, string>;
let newRun: Record<string, string>;
let operations: string[];
let fileWrites: number[];

/** The new run (another seed, no events) into `<parent>/x`, with the faults loaded. */
async function runNew(parent: string, env: Record<string, string>): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const args = ['--import', FAULTS, BIN, 'run', scenario, '--seed', '99', '--quiet', '--out', join(parent, 'x')];
  try {
    const r = await exec(process.execPath, args, { cwd: ROOT, env: { ...process.env, FAULT_UNDER: parent, ...env } });
    return { code: 0, signal: null, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; signal?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : null, signal: err.signal ?? null, stderr: err.stderr ?? '' };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-kill-cli-'));
  scenario = join(dir, 'faults.yaml');
  writeFileSync(scenario, smallFleet({ duration: '10m', hpa: 'hpa: {min: 4, max: 20, targetCPUUtilization: 50}', bursts: '[{at: 2m, peak: 400, rise: 10s, hold: 3m, fall: 1m}]' }));
  const old = await headroomIn(['run', scenario, '--events', '--quiet', '--out', join(dir, 'ref-old')]);
  expect(old.code, old.stderr).toBe(0);
  const next = await headroomIn(['run', scenario, '--seed', '99', '--quiet', '--out', join(dir, 'ref-new')]);
  expect(next.code, next.stderr).toBe(0);
  oldRun = snapshot(join(dir, 'ref-old'), BY_RUN);
  newRun = snapshot(join(dir, 'ref-new'), BY_RUN);
  // the operations of one whole run over the old one, and which of them write into a file
  const parent = join(dir, 'count');
  mkdirSync(parent);
  cpSync(join(dir, 'ref-old'), join(parent, 'x'), { recursive: true });
  const count = join(dir, 'count.json');
  const r = await runNew(parent, { FAULT_COUNT: count });
  expect(r.code, r.stderr).toBe(0);
  ({ ops: operations, fileWrites } = JSON.parse(readFileSync(count, 'utf8')) as { ops: string[]; fileWrites: number[] });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Stops the new run at operation `at`, lets a reader in, and says what the folder holds. */
async function stopAt(at: number, fault: Fault): Promise<{ holds: string; code: number | null; signal: string | null; stderr: string }> {
  const parent = join(dir, `${fault}-${at}`);
  mkdirSync(parent);
  cpSync(join(dir, 'ref-old'), join(parent, 'x'), { recursive: true });
  const r = await runNew(parent, { FAULT_AT: String(at), FAULT_KIND: fault });
  const reader = await headroomIn(['compare', join(parent, 'x'), join(parent, 'x'), '--out', join(dir, `compare-${fault}-${at}`)]);
  expect(reader.code, `${fault} at ${at} (${operations[at]}): compare: ${reader.stderr}`).toBe(0);
  const now = JSON.stringify(snapshot(join(parent, 'x'), BY_RUN));
  const holds = now === JSON.stringify(oldRun) ? 'old' : now === JSON.stringify(newRun) ? 'new' : 'a mix';
  return { holds, ...r };
}

/** Two at a time: the machine has two cores. */
async function inPairs<T, R>(items: T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 2) out.push(...(await Promise.all(items.slice(i, i + 2).map(f))));
  return out;
}

describe('headroom run, stopped at every file operation while it replaces a run folder', () => {
  it('the two runs differ, in their files too (events.jsonl)', () => {
    expect(Object.keys(oldRun)).toContain('events.jsonl');
    expect(Object.keys(newRun)).not.toContain('events.jsonl');
    expect(operations.length).toBeGreaterThan(8);
  });

  // Half-way through each file as well is kill.test.ts's (a process start costs seconds here).
  it('kill -9 before each operation: the old run or the new one, whole', { timeout: 600_000 }, async () => {
    const results = await inPairs(operations.map((_, at) => at), async (at) => ({ at, ...(await stopAt(at, 'kill')) }));
    for (const r of results) {
      expect(r.signal, `kill at ${r.at}: not killed`).toBe('SIGKILL');
      expect(r.holds, `kill at ${r.at} (${operations[r.at]})`).not.toBe('a mix');
    }
    expect(new Set(results.map((r) => r.holds))).toEqual(new Set(['old', 'new']));
  });

  it('a full disk at each file written: exit 1 naming the path, and the old run whole', { timeout: 600_000 }, async () => {
    const results = await inPairs(fileWrites, async (at) => ({ at, ...(await stopAt(at, 'enospc')) }));
    for (const r of results) {
      expect(r.code, `enospc at ${r.at}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^headroom: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/enospc-${r.at}/.*: cannot write: .*ENOSPC`));
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expectNoStack(r.stderr);
      // every file is written before the new run counts
      expect(r.holds, `enospc at ${r.at} (${operations[r.at]})`).toBe('old');
    }
  });
});
