/**
 * A run folder is replaced whole or not at all.
 *
 * A run writes into a fresh sibling, `.<name>.new` (created exclusively; its files too), and
 * commits in this order:
 *
 *   1. `run-complete.json` goes in last: the run's identity (scenario, scenario hash, seed,
 *      version) and each file's size and sha256. From here on the new run counts.
 *   2. What others keep in the old folder (a sweep's folder, say) moves into the new one;
 *      the old run's own files (RUN_FILES) do not.
 *   3. The old folder becomes `.<name>.old`, the new one takes its name, the old one is removed.
 *
 * A process killed anywhere leaves the old run whole, the new run whole, or (between the two
 * renames of step 3) the folder missing beside a committed `.new`. `recoverRunFolder`, which the
 * next writer and every reader run first, finishes what was committed and drops what was not. A
 * second writer is refused by the lock beside the folder (folder-lock.ts). Readers verify the
 * marker before reading anything (`verifyRunFolder`), so files a run did not write, or that were
 * cut short since, are never read as its own.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { HeadroomError } from '../errors.ts';
import { lockFolder, lockHolder, lockPathOf, type FolderLock } from './folder-lock.ts';
import { checkFolderPath, isDirectory } from './output-paths.ts';
import { makeFolder, writeError, writeNewFile } from './write.ts';

export const RUN_MARKER = 'run-complete.json';
export const RUN_MARKER_FORMAT = 'headroom-run/1';

/** The files a run writes besides its marker; anything else in its folder belongs to someone else. */
export const RUN_FILES: readonly string[] = [
  'summary.json',
  'timeseries.csv',
  'timeseries-workloads.csv',
  'events.jsonl',
  'annotations.json',
  'run-info.json',
  'report.html',
];

/** Rebuilt by `headroom report` after the run, so the marker does not hold it to its first bytes. */
const REBUILT = 'report.html';

export interface RunIdentity {
  scenario: string;
  scenarioHash: string;
  seed: number;
  headroomVersion: string;
}

export interface RunMarker extends RunIdentity {
  format: typeof RUN_MARKER_FORMAT;
  /** every file of the run but report.html: its size and sha256 */
  files: Record<string, { bytes: number; sha256: string }>;
}

/** The file operations a commit is made of, one call each, so tests can fail or stop any of them. */
export interface FolderFs {
  /** creates a folder that must not exist */
  mkdir(path: string): void;
  /** creates a file that must not exist, writes it whole and flushes it */
  writeNew(path: string, data: Uint8Array): void;
  rename(from: string, to: string): void;
  /** removes a file or folder tree; nothing if it is not there */
  remove(path: string): void;
  /** flushes a folder's entries (a rename is durable once its folder is synced) */
  syncDir(path: string): void;
}

export const NODE_FOLDER_FS: FolderFs = {
  mkdir: (path) => mkdirSync(path),
  writeNew: (path, data) => writeNewFile(path, data),
  rename: (from, to) => renameSync(from, to),
  remove: (path) => rmSync(path, { recursive: true, force: true }),
  syncDir: (path) => {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
};

/**
 * A folder `headroom run` may replace: absent, empty, a run folder (its marker, or the summary.json
 * of a folder from before the marker), or holding only headroom's own folders (sweeps and
 * recommendations keep a manifest.json). Returns the folder's absolute path, through a link.
 */
export function checkRunFolderTarget(out: string, flag = '--out'): string {
  const dir = checkFolderPath(out, flag);
  if (isDirectory(dir)) {
    const entries = readdirSync(dir);
    const isRun = entries.includes(RUN_MARKER) || entries.includes('summary.json');
    if (!isRun) {
      const foreign = entries.filter((e) => !isHeadroomFolder(resolve(dir, e)));
      if (foreign.length > 0) {
        const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, and ${foreign.length - 3} more` : '');
        throw new HeadroomError('usage', `${flag} ${out}: the folder holds files that are not a headroom run (${shown}); a run replaces its folder whole, so name a new or empty folder`);
      }
    }
  }
  const holder = lockHolder(dir);
  if (holder) {
    throw new HeadroomError('usage', `${flag} ${out}: another headroom (pid ${holder.pid} on ${holder.host}) is writing this folder; wait for it, or remove ${lockPathOf(dir)} if no run is writing there`);
  }
  return dir;
}

function isHeadroomFolder(path: string): boolean {
  return isDirectory(path) && [RUN_MARKER, 'summary.json', 'manifest.json'].some((f) => existsSync(join(path, f)));
}

const stagingOf = (dir: string) => join(dirname(dir), `.${basename(dir)}.new`);
const oldOf = (dir: string) => join(dirname(dir), `.${basename(dir)}.old`);

/** A run folder being written: files go into `dir` (the staging folder) until `commit`. */
export class RunFolderWriter {
  private readonly files: RunMarker['files'] = {};
  private done = false;

  private constructor(
    /** the folder the run will be found in */
    readonly target: string,
    /** where the files are written until the commit */
    readonly dir: string,
    private readonly lock: FolderLock,
    private readonly fs: FolderFs,
  ) {}

  /** Checks the target, takes its lock, finishes or drops what a killed run left, and starts afresh. */
  static open(target: string, fs: FolderFs = NODE_FOLDER_FS): RunFolderWriter {
    const dir = checkRunFolderTarget(target);
    makeFolder(dirname(dir));
    const lock = lockFolder(dir);
    const staging = stagingOf(dir);
    try {
      recoverLocked(dir, fs);
      fs.mkdir(staging);
    } catch (e) {
      lock.release();
      throw writeError(e, staging);
    }
    return new RunFolderWriter(dir, staging, lock, fs);
  }

  write(name: string, data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const path = join(this.dir, name);
    try {
      this.fs.writeNew(path, bytes);
    } catch (e) {
      throw writeError(e, join(this.target, name));
    }
    if (name !== REBUILT) this.files[name] = { bytes: bytes.length, sha256: sha256(bytes) };
  }

  /** Steps 1-3 above; afterwards the target holds this run and only this run's files. */
  commit(identity: RunIdentity): void {
    const marker: RunMarker = { format: RUN_MARKER_FORMAT, ...identity, files: this.files };
    try {
      this.fs.writeNew(join(this.dir, RUN_MARKER), Buffer.from(`${JSON.stringify(marker, null, 2)}\n`, 'utf8'));
      this.fs.syncDir(this.dir);
    } catch (e) {
      this.abort();
      throw writeError(e, join(this.target, RUN_MARKER));
    }
    try {
      rollForward(this.target, this.fs);
    } catch (e) {
      // Committed: the next writer or reader finishes the swap (recoverRunFolder).
      throw writeError(e, this.target);
    } finally {
      this.done = true;
      this.lock.release();
    }
  }

  /** Drops the staging folder; the target is as it was. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    try {
      this.fs.remove(this.dir);
    } finally {
      this.lock.release();
    }
  }
}

/**
 * Puts a folder a killed run left half-replaced back in order: a committed new run takes the
 * folder's name, anything else is dropped. A folder whose writer is still running is left alone.
 */
export function recoverRunFolder(dir: string, fs: FolderFs = NODE_FOLDER_FS): void {
  if (!existsSync(stagingOf(dir)) && !existsSync(oldOf(dir))) return;
  if (lockHolder(dir)) return;
  let lock: FolderLock;
  try {
    lock = lockFolder(dir);
  } catch {
    return; // a writer started meanwhile: it recovers the folder itself
  }
  try {
    recoverLocked(dir, fs);
  } catch (e) {
    throw writeError(e, dir);
  } finally {
    lock.release();
  }
}

function recoverLocked(dir: string, fs: FolderFs): void {
  const staging = stagingOf(dir);
  const old = oldOf(dir);
  if (exists(old) && exists(dir)) fs.remove(old);
  if (exists(staging)) {
    if (readMarker(join(staging, RUN_MARKER)) === null) fs.remove(staging);
    else rollForward(dir, fs);
  }
  if (!exists(dir) && exists(old)) fs.rename(old, dir);
}

/** Steps 2 and 3 for a committed staging folder; safe to repeat from wherever it stopped. */
function rollForward(dir: string, fs: FolderFs): void {
  const staging = stagingOf(dir);
  const old = oldOf(dir);
  if (exists(dir)) {
    const moving = new Set(readdirSync(staging));
    for (const name of readdirSync(dir)) {
      if (isRunFile(name) || moving.has(name)) continue;
      fs.rename(join(dir, name), join(staging, name));
    }
    if (exists(old)) fs.remove(old);
    fs.rename(dir, old);
  }
  fs.rename(staging, dir);
  fs.syncDir(dirname(dir));
  fs.remove(old);
}

function isRunFile(name: string): boolean {
  return name === RUN_MARKER || RUN_FILES.includes(name) || /^\..*\.tmp$/.test(name) || /\.\d+\.\d+\.tmp$/.test(name);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readMarker(path: string): RunMarker | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const m = JSON.parse(text) as Partial<RunMarker>;
    if (m.format !== RUN_MARKER_FORMAT || typeof m.files !== 'object' || m.files === null) return null;
    if (typeof m.scenarioHash !== 'string' || typeof m.seed !== 'number') return null;
    return m as RunMarker;
  } catch {
    return null;
  }
}

/**
 * What `report`, `compare` and any other reader of a run folder call first: the folder put in
 * order if a run was killed, then its marker checked and every file it lists held to its size
 * and digest. Returns the run's identity; throws a HeadroomError saying what is wrong.
 */
export function verifyRunFolder(dir: string): RunMarker {
  recoverRunFolder(dir);
  let st;
  try {
    st = statSync(dir);
  } catch {
    const writing = lockHolder(dir);
    if (writing) throw new HeadroomError('io', `a run (pid ${writing.pid}) is replacing this folder right now; try again in a moment`, { file: dir });
    throw new HeadroomError('io', 'no such run folder', { file: dir });
  }
  if (!st.isDirectory()) throw new HeadroomError('io', 'not a folder (a run folder as written by headroom run)', { file: dir });
  const markerPath = join(dir, RUN_MARKER);
  const marker = readMarker(markerPath);
  if (marker === null) {
    const why = existsSync(markerPath) ? `${RUN_MARKER} is not a run marker` : `there is no ${RUN_MARKER}`;
    throw new HeadroomError(
      'input',
      `not a complete run: ${why}, so what is in the folder may be a run that was stopped, or files of two runs; run the scenario again`,
      { file: dir },
    );
  }
  for (const name of RUN_FILES) {
    if (name !== REBUILT && marker.files[name] === undefined && existsSync(join(dir, name))) {
      throw new HeadroomError('input', `${name} was not written by the run that wrote this folder (${RUN_MARKER} does not list it): remove it or run the scenario again`, { file: join(dir, name) });
    }
  }
  for (const [name, want] of Object.entries(marker.files)) {
    const path = join(dir, name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new HeadroomError('input', `missing: the run wrote it (${RUN_MARKER} lists it); run the scenario again`, { file: path });
    }
    if (bytes.length !== want.bytes || sha256(bytes) !== want.sha256) {
      throw new HeadroomError(
        'input',
        `changed since the run wrote it (${bytes.length} bytes, the run wrote ${want.bytes}${bytes.length === want.bytes ? ' with other contents' : ''}): it was edited or cut short; run the scenario again`,
        { file: path },
      );
    }
  }
  return marker;
}
