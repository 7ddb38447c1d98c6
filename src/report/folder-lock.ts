/**
 * One writer per output folder: `.<name>.lock` beside the folder, created exclusively, holds the
 * writer's pid and host. A second run on the same folder is refused while the first one lives; a
 * lock whose process is gone (killed, crashed) is stale and taken over. The lock sits beside the
 * folder, not in it, because a run replaces the whole folder when it finishes.
 */
import { closeSync, constants, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { HeadroomError } from '../errors.ts';
import { makeFolder, writeError } from './write.ts';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken, for the message */
  since: string;
}

export interface FolderLock {
  readonly path: string;
  release(): void;
}

export function lockPathOf(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}.lock`);
}

/** Who holds the folder's lock, if a live process does (a stale lock reads as none). */
export function lockHolder(dir: string): LockHolder | null {
  const holder = readHolder(lockPathOf(dir));
  return holder && isAlive(holder) ? holder : null;
}

/** Takes the folder's lock or throws a HeadroomError naming who holds it. */
export function lockFolder(dir: string): FolderLock {
  const path = lockPathOf(dir);
  makeFolder(dirname(dir));
  for (let attempt = 0; attempt < 2; attempt++) {
    const fd = tryCreate(path);
    if (fd !== null) {
      const mine: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
      try {
        writeSync(fd, `${JSON.stringify(mine)}\n`);
      } catch (e) {
        // a full disk, say: the lock is not taken, and no lock without a holder is left behind
        rmSync(path, { force: true });
        throw writeError(e, path);
      } finally {
        closeSync(fd);
      }
      let held = true;
      return {
        path,
        release() {
          if (held) rmSync(path, { force: true });
          held = false;
        },
      };
    }
    const holder = readHolder(path);
    if (holder && isAlive(holder)) throw busy(dir, path, holder);
    // Stale: its writer is gone. Taken over once; a second loss means another process won the race.
    rmSync(path, { force: true });
  }
  const holder = readHolder(path);
  throw busy(dir, path, holder ?? { pid: 0, host: '?', since: '?' });
}

function tryCreate(path: string): number | null {
  try {
    return openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw writeError(e, path);
  }
}

function readHolder(path: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const o = JSON.parse(text) as Partial<LockHolder>;
    if (typeof o.pid === 'number' && typeof o.host === 'string') return { pid: o.pid, host: o.host, since: String(o.since ?? '?') };
  } catch {
    // a lock its writer died in the middle of writing: nobody holds it
  }
  return null;
}

/** A process on another host cannot be asked, so its lock counts as live. */
function isAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true;
  if (h.pid === process.pid) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, run by someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busy(dir: string, path: string, h: LockHolder): HeadroomError {
  return new HeadroomError(
    'usage',
    `another headroom (pid ${h.pid} on ${h.host}, since ${h.since}) is writing ${dir}; wait for it, or remove ${path} if no run is writing there`,
  );
}
