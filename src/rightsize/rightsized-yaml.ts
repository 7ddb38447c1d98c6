/**
 * rightsized.yaml: the scenario file as written (comments and layout kept) with one policy's
 * sets applied, so `headroom run` reads exactly what rightsize simulated. Its name gains
 * `-rightsized`, so its default report folder is not the original's.
 */
import { parseDocument, isMap, type Document } from 'yaml';
import { parseSet } from '../scenario/sets.ts';
import type { AppliedPolicy } from './apply-policy.ts';

/** `sets`: the command's `--set` overrides, written in before the policy's. */
export function rightsizedYaml(text: string, sets: readonly string[], applied: AppliedPolicy | null, header: string): string {
  const doc = parseDocument(text, { merge: true, uniqueKeys: false });
  for (const s of [...sets, ...(applied?.sets ?? [])]) {
    const { path, value } = parseSet(s);
    const keys = path.map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
    doc.setIn(keys, flow(doc, value));
  }
  const name = doc.get('name');
  if (typeof name === 'string') doc.set('name', `${name}-rightsized`);
  const before = doc.commentBefore ? `\n${doc.commentBefore}` : '';
  doc.commentBefore = `${header.split('\n').map((l) => ` ${l}`).join('\n')}${before}`;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** A map value (limits) written on one line, as the scenario's requests are. */
function flow(doc: Document, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const node = doc.createNode(value);
  if (isMap(node)) node.flow = true;
  return node;
}
