/**
 * What a re-import changes: the node groups of the scenario on disk against those of a fresh
 * import, cluster by cluster, on the keys an import writes. Keys the planner added (provisioning
 * delays, workloads) are not compared; a price or allocatable they gave shows as one the import
 * would drop.
 */
import { parse } from 'yaml';

const KEYS = ['instanceType', 'region', 'min', 'max', 'initial', 'pricePerHour', 'allocatable.cpu', 'allocatable.memory', 'allocatable.pods'] as const;

type Fields = Partial<Record<(typeof KEYS)[number], unknown>>;

/** One line per change: `prod/general: max 30 -> 40`; empty when the node groups are the same. */
export function diffNodeGroups(beforeText: string, afterText: string): string[] {
  const before = effectiveGroups(safeParse(beforeText));
  const after = effectiveGroups(safeParse(afterText));
  const single = before.size <= 1 && after.size <= 1 && [...before.keys()][0] === [...after.keys()][0];
  const lines: string[] = [];
  for (const cluster of union(before.keys(), after.keys())) {
    const b = before.get(cluster);
    const a = after.get(cluster);
    if (!a) {
      lines.push(`cluster ${cluster}: no longer in the import`);
      continue;
    }
    if (!b) {
      lines.push(`cluster ${cluster}: new`);
      continue;
    }
    for (const name of union(b.keys(), a.keys())) {
      const label = single ? name : `${cluster}/${name}`;
      const gb = b.get(name);
      const ga = a.get(name);
      if (!ga) lines.push(`${label}: no longer in the import`);
      else if (!gb) lines.push(`${label}: new (${describe(ga)})`);
      else {
        const changes = KEYS.filter((k) => JSON.stringify(gb[k]) !== JSON.stringify(ga[k])).map((k) => `${k} ${show(gb[k])} -> ${show(ga[k])}`);
        if (changes.length > 0) lines.push(`${label}: ${changes.join(', ')}`);
      }
    }
  }
  return lines;
}

function safeParse(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** cluster -> group -> the compared keys, the fleet's groups merged with each cluster's overrides. */
function effectiveGroups(raw: unknown): Map<string, Map<string, Fields>> {
  const out = new Map<string, Map<string, Fields>>();
  if (!isMap(raw)) return out;
  const fleet = list(raw.nodeGroups);
  const clusters = Array.isArray(raw.clusters) ? raw.clusters : ['default'];
  for (const c of clusters) {
    const name = typeof c === 'string' ? c : isMap(c) ? String(c.name) : String(c);
    const overrides = isMap(c) && isMap(c.overrides) ? list(c.overrides.nodeGroups) : [];
    const groups = new Map<string, Fields>();
    for (const g of fleet) groups.set(String(g.name), fields(g));
    for (const g of overrides) {
      // an override that only sizes a fleet group to nothing leaves it out of that cluster
      if (g.max === 0 && Object.keys(g).every((k) => ['name', 'min', 'max', 'initial'].includes(k))) groups.delete(String(g.name));
      else groups.set(String(g.name), { ...groups.get(String(g.name)), ...fields(g) });
    }
    out.set(name, groups);
  }
  return out;
}

function fields(g: Record<string, unknown>): Fields {
  const f: Fields = {};
  const alloc = isMap(g.allocatable) ? g.allocatable : {};
  for (const k of KEYS) {
    const v = k.startsWith('allocatable.') ? alloc[k.slice('allocatable.'.length)] : g[k];
    if (v !== undefined) f[k] = v;
  }
  return f;
}

function describe(g: Fields): string {
  return [g.instanceType, g.max !== undefined ? `max ${show(g.max)}` : ''].filter(Boolean).join(', ') || 'no instance type';
}

function show(v: unknown): string {
  return v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v);
}

function union(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])];
}

function list(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isMap) : [];
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
