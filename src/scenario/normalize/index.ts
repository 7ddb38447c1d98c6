/**
 * A validated raw scenario -> the Scenario the simulation runs: quantities in base units, every
 * default filled, overrides applied, cross-references and cross-checks done. Problems are
 * collected, never thrown, so the user sees them all at once.
 */
import { basename, extname } from 'node:path';
import { formatDuration } from '../../quantity.ts';
import { SCENARIO_DEFAULTS } from '../defaults.ts';
import type { Issue } from '../issues.ts';
import type { RawOverprovisioner, RawScenario } from '../schema/index.ts';
import type { ClusterSpec, HpaSpec, InputFile, Scenario } from '../types.ts';
import { CONFINED, type ReadScope } from '../../input/files.ts';
import { checkUnique, IssueSink, type NormalizeContext, ratio, sec, under } from './context.ts';
import { normalizeBuffers } from './buffers.ts';
import { clusterNames, type FleetContext, normalizeCluster, normalizeClusters } from './clusters.ts';
import { applySets, type SetAssignment } from '../sets.ts';
import { scenarioSchema } from '../schema/index.ts';
import { fromZodIssues } from '../issues.ts';
import { isHeadroomError } from '../../errors.ts';
import { formatPath } from '../../input/document.ts';
import { normalizePodDisruptionBudgets } from './disruption.ts';
import { defaultPlaceholderClass } from './overprovisioner.ts';
import { normalizePriorityClasses } from './priority.ts';
import { normalizeFaults } from './faults.ts';
import { normalizeChanges } from './changes.ts';
import { normalizeRouting } from './routing.ts';
import { applyLayout } from './layout.ts';
import { normalizeWorkload } from './workloads.ts';
import { normalizeHpa } from './hpa.ts';
import { normalizeDaemonSet } from './placement.ts';

export interface NormalizeOptions {
  file: string;
  /** folder trace paths are relative to */
  baseDir: string;
  checkFiles: boolean;
  /** overrides the file's seed */
  seed?: number;
  /** where traces may be read from */
  reads?: ReadScope;
  /** the files already read (included manifests, Helm values); traces are added to them */
  inputs?: readonly InputFile[];
}

/** The notice a fleet without workloads gets (an import of node groups alone leaves it out: its TODO says so). */
export const NO_WORKLOADS = 'the fleet has no workloads: no request is served or failed, so latency and errors are 0 and the SLO is met by default';

export function normalizeScenario(written: RawScenario, opts: NormalizeOptions): { scenario: Scenario; issues: Issue[]; warnings: Issue[] } {
  const sink = new IssueSink();
  // 0. The layout: a cluster per zone as written, or the same fleet as one cluster over the zones.
  const raw = applyLayout(written, sink);

  // 1. Time: everything else is checked against the run's length.
  const durationSec = raw.duration === undefined ? SCENARIO_DEFAULTS.durationSec : sec(raw.duration);
  const stepSec = raw.step === undefined ? SCENARIO_DEFAULTS.stepSec : sec(raw.step);
  checkTime(durationSec, stepSec, sink);
  const inputs = new Map((opts.inputs ?? []).map((f) => [f.file, f]));
  const ctx: NormalizeContext = { sink, baseDir: opts.baseDir, checkFiles: opts.checkFiles, durationSec, reads: opts.reads ?? CONFINED, inputs };

  // 2. Priority classes, then the workloads that name them.
  const classes = normalizePriorityClasses(raw.priorityClasses ?? [], under(['priorityClasses']), sink);
  const rawWorkloads = raw.workloads ?? [];
  checkUnique(rawWorkloads, under(['workloads']), 'workload', sink);
  const workloads = rawWorkloads.map((w, i) => normalizeWorkload(w, under(['workloads', i]), classes, ctx));
  if (workloads.length === 0) {
    // Not an error (a fleet of placeholders alone shows what the autoscaler does with them),
    // but a run with no requests "meets" any SLO, which must not pass unremarked.
    sink.warn(
      raw.workloads === undefined ? [] : ['workloads'],
      NO_WORKLOADS,
      raw.workloads === undefined,
    );
  }

  // 3. Placeholders sit below every workload; a class is made up for them if the scenario has none.
  const rawPlaceholders = plainOverprovisioners(raw, sink);
  checkUnique(rawPlaceholders, under(['overprovisioner']), 'overprovisioner', sink);
  const placeholder = defaultPlaceholderClass(classes, workloads);
  const needsDefault = rawPlaceholders.some((o) => o.priorityClass === undefined);
  const priorityClasses = placeholder.synthesized && needsDefault ? [...classes, placeholder.cls] : classes;

  // 4. Clusters, each with its overrides merged in.
  checkUnique(
    (raw.clusters ?? []).map((c) => ({ name: typeof c === 'string' ? c : c.name })),
    under(['clusters']),
    'cluster',
    sink,
  );
  checkUnique(raw.nodeGroups, under(['nodeGroups']), 'node group', sink);
  const buffers = normalizeBuffers(raw.buffers ?? [], under(['buffers']), { sink, classes, workloads });
  const fleetCtx = { ...ctx, classes, placeholderClass: placeholder.cls, workloads, overprovisioner: rawPlaceholders, buffers };
  const clusters = normalizeClusters(raw, SCENARIO_DEFAULTS.clusters, fleetCtx);
  const podDisruptionBudgets = normalizePodDisruptionBudgets(raw.podDisruptionBudgets ?? [], under(['podDisruptionBudgets']), sink);

  // 5. Routing over those clusters.
  const routing = normalizeRouting(raw.routing, clusterNames(raw, SCENARIO_DEFAULTS.clusters), ctx, new Map(clusters.map((c) => [c.name, c.zones])));

  const errorRate = raw.slo?.errorRate === undefined ? SCENARIO_DEFAULTS.slo.errorRate : ratio(raw.slo.errorRate);
  if (errorRate > 1) sink.add(['slo', 'errorRate'], `an error rate is at most 100%, got ${errorRate}`);
  const latencyP99Sec = raw.slo?.latencyP99 === undefined ? SCENARIO_DEFAULTS.slo.latencyP99Sec : sec(raw.slo.latencyP99);
  if (latencyP99Sec <= 0) sink.add(['slo', 'latencyP99'], 'latencyP99 must be greater than 0');

  const scenario: Scenario = {
    name: raw.name ?? nameFromFile(opts.file),
    file: opts.file,
    seed: opts.seed ?? raw.seed ?? SCENARIO_DEFAULTS.seed,
    durationSec,
    stepSec,
    clusters,
    priorityClasses,
    workloads,
    routing,
    serving: { model: raw.serving?.model ?? SCENARIO_DEFAULTS.serving.model },
    slo: { latencyP99Sec, errorRate },
    currency: raw.currency ?? SCENARIO_DEFAULTS.currency,
    podDisruptionBudgets,
  };
  if (inputs.size > 0) scenario.inputs = [...inputs.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // A scenario without DaemonSets keeps its old shape (and hash).
  if (raw.daemonSets !== undefined && raw.daemonSets.length > 0) {
    checkUnique(raw.daemonSets, under(['daemonSets']), 'DaemonSet', sink);
    scenario.daemonSets = raw.daemonSets.map(normalizeDaemonSet);
  }
  const faults = normalizeFaults(raw.faults, clusters, ctx);
  if (faults !== undefined) scenario.faults = faults;
  const changes = normalizeChanges(raw.changes, clusters, workloads, ctx, (sets, name) => clusterWith(raw, sets, name, fleetCtx));
  if (changes !== undefined) scenario.changes = changes;
  return { scenario, issues: sink.issues, warnings: sink.warnings };
}

/** One cluster's spec after `sets` are applied to the scenario, checked as the file would be. */
function clusterWith(raw: RawScenario, edit: SetAssignment[] | ((raw: RawScenario) => void), name: string, fleetCtx: FleetContext): { spec?: ClusterSpec; hpas?: (HpaSpec | undefined)[]; problems: string[] } {
  let after: RawScenario;
  try {
    if (typeof edit === 'function') {
      after = structuredClone(raw);
      edit(after);
    } else {
      after = applySets(raw, edit);
    }
  } catch (e) {
    if (isHeadroomError(e)) return { problems: [e.message.replace(/^--set /, '')] };
    throw e;
  }
  const parsed = scenarioSchema.safeParse(after);
  if (!parsed.success) return { problems: fromZodIssues(parsed.error.issues).map((i) => `${formatPath(i.path)}: ${i.message}`) };
  const sink = new IssueSink();
  const entry = (parsed.data.clusters ?? []).find((c) => (typeof c === 'string' ? c : c.name) === name);
  const ov = entry === undefined || typeof entry === 'string' ? undefined : entry.overrides;
  const zones = entry === undefined || typeof entry === 'string' ? undefined : entry.zones;
  const spec = normalizeCluster(parsed.data, name, zones, ov, ['clusters'], { ...fleetCtx, sink, overprovisioner: plainOverprovisioners(parsed.data, sink) });
  // the workloads' HPAs as the edited scenario gives them (an override may change them for this cluster)
  const hpas = (parsed.data.workloads ?? []).map((w, i) => (w.hpa ? normalizeHpa(w.hpa, under(['workloads', i, 'hpa']), sink) : undefined));
  return sink.issues.length > 0 ? { problems: sink.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) } : { spec, hpas, problems: [] };
}

/**
 * The over-provisioner entries as written out: a `helmValues` entry has been expanded by the
 * include step before validation, so one left here is a bug, reported rather than skipped silently.
 */
function plainOverprovisioners(raw: RawScenario, sink: IssueSink): RawOverprovisioner[] {
  return (raw.overprovisioner ?? []).map((o, i) => {
    if ('helmValues' in o) {
      sink.add(['overprovisioner', i, 'helmValues'], 'the Helm values were not read');
      return { name: `helm-${i}`, requests: { cpu: 0, memory: 0 }, replicasPerCluster: 0 };
    }
    return o;
  });
}

function checkTime(durationSec: number, stepSec: number, sink: IssueSink): void {
  if (durationSec <= 0) sink.add(['duration'], 'duration must be greater than 0');
  if (stepSec <= 0) {
    sink.add(['step'], 'step must be greater than 0');
    return;
  }
  if (durationSec <= 0) return;
  if (stepSec > durationSec) {
    sink.add(['step'], `step (${formatDuration(stepSec)}) is longer than the duration (${formatDuration(durationSec)})`);
    return;
  }
  const steps = durationSec / stepSec;
  if (Math.abs(steps - Math.round(steps)) > 1e-9 * steps) {
    sink.add(['step'], `the duration (${formatDuration(durationSec)}) is not a whole number of steps of ${formatDuration(stepSec)} (${steps.toFixed(2)})`);
  } else if (steps > SCENARIO_DEFAULTS.maxSteps) {
    sink.add(['step'], `${Math.round(steps)} steps is more than ${SCENARIO_DEFAULTS.maxSteps}: use a longer step`);
  }
}

function nameFromFile(file: string): string {
  const base = basename(file, extname(file));
  return base.length > 0 ? base : 'scenario';
}
