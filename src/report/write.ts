/**
 * Writing a file so that readers only ever see a whole one: the bytes go to a fresh temporary
 * name in the same folder, created exclusively and without following links (a link someone
 * planted under a name we chose is refused, never written through), are flushed to the disk, and
 * the temporary is renamed over the target. Every failure is a HeadroomError of code `write`
 * that names the path and the reason (the CLI's exit 1), never an internal error.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { HeadroomError } from '../errors.ts';

/** O_CREAT|O_EXCL fails on any existing name, a dangling link included; O_NOFOLLOW says so twice. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** A name no other process can have guessed: `.summary.json.3f9a1c2b7d4e.tmp`. */
export function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Creates `path` (which must not exist), writes all of `data` and flushes it to the disk. */
export function writeNewFile(path: string, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(path, CREATE_NEW, 0o666);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  makeFolder(dirname(path));
  const tmp = temporaryName(path);
  try {
    writeNewFile(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw writeError(e, path);
  }
}

/** mkdir -p, with a failure said as a user's problem. */
export function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeError(e, dir);
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

/** An I/O failure while writing outputs, as one line naming the path and why. */
export function writeError(e: unknown, path: string): HeadroomError {
  if (e instanceof HeadroomError) return e;
  return new HeadroomError('write', `cannot write: ${ioReason(e)}`, { file: path });
}

/** The reason of a Node.js I/O error in a few words, with its code for searching. */
export function ioReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const said = REASONS[err?.code ?? ''];
  if (said) return `${said} (${err.code})`;
  return err?.message?.split('\n')[0] ?? String(e);
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder',
  EEXIST: 'already exists',
  ELOOP: 'is a symbolic link',
  ENOENT: 'no such file or folder',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  EXDEV: 'not on the same file system',
  ENOTEMPTY: 'the folder is not empty',
};

/** JSON with sorted-as-built keys and a trailing newline; stable for byte-identical outputs. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
