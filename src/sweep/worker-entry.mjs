// A pool thread's entry. Beside the compiled worker (dist/) it imports it directly; beside the
// TypeScript sources it registers tsx first, since worker threads do not inherit the main
// thread's loader.
import { existsSync } from 'node:fs';

const compiled = new URL('./worker.js', import.meta.url);
let runTask;
if (existsSync(compiled)) {
  ({ runTask } = await import(compiled.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runTask } = await import('./worker.ts'));
}

export default runTask;
