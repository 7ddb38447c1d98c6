/**
 * Pure maths, importing nothing of the project's: M/M/c (Erlang B and C), M/M/c with a timeout,
 * the fluid step's latency mixture, root finding and the DDSketch-style latency sketch.
 */
export {
  erlangB,
  erlangC,
  mmcMeanWaitSec,
  mmcWaitProbability,
  mmcWaitQuantileSec,
  mmcWaitSurvival,
  responseTimeCdf,
  responseTimeMeanSec,
  responseTimeQuantileSec,
  responseTimeSurvival,
} from './erlang.ts';
export { impatientSteadyState, newImpatientSteadyState, type ImpatientSteadyState } from './impatient.ts';
export { solveIncreasing } from './root.ts';
