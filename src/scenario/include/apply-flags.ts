/**
 * `clusterAutoscaler.flags` -> clusterAutoscaler keys and node groups' min/max, before validation.
 *
 * Which wins when the scenario also writes a key: the flags are the team's real configuration, so a
 * key of the scenario file that disagrees with a flag is an error (drop one of them); the same value
 * twice is fine. A `--set` on the key wins over the flag, since that is how a sweep or a what-if
 * changes it. A flags list stands for the binary's whole command line at the fleet level, so what
 * it leaves out takes the binary's defaults; a cluster's own `overrides.clusterAutoscaler.flags`
 * change only what they name.
 */
import { parseDurationSec } from '../../quantity.ts';
import type { KeyPath } from '../../input/document.ts';
import { parseExpanders } from '../expanders.ts';
import type { Issue } from '../issues.ts';
import type { SetAssignment } from '../sets.ts';
import { didYouMean } from '../../input/suggest.ts';
import { BINARY_DEFAULTS, SIMULATED_FLAGS } from './flag-table.ts';
import { readClusterAutoscalerFlags, type FlagValue } from './flags.ts';
import { startsWith, type Origins, type Target } from './origins.ts';

export interface FlagsContext {
  origins: Origins;
  issues: Issue[];
  /** warnings at scenario paths (placed by the caller) */
  warnings: Issue[];
  sets: readonly SetAssignment[];
}

export interface FlagsSite {
  items: readonly string[];
  /** the clusterAutoscaler map the keys go into (created by the caller if absent) */
  ca: Record<string, unknown>;
  /** its path in the scenario */
  caPath: KeyPath;
  /** where flag item i was written */
  itemAt(index: number): Target;
  /** where the list as a whole was written (for warnings about several items) */
  listAt: Target;
  /** the node groups --nodes may name: the fleet's list, and for a cluster its overrides too */
  nodeGroups: NodeGroupsSite;
  /** a fleet-level list (the binary's whole command line) rather than a cluster's override */
  fleet: boolean;
}

export interface NodeGroupsSite {
  /** the list --nodes sets min and max on */
  list: unknown[];
  path: KeyPath;
  /** for a cluster's overrides: the fleet's groups, which an override entry may be added for */
  fleetNames?: readonly string[];
}

export function applyFlags(site: FlagsSite, ctx: FlagsContext): void {
  const read = readClusterAutoscalerFlags(site.items);
  const place = (index: number, message: string, warning = false) => {
    const t = site.itemAt(index);
    // Problems in a flag item are issues at a synthetic path mapped back to the item.
    const path: KeyPath = [...site.caPath, 'flags', index];
    if (t.kind === 'elsewhere' || String(t.path) !== String(path)) ctx.origins.add(path, () => t);
    (warning ? ctx.warnings : ctx.issues).push({ path, message });
  };
  for (const p of read.problems) place(p.index, p.message);
  for (const u of read.unknown) {
    place(u.index, `unknown cluster-autoscaler flag --${u.flag}${u.suggestion ? ` (did you mean --${u.suggestion}?)` : ''}: ignored`, true);
  }
  if (read.unsimulated.length > 0) {
    const names = [...new Set(read.unsimulated.map((u) => `--${u.flag}`))];
    place(read.unsimulated[0].index, `not simulated, so without effect here: ${names.join(', ')}`, true);
  }

  for (const [key, v] of read.keys) setKey(site, key, v, ctx);
  if (site.fleet) {
    for (const [key, value] of Object.entries(BINARY_DEFAULTS)) {
      if (read.keys.has(key) || site.ca[key] !== undefined) continue;
      site.ca[key] = value;
      ctx.origins.add([...site.caPath, key], () => site.listAt);
    }
  }

  const seen = new Map<string, number>();
  for (const n of read.nodes) {
    const first = seen.get(n.name);
    if (first !== undefined) {
      place(n.index, `node group "${n.name}" is already given by the --nodes flag at item ${first}`);
      continue;
    }
    seen.set(n.name, n.index);
    setNodeGroupSize(site, n, ctx, place);
  }
}

function setKey(site: FlagsSite, key: string, v: FlagValue, ctx: FlagsContext): void {
  const keyPath: KeyPath = [...site.caPath, key];
  const from = site.itemAt(v.index);
  const explicit = site.ca[key];
  if (explicit !== undefined) {
    if (wasSet(keyPath, ctx.sets)) return; // a --set is the user's deliberate change
    if (!sameValue(key, explicit, v.value)) {
      ctx.issues.push({ path: keyPath, message: `conflicts with the flag ${v.text} (${describeTarget(from)}): the flags are the autoscaler's real configuration; drop this key or change the flag` });
    }
    return;
  }
  site.ca[key] = v.value;
  ctx.origins.add(keyPath, () => from);
}

function setNodeGroupSize(
  site: FlagsSite,
  n: { text: string; index: number; min: number; max: number; name: string },
  ctx: FlagsContext,
  place: (index: number, message: string) => void,
): void {
  const groups = site.nodeGroups;
  const from = site.itemAt(n.index);
  let j = groups.list.findIndex((g) => isObject(g) && g.name === n.name);
  if (j < 0) {
    const fleetHasIt = groups.fleetNames?.includes(n.name) ?? false;
    if (!fleetHasIt) {
      const names = [...(groups.fleetNames ?? []), ...groups.list.flatMap((g) => (isObject(g) && typeof g.name === 'string' ? [g.name] : []))];
      place(
        n.index,
        `${n.text} names node group "${n.name}", which nodeGroups does not define${didYouMean(n.name, names)}; ` +
          `add {name: ${n.name}, allocatable, pricePerHour, provisioningDelay} under nodeGroups (the flag gives only its min and max)`,
      );
      return;
    }
    // A cluster's flag for a fleet group: an override entry holding just the size.
    j = groups.list.length;
    groups.list.push({ name: n.name });
    ctx.origins.add([...groups.path, j], () => from);
  }
  const group = groups.list[j] as Record<string, unknown>;
  for (const [key, value] of [['min', n.min], ['max', n.max]] as const) {
    const keyPath: KeyPath = [...groups.path, j, key];
    if (group[key] !== undefined) {
      if (!wasSet(keyPath, ctx.sets) && group[key] !== value) {
        ctx.issues.push({ path: keyPath, message: `conflicts with the flag ${n.text} (${describeTarget(from)}), which gives ${key} ${value}: drop this key or change the flag` });
      }
      continue;
    }
    group[key] = value;
    ctx.origins.add(keyPath, () => from);
  }
}

function wasSet(path: KeyPath, sets: readonly SetAssignment[]): boolean {
  return sets.some((s) => startsWith(path, s.path) || startsWith(s.path, path));
}

/** Values compared as the loader will read them: durations in seconds, chains by their names. */
function sameValue(key: string, explicit: unknown, flag: string | number | boolean): boolean {
  const type = Object.values(SIMULATED_FLAGS).find((f) => f.key === key)?.type;
  try {
    if (type === 'duration') return parseDurationSec(explicit) === parseDurationSec(flag);
    if (key === 'expander' && typeof explicit === 'string' && typeof flag === 'string') {
      return parseExpanders(explicit).expanders.join(',') === parseExpanders(flag).expanders.join(',');
    }
  } catch {
    return false;
  }
  return explicit === flag;
}

function describeTarget(t: Target): string {
  if (t.kind === 'scenario') return t.path.join('.');
  return [t.where.file, t.where.line].filter((x) => x !== undefined).join(':');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
