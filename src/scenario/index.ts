/** Scenario loading: YAML -> validated, defaulted Scenario; `--set`; the format's paths; hashing. */
export type * from './types.ts';
export {
  loadScenario,
  parseScenario,
  buildScenario,
  loadScenarioResult,
  parseScenarioResult,
  buildScenarioResult,
  readScenarioFile,
  type LoadOptions,
  type LoadResult,
} from './load.ts';
export { formatWarning, type ScenarioWarning } from '../input/warnings.ts';
export { parseScenarioDocument, formatPath, type ScenarioDocument, type KeyPath, type Position } from '../input/document.ts';
export { applySets, parseSet, type SetAssignment } from './sets.ts';
export { checkScenarioPath, isScenarioPath, listScenarioPaths, resolvePath } from './paths.ts';
export { scenarioHash, canonicalJson } from './hash.ts';
export { scenarioSchema, type RawScenario } from './schema/index.ts';
export { EXPANDERS, parseExpanders } from './expanders.ts';
export * from './defaults.ts';
export { closest, didYouMean } from '../input/suggest.ts';
