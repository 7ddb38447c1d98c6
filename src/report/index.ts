/** The report: one offline HTML page per run, and runs side by side. */
export { buildReport, reportHtml } from './build.ts';
export type { ReportOptions } from './build.ts';
export { compareRuns } from './compare/compare.ts';
export type { CompareOptions, CompareResult } from './compare/compare.ts';
export { readRun } from './read-run.ts';
export type { RunData, RunEvent, RunSummary } from './types.ts';
export { METRICS, metricValue } from './metrics.ts';
export type { MetricDef } from './metrics.ts';
