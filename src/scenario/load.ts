/**
 * Scenario file -> Scenario, in four steps: YAML (with positions) -> `--set` overrides ->
 * shape (zod) -> defaults and cross-checks. Every problem found is reported together, each with
 * its file, line, column and key path.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { HeadroomError, ValidationError } from '../errors.ts';
import { parseScenarioDocument, type ScenarioDocument } from './document.ts';
import { fromZodIssues, toErrors } from './issues.ts';
import { normalizeScenario } from './normalize/index.ts';
import { scenarioSchema } from './schema/index.ts';
import { applySets, parseSet } from './sets.ts';
import type { Scenario } from './types.ts';

export interface LoadOptions {
  /** `path=value` overrides, applied in order before validation */
  sets?: readonly string[];
  /** overrides the scenario's seed */
  seed?: number;
  /** check that trace files exist (default true) */
  checkFiles?: boolean;
}

export function loadScenario(file: string, opts: LoadOptions = {}): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new HeadroomError('io', `cannot read the scenario: ${why}`, { file });
  }
  return parseScenario(text, file, opts);
}

/** `file` names the text in messages and is what trace paths are relative to. */
export function parseScenario(text: string, file: string, opts: LoadOptions = {}): Scenario {
  return buildScenario(parseScenarioDocument(text, file), opts);
}

/** The steps after YAML parsing; a sweep parses the file once and builds each variant from it. */
export function buildScenario(doc: ScenarioDocument, opts: LoadOptions = {}): Scenario {
  if (opts.seed !== undefined && !Number.isSafeInteger(opts.seed)) {
    throw new HeadroomError('usage', `the seed must be a whole number, got ${opts.seed}`);
  }
  if (doc.raw === null || doc.raw === undefined) {
    throw new HeadroomError('scenario', 'the scenario is empty', { file: doc.file, line: 1 });
  }
  if (typeof doc.raw !== 'object' || Array.isArray(doc.raw)) {
    throw new HeadroomError('scenario', 'a scenario is a map of keys (name, clusters, nodeGroups, workloads, ...)', { file: doc.file, line: 1 });
  }

  const sets = (opts.sets ?? []).map(parseSet);
  const raw = applySets(doc.raw, sets);

  const parsed = scenarioSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ValidationError(toErrors(fromZodIssues(parsed.error.issues), doc, sets));

  const { scenario, issues } = normalizeScenario(parsed.data, {
    file: doc.file,
    baseDir: dirname(resolve(doc.file)),
    checkFiles: opts.checkFiles ?? true,
    seed: opts.seed,
  });
  if (issues.length > 0) throw new ValidationError(toErrors(issues, doc, sets));
  return scenario;
}
