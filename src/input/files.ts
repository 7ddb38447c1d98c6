/**
 * Reading the files a scenario points at (traces, included manifests, Helm values), within
 * bounds, in the spirit of kustomize's load restrictor:
 *
 * - a path resolves inside the scenario's folder, or inside a folder the user allowed with
 *   `--allow-read`, or anywhere with `--load-restrictor none`; never by what the scenario says
 *   (a scenario from someone else must not read `~/.aws/credentials` into an error message);
 * - links are followed to where they lead, and that is what must be inside;
 * - only regular files are read (not `/dev/zero`, a FIFO or a socket), and at most a size cap.
 *
 * The files a user names on the command line (the scenario, `import`'s manifests) are theirs to
 * name: they are held to the last two rules only.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { HeadroomError, type ErrorCode } from '../errors.ts';

export interface ReadScope {
  /** folders that may be read besides the scenario's own, absolute (`--allow-read`) */
  allow: readonly string[];
  /** `--load-restrictor none`: any path may be read */
  unrestricted: boolean;
  /** the largest file read, in bytes (`--max-input-size`); default per kind below */
  maxBytes?: number;
}

/** Scenarios, manifests and values files: text a person writes or a tool renders. */
export const MAX_DOCUMENT_BYTES = 32 * 2 ** 20;
/** `terraform show -json` of a large state runs to many MiB; below V8's longest string, so it parses. */
export const MAX_TERRAFORM_BYTES = 256 * 2 ** 20;
/** Traces are streamed, so they may be large; a bound still stops a runaway file. */
export const MAX_TRACE_BYTES = 4 * 2 ** 30;

export const CONFINED: ReadScope = { allow: [], unrestricted: false };

export type Confined = { ok: true; path: string } | { ok: false; message: string };

/**
 * `path` (as the scenario wrote it) resolved against `baseDir`, and whether it may be read. A
 * path that does not exist is allowed here (the caller says it is missing), judged by where it
 * would be.
 */
export function confinePath(path: string, baseDir: string, scope: ReadScope = CONFINED): Confined {
  const abs = resolve(baseDir, path);
  if (scope.unrestricted) return { ok: true, path: abs };
  const real = realOrSelf(abs);
  const roots = [baseDir, ...scope.allow].map((r) => realOrSelf(resolve(r)));
  if (roots.some((root) => isInside(real, root))) return { ok: true, path: abs };
  const through = real !== abs ? ` (it leads to ${real})` : '';
  return {
    ok: false,
    message:
      `${path} is outside the scenario's folder${through}: a scenario reads only below its own folder; ` +
      `to read more, name the folder with --allow-read ${suggestFolder(real)} (or lift the limit with --load-restrictor none)`,
  };
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The file's folder, as short as it can be said from here. */
function suggestFolder(real: string): string {
  const dir = dirname(real);
  const rel = relative(process.cwd(), dir);
  return rel === '' ? '.' : rel.length < dir.length ? rel : dir;
}

export interface ReadLimits {
  maxBytes: number;
  /** the error code problems get (`io` for a scenario, `trace` for a trace, ...) */
  code?: ErrorCode;
  /** what the file is, for messages: `the scenario`, `the trace` */
  what?: string;
}

/**
 * Opens a regular file for reading, refusing anything else without blocking on it (a FIFO would
 * wait for a writer) and anything larger than the cap. Returns the open descriptor and its size.
 */
export function openRegularFile(path: string, display: string, limits: ReadLimits): { fd: number; sizeBytes: number } {
  const fail = (why: string) => new HeadroomError(limits.code ?? 'io', `cannot read ${limits.what ?? 'the file'}: ${why}`, { file: display });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fail(readReason(e));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw fail('is a folder, not a file');
    if (!st.isFile()) throw fail(`it is ${kindOf(st)}, not a regular file`);
    if (st.size > limits.maxBytes) {
      throw fail(`it is ${formatBytes(st.size)}, more than the ${formatBytes(limits.maxBytes)} read at most (raise it with --max-input-size)`);
    }
    return { fd, sizeBytes: st.size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** The whole of a regular text file of at most `maxBytes`. */
export function readTextFile(path: string, display: string, limits: ReadLimits): string {
  const { fd, sizeBytes } = openRegularFile(path, display, limits);
  try {
    // A file that grows while it is read is read to the cap and refused past it.
    const buf = Buffer.alloc(Math.min(sizeBytes, limits.maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n === buf.length) {
        throw new HeadroomError(limits.code ?? 'io', `cannot read ${limits.what ?? 'the file'}: it grew past the ${formatBytes(limits.maxBytes)} read at most while it was read`, { file: display });
      }
    }
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The documents' cap and the traces' cap under a scope. */
export function documentLimit(scope: ReadScope | undefined): number {
  return scope?.maxBytes ?? MAX_DOCUMENT_BYTES;
}
export function traceLimit(scope: ReadScope | undefined): number {
  return scope?.maxBytes ?? MAX_TRACE_BYTES;
}

/** sha256 of a file's bytes, remembered per (file, size, modification time) so a sweep hashes each file once. */
const digests = new Map<string, string>();

export function fileDigest(path: string): string {
  const st = statSync(path);
  const key = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
  const known = digests.get(key);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      hash.update(buf.subarray(0, got));
    }
  } finally {
    closeSync(fd);
  }
  const digest = hash.digest('hex');
  digests.set(key, digest);
  return digest;
}

export function readReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
  return (e as Error)?.message?.split('\n')[0] ?? String(e);
}

function kindOf(st: ReturnType<typeof fstatSync>): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  if (n >= 2 ** 10) return `${(n / 2 ** 10).toFixed(1)} KiB`;
  return `${n} bytes`;
}
