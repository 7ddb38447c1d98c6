/**
 * kill -9 at every point of a run folder's commit: a child process (kill-child.ts) replaces a
 * folder holding one run with another and SIGKILLs itself before each file operation in turn, or
 * half-way through each file it writes. Whatever the point, the folder then reads as the whole
 * previous run or the whole new one (after the recovery every reader and writer runs first),
 * never a mix; the killed process's lock does not block the next run.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeRunOutputs } from '../../src/report/outputs.ts';
import { verifyRunFolder } from '../../src/report/run-folder.ts';
import { ROOT } from '../helpers/cli.ts';
import { faultyFs, snapshot, twoRuns, type Fault } from './faults.ts';

const run = promisify(execFile);
let dir: string;
let oldRun: Record<string, string>;
let newRun: Record<string, string>;
let operations: number;
let fileWrites: number[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-kill-'));
  const runs = await twoRuns();
  await writeRunOutputs(join(dir, 'ref-old'), runs.old, { wallSec: 1, report: false });
  await writeRunOutputs(join(dir, 'ref-new'), runs.new, { wallSec: 1, report: false });
  oldRun = snapshot(join(dir, 'ref-old'));
  newRun = snapshot(join(dir, 'ref-new'));
  // the operations of one commit, and which of them write a file
  cpSync(join(dir, 'ref-old'), join(dir, 'count'), { recursive: true });
  const count = { ops: 0 };
  const writes: number[] = [];
  const fs = faultyFs(-1, 'kill', count);
  const writeNew = fs.writeNew;
  fs.writeNew = (path, data) => {
    writes.push(count.ops);
    writeNew(path, data);
  };
  await writeRunOutputs(join(dir, 'count'), runs.new, { wallSec: 1, report: false, fs });
  operations = count.ops;
  fileWrites = writes;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function killAt(at: number, fault: Fault): Promise<string> {
  const folder = join(dir, `${fault}-${at}`);
  cpSync(join(dir, 'ref-old'), folder, { recursive: true });
  let signal: string | null = null;
  try {
    await run(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'test/report/kill-child.ts'), folder, String(at), fault], { cwd: ROOT });
  } catch (e) {
    signal = (e as { signal?: string }).signal ?? null;
  }
  expect(signal, `${fault} at ${at}: the child was not killed`).toBe('SIGKILL');
  return folder;
}

describe('kill -9 while a run folder is replaced', () => {
  it('at every operation, and half-way through every file: the old run or the new one, whole', { timeout: 300_000 }, async () => {
    expect(operations).toBeGreaterThan(8);
    const points: [number, Fault][] = [
      ...Array.from({ length: operations }, (_, at) => [at, 'kill'] as [number, Fault]),
      ...fileWrites.map((at) => [at, 'kill-mid-write'] as [number, Fault]),
    ];
    const seen = new Set<string>();
    // two at a time: the machine has two cores
    for (let i = 0; i < points.length; i += 2) {
      const folders = await Promise.all(points.slice(i, i + 2).map(([at, fault]) => killAt(at, fault)));
      for (const [k, folder] of folders.entries()) {
        const [at, fault] = points[i + k];
        verifyRunFolder(folder);
        const now = snapshot(folder);
        const which = JSON.stringify(now) === JSON.stringify(oldRun) ? 'old' : JSON.stringify(now) === JSON.stringify(newRun) ? 'new' : 'a mix';
        expect(which, `${fault} at ${at}: ${Object.keys(now).join(', ')}`).not.toBe('a mix');
        seen.add(which);
        const name = folder.slice(dir.length + 1);
        // the staging and old folders are gone; the dead writer's lock is stale and left for the next writer
        expect(readdirSync(dir).filter((f) => f.startsWith(`.${name}.`) && !f.endsWith('.lock')), `${fault} at ${at}`).toEqual([]);
      }
    }
    expect([...seen].sort()).toEqual(['new', 'old']);
  });

  it('the next run on a folder whose writer was killed goes ahead (the stale lock is taken over)', { timeout: 60_000 }, async () => {
    // killed after it took the lock and started writing, before any reader cleaned up
    const folder = await killAt(fileWrites[1], 'kill-mid-write');
    const lock = join(dir, `.${folder.slice(dir.length + 1)}.lock`);
    expect(existsSync(lock)).toBe(true);
    const runs = await twoRuns();
    await writeRunOutputs(folder, runs.new, { wallSec: 1, report: false });
    expect(snapshot(folder)).toEqual(newRun);
    expect(existsSync(lock)).toBe(false);
  });
});
