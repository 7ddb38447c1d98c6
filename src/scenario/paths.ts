/**
 * Which key paths the scenario format has, read off the zod schema so it can never drift from
 * what validation accepts. `--set` and sweeps check their paths here before touching anything.
 */
import type { z } from 'zod';
import { HeadroomError } from '../errors.ts';
import { formatPath, type KeyPath } from '../input/document.ts';
import { scenarioSchema } from './schema/index.ts';
import { didYouMean } from '../input/suggest.ts';
import { isReservedKey, RESERVED_KEY_MESSAGE } from '../input/reserved-keys.ts';

type Schema = z.core.$ZodType;

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  options?: Schema[];
  innerType?: Schema;
  in?: Schema;
  getter?: () => Schema;
}

const def = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The concrete alternatives a schema stands for, seen through optional, default, pipes and unions. */
export function alternatives(s: Schema): Schema[] {
  const d = def(s);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return alternatives(d.innerType!);
    case 'pipe':
      return alternatives(d.in!);
    case 'lazy':
      return alternatives(d.getter!());
    case 'union':
      return d.options!.flatMap(alternatives);
    default:
      return [s];
  }
}

const isIndex = (seg: string | number) => typeof seg === 'number' || /^\d+$/.test(seg);

/** The schemas a path segment leads to from one alternative (none if it leads nowhere). */
function step(s: Schema, seg: string | number): Schema[] {
  const d = def(s);
  // Own keys only: `toString` or `constructor` must not find Object.prototype's members.
  if (d.type === 'object') return Object.hasOwn(d.shape!, String(seg)) ? alternatives(d.shape![String(seg)]) : [];
  if (d.type === 'array') return isIndex(seg) ? alternatives(d.element!) : [];
  if (d.type === 'record') return isReservedKey(seg) ? [] : alternatives(d.valueType!);
  return [];
}

export type PathCheck =
  | { ok: true; schemas: Schema[] }
  | { ok: false; message: string; depth: number };

/** Follow a path through the schema; say where and why it leaves the format. */
export function resolvePath(path: KeyPath, root: Schema = scenarioSchema): PathCheck {
  let current = alternatives(root);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const next = current.flatMap((s) => step(s, seg));
    if (next.length === 0) return { ok: false, depth: i, message: whyNot(current, path.slice(0, i), seg) };
    current = next;
  }
  return { ok: true, schemas: current };
}

function whyNot(schemas: Schema[], prefix: KeyPath, seg: string | number): string {
  const where = prefix.length === 0 ? 'the scenario' : formatPath(prefix);
  if (isReservedKey(seg)) return `"${seg}" ${RESERVED_KEY_MESSAGE}`;
  const keys = schemas.flatMap((s) => (def(s).type === 'object' ? Object.keys(def(s).shape!) : []));
  if (keys.length > 0) return `${where} has no key "${seg}"${didYouMean(String(seg), keys)}`;
  if (schemas.some((s) => def(s).type === 'array')) return `${where} is a list: expected an index such as ${formatPath([...prefix, 0])}, got "${seg}"`;
  return `${where} is a single value, it has no key "${seg}"`;
}

/** Keys an object at this path may have (the union of its alternatives' keys). */
export function knownKeysAt(path: KeyPath): string[] {
  const r = resolvePath(path);
  if (!r.ok) return [];
  return [...new Set(r.schemas.flatMap((s) => (def(s).type === 'object' ? Object.keys(def(s).shape!) : [])))];
}

/** Whether a schema alternative at this path is a map with a `name` key (so `az-a` may stand for `{name: az-a}`). */
export function acceptsNamedMap(path: KeyPath): boolean {
  const r = resolvePath(path);
  return r.ok && r.schemas.some((s) => def(s).type === 'object' && 'name' in def(s).shape!);
}

export function toKeyPath(path: string | KeyPath): KeyPath {
  if (typeof path !== 'string') return path;
  return path.split('.');
}

/** Whether `path` (`workloads.1.hpa.max` or its segments) is a key of the scenario format. */
export function isScenarioPath(path: string | KeyPath): boolean {
  const p = toKeyPath(path);
  return p.length > 0 && p.every((s) => String(s).length > 0) && resolvePath(p).ok;
}

/** Throws a HeadroomError naming the path, and why, unless it is a key of the scenario format. */
export function checkScenarioPath(path: string | KeyPath): void {
  const p = toKeyPath(path);
  const text = formatPath(p);
  if (p.length === 0 || p.some((s) => String(s).length === 0)) {
    throw new HeadroomError('usage', `"${text}" is not a key path (write it like workloads.0.hpa.max)`, { path: text });
  }
  const r = resolvePath(p);
  if (!r.ok) throw new HeadroomError('usage', `${text} is not a key of the scenario format: ${r.message}`, { path: text });
}

/**
 * Every settable path of the format, with `*` for a list index or a free-form map key
 * (`workloads.*.hpa.max`, `routing.weights.*`). A key that is either a value or a map
 * (`serviceTime`, or a delay) is listed both ways.
 */
export function listScenarioPaths(): string[] {
  const out = new Set<string>();
  const visit = (schemas: Schema[], prefix: string[], depth: number) => {
    if (depth > 12) return;
    for (const s of schemas) {
      const d = def(s);
      if (d.type === 'object') {
        for (const [key, child] of Object.entries(d.shape!)) visit(alternatives(child), [...prefix, key], depth + 1);
      } else if (d.type === 'array') {
        visit(alternatives(d.element!), [...prefix, '*'], depth + 1);
      } else if (d.type === 'record') {
        visit(alternatives(d.valueType!), [...prefix, '*'], depth + 1);
      } else if (prefix.length > 0) {
        out.add(prefix.join('.'));
      }
    }
  };
  visit(alternatives(scenarioSchema), [], 0);
  return [...out].sort();
}
