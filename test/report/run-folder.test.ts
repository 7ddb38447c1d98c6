/**
 * A run folder is replaced whole or not at all (src/report/run-folder.ts). A full disk is
 * simulated at every file operation of a commit in turn (the operation fails with ENOSPC; a file
 * being written gets half its bytes first): the folder then holds the complete previous run, or
 * once the marker is in, the complete new one, never a mix. Killing the process instead is
 * kill.test.ts.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHeadroomError } from '../../src/errors.ts';
import { writeRunOutputs } from '../../src/report/outputs.ts';
import { verifyRunFolder } from '../../src/report/run-folder.ts';
import type { RunResult } from '../../src/run.ts';
import { faultyFs, snapshot, twoRuns } from './faults.ts';

let dir: string;
let runs: { old: RunResult; new: RunResult };
let oldRun: Record<string, string>;
let newRun: Record<string, string>;
let operations: number;

const write = (folder: string, run: RunResult, fs?: Parameters<typeof writeRunOutputs>[2]['fs']) => writeRunOutputs(folder, run, { wallSec: 1, report: false, fs });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-run-folder-'));
  runs = await twoRuns();
  await write(join(dir, 'ref-old'), runs.old);
  await write(join(dir, 'ref-new'), runs.new);
  oldRun = snapshot(join(dir, 'ref-old'));
  newRun = snapshot(join(dir, 'ref-new'));
  // how many operations replacing the old run with the new one takes, none failing
  cpSync(join(dir, 'ref-old'), join(dir, 'count'), { recursive: true });
  const count = { ops: 0 };
  await write(join(dir, 'count'), runs.new, faultyFs(-1, 'enospc', count));
  operations = count.ops;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a full disk at any point of a commit', () => {
  it('the two runs differ, in their files too (events.jsonl)', () => {
    expect(Object.keys(oldRun)).toContain('events.jsonl');
    expect(Object.keys(newRun)).not.toContain('events.jsonl');
    expect(operations).toBeGreaterThan(8);
  });

  it('leaves the previous run whole, or the new one once it is committed; says where and why (exit 1)', async () => {
    const seen = new Set<string>();
    for (let at = 0; at < operations; at++) {
      const folder = join(dir, `full-${at}`);
      cpSync(join(dir, 'ref-old'), folder, { recursive: true });
      let error: unknown;
      try {
        await write(folder, runs.new, faultyFs(at, 'enospc'));
      } catch (e) {
        error = e;
      }
      expect(isHeadroomError(error), `operation ${at}: ${String(error)}`).toBe(true);
      expect((error as { code: string }).code).toBe('write');
      expect((error as Error).message).toMatch(/no space left on the device \(ENOSPC\)/);
      expect((error as { file?: string }).file).toMatch(new RegExp(`full-${at}`));
      // what a reader sees: the folder put in order, then held to its marker
      verifyRunFolder(folder);
      const now = snapshot(folder);
      const which = JSON.stringify(now) === JSON.stringify(oldRun) ? 'old' : JSON.stringify(now) === JSON.stringify(newRun) ? 'new' : 'a mix';
      expect(which, `operation ${at}: ${Object.keys(now).join(', ')}`).not.toBe('a mix');
      seen.add(which);
      expect(readdirSync(dir).filter((f) => f.startsWith(`.full-${at}.`)), `operation ${at}`).toEqual([]);
    }
    // failures before the marker keep the old run, failures after it finish the new one
    expect([...seen].sort()).toEqual(['new', 'old']);
  });

  it('a run after the failure replaces the folder as usual', async () => {
    const folder = join(dir, 'full-0');
    await write(folder, runs.new);
    expect(snapshot(folder)).toEqual(newRun);
    expect(existsSync(join(dir, '.full-0.lock'))).toBe(false);
  });
});
