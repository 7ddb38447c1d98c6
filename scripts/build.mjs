#!/usr/bin/env node
// Compiles src/ to dist/ (JavaScript, imports rewritten from .ts to .js) so the command starts
// without compiling TypeScript on every call. `npm ci` runs it (the prepare script) and `npm test`
// runs it again when a source is newer than the last build; a fresh build is skipped.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildIsFresh, STAMP } from './build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const force = process.argv.includes('--force');

if (!force && buildIsFresh(root)) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // Installed without dev dependencies: the command runs the sources through tsx instead.
  console.error('headroom build: typescript is not installed; the command will run its TypeScript sources (slower start)');
  process.exit(0);
}

rmSync(`${root}/dist`, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(`${root}/dist`, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}
// tsc compiles TypeScript only; the worker threads' entry is plain JavaScript already.
cpSync(`${root}/src/sweep/worker-entry.mjs`, `${root}/dist/sweep/worker-entry.mjs`);
if (!existsSync(`${root}/dist/cli/main.js`)) {
  console.error('headroom build: dist/cli/main.js was not written');
  process.exit(1);
}
writeFileSync(`${root}/dist/${STAMP}`, `${JSON.stringify({ builtAtMs: Date.now() })}\n`);
