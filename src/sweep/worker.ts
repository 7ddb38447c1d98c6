/**
 * The task a pool thread runs: import the runner module (once per thread), run one cell, and send
 * back its key numbers. A HeadroomError does not survive the trip between threads as itself, so it
 * travels as data and the pool turns it back into one.
 */
import { HeadroomError } from '../errors.ts';
import type { Scenario } from '../scenario/index.ts';

export interface WorkerTask {
  scenario: Scenario;
  /** file URL of a module exporting runCell(scenario) */
  runnerModule: string;
}

export type WorkerReply =
  /** metrics: what the runner module's runCell returned (RunMetrics for the default module) */
  | { ok: true; metrics: unknown }
  | { ok: false; error: { code: HeadroomError['code']; message: string; file?: string; line?: number; column?: number; path?: string } };

type RunnerModule = { runCell: (scenario: Scenario) => Promise<unknown> };

const modules = new Map<string, Promise<RunnerModule>>();

export async function runTask(task: WorkerTask): Promise<WorkerReply> {
  let mod = modules.get(task.runnerModule);
  if (!mod) {
    mod = import(task.runnerModule) as Promise<RunnerModule>;
    modules.set(task.runnerModule, mod);
  }
  try {
    return { ok: true, metrics: await (await mod).runCell(task.scenario) };
  } catch (e) {
    if (e instanceof HeadroomError) {
      return { ok: false, error: { code: e.code, message: e.message, file: e.file, line: e.line, column: e.column, path: e.path } };
    }
    throw e;
  }
}
