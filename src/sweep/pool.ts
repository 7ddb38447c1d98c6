/**
 * A CellRunner backed by a pool of worker threads (piscina), one run per thread at a time. Each
 * task carries its scenario as structured-clone data, so threads never read the scenario file.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { HeadroomError } from '../errors.ts';
import type { Scenario } from '../scenario/index.ts';
import type { RunMetrics } from './metrics.ts';
import type { WorkerReply, WorkerTask } from './worker.ts';

export interface PoolOptions {
  /** threads (default: one per core, os.availableParallelism()) */
  workers?: number;
  /** file URL of a module exporting runCell(scenario); default: the simulation (run-cell.ts) */
  runnerModule?: string;
}

export interface PoolRunner<R = RunMetrics> {
  runner: (scenario: Scenario, signal?: AbortSignal) => Promise<R>;
  workers: number;
  close(): Promise<void>;
}

// Beside this module: run-cell.ts in the sources, run-cell.js once compiled into dist/.
export const DEFAULT_RUNNER_MODULE = new URL(`./run-cell${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;

export function defaultWorkerCount(): number {
  return availableParallelism();
}

/** `R`: what the runner module's runCell returns (a sweep's key numbers unless another module is given). */
export function createPoolRunner<R = RunMetrics>(opts: PoolOptions = {}): PoolRunner<R> {
  const workers = opts.workers ?? defaultWorkerCount();
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new HeadroomError('usage', `--workers must be a whole number of at least 1, got ${workers}`);
  }
  const runnerModule = opts.runnerModule ?? DEFAULT_RUNNER_MODULE;
  // Threads start with the first run, so a sweep that finds every run already done starts none.
  let pool: Promise<Piscina<WorkerTask, WorkerReply>> | null = null;
  // piscina is loaded with the first run too: a command that never sweeps does not pay for it.
  const start = async () =>
    new (await import('piscina')).Piscina<WorkerTask, WorkerReply>({
      filename: fileURLToPath(new URL('./worker-entry.mjs', import.meta.url)),
      minThreads: workers,
      maxThreads: workers,
      concurrentTasksPerWorker: 1,
      // Threads live for the whole sweep: starting one (and its TypeScript loader) costs far more than a task.
      idleTimeout: 60_000,
    });
  const runner = async (scenario: Scenario, signal?: AbortSignal): Promise<R> => {
    pool ??= start();
    const reply = await (await pool).run({ scenario, runnerModule }, { signal });
    if (reply.ok) return reply.metrics as R;
    const { code, message, ...where } = reply.error;
    throw new HeadroomError(code, message, where);
  };
  return {
    runner,
    workers,
    close: async () => {
      await (await pool)?.destroy();
      pool = null;
    },
  };
}
