/**
 * rightsized.yaml: the scenario file as written (comments and layout kept) with one policy's
 * sets applied, so `headroom run` reads exactly what rightsize simulated. Its name gains
 * `-rightsized`, so its default report folder is not the original's.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { parseDocument, isMap, isSeq, type Document } from 'yaml';
import { parseSet } from '../scenario/sets.ts';
import type { AppliedPolicy } from './apply-policy.ts';

/** Where the file is read from and written to: its relative file paths are rewritten for the new folder. */
export interface Folders {
  fromDir: string;
  toDir: string;
}

/**
 * `sets`: the command's `--set` overrides, written in before the policy's. Returns the text and
 * the files it names outside its own folder (which `headroom run` reads only with --allow-read).
 */
export function rightsizedYaml(text: string, sets: readonly string[], applied: AppliedPolicy | null, header: string, folders?: Folders): { text: string; outside: string[] } {
  const doc = parseDocument(text, { merge: true, uniqueKeys: false });
  const outside = folders ? rebasePaths(doc, folders) : [];
  for (const s of [...sets, ...(applied?.sets ?? [])]) {
    const { path, value } = parseSet(s);
    const keys = path.map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
    doc.setIn(keys, flow(doc, value));
  }
  const name = doc.get('name');
  if (typeof name === 'string') doc.set('name', `${name}-rightsized`);
  const before = doc.commentBefore ? `\n${doc.commentBefore}` : '';
  doc.commentBefore = `${header.split('\n').map((l) => ` ${l}`).join('\n')}${before}`;
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), outside };
}

/** The keys that name files, read relative to the scenario's folder (traces, measured service times, includes, Helm values). */
const FILE_KEYS: readonly (readonly (string | '*')[])[] = [
  ['workloads', '*', 'traffic', 'trace'],
  ['workloads', '*', 'serviceTime', 'histogram'],
  ['workloads', '*', 'serviceTime', 'quantiles'],
  ['include', '*'],
  ['overprovisioner', '*', 'helmValues'],
];

function rebasePaths(doc: Document, { fromDir, toDir }: Folders): string[] {
  const outside: string[] = [];
  const visit = (path: (string | number)[], rest: readonly (string | '*')[]): void => {
    if (rest.length === 0) {
      const v = doc.getIn(path);
      if (typeof v !== 'string' || isAbsolute(v)) return;
      const moved = relative(toDir, resolve(fromDir, v)) || '.';
      if (moved.startsWith('..')) outside.push(moved);
      if (moved !== v) doc.setIn(path, moved);
      return;
    }
    const [head, ...tail] = rest;
    if (head !== '*') return visit([...path, head], tail);
    const list = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isSeq(list)) list.items.forEach((_, i) => visit([...path, i], tail));
  };
  for (const keys of FILE_KEYS) visit([], keys);
  return outside;
}

/** A map value (limits) written on one line, as the scenario's requests are. */
function flow(doc: Document, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const node = doc.createNode(value);
  if (isMap(node)) node.flow = true;
  return node;
}
