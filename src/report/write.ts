/**
 * Atomic output: every file is written to a temporary name in the same folder and renamed into
 * place, so a crash or a failed run never leaves a half-written report. A run's files are all
 * prepared in memory before the first one is written.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let counter = 0;

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${counter++}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes several files of one folder; each lands atomically. */
export function writeFilesAtomic(dir: string, files: Record<string, string | Uint8Array>): string[] {
  const written: string[] = [];
  for (const [name, data] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileAtomic(path, data);
    written.push(path);
  }
  return written;
}

/** JSON with sorted-as-built keys and a trailing newline; stable for byte-identical outputs. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
