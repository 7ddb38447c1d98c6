/**
 * Writes one run's folder: summary.json, timeseries.csv, timeseries-workloads.csv, events.jsonl
 * (when recorded), annotations.json, run-info.json (wall-clock figures, which never go into
 * summary.json) and report.html. Everything is prepared in memory first, the page from the
 * run's own numbers (not from the files); everything goes into a fresh folder that replaces the
 * old one whole when the last file is in (run-folder.ts), so a folder never mixes two runs.
 */
import { join } from 'node:path';
import { scenarioHash } from '../scenario/hash.ts';
import type { RunResult } from '../run.ts';
import { planningOf, runDataOf } from './run-data.ts';
import { RunFolderWriter, type FolderFs } from './run-folder.ts';
import { clusterSeriesCsv, workloadSeriesCsv } from './timeseries-csv.ts';
import { headroomVersion } from '../version.ts';
import { toJson } from './write.ts';

export interface WriteOptions {
  wallSec: number;
  report: boolean;
  scenarioFile?: string;
  /** the flags that widened what the scenario could read, as given (`--allow-read DIR`, ...) */
  readFlags?: string[];
  /** a folder opened before the run (so a second run on it is refused before simulating) */
  folder?: RunFolderWriter;
  /** the file operations (tests stop or fail them one by one) */
  fs?: FolderFs;
}

export async function writeRunOutputs(outDir: string, result: RunResult, opts: WriteOptions): Promise<string[]> {
  const files: Record<string, string> = { 'summary.json': toJson(result.summary) };
  if (result.series) {
    files['timeseries.csv'] = clusterSeriesCsv(result.series);
    files['timeseries-workloads.csv'] = workloadSeriesCsv(result.series);
  }
  files['annotations.json'] = toJson(result.annotations);
  if (result.events.length > 0) files['events.jsonl'] = `${result.events.join('\n')}\n`;
  const planning = planningOf(result.scenario, opts);
  files['run-info.json'] = toJson({
    scenarioFile: opts.scenarioFile,
    readFlags: planning.readFlags,
    overprovisioners: planning.overprovisioners,
    wallSeconds: Math.round(opts.wallSec * 1000) / 1000,
    speedup: Math.round(result.scenario.durationSec / Math.max(opts.wallSec, 1e-9)),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  });
  const folder = opts.folder ?? RunFolderWriter.open(outDir, opts.fs);
  try {
    if (opts.report) {
      const { reportHtml } = await import('./build.ts');
      files['report.html'] = await reportHtml(await runDataOf(result, folder.target, opts));
    }
    for (const [name, data] of Object.entries(files)) folder.write(name, data);
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
