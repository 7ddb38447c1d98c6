/**
 * `--set path=value`: one key of the scenario overridden before validation, so the result is
 * checked exactly as if the file had said it. Sweeps reuse this to vary keys.
 */
import { parse as parseYaml } from 'yaml';
import { HeadroomError } from '../errors.ts';
import { describeValue } from '../input/describe.ts';
import { formatPath, type KeyPath } from '../input/document.ts';
import { reservedKeyPaths, RESERVED_KEY_MESSAGE } from '../input/reserved-keys.ts';
import { acceptsNamedMap, checkScenarioPath } from './paths.ts';

export interface SetAssignment {
  /** as the user wrote it, for messages */
  text: string;
  path: string[];
  value: unknown;
  /** the flag it came from, for messages: a sweep's grid point is applied as sets too */
  flag: '--set' | '--vary';
}

/** `workloads.1.hpa.max=300` -> path and value (the value read as YAML: `80`, `price`, `true`, `[a, b]`). */
export function parseSet(text: string, flag: SetAssignment['flag'] = '--set'): SetAssignment {
  const eq = text.indexOf('=');
  if (eq <= 0) {
    throw new HeadroomError('usage', `${flag} ${text}: expected path=value, e.g. overprovisioner.0.replicasPerCluster=80`);
  }
  const pathText = text.slice(0, eq).trim();
  const valueText = text.slice(eq + 1);
  const path = pathText.split('.');
  try {
    checkScenarioPath(path);
  } catch (e) {
    // The message names the path already; a location would only repeat it.
    if (e instanceof HeadroomError) throw new HeadroomError('usage', `${flag} ${text}: ${e.message}`);
    throw e;
  }
  const value = parseSetValue(valueText, `${flag} ${text}`);
  const reserved = reservedKeyPaths(value);
  if (reserved.length > 0) throw new HeadroomError('usage', `${flag} ${text}: "${reserved[0].at(-1)}" in the value ${RESERVED_KEY_MESSAGE}`);
  return { text, path, value, flag };
}

function parseSetValue(valueText: string, flagged: string): unknown {
  if (valueText.trim() === '') return '';
  try {
    return parseYaml(valueText);
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new HeadroomError('usage', `${flagged}: the value is not valid YAML (${why})`);
  }
}

/**
 * A copy of `raw` (the scenario as plain data) with each `path=value` applied in order. Missing
 * maps on the way are created; a list element must already exist (`workloads.5` in a scenario of
 * two workloads is an error, not a new workload). A cluster written as a bare name becomes
 * `{name: ...}` when a key is set inside it.
 */
export function applySets<T>(raw: T, sets: readonly (string | SetAssignment)[]): T {
  if (sets.length === 0) return raw;
  if (!isMap(raw)) throw new HeadroomError('usage', `--set needs a scenario that is a map of keys, got ${describeValue(raw)}`);
  const copy = structuredClone(raw) as Record<string, unknown>;
  for (const s of sets) assign(copy, typeof s === 'string' ? parseSet(s) : s);
  return copy as T;
}

function assign(root: Record<string, unknown>, set: SetAssignment): void {
  const fail = (message: string) => new HeadroomError('usage', `${set.flag} ${set.text}: ${message}`);
  let container: unknown = root;
  for (let i = 0; i < set.path.length; i++) {
    const seg = set.path[i];
    const last = i === set.path.length - 1;
    if (Array.isArray(container)) {
      const index = Number(seg);
      if (!/^\d+$/.test(seg)) throw fail(`${formatPath(set.path.slice(0, i))} is a list in the scenario, not a map`);
      if (!(index < container.length)) {
        throw fail(`${formatPath(set.path.slice(0, i))} has ${container.length} element${container.length === 1 ? '' : 's'}, so there is no element ${index}`);
      }
      if (last) container[index] = set.value;
      else container = descend(container, index, set.path, i, fail);
    } else if (isMap(container)) {
      if (last) container[seg] = set.value;
      else container = descend(container, seg, set.path, i, fail);
    }
  }
}

/** The child to go into for the next segment, created or widened from a name when that is unambiguous. */
function descend(
  parent: Record<string, unknown> | unknown[],
  key: string | number,
  path: string[],
  i: number,
  fail: (message: string) => HeadroomError,
): unknown {
  const childPath = path.slice(0, i + 1);
  const nextSeg = path[i + 1];
  let child = (parent as Record<string | number, unknown>)[key];
  if (child === undefined || child === null) {
    if (/^\d+$/.test(nextSeg)) throw fail(`${formatPath(childPath)} is not in the scenario, so it has no element ${nextSeg}`);
    child = {};
  } else if (typeof child === 'string' && acceptsNamedMap(childPath)) {
    child = { name: child };
  } else if (!isMap(child) && !Array.isArray(child)) {
    throw fail(
      `${formatPath(childPath)} is ${describeValue(child)} in the scenario, not a map: set the whole value instead`,
    );
  }
  (parent as Record<string | number, unknown>)[key] = child;
  return child;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
