/**
 * Writes one run's folder: summary.json, timeseries.csv, timeseries-workloads.csv, events.jsonl
 * (when recorded), annotations.json, run-info.json (wall-clock figures, which never go into
 * summary.json) and report.html. Everything is prepared in memory first, the page from the
 * run's own numbers (not from the files); each file lands atomically.
 */
import type { RunResult } from '../run.ts';
import { runDataOf } from './run-data.ts';
import { clusterSeriesCsv, workloadSeriesCsv } from './timeseries-csv.ts';
import { writeFilesAtomic, toJson } from './write.ts';

export interface WriteOptions {
  wallSec: number;
  report: boolean;
  scenarioFile?: string;
}

export async function writeRunOutputs(outDir: string, result: RunResult, opts: WriteOptions): Promise<string[]> {
  const files: Record<string, string> = { 'summary.json': toJson(result.summary) };
  if (result.series) {
    files['timeseries.csv'] = clusterSeriesCsv(result.series);
    files['timeseries-workloads.csv'] = workloadSeriesCsv(result.series);
  }
  files['annotations.json'] = toJson(result.annotations);
  if (result.events.length > 0) files['events.jsonl'] = `${result.events.join('\n')}\n`;
  files['run-info.json'] = toJson({
    scenarioFile: opts.scenarioFile,
    wallSeconds: Math.round(opts.wallSec * 1000) / 1000,
    speedup: Math.round(result.scenario.durationSec / Math.max(opts.wallSec, 1e-9)),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  });
  if (opts.report) {
    const { reportHtml } = await import('./build.ts');
    files['report.html'] = await reportHtml(await runDataOf(result, outDir));
  }
  return writeFilesAtomic(outDir, files);
}
