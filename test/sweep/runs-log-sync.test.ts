/**
 * runs.jsonl is flushed to the disk per finished run: a crash (or a power cut) right after a run
 * is recorded must not lose the record, or a resumed sweep redoes the run, or a merge misses it.
 * The file operations are watched through a spy on node:fs.
 */
import { describe, it, expect, vi, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return { ...real, fsyncSync: vi.fn(real.fsyncSync), writeSync: vi.fn(real.writeSync) };
});

const { openRunsLog, readRunsLog } = await import('../../src/sweep/runs-log.ts');

const dir = mkdtempSync(join(tmpdir(), 'headroom-runs-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runs.jsonl', () => {
  it('each appended run is written, then flushed to the disk, before append returns', () => {
    const log = openRunsLog(dir);
    const write = vi.mocked(fs.writeSync);
    const sync = vi.mocked(fs.fsyncSync);
    for (let cell = 0; cell < 3; cell++) {
      write.mockClear();
      sync.mockClear();
      log.append({ cell, seed: 7, metrics: { cost: cell } as never });
      expect(write).toHaveBeenCalledTimes(1);
      expect(sync).toHaveBeenCalledTimes(1);
      // the same file, and the flush after the write
      expect(sync.mock.calls[0][0]).toBe(write.mock.calls[0][0]);
      expect(sync.mock.invocationCallOrder[0]).toBeGreaterThan(write.mock.invocationCallOrder[0]);
    }
    log.close();
    expect(readRunsLog(dir).records.map((r) => r.cell)).toEqual([0, 1, 2]);
  });
});
