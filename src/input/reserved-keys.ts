/**
 * Names that reach into JavaScript's objects rather than into the data: `__proto__` replaces an
 * object's prototype when assigned (so a weight named `__proto__` would vanish without a word, or
 * worse), `constructor` and `prototype` lead to the prototype every object shares. No key of any
 * format read here is one of them, and no free map key (a cluster's weight, a label) may be either.
 */
/** map keys and list indexes (document.ts's KeyPath, which imports this file) */
type KeyPath = readonly (string | number)[];

export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isReservedKey(key: string | number): boolean {
  return RESERVED_KEYS.has(String(key));
}

export const RESERVED_KEY_MESSAGE = "is never a key (it names a part of JavaScript's objects, not of the data)";

/** The paths of every own map key with a reserved name in plain data (maps, lists, scalars). */
export function reservedKeyPaths(value: unknown, at: KeyPath = []): KeyPath[] {
  const found: KeyPath[] = [];
  const visit = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, [...path, i]));
    } else if (typeof v === 'object' && v !== null) {
      for (const key of Object.getOwnPropertyNames(v)) {
        const child = [...path, key];
        if (isReservedKey(key)) found.push(child);
        else visit((v as Record<string, unknown>)[key], child);
      }
    }
  };
  visit(value, [...at]);
  return found;
}
