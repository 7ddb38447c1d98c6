#!/usr/bin/env node
// Runs the JavaScript that `npm ci` compiled into dist/ (scripts/build.mjs). When dist/ is missing
// or older than a source file (an edited checkout), runs the TypeScript sources through tsx
// instead: slower to start, never stale.
import { fileURLToPath } from 'node:url';
import { buildIsFresh } from '../scripts/build-stamp.mjs';

let main;
if (buildIsFresh(fileURLToPath(new URL('..', import.meta.url)))) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
