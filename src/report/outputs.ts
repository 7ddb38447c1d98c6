/**
 * Writes one run's folder: summary.json, timeseries.csv, timeseries-workloads.csv, events.jsonl
 * (when recorded), run-info.json (wall-clock figures, which never go into summary.json) and
 * report.html. Everything is prepared in memory first; each file lands atomically.
 */
import { writeFilesAtomic, toJson } from './write.ts';
import type { RunResult } from '../run.ts';

export interface WriteOptions {
  wallSec: number;
  report: boolean;
  scenarioFile?: string;
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
  const written = writeFilesAtomic(outDir, files);
  if (opts.report) {
    const { buildReport } = await import('./index.ts');
    written.push(await buildReport(outDir));
  }
  return written;
}
