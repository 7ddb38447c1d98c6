/**
 * Loaded with `node --import` before `headroom`: counts the process's file operations that change
 * something below FAULT_UNDER (folders made, files opened for writing, writes, renames, removals)
 * and stops at the one numbered FAULT_AT (from 0), as FAULT_KIND says: `kill` (SIGKILL before
 * it), `kill-mid-write` (half of a write, then SIGKILL) or `enospc` (half of a write, then a full
 * disk's error). It patches node:fs itself, so it stops any writer, whatever its own code looks
 * like. With FAULT_AT unset it only counts, and at exit writes to FAULT_COUNT which operations
 * there were and which of them were writes.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';

const under = resolve(process.env.FAULT_UNDER ?? '/nonexistent') + sep;
const at = process.env.FAULT_AT === undefined ? -1 : Number(process.env.FAULT_AT);
const kind = process.env.FAULT_KIND ?? 'kill';
const ops = [];
const writeFileUncounted = fs.writeFileSync;
const watched = new Set();

const inside = (p) => (typeof p === 'string' || p instanceof URL || Buffer.isBuffer(p)) && resolve(String(p instanceof URL ? p.pathname : p)).startsWith(under);
const writes = (flags) => flags !== undefined && flags !== 'r' && flags !== 'rs' && flags !== 'sr' && !(typeof flags === 'number' && (flags & 3) === fs.constants.O_RDONLY);

function die() {
  process.kill(process.pid, 'SIGKILL');
}
function enospc(syscall) {
  return Object.assign(new Error(`ENOSPC: no space left on device, ${syscall}`), { code: 'ENOSPC', errno: -28, syscall });
}

/** Called before each counted operation: true when this is the one to stop at. */
function hit(name) {
  ops.push(name);
  return ops.length - 1 === at;
}

function plain(name, test) {
  const real = fs[name];
  fs[name] = function (...args) {
    if (test(...args) && hit(name)) {
      if (kind === 'enospc') throw enospc(name);
      die();
    }
    return real.apply(this, args);
  };
}

for (const name of ['mkdirSync', 'rmSync', 'rmdirSync', 'unlinkSync', 'symlinkSync', 'truncateSync']) plain(name, (p) => inside(p));
plain('renameSync', (from, to) => inside(from) || inside(to));
plain('ftruncateSync', (fd) => watched.has(fd));

const realOpen = fs.openSync;
fs.openSync = function (path, flags, mode) {
  const counted = inside(path) && writes(flags);
  if (counted && hit('openSync')) {
    if (kind === 'enospc') throw enospc('open');
    die();
  }
  const fd = realOpen.call(this, path, flags, mode);
  if (counted) watched.add(fd);
  return fd;
};
const realClose = fs.closeSync;
fs.closeSync = function (fd) {
  watched.delete(fd);
  return realClose.call(this, fd);
};

/** A write cut in half: the first half reaches the file, then the fault. */
function halfWrite(name, write, data, rest) {
  if (typeof data === 'string') write(data.slice(0, Math.floor(data.length / 2)));
  else {
    const offset = typeof rest[0] === 'number' ? rest[0] : 0;
    const length = typeof rest[1] === 'number' ? rest[1] : data.byteLength - offset;
    write(Buffer.from(data.buffer, data.byteOffset + offset, Math.floor(length / 2)));
  }
  if (kind === 'enospc') throw enospc(name);
  die();
}

const realWrite = fs.writeSync;
fs.writeSync = function (fd, data, ...rest) {
  if (watched.has(fd) && hit('writeSync')) {
    if (kind === 'kill') die();
    return halfWrite('write', (d) => realWrite.call(this, fd, d), data, rest);
  }
  return realWrite.call(this, fd, data, ...rest);
};
for (const name of ['writeFileSync', 'appendFileSync']) {
  const real = fs[name];
  fs[name] = function (file, data, options) {
    if ((inside(file) || watched.has(file)) && hit(name)) {
      if (kind === 'kill') die();
      return halfWrite('write', (d) => real.call(this, file, d, options), data, []);
    }
    return real.call(this, file, data, options);
  };
}

syncBuiltinESMExports();

if (at < 0 && process.env.FAULT_COUNT) {
  process.on('exit', () => {
    const fileWrites = ops.flatMap((name, i) => (name === 'writeSync' || name === 'writeFileSync' || name === 'appendFileSync' ? [i] : []));
    writeFileUncounted(process.env.FAULT_COUNT, JSON.stringify({ ops, fileWrites }));
  });
}
