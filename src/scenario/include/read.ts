/** Reading what a scenario includes: manifest files and folders, and Helm values files. */
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isHeadroomError, type HeadroomError } from '../../errors.ts';
import { looksLikeTerraform, readNodeGroups, readTerraformFile, type ImportedGroup } from '../../terraform/index.ts';
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
import { CONFINED, confinePath, documentLimit, fileDigest, type ReadScope } from '../../input/files.ts';
import type { InputFile } from '../types.ts';

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
  /** every file read, as shown in messages, with its sha256: part of the run's identity */
  inputs: InputFile[];
  /** node groups of the `terraform show -json` files included, by include entry */
  terraform: TerraformInclude[];
}

export interface TerraformInclude {
  /** index of the include entry that named the file (or its folder) */
  index: number;
  file: string;
  groups: ImportedGroup[];
}

/**
 * Per scenario document, what each list of included files said: a sweep builds many variants of
 * one document, and reads (and checks) the files once.
 */
const readCache = new WeakMap<ScenarioDocument, Map<string, Read>>();

export function readAllCached(merged: Record<string, unknown>, doc: ScenarioDocument, scope: ReadScope = CONFINED): Read {
  const key = JSON.stringify([merged.include, helmEntries(merged).map(({ entry, index }) => [index, entry.helmValues, entry.releaseName]), scope]);
  let byKey = readCache.get(doc);
  if (!byKey) readCache.set(doc, (byKey = new Map()));
  let read = byKey.get(key);
  if (!read) byKey.set(key, (read = readAll(merged, doc, scope)));
  return read;
}

function readAll(merged: Record<string, unknown>, doc: ScenarioDocument, scope: ReadScope): Read {
  const base = dirname(resolve(doc.file));
  const shownBase = dirname(doc.file);
  const problems = new ManifestProblems();
  const read: Read = { set: emptySet(), releases: new Map(), errors: [], warnings: [], issues: [], warningIssues: [], inputs: [], terraform: [] };
  const helm = helmEntries(merged);
  const helmFiles = helm.map(({ entry }) => resolve(base, entry.helmValues as string));
  read.set = readIncluded(merged, { base, shownBase, scope }, helmFiles, problems, read);
  for (const { entry, index } of helm) {
    const confined = confinePath(entry.helmValues as string, base, scope);
    if (!confined.ok) {
      read.issues.push({ path: ['overprovisioner', index, 'helmValues'], message: confined.message });
      read.releases.set(index, { placeholders: [], priorityClasses: [], pdbs: [] });
      continue;
    }
    const path = confined.path;
    if (!isFile(path)) {
      // A mistake in the scenario, not in a values file: say so at the entry, and read on.
      read.issues.push({ path: ['overprovisioner', index, 'helmValues'], message: `${entry.helmValues}: no such file (looked for ${path})` });
      read.releases.set(index, { placeholders: [], priorityClasses: [], pdbs: [] });
      continue;
    }
    const release = typeof entry.releaseName === 'string' ? entry.releaseName : CHART_NAME;
    const shown = join(shownBase, entry.helmValues as string);
    read.releases.set(index, readOverprovisionerValues(path, shown, release, problems, documentLimit(scope)));
    addInput(read, path, base);
  }
  read.errors.push(...problems.errors);
  read.warnings.push(...problems.warnings);
  return read;
}

const emptySet = (): ManifestSet => ({ deployments: [], placeholders: [], hpas: [], priorityClasses: [], pdbs: [], clusterAutoscalers: [], nodePools: [], daemonSets: [] });

interface Where {
  /** the scenario's folder */
  base: string;
  /** the same as the user named it, for messages */
  shownBase: string;
  scope: ReadScope;
}

function readIncluded(
  merged: Record<string, unknown>,
  where: Where,
  helmFiles: readonly string[],
  problems: ManifestProblems,
  read: Read,
): ManifestSet {
  const { base, shownBase, scope } = where;
  const objects: KubeObject[] = [];
  const notObjects: NotAnObject[] = [];
  const include = merged.include;
  if (!Array.isArray(include) || !include.every((x) => typeof x === 'string')) return emptySet();
  include.forEach((entry: string, i) => {
    const confined = confinePath(entry, base, scope);
    if (!confined.ok) {
      read.issues.push({ path: ['include', i], message: confined.message });
      return;
    }
    let files: string[];
    try {
      files = listManifestFiles(confined.path);
    } catch (e) {
      read.issues.push({ path: ['include', i], message: `${entry}: ${(e as Error).message}` });
      return;
    }
    if (files.length === 0) read.warningIssues.push({ path: ['include', i], message: `${entry}: no .yaml, .yml or .json files in this folder` });
    for (const file of files) {
      const shown = displayPath(file, base, shownBase);
      // A link inside an included folder may lead anywhere: where it leads is what must be inside.
      const inside = confinePath(file, base, scope);
      if (!inside.ok) {
        read.issues.push({ path: ['include', i], message: `${shown}: ${inside.message}` });
        continue;
      }
      // `terraform show -json` output, named or found in a folder, gives node groups, not objects.
      if ((file === confined.path || file.toLowerCase().endsWith('.json')) && looksLikeTerraform(file)) {
        readTerraformInclude(file, shown, i, problems, read);
        if (!problems.errors.some((e) => e.file === shown)) addInput(read, file, base);
        continue;
      }
      const parsed = readManifestFile(file, shown, documentLimit(scope));
      if (parsed.errors.length === 0) addInput(read, file, base);
      problems.errors.push(...parsed.errors);
      objects.push(...parsed.objects);
      // A values file beside the manifests is expected, not worth a warning.
      if (!helmFiles.includes(file)) notObjects.push(...parsed.notObjects);
    }
  });
  return readKubernetesObjects(objects, notObjects, problems);
}

function readTerraformInclude(file: string, shown: string, index: number, problems: ManifestProblems, read: Read): void {
  try {
    read.terraform.push({ index, file: shown, groups: readNodeGroups(readTerraformFile(file, shown)) });
  } catch (e) {
    if (!isHeadroomError(e)) throw e;
    problems.errors.push(e);
  }
}

export function helmEntries(merged: Record<string, unknown>): { entry: Record<string, unknown>; index: number }[] {
  const list = Array.isArray(merged.overprovisioner) ? merged.overprovisioner : [];
  return list.flatMap((entry, index) => (isObject(entry) && typeof entry.helmValues === 'string' ? [{ entry, index }] : []));
}

/** Named relative to the scenario's folder, so a checkout anywhere hashes alike. */
function addInput(read: Read, path: string, base: string): void {
  try {
    read.inputs.push({ file: relative(base, path), sha256: fileDigest(path) });
  } catch {
    // unreadable files are reported by the read itself
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
