/**
 * Where each part of the merged scenario was written. Including manifests, expanding Helm values
 * and reading cluster-autoscaler flags all put keys into the scenario that its file does not have
 * at that path (or at all): a problem found later in such a key must point at the manifest field,
 * the values file or the flag that gave it, not at a line of the scenario that does not say it.
 */
import type { ErrorCode, ErrorLocation } from '../../errors.ts';
import type { KeyPath } from '../../input/document.ts';

export type Target =
  /** a path of the scenario file (possibly another than the merged path, e.g. a flag's item) */
  | { kind: 'scenario'; path: KeyPath; atKey?: boolean }
  /** another file: a manifest, a Helm values file */
  | { kind: 'elsewhere'; where: ErrorLocation; code: ErrorCode };

interface Rule {
  prefix: KeyPath;
  /** `sub` is the rest of the path below the prefix; undefined means the same path in the scenario */
  resolve(sub: KeyPath): Target | undefined;
}

export class Origins {
  private readonly rules: Rule[] = [];

  /** Paths under `prefix` (of the merged scenario) were written where `resolve` says. */
  add(prefix: KeyPath, resolve: Rule['resolve']): void {
    this.rules.push({ prefix, resolve });
  }

  /** The deepest rule whose prefix the path starts with decides; no rule: the scenario, same path. */
  locate(path: KeyPath): Target | undefined {
    let best: Rule | undefined;
    for (const r of this.rules) {
      if (startsWith(path, r.prefix) && (!best || r.prefix.length > best.prefix.length)) best = r;
    }
    return best?.resolve(path.slice(best.prefix.length));
  }

  get size(): number {
    return this.rules.length;
  }
}

export function startsWith(path: KeyPath, prefix: KeyPath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => String(seg) === String(path[i]));
}

/** Whether the value has something at every step of `path` (the file wrote that key). */
export function definedAlong(value: unknown, path: KeyPath): boolean {
  let v = value;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return false;
    v = (v as Record<string | number, unknown>)[seg];
    if (v === undefined) return false;
  }
  return v !== undefined;
}
