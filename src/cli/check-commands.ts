/** `headroom baseline` and `headroom check`: parse, call src/check, print, set the exit code. */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { HeadroomError } from '../errors.ts';
import { check, checkJunit, checkMarkdown, checkText, recordBaseline, writeBaseline } from '../check/index.ts';
import { checkOutputFile, checkOutputFolder } from '../report/output-paths.ts';
import { writeFileAtomic } from '../report/write.ts';
import type { Scenario } from '../scenario/types.ts';
import { addBudgetOption, enforceBudget, type BudgetFlags } from './budget.ts';
import { EXIT } from './io.ts';
import { describe } from './descriptions.ts';
import { addReadOptions, readScopeOf, type ReadFlags } from './read-flags.ts';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function parseSeeds(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new HeadroomError('usage', `--seeds must be a whole number of at least 1, got "${value}"`);
  return n;
}

const progress = (quiet: boolean | undefined) =>
  quiet ? undefined : (scenario: string, seed: number) => process.stderr.write(`running ${scenario} (seed ${seed})\n`);

/** Every scenario and its runs, held to the budget once all are loaded and before the first run. */
const budgetOf = (flags: BudgetFlags) => (planned: readonly { scenario: Scenario; runs: number }[]) => {
  for (const p of planned) enforceBudget(p.scenario, flags, { runs: p.runs, summaryOnly: true });
};

export function registerCheckCommands(program: Command, setExit: (code: number) => void): void {
  const baseline = program
    .command('baseline')
    .description(describe('baseline'))
    .argument('<scenario...>', 'scenario YAML files')
    .requiredOption('--out <file|dir>', 'baseline file, or a folder (existing, or ending in /) for one <scenario>.json each')
    .option('--seeds <n>', 'runs per scenario: its seed, seed + 1, ...', parseSeeds, 1)
    .option('--set <path=value>', 'override one scenario key (repeatable)', collect, [])
    .option('--quiet', 'nothing on stderr');
  addBudgetOption(addReadOptions(baseline)).action(async (files: string[], opts: ReadFlags & BudgetFlags & { out: string; seeds: number; set: string[] }) => {
      checkBaselineOut(opts.out);
      const entries = await recordBaseline(files, { sets: opts.set, seeds: opts.seeds, onRun: progress(opts.quiet), reads: readScopeOf(opts), beforeRuns: budgetOf(opts) });
      const written = writeBaseline(opts.out, entries);
      if (!opts.quiet) process.stderr.write(`wrote ${written.join(', ')}\n`);
      setExit(EXIT.ok);
    });

  const checkCommand = program
    .command('check')
    .description(describe('check'))
    .argument('<scenario...>', 'scenario YAML files')
    .requiredOption('--baseline <file|dir>', 'baseline file, or folder of <scenario>.json files')
    .option('--tolerance <key=value>', 'override a tolerance: latencyMs.p99=5%, requests.errorRate=0.1pp, cost.total=off (repeatable)', collect, [])
    .option('--seeds <n>', 'runs per scenario, compared as distributions (default: as many as the baseline has)', parseSeeds)
    .option('--set <path=value>', 'override one scenario key (repeatable)', collect, [])
    .option('--junit <file>', 'also write JUnit XML')
    .option('--markdown <file>', 'also write a markdown table for a pull-request comment')
    .option('--allow-stale', 'compare against a baseline recorded from a different scenario file without failing')
    .option('--quiet', 'no progress on stderr');
  addBudgetOption(addReadOptions(checkCommand)).action(
      async (
        files: string[],
        opts: ReadFlags & BudgetFlags & { baseline: string; tolerance: string[]; seeds?: number; set: string[]; junit?: string; markdown?: string; allowStale?: boolean },
      ) => {
        if (opts.junit !== undefined) checkOutputFile(opts.junit, '--junit');
        if (opts.markdown !== undefined) checkOutputFile(opts.markdown, '--markdown');
        const report = await check(files, {
          baseline: opts.baseline,
          tolerances: opts.tolerance,
          seeds: opts.seeds,
          sets: opts.set,
          allowStale: Boolean(opts.allowStale),
          onRun: progress(opts.quiet),
          reads: readScopeOf(opts),
          beforeRuns: budgetOf(opts),
        });
        if (opts.junit) writeFileAtomic(opts.junit, checkJunit(report));
        if (opts.markdown) writeFileAtomic(opts.markdown, checkMarkdown(report));
        process.stdout.write(checkText(report));
        setExit(report.exitCode === 0 ? EXIT.ok : EXIT.regression);
      },
    );
}

/** `--out` of baseline: a folder when it exists as one or ends with a slash (writeBaseline's rule), else a file. */
function checkBaselineOut(out: string): void {
  if (out.endsWith('/') || existsSync(out) && statSync(out).isDirectory()) checkOutputFolder(out);
  else checkOutputFile(out);
}
