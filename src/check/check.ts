/**
 * `headroom check`: run each scenario, compare its key numbers with the baseline, and decide.
 * Numbered steps: rules -> baseline -> scenarios (everything the user gave is checked before
 * anything runs, so bad input is exit 2 within a second) -> runs -> comparison -> verdict.
 * Nothing here reads a clock: the same scenario and seed give the same verdict anywhere.
 */
import { isHeadroomError, formatError } from '../errors.ts';
import { compareRuns, type NumberCheck } from './compare.ts';
import { asFolderArg, openBaseline, type BaselineSource } from './baseline-file.ts';
import { formatRate, formatValue } from './format/values.ts';
import { assertDistinctNames, checkSeedCount, loadForCheck, runSeeds, simulateSummary, type LoadedScenario, type SummaryRunner } from './runs.ts';
import { checkSlo, type SloCheck } from './slo.ts';
import { buildRules } from './tolerance.ts';
import type { BaselineEntry } from './types.ts';
import { headroomVersion } from '../version.ts';
import type { ReadScope } from '../input/files.ts';
import type { Scenario } from '../scenario/types.ts';

export interface CheckOptions {
  /** a baseline file, or a folder of `<scenario>.json` files */
  baseline: string;
  /** `key=spec` tolerance overrides (see tolerance.ts) */
  tolerances?: readonly string[];
  /** runs per scenario; default: as many as the baseline recorded */
  seeds?: number;
  /** `path=value` overrides, as on `run`: the change under test */
  sets?: readonly string[];
  /** a stale baseline is noted but does not fail the check */
  allowStale?: boolean;
  run?: SummaryRunner;
  headroomVersion?: string;
  onRun?: (scenario: string, seed: number) => void;
  /** where the scenarios' files may be read from */
  reads?: ReadScope;
  /** told of every scenario and its number of runs once all are loaded, before the first run (budgets) */
  beforeRuns?: (planned: readonly { scenario: Scenario; runs: number }[]) => void;
}

export interface StaleCheck {
  stale: boolean;
  /** stale, but --allow-stale: reported, not failing */
  allowed: boolean;
  recordedHash: string;
  /** the file's hash now, loaded with the baseline's own overrides (undefined if they no longer apply) */
  currentHash?: string;
  message?: string;
}

export interface ScenarioCheck {
  scenario: string;
  file: string;
  baselineFile: string;
  baseline: BaselineEntry;
  seeds: number[];
  currency: string;
  numbers: NumberCheck[];
  slo: SloCheck;
  /** the same SLO test on the baseline's runs, for the report's baseline column */
  baselineSlo: SloCheck;
  stale: StaleCheck;
  /** worth saying, never failing: other headroom version, other overrides, other seeds */
  notes: string[];
  regressions: number;
  failed: boolean;
}

export interface CheckReport {
  scenarios: ScenarioCheck[];
  failed: boolean;
  /** 0: no regression; 1: a regression, a broken SLO or a stale baseline */
  exitCode: 0 | 1;
  headroomVersion: string;
}

const shortHash = (h: string | undefined) => (h ?? 'unknown').slice(0, 12);

function quoteSets(sets: readonly string[]): string {
  return sets.length === 0 ? 'no --set' : sets.map((s) => `--set ${s}`).join(' ');
}

/**
 * The command that re-records a stale entry. A single baseline file is rewritten whole by
 * `--out`, so the command names every scenario it holds, not only the stale one.
 */
function rerecordCommand(file: string, entry: BaselineEntry, source: BaselineSource): string {
  const files = source.kind === 'file' ? source.entries.map((e) => (e.scenario === entry.scenario ? file : e.scenarioFile)) : [file];
  const sets = entry.sets.map((s) => ` --set ${s}`).join('');
  const seeds = entry.runs.length > 1 ? ` --seeds ${entry.runs.length}` : '';
  const out = source.kind === 'folder' ? asFolderArg(source.path) : source.path;
  return `headroom baseline ${files.join(' ')}${sets}${seeds} --out ${out}`;
}

function staleCheck(file: string, entry: BaselineEntry, source: BaselineSource, allowStale: boolean, reads?: ReadScope): StaleCheck {
  let currentHash: string | undefined;
  let why: string;
  try {
    const current = loadForCheck(file, entry.sets, reads);
    currentHash = current.hash;
    if (currentHash === entry.scenarioHash) return { stale: false, allowed: false, recordedHash: entry.scenarioHash, currentHash };
    const reading = current.scenario.inputs?.length ? ` or a file it reads (${current.scenario.inputs.map((f) => f.file).join(', ')})` : '';
    why = `${file}${reading} changed since the baseline was recorded (scenario hash ${shortHash(entry.scenarioHash)} then, ${shortHash(currentHash)} now)`;
  } catch (e) {
    if (!isHeadroomError(e)) throw e;
    why = `the baseline's overrides (${quoteSets(entry.sets)}) no longer apply to ${file}: ${formatError(e)}`;
  }
  const rerecord = rerecordCommand(file, entry, source);
  return {
    stale: true,
    allowed: allowStale,
    recordedHash: entry.scenarioHash,
    currentHash,
    message: `stale baseline: ${why}; re-record it with \`${rerecord}\`${allowStale ? '' : ' (or pass --allow-stale to compare anyway)'}`,
  };
}

function notesFor(entry: BaselineEntry, loaded: LoadedScenario, seeds: number[], version: string): string[] {
  const notes: string[] = [];
  if (entry.headroomVersion !== version) {
    notes.push(`the baseline was recorded with headroom ${entry.headroomVersion}, this is ${version}: numbers may move because the simulator changed`);
  }
  if (entry.sets.join('\n') !== loaded.sets.join('\n')) {
    notes.push(`checked with ${quoteSets(loaded.sets)}; the baseline was recorded with ${quoteSets(entry.sets)}`);
  }
  const baseSeeds = entry.runs.map((r) => r.seed);
  if (baseSeeds.join(',') !== seeds.join(',')) {
    notes.push(`seeds ${seeds.join(', ')} checked against baseline seeds ${baseSeeds.join(', ')}`);
  }
  return notes;
}

export async function check(files: readonly string[], opts: CheckOptions): Promise<CheckReport> {
  const version = opts.headroomVersion ?? headroomVersion();
  const rules = buildRules(opts.tolerances);
  if (opts.seeds !== undefined) checkSeedCount(opts.seeds);
  const source = openBaseline(opts.baseline);
  const sets = [...(opts.sets ?? [])];
  const loaded = files.map((f) => loadForCheck(f, sets, opts.reads));
  assertDistinctNames(loaded);
  const plans = loaded.map((l) => {
    const { entry, file } = source.entryFor(l.scenario.name);
    return { loaded: l, entry, baselineFile: file, stale: staleCheck(l.file, entry, source, Boolean(opts.allowStale), opts.reads) };
  });
  opts.beforeRuns?.(plans.map((p) => ({ scenario: p.loaded.scenario, runs: opts.seeds ?? p.entry.runs.length })));

  const scenarios: ScenarioCheck[] = [];
  for (const { loaded: l, entry, baselineFile, stale } of plans) {
    const count = opts.seeds ?? entry.runs.length;
    const runs = await runSeeds(l, count, opts.run ?? simulateSummary, opts.onRun);
    const seeds = runs.map((r) => r.seed);
    const numbers = compareRuns(entry.runs, runs, rules);
    const sloFormat = { ms: (v: number) => formatValue('ms', v), rate: formatRate };
    const slo = checkSlo(runs, sloFormat);
    const regressions = numbers.filter((n) => n.verdict === 'regressed').length;
    const failed = regressions > 0 || slo.broken || (stale.stale && !stale.allowed);
    scenarios.push({
      scenario: l.scenario.name,
      file: l.file,
      baselineFile,
      baseline: entry,
      seeds,
      currency: l.scenario.currency,
      numbers,
      slo,
      baselineSlo: checkSlo(entry.runs, sloFormat),
      stale,
      notes: notesFor(entry, l, seeds, version),
      regressions,
      failed,
    });
  }
  const failed = scenarios.some((s) => s.failed);
  return { scenarios, failed, exitCode: failed ? 1 : 0, headroomVersion: version };
}
