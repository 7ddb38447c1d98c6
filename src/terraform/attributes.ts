/**
 * Reading one resource's attributes by path, the way a plan knows them: a value known only after
 * apply reads as undefined and is recorded with its attribute path, so it is reported rather than
 * guessed.
 */
import { isObject, type TerraformResource } from './document.ts';

export type AttributePath = readonly (string | number)[];

/** `scaling_config[0].max_size`, as Terraform writes attribute paths */
export function formatAttribute(path: AttributePath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export class Attributes {
  /** attribute paths read that are unknown until apply */
  readonly unknown: string[] = [];

  constructor(private readonly resource: TerraformResource) {}

  get(path: AttributePath): unknown {
    if (this.isUnknown(path)) {
      const a = formatAttribute(path);
      if (!this.unknown.includes(a)) this.unknown.push(a);
      return undefined;
    }
    return this.peek(path);
  }

  /** The value without recording it as unknown: for attributes read only as a hint (an ARN's region). */
  peek(path: AttributePath): unknown {
    let v: unknown = this.resource.values;
    for (const seg of path) {
      if (typeof seg === 'number') v = Array.isArray(v) ? v[seg] : undefined;
      else v = isObject(v) ? v[seg] : undefined;
    }
    return v ?? undefined;
  }

  string(path: AttributePath): string | undefined {
    const v = this.get(path);
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  }

  number(path: AttributePath): number | undefined {
    const v = this.get(path);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }

  boolean(path: AttributePath): boolean | undefined {
    const v = this.get(path);
    return typeof v === 'boolean' ? v : undefined;
  }

  strings(path: AttributePath): string[] {
    const v = this.get(path);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  map(path: AttributePath): Record<string, string> {
    const v = this.get(path);
    if (!isObject(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  list(path: AttributePath): Record<string, unknown>[] {
    const v = this.get(path);
    return Array.isArray(v) ? v.filter(isObject) : [];
  }

  /** Unknown when after_unknown marks the attribute, or any block it sits in, as true. */
  private isUnknown(path: AttributePath): boolean {
    let u = this.resource.unknown;
    if (u === true) return true;
    for (const seg of path) {
      u = typeof seg === 'number' ? (Array.isArray(u) ? u[seg] : undefined) : isObject(u) ? u[seg] : undefined;
      if (u === true) return true;
      if (u === undefined) return false;
    }
    return false;
  }
}
