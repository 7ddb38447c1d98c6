/** The report: one offline HTML page per run, runs side by side, and synthetic runs for tests. */
export { buildReport, reportHtml } from './build.ts';
export type { ReportOptions } from './build.ts';
export { compareRuns } from './compare/compare.ts';
export type { CompareOptions, CompareResult } from './compare/compare.ts';
export { generateFixtureRun } from './fixture/generate.ts';
export type { FixtureRun } from './fixture/generate.ts';
export { DEFAULT_FIXTURE, fixtureOptions } from './fixture/options.ts';
export type { FixtureBurst, FixtureOptions, FixtureOutage, FixtureWorkload } from './fixture/options.ts';
export { readRun } from './read-run.ts';
export type { RunData, RunEvent, RunSummary } from './types.ts';
export { METRICS, metricValue } from './metrics.ts';
export type { MetricDef } from './metrics.ts';
