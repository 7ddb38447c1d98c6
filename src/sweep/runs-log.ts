/**
 * runs.jsonl: the append-only record of finished runs, one JSON object a line, in the order they
 * finished. Each line goes out in a single write to a file opened for appending, so a killed
 * process leaves whole lines and at most one torn last line, which the next start cuts off. This
 * file, not sweep.csv, is what a resumed sweep and `headroom merge` read. Each line is flushed to
 * the disk (fsync) before the run counts as finished.
 */
import { closeSync, constants, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { HeadroomError } from '../errors.ts';
import { writeError } from '../report/write.ts';
import type { RunMetrics } from './metrics.ts';

export const RUNS_FILE = 'runs.jsonl';

export interface RunRecord {
  cell: number;
  seed: number;
  metrics: RunMetrics;
}

export interface RunsLog {
  append(record: RunRecord): void;
  close(): void;
}

export function openRunsLog(dir: string): RunsLog {
  const file = join(dir, RUNS_FILE);
  let fd: number;
  try {
    mkdirSync(dir, { recursive: true });
    fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o666);
  } catch (e) {
    throw writeError(e, file);
  }
  let open = true;
  return {
    append(record) {
      const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
      let n: number;
      try {
        n = writeSync(fd, line);
        // On the disk before the run counts as done: a crash or a power cut keeps every run the log
        // lists (a page cache would lose the last seconds' worth, and a resume would redo them, or
        // trust a sweep.csv written from records that never reached the disk).
        fsyncSync(fd);
      } catch (e) {
        throw writeError(e, file);
      }
      if (n !== line.length) throw new HeadroomError('write', `short write (${n} of ${line.length} bytes): is the disk full?`, { file });
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

export interface ReadRuns {
  records: RunRecord[];
  /** bytes of an unfinished last line (cut off when `repair` is set) */
  tornBytes: number;
}

/**
 * Every whole line of runs.jsonl, in file order. A last line without its newline is a write the
 * process died in; with `repair` it is cut off so the next append starts on a fresh line.
 */
export function readRunsLog(dir: string, opts: { repair?: boolean } = {}): ReadRuns {
  const file = join(dir, RUNS_FILE);
  if (!existsSync(file)) return { records: [], tornBytes: 0 };
  const buf = readFileSync(file);
  const end = buf.lastIndexOf(0x0a) + 1;
  const tornBytes = buf.length - end;
  if (tornBytes > 0 && opts.repair) {
    const fd = openSync(file, 'r+');
    try {
      ftruncateSync(fd, end);
    } finally {
      closeSync(fd);
    }
  }
  const records: RunRecord[] = [];
  const lines = buf.subarray(0, end).toString('utf8').split('\n');
  lines.pop();
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    records.push(parseRecord(line, file, i + 1));
  });
  return { records, tornBytes };
}

function parseRecord(line: string, file: string, lineNo: number): RunRecord {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    throw new HeadroomError('io', 'not a run record (was the folder written by two sweeps at once?)', { file, line: lineNo });
  }
  const r = o as Partial<RunRecord>;
  if (typeof r !== 'object' || r === null || !Number.isSafeInteger(r.cell) || !Number.isSafeInteger(r.seed) || typeof r.metrics !== 'object' || r.metrics === null) {
    throw new HeadroomError('io', 'not a run record: expected {cell, seed, metrics}', { file, line: lineNo });
  }
  return { cell: r.cell!, seed: r.seed!, metrics: r.metrics };
}
