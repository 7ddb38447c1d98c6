/**
 * The scenario file as YAML: its plain data, plus a way back from a key path to the line and
 * column it was written at, so every later problem can point into the file.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair, type YAMLError, type YAMLMap } from 'yaml';
import { HeadroomError, ValidationError } from '../errors.ts';
import { reservedKeyPaths, RESERVED_KEY_MESSAGE } from './reserved-keys.ts';

/** A key path inside the document: map keys and list indexes, e.g. ['workloads', 0, 'requests']. */
export type KeyPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface ScenarioDocument {
  /** the file as the user named it */
  file: string;
  /** the document as plain data (maps, lists, strings, numbers, booleans, null) */
  raw: unknown;
  /**
   * Where the node at `path` is written; with `key`, where its key is. A path that goes further
   * than the document (a missing key) gives the deepest node that exists, so a "required" message
   * still points at the map that lacks it.
   */
  locate(path: KeyPath, opts?: { key?: boolean }): Position | undefined;
}

/** `a.b.0.c` */
export function formatPath(path: KeyPath): string {
  return path.join('.');
}

/**
 * How every YAML file is parsed. merge: YAML 1.1 `<<: *anchor`, handy for sharing settings
 * between workloads. uniqueKeys off: the library checks each key against every key before it,
 * which takes minutes for a map of 200,000 keys; duplicateKeyErrors does it in one pass.
 */
export const YAML_OPTIONS = { merge: true, prettyErrors: true, uniqueKeys: false } as const;

/** A YAML problem as one line at its place: the pretty message repeats the position and quotes the source. */
export function yamlMessage(e: YAMLError): { message: string; line?: number; column?: number } {
  const pos = e.linePos?.[0];
  return { message: `YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, line: pos?.line, column: pos?.col };
}

/**
 * The document's first parse error alone (those after it mostly follow from it: a tab used as
 * indentation makes every later line of its map misread, keys included), else its duplicate keys
 * (YAML forbids them; the library's check is off).
 */
export function documentErrors(doc: Document, lineCounter: LineCounter): { message: string; line?: number; column?: number }[] {
  if (doc.errors.length > 0) return [yamlMessage(doc.errors[0])];
  const out: { message: string; line?: number; column?: number }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const p = pair.key.range ? lineCounter.linePos(pair.key.range[0]) : undefined;
        out.push({ message: 'YAML: Map keys must be unique', line: p?.line, column: p?.col });
      }
    },
  });
  return out;
}

export function parseScenarioDocument(text: string, file: string): ScenarioDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, ...YAML_OPTIONS });
  const errors = documentErrors(doc, lineCounter);
  if (errors.length > 0) {
    throw new ValidationError(errors.map((e) => new HeadroomError('scenario', e.message, { file, line: e.line, column: e.column })));
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // toJS throws for what parsing lets through: an alias to an anchor not set yet, alias bombs
    throw new HeadroomError('scenario', `YAML: ${(e as Error).message.split('\n')[0]}`, { file });
  }
  const locate = locator(doc, lineCounter);
  const reserved = reservedKeyErrors(raw, { file, locate, code: 'scenario' });
  if (reserved.length > 0) throw new ValidationError(reserved);
  return { file, raw, locate };
}

/**
 * A key such as `__proto__`, as an error where it is written: documents are checked when they
 * are parsed, before anything copies their data. `path` says how the path is shown.
 */
export function reservedKeyErrors(
  raw: unknown,
  where: { file: string; locate: ScenarioDocument['locate']; code: 'scenario' | 'manifest'; path?: (p: KeyPath) => string },
): HeadroomError[] {
  return reservedKeyPaths(raw).map((path) => {
    const pos = where.locate(path, { key: true });
    const shown = where.path ? where.path(path) : formatPath(path);
    return new HeadroomError(where.code, `"${path.at(-1)}" ${RESERVED_KEY_MESSAGE}`, { file: where.file, line: pos?.line, column: pos?.column, path: shown });
  });
}

/** `locate` of one parsed YAML document (manifests reuse it for each document of a stream). */
export function locator(doc: Document, lineCounter: LineCounter): ScenarioDocument['locate'] {
  const position = (offset: number | undefined): Position | undefined => {
    if (offset === undefined) return undefined;
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return (path, opts = {}) => {
    const found = walk(doc, path);
    if (!found) return undefined;
    const complete = found.depth === path.length;
    const node = complete && opts.key && found.key ? found.key : found.node ?? found.key;
    return position(node?.range?.[0]);
  };
}

interface Found {
  /** how many segments of the path were matched */
  depth: number;
  node: Node | null;
  /** the key node of the last matched map entry */
  key?: Node;
}

/**
 * Each map's entries by key, built the first time the map is walked: a document with 20,000
 * unknown keys is located 20,000 times, which must not cost 20,000² key comparisons.
 */
const pairsByKey = new WeakMap<object, Map<string, Pair>>();

function pairOf(map: YAMLMap, seg: string | number): Pair | undefined {
  let index = pairsByKey.get(map);
  if (!index) {
    index = new Map();
    // the first of two equal keys, as a find() over the entries would give
    for (const p of map.items) if (isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    pairsByKey.set(map, index);
  }
  return index.get(String(seg));
}

function walk(doc: Document, path: KeyPath): Found | undefined {
  const root = resolve(doc, doc.contents as Node | null);
  if (!root) return undefined;
  let found: Found = { depth: 0, node: root };
  for (const seg of path) {
    const current = found.node;
    if (isMap(current)) {
      const pair = pairOf(current, seg);
      if (!pair) break;
      const key = pair.key as Node;
      const value = resolve(doc, pair.value as Node | null);
      // `key:` with nothing after it has no value node; point at the key instead.
      found = { depth: found.depth + 1, node: value && value.range ? value : key, key };
    } else if (isSeq(current) && /^\d+$/.test(String(seg))) {
      const item = resolve(doc, current.items[Number(seg)] as Node | null | undefined);
      if (!item) break;
      found = { depth: found.depth + 1, node: item };
    } else {
      break;
    }
  }
  return found;
}

function resolve(doc: Document, node: Node | null | undefined): Node | null {
  if (node && isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? node;
  return node ?? null;
}
