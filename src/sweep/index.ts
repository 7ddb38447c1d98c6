/**
 * Sweeps: grids of runs over scenario keys and seeds, on worker threads, resumable, sharded and
 * merged; and the sizing recommendation drawn from one.
 */
export { parseVary, expandRange, varyValue, type VaryAxis, type VaryValue } from './vary.ts';
export { makeGrid, cellCount, pointCount, cellAt, pointAt, pointLabel, pointValues, type Grid, type Cell, type GridPoint } from './grid.ts';
export { resolveShard, shardCells, inShard, formatShard, type Shard, type ShardArgs } from './shard.ts';
export { planSweep, type SweepArgs, type SweepPlan } from './plan.ts';
export { executeSweep, type CellRunner, type ExecuteOptions, type SweepOutcome, type SweepProgress } from './execute.ts';
export { createPoolRunner, defaultWorkerCount, DEFAULT_RUNNER_MODULE, type PoolOptions, type PoolRunner } from './pool.ts';
export { mergeSweeps, gridOfManifest, type MergeOutcome } from './merge.ts';
export { readManifest, manifestDifferences, MANIFEST_FILE, type SweepManifest } from './manifest.ts';
export { readRunsLog, RUNS_FILE, type RunRecord } from './runs-log.ts';
export { sweepCsv, sweepJson, SWEEP_CSV, SWEEP_JSON, type SweepRow } from './outputs.ts';
export { pickMetrics, METRIC_COLUMNS, type RunMetrics } from './metrics.ts';
export { parseSlo, scenarioSlos, sloMet, SLO_ALIASES, type Slo } from './slo.ts';
export { recommend, evaluateCandidates, checkConfidence, type Candidate, type Recommendation } from './recommend.ts';
export { writeRecommendation, RECOMMENDATION_FILES } from './write-recommendation.ts';
export { parseSearch, bisectSmallest, type SearchAxis, type SearchResult } from './search.ts';
export { searchRecommendation, searchedSentence, type RunCells } from './search-run.ts';
