// A pool thread's entry: worker threads do not inherit the TypeScript loader of the main thread,
// so each registers it before importing the TypeScript task.
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./worker.ts');

export default runTask;
