/**
 * The step between `--set` and validation that brings in what the scenario points at:
 *
 * 1. `include:` manifests (files or folders, relative to the scenario) become priority classes,
 *    workloads (a Deployment and its HPA), over-provisioner entries (placeholder Deployments) and
 *    PodDisruptionBudgets, merged by name with the file's own entries (the file's keys win);
 * 2. `overprovisioner: [{helmValues: values.yaml}]` entries become one entry per chart deployment,
 *    in place, with the chart's priority classes and PDBs;
 * 3. `clusterAutoscaler.flags` (and each cluster's) become clusterAutoscaler keys and node groups'
 *    min/max; an included cluster-autoscaler Deployment's command line serves when the scenario
 *    has no flags of its own.
 *
 * The result is the scenario as if the file had written it all, plus where each added key came
 * from, so a problem found by validation is placed in the manifest, values file or flag that gave it.
 * Problems in the manifests themselves stop here (before validation), all reported together.
 */
import { HeadroomError } from '../../errors.ts';
import type { ChartRelease, ManifestSet } from '../../manifests/index.ts';
import type { ScenarioDocument } from '../../input/document.ts';
import type { Issue } from '../issues.ts';
import type { SetAssignment } from '../sets.ts';
import type { ScenarioWarning } from '../../input/warnings.ts';
import { applyAllFlags } from './flag-sites.ts';
import { daemonSetEntry, nodePoolEntry, placeholderEntry, pdbEntry, priorityClassEntry, workloadEntry, type IncludedEntry } from './from-manifests.ts';
import { isObject, mergeByName } from './merge.ts';
import { mergeTerraformGroups } from './from-terraform.ts';
import { Origins } from './origins.ts';
import { readAllCached } from './read.ts';
import { SYSTEM_PRIORITY_CLASSES } from '../schema/fleet.ts';
import type { ReadScope } from '../../input/files.ts';
import type { InputFile } from '../types.ts';

export { Origins, type Target } from './origins.ts';

export interface IncludeResult {
  /** the scenario with everything included, for validation */
  raw: unknown;
  origins: Origins;
  /** problems in the included files, already placed there: they stop the load before validation */
  errors: HeadroomError[];
  /** problems at paths of the merged scenario, placed with `origins` */
  issues: Issue[];
  /** warnings already placed */
  warnings: ScenarioWarning[];
  /** warnings at paths of the merged scenario, placed with `origins` */
  warningIssues: Issue[];
  /** problems and warnings at paths of the scenario file as written (before any list was expanded) */
  fileIssues: Issue[];
  fileWarningIssues: Issue[];
  /** the files read, with their digests */
  inputs: InputFile[];
}

export interface IncludeContext {
  doc: ScenarioDocument;
  sets: readonly SetAssignment[];
  /** where included files may be read from */
  reads?: ReadScope;
}

export function resolveIncludes(raw: unknown, ctx: IncludeContext): IncludeResult {
  const origins = new Origins();
  const out: IncludeResult = { raw, origins, errors: [], issues: [], warnings: [], warningIssues: [], fileIssues: [], fileWarningIssues: [], inputs: [] };
  if (!isObject(raw)) return out;
  const merged = structuredClone(raw);
  out.raw = merged;

  const read = readAllCached(merged, ctx.doc, ctx.reads);
  const { set, releases } = read;
  out.inputs.push(...read.inputs);
  out.warnings.push(...read.warnings);
  out.fileIssues.push(...read.issues);
  out.fileWarningIssues.push(...read.warningIssues);
  if (read.errors.length > 0) {
    out.errors.push(...read.errors);
    return out;
  }

  const classes = dedupeClasses([...set.priorityClasses.map(priorityClassEntry), ...[...releases.values()].flatMap((r) => r.priorityClasses.map(priorityClassEntry))], out);
  if (classes.length > 0) merged.priorityClasses = mergeByName(merged.priorityClasses, classes, ['priorityClasses'], origins).list;

  const hpaOf = new Map(set.hpas.map((h) => [h.target, h]));
  const workloads = set.deployments.map((d) => workloadEntry(d, hpaOf.get(d.name)));
  if (workloads.length > 0 || Array.isArray(merged.include)) mergeWorkloads(merged, workloads, out);

  expandOverprovisioners(merged, releases, set, origins);
  if (read.terraform.length > 0) mergeTerraformGroups(merged, read.terraform, origins, { issues: out.issues, warningIssues: out.warningIssues });

  const pdbs = [...set.pdbs.map(pdbEntry), ...[...releases.values()].flatMap((r) => r.pdbs.map(pdbEntry))];
  if (pdbs.length > 0) merged.podDisruptionBudgets = mergeByName(merged.podDisruptionBudgets, pdbs, ['podDisruptionBudgets'], origins).list;

  if (set.daemonSets.length > 0) merged.daemonSets = mergeByName(merged.daemonSets, set.daemonSets.map(daemonSetEntry), ['daemonSets'], origins).list;

  // Included NodePools say the team runs Karpenter, unless the scenario says which autoscaler it runs.
  if (set.nodePools.length > 0) {
    merged.nodePools = mergeByName(merged.nodePools, set.nodePools.map(nodePoolEntry), ['nodePools'], origins).list;
    if (merged.autoscaler === undefined) merged.autoscaler = 'karpenter';
  }

  applyAllFlags(merged, set, { origins, issues: out.issues, warnings: out.warningIssues, sets: ctx.sets });
  addSystemClasses(merged);
  return out;
}

/** Kubernetes' own classes exist in every cluster: one a pod names is added when nothing defines it. */
function addSystemClasses(merged: Record<string, unknown>): void {
  const classes = Array.isArray(merged.priorityClasses) ? merged.priorityClasses : [];
  const defined = new Set(classes.flatMap((c) => (isObject(c) && typeof c.name === 'string' ? [c.name] : [])));
  const named = [merged.workloads, merged.overprovisioner].flatMap((list) =>
    Array.isArray(list) ? list.flatMap((w) => (isObject(w) && typeof w.priorityClass === 'string' ? [w.priorityClass] : [])) : [],
  );
  const missing = [...new Set(named)].filter((n) => SYSTEM_PRIORITY_CLASSES[n] !== undefined && !defined.has(n));
  if (missing.length === 0) return;
  merged.priorityClasses = [...classes, ...missing.map((name) => ({ name, value: SYSTEM_PRIORITY_CLASSES[name] }))];
}

/**
 * The same class from two places (a rendered chart and its values, say) must say the same thing;
 * the first is kept.
 */
function dedupeClasses(entries: IncludedEntry[], out: IncludeResult): IncludedEntry[] {
  const kept = new Map<string, IncludedEntry>();
  for (const e of entries) {
    const first = kept.get(e.name);
    if (!first) {
      kept.set(e.name, e);
      continue;
    }
    if (first.raw.value === e.raw.value && Boolean(first.raw.globalDefault) === Boolean(e.raw.globalDefault)) continue;
    const was = first.locate(['value']);
    const here = e.locate(['value']);
    const also = was.kind === 'elsewhere' ? ` (also defined at ${[was.where.file, was.where.line].filter((x) => x !== undefined).join(':')})` : '';
    const message = `PriorityClass "${e.name}" is defined twice with different values${also}`;
    if (here.kind === 'elsewhere') out.errors.push(new HeadroomError(here.code, message, here.where));
    else out.issues.push({ path: here.path, message });
  }
  return [...kept.values()];
}

function mergeWorkloads(merged: Record<string, unknown>, workloads: IncludedEntry[], out: IncludeResult): void {
  const result = mergeByName(merged.workloads, workloads, ['workloads'], out.origins);
  merged.workloads = result.list;
  const names = workloads.map((w) => w.name);
  result.list.forEach((w, i) => {
    if (!isObject(w)) return;
    const inc = result.matched.get(i) ?? result.appended.find((a) => a.index === i)?.entry;
    if (!inc) {
      // A file workload that names no Deployment must be complete; say why when it is not.
      if (Array.isArray(merged.include) && typeof w.name === 'string' && (w.requests === undefined || w.serviceTime === undefined)) {
        out.issues.push({ path: ['workloads', i, 'name'], message: `no included Deployment is named "${w.name}"${didYouMeanList(w.name, names)}, so this workload needs requests and serviceTime of its own` });
      }
      return;
    }
    if (w.serviceTime === undefined) {
      out.issues.push({
        path: ['workloads', i],
        message: `Deployment "${inc.name}" says nothing of how long a request takes: add the annotation headroom/service-time (e.g. "50ms") or a scenario workload named ${inc.name} with serviceTime`,
      });
      w.serviceTime = '1s'; // keeps validation from repeating the same problem as "required"
    }
    clampToHpa(w, i, inc, out);
  });
}

/**
 * The HPA would move a Deployment's replicas into [min, max] on its first sync, so a manifest's
 * replicas outside it start there (with a warning) instead of failing the check a scenario gets.
 */
function clampToHpa(w: Record<string, unknown>, i: number, inc: IncludedEntry, out: IncludeResult): void {
  const hpa = w.hpa;
  if (!isObject(hpa) || typeof w.replicas !== 'number') return;
  const replicasFromFile = out.origins.locate(['workloads', i, 'replicas']) === undefined;
  if (replicasFromFile) return;
  const min = typeof hpa.min === 'number' ? hpa.min : 1;
  const max = typeof hpa.max === 'number' ? hpa.max : Infinity;
  const clamped = Math.min(Math.max(w.replicas, min), max);
  if (clamped === w.replicas) return;
  const t = inc.locate(['replicas']);
  const message = `replicas ${w.replicas} is outside its HPA's ${min}..${max}; it starts at ${clamped}, where the HPA would move it`;
  if (t.kind === 'elsewhere') out.warnings.push({ ...t.where, message });
  w.replicas = clamped;
}

function didYouMeanList(name: string, names: readonly string[]): string {
  return names.length > 0 ? ` (the included Deployments: ${names.join(', ')})` : '';
}

/**
 * Helm entries expand in place (one entry per chart deployment); placeholder Deployments from the
 * manifests follow the file's entries. Positions of the file's later entries move, so each is
 * mapped back to where the file wrote it.
 */
function expandOverprovisioners(merged: Record<string, unknown>, releases: Map<number, ChartRelease>, set: ManifestSet, origins: Origins): void {
  const file = Array.isArray(merged.overprovisioner) ? merged.overprovisioner : [];
  if (releases.size === 0 && set.placeholders.length === 0) return;
  const list: unknown[] = [];
  const mapFile = (from: number) => {
    const to = list.length;
    if (to !== from) origins.add(['overprovisioner', to], (sub) => ({ kind: 'scenario', path: ['overprovisioner', from, ...sub] }));
  };
  file.forEach((entry, k) => {
    const release = releases.get(k);
    if (!release) {
      mapFile(k);
      list.push(entry);
      return;
    }
    for (const p of release.placeholders) addEntry(list, placeholderEntry(p), origins);
  });
  for (const p of set.placeholders) addEntry(list, placeholderEntry(p), origins);
  merged.overprovisioner = list;
}

function addEntry(list: unknown[], e: IncludedEntry, origins: Origins): void {
  origins.add(['overprovisioner', list.length], (sub) => e.locate(sub));
  list.push(structuredClone(e.raw));
}
