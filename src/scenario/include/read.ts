/** Reading what a scenario includes: manifest files and folders, and Helm values files. */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { HeadroomError } from '../../errors.ts';
import {
  displayPath,
  listManifestFiles,
  ManifestProblems,
  readKubernetesObjects,
  readManifestFile,
  readOverprovisionerValues,
  type ChartRelease,
  type KubeObject,
  type ManifestSet,
  type NotAnObject,
} from '../../manifests/index.ts';
import { CHART_NAME } from '../../manifests/overprovisioner-chart.ts';
import type { ScenarioDocument } from '../../input/document.ts';
import type { Issue } from '../issues.ts';
import type { ScenarioWarning } from '../../input/warnings.ts';
import { isObject } from './merge.ts';

/** What the included files say, independent of the rest of the scenario. */
export interface Read {
  set: ManifestSet;
  /** over-provisioner index -> the chart release its Helm values render */
  releases: Map<number, ChartRelease>;
  errors: HeadroomError[];
  warnings: ScenarioWarning[];
  /** at paths of the scenario file as written */
  issues: Issue[];
  warningIssues: Issue[];
}

/**
 * Per scenario document, what each list of included files said: a sweep builds many variants of
 * one document, and reads (and checks) the files once.
 */
const readCache = new WeakMap<ScenarioDocument, Map<string, Read>>();

export function readAllCached(merged: Record<string, unknown>, doc: ScenarioDocument): Read {
  const key = JSON.stringify([merged.include, helmEntries(merged).map(({ entry, index }) => [index, entry.helmValues, entry.releaseName])]);
  let byKey = readCache.get(doc);
  if (!byKey) readCache.set(doc, (byKey = new Map()));
  let read = byKey.get(key);
  if (!read) byKey.set(key, (read = readAll(merged, doc)));
  return read;
}

function readAll(merged: Record<string, unknown>, doc: ScenarioDocument): Read {
  const base = dirname(resolve(doc.file));
  const shownBase = dirname(doc.file);
  const problems = new ManifestProblems();
  const read: Read = { set: emptySet(), releases: new Map(), errors: [], warnings: [], issues: [], warningIssues: [] };
  const helm = helmEntries(merged);
  const helmFiles = helm.map(({ entry }) => resolve(base, entry.helmValues as string));
  read.set = readIncluded(merged, base, shownBase, helmFiles, problems, read);
  for (const { entry, index } of helm) {
    const path = resolve(base, entry.helmValues as string);
    if (!isFile(path)) {
      // A mistake in the scenario, not in a values file: say so at the entry, and read on.
      read.issues.push({ path: ['overprovisioner', index, 'helmValues'], message: `${entry.helmValues}: no such file (looked for ${path})` });
      read.releases.set(index, { placeholders: [], priorityClasses: [], pdbs: [] });
      continue;
    }
    const release = typeof entry.releaseName === 'string' ? entry.releaseName : CHART_NAME;
    read.releases.set(index, readOverprovisionerValues(path, join(shownBase, entry.helmValues as string), release, problems));
  }
  read.errors.push(...problems.errors);
  read.warnings.push(...problems.warnings);
  return read;
}

const emptySet = (): ManifestSet => ({ deployments: [], placeholders: [], hpas: [], priorityClasses: [], pdbs: [], clusterAutoscalers: [] });

function readIncluded(
  merged: Record<string, unknown>,
  base: string,
  shownBase: string,
  helmFiles: readonly string[],
  problems: ManifestProblems,
  read: Read,
): ManifestSet {
  const objects: KubeObject[] = [];
  const notObjects: NotAnObject[] = [];
  const include = merged.include;
  if (!Array.isArray(include) || !include.every((x) => typeof x === 'string')) return emptySet();
  include.forEach((entry: string, i) => {
    const path = resolve(base, entry);
    let files: string[];
    try {
      files = listManifestFiles(path);
    } catch (e) {
      read.issues.push({ path: ['include', i], message: `${entry}: ${(e as Error).message}` });
      return;
    }
    if (files.length === 0) read.warningIssues.push({ path: ['include', i], message: `${entry}: no .yaml, .yml or .json files in this folder` });
    for (const file of files) {
      const parsed = readManifestFile(file, displayPath(file, base, shownBase));
      problems.errors.push(...parsed.errors);
      objects.push(...parsed.objects);
      // A values file beside the manifests is expected, not worth a warning.
      if (!helmFiles.includes(file)) notObjects.push(...parsed.notObjects);
    }
  });
  return readKubernetesObjects(objects, notObjects, problems);
}

export function helmEntries(merged: Record<string, unknown>): { entry: Record<string, unknown>; index: number }[] {
  const list = Array.isArray(merged.overprovisioner) ? merged.overprovisioner : [];
  return list.flatMap((entry, index) => (isObject(entry) && typeof entry.helmValues === 'string' ? [{ entry, index }] : []));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
