/**
 * Where a Kubernetes object was written: its file, its place in the YAML stream and a way from a
 * field path to a line, so every problem found later (here or in the scenario built from it) can
 * point at the manifest a team keeps, not at a scenario key that does not exist in any file.
 */
import type { ErrorLocation } from '../errors.ts';
import type { KeyPath, Position } from '../input/document.ts';

export interface ObjectSource {
  /** the file as shown in messages (relative to where the user pointed) */
  file: string;
  /** 1-based position of the document in its file's YAML stream */
  document: number;
  kind: string;
  /** metadata.name, or '' when the object has none */
  name: string;
  /** where a field of the object (a path inside it) is written */
  at(path?: KeyPath, opts?: { key?: boolean }): ErrorLocation;
}

/**
 * `document 2 (Deployment backend-a): spec.replicas`; for a plain YAML file that is not a stream of
 * objects (a Helm values file, document 0) just the field path.
 */
export function describeField(document: number, kind: string, name: string, path: KeyPath): string {
  if (document <= 0) return formatFieldPath(path);
  const what = kind ? `${kind}${name ? ` ${name}` : ''}` : '';
  const head = what ? `document ${document} (${what})` : `document ${document}`;
  return path.length > 0 ? `${head}: ${formatFieldPath(path)}` : head;
}

/** Kubernetes-style field path: `spec.template.spec.containers[0].resources`, annotations quoted. */
export function formatFieldPath(path: KeyPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number' || /^\d+$/.test(String(seg))) out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(String(seg))) out += out ? `.${seg}` : String(seg);
    else out += `["${seg}"]`;
  }
  return out;
}

export function objectSource(args: {
  file: string;
  document: number;
  kind: string;
  name: string;
  /** a path prefix inside the document (an item of a `kind: List`) */
  prefix?: KeyPath;
  locate(path: KeyPath, opts?: { key?: boolean }): Position | undefined;
}): ObjectSource {
  const prefix = args.prefix ?? [];
  return {
    file: args.file,
    document: args.document,
    kind: args.kind,
    name: args.name,
    at(path = [], opts = {}) {
      const pos = args.locate([...prefix, ...path], opts);
      const described = describeField(args.document, args.kind, args.name, path);
      return { file: args.file, line: pos?.line, column: pos?.column, path: described || undefined };
    },
  };
}
