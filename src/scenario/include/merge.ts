/**
 * A list of the scenario file merged with entries read from elsewhere, by name: an entry of the file
 * with the name of an included one completes or overrides it (maps merged key by key, anything else
 * replaced), and keeps its index, so `--set workloads.0...` still means the file's first workload.
 * Included entries no file entry names follow, in the order they were read.
 */
import type { KeyPath } from '../../input/document.ts';
import type { IncludedEntry } from './from-manifests.ts';
import { definedAlong, type Origins } from './origins.ts';

export interface MergedList {
  list: unknown[];
  /** file index -> the included entry it was merged with */
  matched: Map<number, IncludedEntry>;
  /** included entries appended after the file's, with their merged index */
  appended: { index: number; entry: IncludedEntry }[];
}

export function mergeByName(fileList: unknown, included: readonly IncludedEntry[], listPath: KeyPath, origins: Origins): MergedList {
  const file = Array.isArray(fileList) ? fileList : [];
  const byName = new Map(included.map((e) => [e.name, e]));
  const used = new Set<string>();
  const matched = new Map<number, IncludedEntry>();
  const list = file.map((entry, i) => {
    if (!isObject(entry) || typeof entry.name !== 'string') return entry;
    const inc = byName.get(entry.name);
    if (!inc || used.has(inc.name)) return entry;
    used.add(inc.name);
    matched.set(i, inc);
    // Keys the file wrote are the file's; the rest came from the included entry.
    origins.add([...listPath, i], (sub) => (sub.length === 0 || definedAlong(entry, sub) ? undefined : inc.locate(sub)));
    return deepMerge(inc.raw, entry);
  });
  const appended: MergedList['appended'] = [];
  for (const inc of included) {
    if (used.has(inc.name)) continue;
    used.add(inc.name);
    const index = list.length;
    list.push(structuredClone(inc.raw));
    origins.add([...listPath, index], (sub) => inc.locate(sub));
    appended.push({ index, entry: inc });
  }
  return { list, matched, appended };
}

/** `over` merged onto `base`: maps key by key, lists and scalars replaced. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return structuredClone(over);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : structuredClone(v);
  return out;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
