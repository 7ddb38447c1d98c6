/** `headroom run` and `headroom validate`. */
import { InvalidArgumentError, type Command } from 'commander';
import { capLines } from '../errors.ts';
import { formatWarning, loadScenarioResult, type Scenario, type ScenarioWarning } from '../scenario/index.ts';
import { runScenario } from '../run.ts';
import { workloadsInDoubt } from '../serving/approximation.ts';
import { writeRunOutputs } from '../report/outputs.ts';
import { RunFolderWriter } from '../report/run-folder.ts';
import { formatSeconds, ProgressReporter } from './progress.ts';
import { addBudgetOption, enforceBudget } from './budget.ts';
import { EXIT } from './io.ts';
import { describe } from './descriptions.ts';
import { costRatesText } from '../report/format.ts';
import { addReadOptions, readFlagsOf, readScopeOf, type ReadFlags } from './read-flags.ts';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function parseSeed(value: string): number {
  const n = Number(value);
  // commander prints an InvalidArgumentError as one line and exits 2 through main's handler
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`--seed must be a whole number, got "${value}"`);
  return n;
}

interface RunFlags extends ReadFlags {
  seed?: number;
  out?: string;
  set: string[];
  events?: boolean;
  report: boolean;
  quiet?: boolean;
  force?: boolean;
}

export function registerRunCommands(program: Command, setExit: (code: number) => void): void {
  const run = program
    .command('run')
    .description(describe('run'))
    .argument('[scenario]', 'scenario YAML file', 'scenarios/default.yaml')
    .option('--seed <n>', 'random seed (overrides the scenario)', parseSeed)
    .option('--out <dir>', 'output folder (default reports/<scenario name>)')
    .option('--set <path=value>', 'override one scenario key (repeatable)', collect, [])
    .option('--events', 'also write events.jsonl')
    .option('--no-report', 'skip report.html')
    .option('--quiet', 'no progress or summary on stderr');
  addBudgetOption(addReadOptions(run)).action(async (file: string, opts: RunFlags) => {
    const { scenario, warnings } = loadScenarioResult(file, { sets: opts.set, seed: opts.seed, reads: readScopeOf(opts) });
    if (!opts.quiet) printWarnings(warnings);
    enforceBudget(scenario, opts);
    // The folder is checked and locked before the run: a bad --out, or a second run on it, costs nothing.
    const folder = RunFolderWriter.open(opts.out ?? `reports/${safeDirName(scenario.name)}`);
    const { result, written, wallSec } = await runInto(folder, scenario, file, opts);
    if (!opts.quiet) for (const w of result.warnings ?? []) process.stderr.write(`headroom: warning: ${w}\n`);
    if (!opts.quiet) {
      const s = result.summary;
      process.stderr.write(
        `${scenario.name}: p99 ${s.latencyMs.p99} ms, error rate ${(s.requests.errorRate * 100).toFixed(3)}%, ` +
          `cost ${s.cost.total.toFixed(2)} ${s.cost.currency} (headroom ${s.cost.headroom.toFixed(2)}), ` +
          `${costRatesText(s.cost)}, ` +
          `peak ${s.nodes.peak} nodes; ${Math.round(scenario.durationSec / wallSec).toLocaleString('en-US')}x real time\n` +
          `wrote ${written.map((p) => p.replace(`${process.cwd()}/`, '')).join(', ')}\n`,
      );
    }
    setExit(EXIT.ok);
  });

  const validate = program
    .command('validate')
    .description(describe('validate'))
    .argument('<scenario>', 'scenario YAML file')
    .option('--set <path=value>', 'override one scenario key (repeatable)', collect, [])
    .option('--json', 'print the normalized scenario as JSON');
  addReadOptions(validate).action((file: string, opts: ReadFlags & { set: string[]; json?: boolean }) => {
    const { scenario, warnings } = loadScenarioResult(file, { sets: opts.set, reads: readScopeOf(opts) });
    printWarnings(warnings);
    for (const w of workloadsInDoubt(scenario.workloads.map((wl) => ({ ...wl, minReplicas: wl.hpa?.minReplicas ?? wl.replicas })))) {
      process.stderr.write(
        `headroom: warning: workload ${w.name}: its service time (SCV ${w.scv.toFixed(1)}) on as few as ${w.servers} servers puts it where ` +
          "the fluid model's M/G/c approximation may be off at high utilization (docs/latency.md); the run says if it gets there\n",
      );
    }
    if (opts.json) process.stdout.write(`${JSON.stringify(scenario, null, 2)}\n`);
    else {
      const nodes = scenario.clusters.reduce((n, c) => n + c.nodeGroups.reduce((m, g) => m + g.initial, 0), 0);
      process.stdout.write(
        `${file}: ok — ${scenario.name}, ${plural(scenario.clusters.length, 'cluster')}, ${plural(scenario.workloads.length, 'workload')}, ` +
          `${plural(nodes, 'initial node')}, ${scenario.durationSec}s at ${scenario.stepSec}s steps\n`,
      );
    }
  });
}

/** Simulates into an open folder; on any failure the folder is left as it was. */
async function runInto(folder: RunFolderWriter, scenario: Scenario, file: string, opts: RunFlags) {
  const progress = new ProgressReporter({ quiet: Boolean(opts.quiet) });
  const started = performance.now();
  try {
    const result = await runScenario(scenario, {
      overrides: opts.set,
      recordEvents: Boolean(opts.events),
      onProgress: (f) => progress.update(f, `${formatSeconds(f * scenario.durationSec)} of ${formatSeconds(scenario.durationSec)} simulated`),
    });
    progress.stop();
    const wallSec = (performance.now() - started) / 1000;
    const written = await writeRunOutputs(folder.target, result, { wallSec, report: opts.report, scenarioFile: file, readFlags: readFlagsOf(opts), folder });
    return { result, written, wallSec };
  } catch (e) {
    progress.stop();
    folder.abort();
    throw e;
  }
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** A scenario's warnings on stderr, the first fifty of them (errors.ts's cap) and a count of the rest. */
export function printWarnings(warnings: readonly ScenarioWarning[], prefix = 'headroom'): void {
  for (const line of capLines(warnings, formatWarning, 'warning')) process.stderr.write(`${prefix}: warning: ${line}\n`);
}

/** Folder name from a scenario name: no separators or dot-dot. */
export function safeDirName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return cleaned.length > 0 ? cleaned.slice(0, 100) : 'scenario';
}
