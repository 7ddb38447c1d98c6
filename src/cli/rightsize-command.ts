/**
 * `headroom rightsize <usage export>...`: each policy's requests and limits per workload and container.
 * `headroom rightsize SCENARIO --out DIR`: those requests applied to the scenario and re-simulated
 * beside today's (rightsize.json, .md, .html and rightsized.yaml).
 */
import type { Command } from 'commander';
import { dirname, relative, resolve } from 'node:path';
import { HeadroomError } from '../errors.ts';
import { MAX_TRACE_BYTES } from '../input/files.ts';
import { readUsageExportFile, type UsageSeries } from '../rightsize/usage-export.ts';
import { rightsize } from '../rightsize/rightsize.ts';
import { rightsizeJson, rightsizeMarkdown } from '../rightsize/format.ts';
import { inputKind, readHead, splitInputs } from '../rightsize/input-kind.ts';
import { planRightsize, RIGHTSIZE_MAX_RUNS, RIGHTSIZE_RUNS, runRightsize } from '../rightsize/scenario-rightsize.ts';
import { checkPolicyName, renderRightsize, RIGHTSIZE_FILES } from '../rightsize/scenario-output.ts';
import { defaultWorkerCount } from '../sweep/pool.ts';
import { checkOutputFolder } from '../report/output-paths.ts';
import { writeFilesAtomic } from '../report/write.ts';
import { addBudgetOption, enforceBudget } from './budget.ts';
import { describe, type SetExit } from './descriptions.ts';
import { wholeNumber } from './flag-numbers.ts';
import { EXIT } from './io.ts';
import { addReadOptions, readScopeOf, type ReadFlags } from './read-flags.ts';

interface RightsizeFlags extends ReadFlags {
  by?: string;
  out?: string;
  usage?: string[];
  keepTargets?: boolean;
  policy?: string;
  workers?: number;
  set: string[];
  force?: boolean;
  quiet?: boolean;
}

export function registerRightsizeCommand(program: Command, setExit: SetExit): void {
  const cmd = program
    .command('rightsize')
    .description(describe('rightsize'))
    .argument('<inputs...>', 'a scenario (.yaml) to re-simulate with each policy, or Prometheus query_range JSON or CSV files of rate(container_cpu_usage_seconds_total) and container_memory_working_set_bytes')
    .option('--by <label>', 'group pods into workloads by this label (default: the pod name less its ReplicaSet or StatefulSet suffix)')
    .option('--out <dir>', 'a scenario: write rightsize.json, .md, .html and rightsized.yaml there (default reports/<name>-rightsize); exports: write recommendations.json and .md there (default: print the Markdown)')
    .option('--usage <exports...>', "a scenario: recommend from this usage export instead of a simulated run's usage (workloads matched by name, or --by)")
    .option('--keep-targets', "a scenario: keep the HPAs' cpu targets as they are (default: scale each so today's replica counts hold)")
    .option('--set <path=value>', 'a scenario: override one key for every run and in rightsized.yaml (repeatable)', (v: string, prev: string[]) => [...prev, v], [])
    .option('--policy <name>', 'a scenario: the run rightsized.yaml takes: a policy, or POLICY-burst-room when that ran (default: the recommended one)')
    .option('--workers <n>', `a scenario: worker threads for the ${RIGHTSIZE_RUNS - 1} policy runs (default: one per core)`, wholeNumber('--workers', 1))
    .option('--quiet', 'no progress on stderr');
  addBudgetOption(addReadOptions(cmd)).action(async (files: string[], opts: RightsizeFlags) => {
    const { scenario, exports } = splitInputs(files, files.map((f) => inputKind(f, () => readHead(f))));
    if (scenario !== undefined) await rightsizeScenarioCommand(scenario, opts);
    else {
      const scenarioOnly = [opts.usage && '--usage', opts.keepTargets && '--keep-targets', opts.policy && '--policy', opts.workers && '--workers', opts.set.length > 0 && '--set'].filter(Boolean);
      if (scenarioOnly.length > 0) throw new HeadroomError('usage', `${scenarioOnly.join(', ')}: only with a scenario (headroom rightsize SCENARIO.yaml ...)`);
      rightsizeExports(exports, opts);
    }
    setExit(EXIT.ok);
  });
}

function rightsizeExports(files: string[], opts: RightsizeFlags): void {
  if (opts.out !== undefined) checkOutputFolder(opts.out);
  const series: UsageSeries = new Map();
  for (const f of files) readUsageExportFile(f, f, series, { maxBytes: MAX_TRACE_BYTES, code: 'input', what: 'the usage export' });
  const result = rightsize(series, opts.by);
  // Everything is computed before anything is written: a bad export leaves no half a folder.
  if (opts.out === undefined) process.stdout.write(rightsizeMarkdown(result));
  else {
    writeFilesAtomic(opts.out, { 'recommendations.json': rightsizeJson(result), 'recommendations.md': rightsizeMarkdown(result) });
    process.stderr.write(`wrote ${opts.out}/recommendations.json and recommendations.md: ${result.containers.length} containers\n`);
  }
}

async function rightsizeScenarioCommand(file: string, opts: RightsizeFlags): Promise<void> {
  const policy = checkPolicyName(opts.policy);
  // Every input is read and checked, and the folder too, before the first run.
  const plan = planRightsize(file, { reads: readScopeOf(opts), sets: opts.set, usageFiles: opts.usage, by: opts.by });
  const out = opts.out ?? `reports/${plan.scenario.name}-rightsize`;
  checkOutputFolder(out);
  // Every run keeps per-step figures (nodes, replicas, usage samples), so the time-series rows count.
  // Counted at the most it can take: every policy run again with burst-room targets (scenario-rightsize.ts).
  const mayRunAgain = !opts.keepTargets && plan.usage === undefined;
  enforceBudget(plan.scenario, opts, { runs: mayRunAgain ? RIGHTSIZE_MAX_RUNS : RIGHTSIZE_RUNS });
  const workers = Math.max(1, Math.min(opts.workers ?? defaultWorkerCount(), RIGHTSIZE_RUNS - 1));
  const say = (line: string) => !opts.quiet && process.stderr.write(line);
  const result = await runRightsize(plan, { keepTargets: opts.keepTargets, workers, onRun: (done, total) => say(`rightsize: ${done}/${total} runs\n`) });
  const rendered = await renderRightsize(result, plan, policy, { fromDir: dirname(resolve(file)), toDir: resolve(out) });
  writeFilesAtomic(out, rendered.files);
  say(`${result.reason}\nwrote ${RIGHTSIZE_FILES.map((f) => `${out}/${f}`).join(', ')}\n`);
  if (rendered.outside.length > 0) {
    say(`headroom: note: ${out}/rightsized.yaml reads ${rendered.outside.join(', ')} outside its folder: run it with --allow-read ${relative(process.cwd(), dirname(resolve(file))) || '.'}\n`);
  }
}
