/**
 * `headroom rightsize SCENARIO`: what new requests would do. In order:
 * 1. read the scenario (and the usage export, when one is given): every input problem is found
 *    here, before any run;
 * 2. the baseline run (today's requests) gives the comparison's first column and, without an
 *    export, the usage samples;
 * 3. every policy recommends on the same samples; each recommendation is written into the
 *    scenario (apply-policy.ts) and checked as the file would be;
 * 4. each is re-simulated with the same traffic and seed, on worker threads;
 * 5. when none meets the SLO, each policy that missed it on latency or errors alone (no OOM kill),
 *    where today's requests meet it, runs again, as `<policy>-burst-room`, with HPA targets that keep today's room for bursts
 *    (decisions/rightsize/hpa-target.ts targetKeepingBurstRoom): pods packed by their requests
 *    (MostAllocated) are short of cpu in a burst when their requests sit below their peak;
 * 6. the cheapest that meets the SLO with no OOM kill is recommended.
 * Nothing is written here (rightsize-files.ts renders, the CLI writes).
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenarioDocument, type ScenarioDocument } from '../input/document.ts';
import { MAX_TRACE_BYTES, type ReadScope } from '../input/files.ts';
import { buildScenario, readScenarioFile } from '../scenario/load.ts';
import { applySets } from '../scenario/sets.ts';
import type { Scenario } from '../scenario/types.ts';
import { POLICY_DEFAULTS, POLICY_NAMES, type PolicyName, type PolicyOptions } from '../decisions/rightsize/policies.ts';
import { choosePolicy, missesOf } from '../decisions/rightsize/choose.ts';
import { createPoolRunner } from '../sweep/pool.ts';
import { applyPolicy, baselineApplied, type AppliedPolicy } from './apply-policy.ts';
import type { RunFigures } from './measure-run.ts';
import { readUsageExportFile, type UsageSeries } from './usage-export.ts';
import { rightsize as rightsizeExport } from './rightsize.ts';
import { peakCpuMilliFromSamples, policiesFromExport, policiesFromSamples, type WorkloadPolicies } from './workload-policies.ts';

export interface RightsizePlan {
  /** the scenario file's text, which rightsized.yaml is made from */
  text: string;
  doc: ScenarioDocument;
  /** `--set path=value` overrides, applied to every run and to rightsized.yaml */
  sets: string[];
  /** the file's data with the overrides applied: what the policies are written into */
  raw: unknown;
  scenario: Scenario;
  reads?: ReadScope;
  /** the team's export, read and grouped; absent = samples from the baseline run */
  usage?: { files: string[]; series: UsageSeries; by?: string };
}

export interface PlanOptions {
  reads?: ReadScope;
  sets?: readonly string[];
  usageFiles?: readonly string[];
  by?: string;
}

/** Reads and checks every input: a bad scenario or export fails here, before any run. */
export function planRightsize(file: string, opts: PlanOptions = {}): RightsizePlan {
  const text = readScenarioFile(file, opts.reads);
  const doc = parseScenarioDocument(text, file);
  const sets = [...(opts.sets ?? [])];
  const scenario = buildScenario(doc, { sets, reads: opts.reads });
  const base = { text, doc, sets, raw: applySets(doc.raw, sets), scenario, reads: opts.reads };
  if (!opts.usageFiles?.length) return base;
  const series: UsageSeries = new Map();
  for (const f of opts.usageFiles) readUsageExportFile(f, f, series, { maxBytes: MAX_TRACE_BYTES, code: 'input', what: 'the usage export' });
  return { ...base, usage: { files: [...opts.usageFiles], series, by: opts.by } };
}

/** What the comparison holds of each run: its requests and settings, and its figures. */
export interface RightsizeRow {
  applied: AppliedPolicy;
  figures: RunFigures;
  /** what it misses of the SLO (p99, errors) and oomKills; empty when it qualifies */
  misses: string[];
}

export interface ScenarioRightsize {
  scenario: Scenario;
  source: 'simulation' | 'export';
  /** export workloads the scenario does not have */
  unmatched: string[];
  keepTargets: boolean;
  baseline: RightsizeRow;
  /** each policy's run, then the burst-room runs (when there were any) */
  policies: (RightsizeRow & { name: string; policy: PolicyName; targets: TargetRule; scenario: Scenario })[];
  recommended: string | null;
  reason: string;
}

/** How a run's HPA targets were set: today's (--keep-targets), keeping today's replica counts, or keeping today's burst room too. */
export type TargetRule = 'kept' | 'replicas' | 'burst-room';

export type RunKind = 'baseline' | 'policy';
/** Runs one scenario; the pool's threads by default. */
export type RightsizeRunner = (scenario: Scenario, kind: RunKind) => Promise<RunFigures>;

export interface RunOptions {
  keepTargets?: boolean;
  policyOptions?: PolicyOptions;
  /** threads (default: one per core, at most one per run) */
  workers?: number;
  runner?: RightsizeRunner;
  /** told as each run finishes */
  onRun?: (done: number, total: number) => void;
}

const EXT = extname(fileURLToPath(import.meta.url));
const MODULES: Record<RunKind, string> = {
  baseline: new URL(`./run-baseline${EXT}`, import.meta.url).href,
  policy: new URL(`./run-policy${EXT}`, import.meta.url).href,
};

export const RIGHTSIZE_RUNS = 1 + POLICY_NAMES.length;
/** with every policy run again with burst-room targets: what the budget counts */
export const RIGHTSIZE_MAX_RUNS = 1 + 2 * POLICY_NAMES.length;

export async function runRightsize(plan: RightsizePlan, opts: RunOptions = {}): Promise<ScenarioRightsize> {
  const { scenario, doc, raw } = plan;
  const build = (sets: readonly string[]) => buildScenario(doc, { sets: [...plan.sets, ...sets], reads: plan.reads });
  const keepTargets = opts.keepTargets ?? false;
  const pools = opts.runner ? null : { baseline: createPoolRunner<RunFigures>({ workers: 1, runnerModule: MODULES.baseline }), policy: createPoolRunner<RunFigures>({ workers: Math.max(1, opts.workers ?? RIGHTSIZE_RUNS - 1), runnerModule: MODULES.policy }) };
  const run: RightsizeRunner = opts.runner ?? ((s, kind) => pools![kind].runner(s));
  let done = 0;
  let total = RIGHTSIZE_RUNS;
  const counted = (p: Promise<RunFigures>) => p.then((f) => (opts.onRun?.(++done, total), f));
  try {
    // An export is read into policies before any run starts: a mismatch costs nothing.
    const fromExport = plan.usage ? policiesFromExport(rightsizeExport(plan.usage.series, plan.usage.by, opts.policyOptions ?? POLICY_DEFAULTS), scenario, plan.usage.files) : null;
    const today = baselineApplied(scenario, raw);
    const baselineRun = counted(run(build(today.sets), 'baseline'));
    // Should a later step throw, the run in flight must not reject unheard (it is awaited below otherwise).
    baselineRun.catch(() => undefined);
    const unmatched = fromExport?.unmatched ?? [];
    const samples = fromExport ? null : ((await baselineRun).samples ?? []);
    const policies: WorkloadPolicies = fromExport?.policies ?? policiesFromSamples(samples ?? [], opts.policyOptions ?? POLICY_DEFAULTS);
    const slo = { latencyP99Ms: scenario.slo.latencyP99Sec * 1000, errorRate: scenario.slo.errorRate };
    const runApplied = async (applied: readonly { policy: PolicyName; applied: AppliedPolicy }[], targets: TargetRule) => {
      const variants = applied.map((a) => ({ name: a.applied.name, policy: a.policy, targets, applied: a.applied, scenario: build(a.applied.sets) }));
      const figures = await Promise.all(variants.map((v) => counted(run(v.scenario, 'policy'))));
      return variants.map((v, i) => ({ ...v, figures: figures[i], misses: missesOf({ name: v.name, ...figures[i] }, slo) }));
    };
    const first = POLICY_NAMES.map((policy) => ({ policy, applied: applyPolicy(scenario, raw, policy, policies, { keepTargets }) }));
    let rows = await runApplied(first, keepTargets ? 'kept' : 'replicas');
    const { samples: _samples, ...baseline } = await baselineRun;
    const baseRow: RightsizeRow = { applied: today, figures: baseline, misses: missesOf({ name: 'baseline', ...baseline }, slo) };
    // Only the simulated run's samples say how far a pod's cpu rose in a burst.
    if (!keepTargets && samples !== null && rows.every((r) => r.misses.length > 0)) {
      const peakCpuMilli = peakCpuMilliFromSamples(samples);
      const again = rows
        // a miss today's requests share (a service time whose p99 is over the SLO) is not the new requests' doing
        .filter((r) => !r.misses.includes('oomKills') && r.misses.some((m) => !baseRow.misses.includes(m)))
        .map((r) => ({ row: r, policy: r.policy, applied: applyPolicy(scenario, raw, r.policy, policies, { keepTargets, peakCpuMilli }) }))
        .filter(({ row, applied }) => Object.entries(applied.hpaTargets).some(([w, t]) => t.percent !== row.applied.hpaTargets[w]?.percent));
      total += again.length;
      rows = [...rows, ...(await runApplied(again, 'burst-room'))];
    }
    const choice = choosePolicy(
      rows.map((r) => ({ name: r.name, cost: r.figures.cost, p99Ms: r.figures.p99Ms, errorRate: r.figures.errorRate, oomKills: r.figures.oomKills })),
      slo,
    );
    const recommended = choice.recommended;
    return { scenario, source: plan.usage ? 'export' : 'simulation', unmatched, keepTargets, baseline: baseRow, policies: rows, recommended, reason: reasonFor(recommended, rows, baseRow) };
  } finally {
    await pools?.baseline.close();
    await pools?.policy.close();
  }
}

const MISS_WORDS: Record<string, string> = { p99: 'p99 over the SLO', errors: 'errors over the SLO', oomKills: 'OOM kills' };

function reasonFor(recommended: string | null, rows: ScenarioRightsize['policies'], baseline: RightsizeRow): string {
  const others = rows.filter((r) => r.name !== recommended && r.misses.length > 0).map((r) => `${r.name} (${r.misses.map((m) => MISS_WORDS[m]).join(', ')})`);
  const refused = others.length ? ` Refused: ${others.join('; ')}.` : '';
  if (recommended === null) return `No policy meets the SLO with no OOM kill: keep today's requests.${refused}`;
  const r = rows.find((x) => x.name === recommended)!;
  const why =
    r.targets === 'burst-room'
      ? ` ${r.policy}'s requests, with HPA targets that keep today's room for bursts: with the targets that keep only today's replica counts, every policy's pods sat below their burst peak and were short of cpu on packed nodes.`
      : '';
  const saving = baseline.figures.cost > 0 ? 1 - r.figures.cost / baseline.figures.cost : 0;
  const cheaper = rows.filter((x) => x.misses.length === 0 && x.name !== recommended);
  const change = saving >= 0 ? `${(saving * 100).toFixed(1)}% less node cost than today` : `${(-saving * 100).toFixed(1)}% more node cost than today`;
  return (
    `${recommended}: the cheapest policy that meets the SLO with no OOM kill, ${change} ` +
    `(${r.figures.cost.toFixed(2)} against ${baseline.figures.cost.toFixed(2)} ${r.figures.currency}).` +
    why +
    (cheaper.length ? ` Also qualifying, at more cost: ${cheaper.map((x) => x.name).join(', ')}.` : '') +
    refused
  );
}
