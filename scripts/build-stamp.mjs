// Whether dist/ was built from the sources as they are now: built after the newest file under
// src/ was written. Checking costs a few milliseconds (one stat per source file), far less than
// compiling, and means an edited checkout never runs stale JavaScript.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP = 'build-stamp.json';

export function buildIsFresh(root) {
  let builtAtMs;
  try {
    builtAtMs = JSON.parse(readFileSync(join(root, 'dist', STAMP), 'utf8')).builtAtMs;
  } catch {
    return false;
  }
  if (typeof builtAtMs !== 'number') return false;
  for (const name of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) {
    if (statSync(join(root, name)).mtimeMs > builtAtMs) return false;
  }
  for (const e of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (e.isFile() && statSync(join(e.parentPath, e.name)).mtimeMs > builtAtMs) return false;
  }
  return true;
}
