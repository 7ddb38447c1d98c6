/**
 * Files and folders of Kubernetes manifests -> objects, each with where it was written. A file is a
 * stream of YAML documents (`---` between them); a `kind: List` document (what `kubectl get -o yaml`
 * prints) stands for its items. Documents that are not Kubernetes objects are set aside, not fatal.
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, relative } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { HeadroomError } from '../errors.ts';
import { documentErrors, locator, reservedKeyErrors, YAML_OPTIONS } from '../input/document.ts';
import { MAX_DOCUMENT_BYTES, readTextFile } from '../input/files.ts';
import { objectSource, type ObjectSource } from './source.ts';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** One Kubernetes object as written. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  name: string;
  raw: Record<string, unknown>;
  source: ObjectSource;
}

/** A document that is not a Kubernetes object (no apiVersion or kind), e.g. a Helm values file. */
export interface NotAnObject {
  file: string;
  document: number;
  /** looks like the cluster-overprovisioner chart's values (deployments, priority classes) */
  chartValues?: boolean;
}

export interface ParsedFile {
  objects: KubeObject[];
  notObjects: NotAnObject[];
  errors: HeadroomError[];
}

/**
 * The manifest files a path stands for: the file itself, or every .yaml/.yml/.json file under a
 * folder (hidden ones skipped), in path order so runs do not depend on the file system's order.
 * Throws HeadroomError('io') when the path does not exist.
 */
export function listManifestFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new HeadroomError('io', `no such file or folder (looked for ${path})`);
  }
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (MANIFEST_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(p);
    }
  };
  walk(path);
  return out;
}

/**
 * A path as the user would name it: relative to `base` (a folder the user knows as `shownBase`,
 * e.g. the scenario's folder as the scenario was named), so `deploy/a.yaml`, not an absolute path.
 */
export function displayPath(path: string, base: string, shownBase: string): string {
  const rel = relative(base, path);
  if (rel === '') return path;
  return normalize(join(shownBase || '.', rel));
}

/** Only a regular file of at most `maxBytes` is read (input/files.ts). */
export function readManifestFile(path: string, display: string, maxBytes = MAX_DOCUMENT_BYTES): ParsedFile {
  let text: string;
  try {
    text = readTextFile(path, display, { maxBytes, what: 'the manifest' });
  } catch (e) {
    if (!(e instanceof HeadroomError)) throw e;
    return { objects: [], notObjects: [], errors: [e] };
  }
  return parseManifests(text, display);
}

/** `display` names the text in messages. */
export function parseManifests(text: string, display: string): ParsedFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, ...YAML_OPTIONS });
  const out: ParsedFile = { objects: [], notObjects: [], errors: [] };
  if (!Array.isArray(docs)) return out; // an empty stream
  docs.forEach((doc, i) => {
    const document = i + 1;
    const errors = documentErrors(doc, lineCounter);
    if (errors.length > 0) {
      // An unrendered Helm template is the usual reason a manifest folder does not parse.
      const hint = /\{\{/.test(text) ? ' (a Helm template? render it first with `helm template`)' : '';
      for (const e of errors) {
        out.errors.push(new HeadroomError('manifest', `${e.message}${hint}`, { file: display, line: e.line, column: e.column, path: `document ${document}` }));
      }
      return;
    }
    let raw: unknown;
    try {
      raw = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      // what parsing lets through: an alias to an anchor not set yet, alias bombs
      out.errors.push(new HeadroomError('manifest', `YAML: ${(e as Error).message.split('\n')[0]}`, { file: display, path: `document ${document}` }));
      return;
    }
    if (raw === null || raw === undefined) return; // `---` with nothing after it
    const locate = locator(doc, lineCounter);
    const reserved = reservedKeyErrors(raw, { file: display, locate, code: 'manifest', path: (p) => `document ${document}: ${p.join('.')}` });
    if (reserved.length > 0) {
      out.errors.push(...reserved);
      return;
    }
    if (!isObject(raw) || typeof raw.kind !== 'string' || typeof raw.apiVersion !== 'string') {
      const chartValues = isObject(raw) && ('deployments' in raw || 'priorityClassOverprovision' in raw || 'priorityClassDefault' in raw);
      out.notObjects.push({ file: display, document, ...(chartValues ? { chartValues } : {}) });
      return;
    }
    if (raw.kind === 'List' && Array.isArray(raw.items)) {
      raw.items.forEach((item, j) => {
        const prefix = ['items', j];
        if (!isObject(item) || typeof item.kind !== 'string' || typeof item.apiVersion !== 'string') {
          const pos = locate(prefix);
          out.errors.push(new HeadroomError('manifest', 'a List item must be a Kubernetes object with apiVersion and kind', { file: display, line: pos?.line, column: pos?.column, path: `document ${document}: items[${j}]` }));
          return;
        }
        out.objects.push(toObject(item, display, document, locate, prefix));
      });
      return;
    }
    out.objects.push(toObject(raw, display, document, locate));
  });
  return out;
}

function toObject(
  raw: Record<string, unknown>,
  file: string,
  document: number,
  locate: Parameters<typeof objectSource>[0]['locate'],
  prefix: (string | number)[] = [],
): KubeObject {
  const meta = isObject(raw.metadata) ? raw.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const kind = raw.kind as string;
  return {
    apiVersion: raw.apiVersion as string,
    kind,
    name,
    raw,
    source: objectSource({ file, document, kind, name, prefix, locate }),
  };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
