/** `headroom sweep`, `headroom merge` and `headroom recommend`. */
import { wholeNumber } from './flag-numbers.ts';
import type { Command } from 'commander';
import { HeadroomError } from '../errors.ts';
import { parseRatio } from '../quantity.ts';
import {
  checkConfidence,
  createPoolRunner,
  defaultWorkerCount,
  executeSweep,
  formatShard,
  mergeSweeps,
  parseSearch,
  parseSlo,
  planSweep,
  recommend,
  resolveShard,
  scenarioSlos,
  searchRecommendation,
  searchedSentence,
  writeRecommendation,
  type SweepOutcome,
  type SweepPlan,
  type SweepProgress,
} from '../sweep/index.ts';
import { lockFolder } from '../report/folder-lock.ts';
import { checkOutputFolder } from '../report/output-paths.ts';
import { addBudgetOption, enforceBudget, type BudgetFlags } from './budget.ts';
import { EXIT } from './io.ts';
import { ProgressReporter } from './progress.ts';
import { addReadOptions, readScopeOf, type ReadFlags } from './read-flags.ts';
import { safeDirName } from './run-commands.ts';
import { describe } from './descriptions.ts';

/** Repeatable flags; no default given to commander, so help does not print `(default: [])`. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Exit code of a sweep stopped by Ctrl-C or SIGTERM (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;

/** Runs the progress bar's rate is measured over. */
const RATE_WINDOW = 30;

function parseConfidence(value: string): number {
  try {
    return checkConfidence(parseRatio(value, '--confidence'));
  } catch (e) {
    if (e instanceof HeadroomError) throw new HeadroomError('usage', `--confidence ${value}: a share in (0, 1] such as 0.95 or 95%`);
    throw e;
  }
}

interface GridOptions extends ReadFlags, BudgetFlags {
  vary?: string[];
  set?: string[];
  seeds?: number;
  workers?: number;
  out?: string;
  quiet?: boolean;
}

/** The plan of a sweep or a recommendation, held to the budget before its grid is built. */
function planGrid(file: string, opts: GridOptions, shard: ReturnType<typeof resolveShard>): SweepPlan {
  return planSweep({
    file,
    vary: opts.vary ?? [],
    sets: opts.set ?? [],
    seeds: opts.seeds,
    shard,
    reads: readScopeOf(opts),
    // a shard runs its share of the grid
    onPlanned: (base, runs) => enforceBudget(base, opts, { runs: Math.ceil(runs / (shard?.count ?? 1)), summaryOnly: true }),
  });
}

export function registerSweepCommands(program: Command, setExit: (code: number) => void): void {
  const sweep = program
    .command('sweep')
    .description(describe('sweep'))
    .argument('<scenario>', 'scenario YAML file')
    .option('--vary <path=values>', 'a key and its values: a range 0:100:10 (end included), a list a,b,c (or a|b|c) (repeatable)', collect)
    .option('--seeds <n>', 'seeds per grid point: the scenario seed + 0..n-1 (default 1)', wholeNumber('--seeds', 1))
    .option('--workers <n>', 'worker threads (default: one per core)', wholeNumber('--workers', 1))
    .option('--out <dir>', 'sweep folder (default reports/<scenario name>/sweep)')
    .option('--shard <i/n>', 'run only the i-th of n slices (i from 0); /n takes i from JOB_COMPLETION_INDEX')
    .option('--shards <n>', 'n slices, i from JOB_COMPLETION_INDEX (as in a Kubernetes Indexed Job)')
    .option('--set <path=value>', 'override one scenario key for every run (repeatable)', collect)
    .option('--quiet', 'no progress or summary on stderr');
  addBudgetOption(addReadOptions(sweep)).action(async (file: string, opts: GridOptions & { shard?: string; shards?: string }) => {
      const shard = resolveShard({ shard: opts.shard, shards: opts.shards, completionIndex: process.env.JOB_COMPLETION_INDEX });
      const plan = planGrid(file, opts, shard);
      const name = safeDirName(plan.base.name);
      const outDir = checkOutputFolder(opts.out ?? (shard ? `reports/${name}/sweep-shard-${shard.index}-of-${shard.count}` : `reports/${name}/sweep`));
      const outcome = await runGrid(plan, outDir, opts, shard ? `shard ${formatShard(shard)}` : 'sweep');
      if (!outcome.complete) return setExit(EXIT_INTERRUPTED);
      if (!opts.quiet) process.stderr.write(`wrote ${shortPaths(outcome.written)}\n`);
      setExit(EXIT.ok);
    });

  program
    .command('merge')
    .description(describe('merge'))
    .argument('<dirs...>', 'shard folders')
    .requiredOption('--out <dir>', 'merged sweep folder')
    .option('--quiet', 'no summary on stderr')
    .action((dirs: string[], opts: { out: string; quiet?: boolean }) => {
      checkOutputFolder(opts.out);
      const merged = mergeSweeps(dirs, opts.out);
      if (!opts.quiet) {
        process.stderr.write(`merged ${dirs.length} folder${dirs.length === 1 ? '' : 's'}: ${merged.rows.length} runs of ${merged.manifest.scenario}; wrote ${shortPaths(merged.written)}\n`);
      }
      setExit(EXIT.ok);
    });

  const recommendCommand = program
    .command('recommend')
    .description(describe('recommend'))
    .argument('<scenario>', 'scenario YAML file')
    .option('--vary <path=values>', 'a key and its candidate values, e.g. overprovisioner.0.replicasPerCluster=0:100:10 (repeatable)', collect)
    .option('--slo <expr>', "an SLO every run must meet, e.g. 'p99<=250ms', 'errorRate<=0.1%' (repeatable; default: the scenario's slo)", collect)
    .option('--confidence <share>', 'share of seeds that must meet every SLO', parseConfidence, 0.95)
    .option('--seeds <n>', 'seeds per candidate', wholeNumber('--seeds', 1), 5)
    .option('--workers <n>', 'worker threads (default: one per core)', wholeNumber('--workers', 1))
    .option('--out <dir>', 'folder for the runs and the recommendation (default reports/<scenario name>/recommend)')
    .option('--set <path=value>', 'override one scenario key for every run (repeatable)', collect)
    .option('--quiet', 'no progress or summary on stderr')
    .option('--search <path=low:high>', 'bisect a whole-number key for the smallest value that meets the SLOs, e.g. overprovisioner.0.replicasPerCluster=0:200 (with one --vary beside it: for each of its values)');
  addBudgetOption(addReadOptions(recommendCommand)).action(async (file: string, opts: GridOptions & { slo?: string[]; confidence: number; search?: string }) => {
      if (opts.search && (opts.vary?.length ?? 0) > 1) throw new HeadroomError('usage', 'recommend --search takes at most one --vary beside it: the search runs for each of its values');
      if (!opts.vary?.length && !opts.search) {
        throw new HeadroomError('usage', 'recommend needs at least one --vary: the candidates, e.g. --vary overprovisioner.0.replicasPerCluster=0:100:10 (or --search path=low:high)');
      }
      const slos = (opts.slo ?? []).map(parseSlo);
      const search = opts.search ? parseSearch(opts.search) : null;
      // The budget counts the whole axis of a search: an upper bound on what the bisection runs.
      const plan = planGrid(file, { ...opts, vary: search ? [`${search.path}=${search.axis.spec}`, ...(opts.vary ?? [])] : opts.vary }, null);
      const outDir = checkOutputFolder(opts.out ?? `reports/${safeDirName(plan.base.name)}/${search ? 'search' : 'recommend'}`);
      const recOpts = { slos: slos.length > 0 ? slos : scenarioSlos(plan.base), confidence: opts.confidence, currency: plan.base.currency };
      const outcome = search ? null : await runGrid(plan, outDir, opts, 'recommend');
      if (outcome && !outcome.complete) return setExit(EXIT_INTERRUPTED);
      let sweepFiles = outcome?.written ?? [];
      const runProbe = async (cells: number[]) => {
        const o = await runGrid(plan, outDir, opts, 'search', cells);
        sweepFiles = o.written;
        return o;
      };
      const rec = search ? await searchRecommendation(plan, search, runProbe, recOpts) : recommend(plan.grid, outcome!.rows, recOpts);
      if (!rec) return setExit(EXIT_INTERRUPTED);
      const info = { scenario: plan.base.name, scenarioHash: plan.manifest.scenarioHash, grid: plan.grid, currency: plan.base.currency };
      const written = [...sweepFiles, ...(await writeRecommendation(outDir, rec, info))];
      process.stdout.write(`${[...(rec.searched ? [searchedSentence(rec)] : []), rec.answer, ...rec.reasons].join('\n')}\n`);
      if (!opts.quiet) process.stderr.write(`wrote ${shortPaths(written)}\n`);
      setExit(rec.recommended ? EXIT.ok : EXIT.regression);
    });
}

/** Runs the plan on a worker pool, with a progress bar, stopping cleanly on Ctrl-C or SIGTERM. */
async function runGrid(plan: SweepPlan, outDir: string, opts: GridOptions, label: string, only?: number[]): Promise<SweepOutcome> {
  const cells = only?.length ?? Math.ceil(plan.manifest.cells / (plan.shard?.count ?? 1));
  // Two sweeps appending to one runs.jsonl would interleave their runs: the second is refused.
  const lock = lockFolder(outDir);
  const pool = createPoolRunner({ workers: Math.max(1, Math.min(opts.workers ?? defaultWorkerCount(), cells)) });
  const bar = new SweepBar(Boolean(opts.quiet), label);
  const controller = new AbortController();
  const interrupt = () => {
    // A second signal ends the process at once (the listener is gone); runs.jsonl is whole either way.
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    const outcome = await executeSweep(plan, {
      outDir,
      runner: pool.runner,
      concurrency: pool.workers,
      signal: controller.signal,
      onProgress: (p) => bar.update(p),
      cells: only,
    });
    bar.stop();
    if (!opts.quiet) process.stderr.write(`${bar.summary(outcome, pool.workers)}\n`);
    if (!outcome.complete) {
      process.stderr.write(`${label}: interrupted with ${outcome.resumed + outcome.ran} of ${outcome.total} runs saved in ${outDir}; run the same command again to finish\n`);
    }
    return outcome;
  } finally {
    bar.stop();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await pool.close();
    lock.release();
  }
}

/**
 * Runs done of the total, the rate of this session's runs and the time left, on stderr: a bar on
 * a terminal, a line every half minute in a log (progress.ts); nothing with --quiet.
 */
class SweepBar {
  private readonly progress: ProgressReporter;
  private readonly finishedAt: number[] = [];

  constructor(quiet: boolean, private readonly label: string) {
    this.progress = new ProgressReporter({ quiet, label });
  }

  update(p: SweepProgress): void {
    // The rate over the last runs, not since the start: thread start-up would drag it down for minutes.
    const now = this.progress.elapsedSec();
    if (p.done > p.resumed) this.finishedAt.push(now);
    if (this.finishedAt.length > RATE_WINDOW) this.finishedAt.shift();
    const n = this.finishedAt.length;
    const rate = n >= 2 ? (n - 1) / Math.max(now - this.finishedAt[0], 1e-3) : NaN;
    const rateText = Number.isFinite(rate) ? `${rate.toFixed(rate < 10 ? 2 : 0)} runs/s` : '- runs/s';
    this.progress.update(p.total > 0 ? p.done / p.total : 1, `${p.done}/${p.total} runs, ${rateText}`, Number.isFinite(rate) ? (p.total - p.done) / rate : NaN);
  }

  stop(): void {
    this.progress.stop();
  }

  summary(o: SweepOutcome, workers: number): string {
    const sec = Math.max(this.progress.elapsedSec(), 1e-3);
    const resumed = o.resumed > 0 ? ` (${o.resumed} already done)` : '';
    const rate = o.ran > 0 ? `, ${(o.ran / sec).toFixed(2)} runs/s` : '';
    return `${this.label}: ${o.ran} of ${o.total} runs in ${sec.toFixed(1)} s on ${workers} worker${workers === 1 ? '' : 's'}${rate}${resumed}`;
  }
}

function shortPaths(paths: string[]): string {
  return paths.map((p) => p.replace(`${process.cwd()}/`, '')).join(', ');
}
