/**
 * Output paths checked before any work: every command that writes calls one of these while
 * parsing its flags, so `--out README.md/x`, a read-only folder or a folder full of someone
 * else's files is one line and exit 2 within a second, not an internal error after the run.
 */
import { accessSync, constants, existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, parse, resolve } from 'node:path';
import { HeadroomError } from '../errors.ts';

/** A folder files are written into one by one (compare, sweep, merge, recommend). */
export function checkOutputFolder(out: string, flag = '--out'): string {
  return checkFolderPath(out, flag);
}

/** A file written atomically (check --junit, baseline --out, import --out, report --out). */
export function checkOutputFile(out: string, flag = '--out'): string {
  const path = checkNamed(out, flag);
  if (existsSync(path)) {
    const st = statSync(path);
    if (st.isDirectory()) throw new HeadroomError('usage', `${flag} ${out}: is a folder; name a file`);
    if (!st.isFile()) throw new HeadroomError('usage', `${flag} ${out}: is not a regular file (a device or a pipe); name a file`);
  }
  checkParent(path, out, flag);
  return path;
}

/** An absolute folder path that is not a file, whose folder above can take new entries; through a link. */
export function checkFolderPath(out: string, flag: string): string {
  let dir = checkNamed(out, flag);
  if (parse(dir).root === dir) throw new HeadroomError('usage', `${flag} ${out}: is the root folder; name a folder for the outputs`);
  if (existsSync(dir)) {
    if (lstatSync(dir).isSymbolicLink()) dir = realpathSync(dir);
    if (!isDirectory(dir)) throw new HeadroomError('usage', `${flag} ${out}: is a file, not a folder`);
    writable(dir, out, flag);
  }
  checkParent(dir, out, flag);
  return dir;
}

function checkNamed(out: string, flag: string): string {
  if (out.trim() === '') throw new HeadroomError('usage', `${flag} is empty: name a folder or file`);
  if (out.includes('\0')) throw new HeadroomError('usage', `${flag}: the path has a NUL byte`);
  return resolve(out);
}

/** The nearest existing folder above `path` must be a folder we may create entries in. */
function checkParent(path: string, out: string, flag: string): void {
  let up = dirname(path);
  while (!existsSync(up)) {
    const next = dirname(up);
    if (next === up) break;
    up = next;
  }
  if (!isDirectory(up)) throw new HeadroomError('usage', `${flag} ${out}: ${up} is a file, so nothing can be written below it`);
  writable(up, out, flag);
}

function writable(dir: string, out: string, flag: string): void {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EROFS' ? 'is on a read-only file system' : 'is not writable';
    throw new HeadroomError('usage', `${flag} ${out}: ${dir} ${why}`);
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
