/**
 * Scenario file -> Scenario, in five steps: YAML (with positions) -> `--set` overrides ->
 * includes (Kubernetes manifests, Helm values, cluster-autoscaler flags) -> shape (zod) ->
 * defaults and cross-checks. Every problem found is reported together, each with its file, line,
 * column and key path (in the manifest or flag it came from, when it came from one).
 */
import { dirname, resolve } from 'node:path';
import { HeadroomError, ValidationError } from '../errors.ts';
import { parseScenarioDocument, type ScenarioDocument } from '../input/document.ts';
import { documentLimit, readTextFile, type ReadScope } from '../input/files.ts';
import { resolveIncludes } from './include/index.ts';
import { fromZodIssues, sortByPlace, toErrors, type Issue } from './issues.ts';
import { normalizeScenario } from './normalize/index.ts';
import { scenarioSchema } from './schema/index.ts';
import { applySets, parseSet } from './sets.ts';
import type { Scenario } from './types.ts';
import type { ScenarioWarning } from '../input/warnings.ts';

export interface LoadOptions {
  /** `path=value` overrides, applied in order before validation */
  sets?: readonly string[];
  /** a sweep's grid point, `path=value` as `--vary` gave it: applied after `sets`, named as --vary in messages */
  varied?: readonly string[];
  /** overrides the scenario's seed */
  seed?: number;
  /** check that trace files exist (default true) */
  checkFiles?: boolean;
  /** told of each warning (a skipped Kubernetes kind, an unknown flag), for the CLI to print */
  onWarning?: (warning: ScenarioWarning) => void;
  /**
   * Where the files the scenario points at may be read from: its own folder unless the user
   * allows more (`--allow-read`, `--load-restrictor none`); never widened by the scenario itself.
   */
  reads?: ReadScope;
}

export interface LoadResult {
  scenario: Scenario;
  warnings: ScenarioWarning[];
}

export function loadScenario(file: string, opts: LoadOptions = {}): Scenario {
  return loadScenarioResult(file, opts).scenario;
}

/** The scenario and the warnings found while loading it. */
export function loadScenarioResult(file: string, opts: LoadOptions = {}): LoadResult {
  return buildScenarioResult(parseScenarioDocument(readScenarioFile(file, opts.reads), file), opts);
}

/** The scenario's text: a regular file the user named, of at most the documents' size cap. */
export function readScenarioFile(file: string, reads?: ReadScope): string {
  return readTextFile(file, file, { maxBytes: documentLimit(reads), what: 'the scenario' });
}

/** `file` names the text in messages and is what trace and include paths are relative to. */
export function parseScenario(text: string, file: string, opts: LoadOptions = {}): Scenario {
  return buildScenario(parseScenarioDocument(text, file), opts);
}

export function parseScenarioResult(text: string, file: string, opts: LoadOptions = {}): LoadResult {
  return buildScenarioResult(parseScenarioDocument(text, file), opts);
}

/** The steps after YAML parsing; a sweep parses the file once and builds each variant from it. */
export function buildScenario(doc: ScenarioDocument, opts: LoadOptions = {}): Scenario {
  return buildScenarioResult(doc, opts).scenario;
}

export function buildScenarioResult(doc: ScenarioDocument, opts: LoadOptions = {}): LoadResult {
  if (opts.seed !== undefined && !Number.isSafeInteger(opts.seed)) {
    throw new HeadroomError('usage', `the seed must be a whole number, got ${opts.seed}`);
  }
  if (doc.raw === null || doc.raw === undefined) {
    throw new HeadroomError('scenario', 'the scenario is empty', { file: doc.file, line: 1 });
  }
  if (typeof doc.raw !== 'object' || Array.isArray(doc.raw)) {
    throw new HeadroomError('scenario', 'a scenario is a map of keys (name, clusters, nodeGroups, workloads, ...)', { file: doc.file, line: 1 });
  }

  const sets = [...(opts.sets ?? []).map((s) => parseSet(s)), ...(opts.varied ?? []).map((s) => parseSet(s, '--vary'))];
  const included = resolveIncludes(applySets(doc.raw, sets), { doc, sets, reads: opts.reads });
  const { origins } = included;
  // Paths of the merged scenario go through `origins`; those of the file as written do not.
  const placeIssues = (issues: readonly Issue[]) =>
    sortByPlace([...toErrors(included.fileIssues, doc, sets), ...toErrors(issues, doc, sets, origins)], doc.file);
  if (included.errors.length > 0) {
    throw new ValidationError(sortByPlace([...placeIssues(included.issues), ...included.errors], doc.file));
  }

  const parsed = scenarioSchema.safeParse(included.raw, { reportInput: true });
  if (!parsed.success) throw new ValidationError(placeIssues([...included.issues, ...fromZodIssues(parsed.error.issues)]));

  const { scenario, issues, warnings } = normalizeScenario(parsed.data, {
    file: doc.file,
    baseDir: dirname(resolve(doc.file)),
    checkFiles: opts.checkFiles ?? true,
    seed: opts.seed,
    reads: opts.reads,
    inputs: included.inputs,
  });
  if (included.fileIssues.length + included.issues.length + issues.length > 0) {
    throw new ValidationError(placeIssues([...included.issues, ...issues]));
  }

  const placedWarnings = [...toErrors(included.fileWarningIssues, doc), ...toErrors([...included.warningIssues, ...warnings], doc, [], origins)];
  const placed = sortByPlace(
    [...included.warnings, ...placedWarnings.map((e) => ({ message: e.message, file: e.file, line: e.line, column: e.column, path: e.path }))],
    doc.file,
  );
  for (const w of placed) opts.onWarning?.(w);
  return { scenario, warnings: placed };
}
