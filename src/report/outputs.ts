/**
 * Writes one run's folder: summary.json, timeseries.csv, timeseries-workloads.csv, events.jsonl
 * (when recorded), annotations.json, run-info.json (wall-clock figures, which never go into
 * summary.json) and report.html. Everything goes into a fresh folder that replaces the old one
 * whole when the last file is in (run-folder.ts), so a folder never mixes two runs.
 */
import { join } from 'node:path';
import { scenarioHash } from '../scenario/hash.ts';
import { readRun } from './read-run.ts';
import { RunFolderWriter, type FolderFs } from './run-folder.ts';
import { headroomVersion } from './version.ts';
import { toJson } from './write.ts';
import type { RunResult } from '../run.ts';

export interface WriteOptions {
  wallSec: number;
  report: boolean;
  scenarioFile?: string;
  /** a folder opened before the run (so a second run on it is refused before simulating) */
  folder?: RunFolderWriter;
  /** the file operations (tests stop or fail them one by one) */
  fs?: FolderFs;
}

export async function writeRunOutputs(outDir: string, result: RunResult, opts: WriteOptions): Promise<string[]> {
  const files: Record<string, string> = {
    'summary.json': toJson(result.summary),
    'timeseries.csv': result.timeseriesCsv,
    'timeseries-workloads.csv': result.workloadsCsv,
    'annotations.json': toJson(result.annotations),
  };
  if (result.eventsJsonl) files['events.jsonl'] = result.eventsJsonl;
  files['run-info.json'] = toJson({
    scenarioFile: opts.scenarioFile,
    wallSeconds: Math.round(opts.wallSec * 1000) / 1000,
    speedup: Math.round(result.scenario.durationSec / Math.max(opts.wallSec, 1e-9)),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  });
  const folder = opts.folder ?? RunFolderWriter.open(outDir, opts.fs);
  try {
    for (const [name, data] of Object.entries(files)) folder.write(name, data);
    if (opts.report) {
      // The page is built from the files as written, as `headroom report` would build it.
      const { reportHtml } = await import('./build.ts');
      folder.write('report.html', await reportHtml(await readRun(folder.dir)));
      files['report.html'] = '';
    }
    folder.commit({
      scenario: result.scenario.name,
      scenarioHash: scenarioHash(result.scenario),
      seed: result.scenario.seed,
      headroomVersion: headroomVersion(),
    });
  } catch (e) {
    folder.abort();
    throw e;
  }
  return Object.keys(files).map((name) => join(folder.target, name));
}
