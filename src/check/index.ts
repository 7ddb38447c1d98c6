/** Regression checks of scaling policies: `headroom baseline` records, `headroom check` compares. */
export { check, type CheckOptions, type CheckReport, type ScenarioCheck, type StaleCheck } from './check.ts';
export { recordBaseline, type RecordOptions } from './record.ts';
export { compareRuns, compareSamples, type NumberCheck, type Verdict } from './compare.ts';
export { checkSlo, type SloCheck } from './slo.ts';
export { RULES, allowance, type Direction, type NumberRule, type Tolerance, type Unit } from './rules.ts';
export { buildRules, parseToleranceFlag, parseToleranceSpec, type RuleTable } from './tolerance.ts';
export { baselineFileName, openBaseline, parseBaseline, readBaselineFile, writeBaseline, type BaselineSource } from './baseline-file.ts';
export { runNumbers, clusterNumbers } from './numbers.ts';
export { simulateSummary, type SummaryRunner } from './runs.ts';
export { checkText } from './format/text.ts';
export { checkMarkdown } from './format/markdown.ts';
export { checkJunit } from './format/junit.ts';
export { headroomVersion } from '../version.ts';
export type * from './types.ts';
