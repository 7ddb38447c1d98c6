/**
 * Faults for a run folder's commit: a FolderFs (src/report/run-folder.ts) that does the real file
 * operations but stops at the k-th one, by failing it as a full disk would (ENOSPC, after writing
 * half of a file) or by killing the process (SIGKILL, before the operation or half-way through a
 * file). The tiny runs the tests write, and a snapshot of a folder to compare them by.
 */
import { writeFileSync } from 'node:fs';
import { NODE_FOLDER_FS, type FolderFs } from '../../src/report/run-folder.ts';
import { runScenario, type RunResult } from '../../src/run.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { snapshot as folderSnapshot } from '../helpers/folder.ts';
import { smallFleet } from '../helpers/scenario.ts';

export type Fault = 'enospc' | 'kill' | 'kill-mid-write';

/** The real operations, counted; the one numbered `at` (from 0) fails or kills. */
export function faultyFs(at: number, fault: Fault, count: { ops: number } = { ops: 0 }): FolderFs {
  const hit = (): boolean => count.ops++ === at;
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  const kill = (): never => {
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable');
  };
  const plain = <A extends unknown[]>(op: (...a: A) => void) => (...a: A) => {
    if (hit()) {
      if (fault === 'enospc') throw enospc();
      kill();
    }
    op(...a);
  };
  return {
    mkdir: plain(NODE_FOLDER_FS.mkdir),
    rename: plain(NODE_FOLDER_FS.rename),
    remove: plain(NODE_FOLDER_FS.remove),
    syncDir: plain(NODE_FOLDER_FS.syncDir),
    writeNew(path, data) {
      if (!hit()) return NODE_FOLDER_FS.writeNew(path, data);
      if (fault === 'kill') kill();
      // half the file reaches the disk, then the disk is full (or the process dies)
      NODE_FOLDER_FS.writeNew(path, data.subarray(0, Math.floor(data.length / 2)));
      if (fault === 'enospc') throw enospc();
      kill();
    },
  };
}

/** Two different runs of a small fleet: `old` with events, `new` with another seed and none. */
export async function twoRuns(): Promise<{ old: RunResult; new: RunResult }> {
  const text = smallFleet({ duration: '10m', hpa: 'hpa: {min: 4, max: 20, targetCPUUtilization: 50}', bursts: '[{at: 2m, peak: 400, rise: 10s, hold: 3m, fall: 1m}]' });
  const old = await runScenario(parseScenario(text, 'faults.yaml'), { recordEvents: true });
  const next = await runScenario(parseScenario(text, 'faults.yaml', { seed: 99 }), {});
  return { old, new: next };
}

/** Every file of a folder and its bytes (run-info.json left out: its wall time differs by run). */
export function snapshot(dir: string): Record<string, string> {
  return folderSnapshot(dir, ['run-info.json']);
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value));
}
