/**
 * zod's issues as plain problems with a key path and a message in the project's words: unknown
 * keys with a suggestion, unions reported by the branch the value was meant for, bounds spelled
 * out. Shared by the scenario and the manifest readers; each passes the keys it knows at a path.
 */
import type { z } from 'zod';
import { describeValue } from './describe.ts';
import type { KeyPath } from './document.ts';
import { didYouMean } from './suggest.ts';

/** The keys a schema allows at a path, for "did you mean" on an unknown key. */
export type KnownKeys = (path: KeyPath) => readonly string[];

const NO_KEYS: KnownKeys = () => [];

/** One problem found while checking a scenario, before it is placed in the file. */
export interface Issue {
  path: KeyPath;
  message: string;
  /** point at the key rather than its value (an unknown key) */
  atKey?: boolean;
}

type ZodIssue = z.core.$ZodIssue;

/** Unknown keys of one map that get a "did you mean": far more than are ever shown (errors.ts). */
const SUGGESTED_KEYS = 1000;

/**
 * One problem per key: a value past several bounds at once (a whole number over 2^53 and over a
 * priority's range, then the refinement naming the reserved classes) gets only the last zod
 * reports, which is its most specific (checks run from the type's own to the schema's refinements).
 */
export function fromZodIssues(issues: readonly ZodIssue[], prefix: KeyPath = [], knownKeys: KnownKeys = NO_KEYS): Issue[] {
  const all = issues.flatMap((iss) => fromZodIssue(iss, [...prefix, ...(iss.path as (string | number)[])], knownKeys));
  const lastAt = new Map<string, number>();
  all.forEach((issue, i) => lastAt.set(issue.path.join('\u0000'), i));
  return lastAt.size === all.length ? all : all.filter((issue, i) => lastAt.get(issue.path.join('\u0000')) === i);
}

function fromZodIssue(iss: ZodIssue, path: KeyPath, knownKeys: KnownKeys): Issue[] {
  const input = (iss as { input?: unknown }).input;
  switch (iss.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(path);
      // Only the first few problems are shown, so only they need the (costly) suggestion.
      return iss.keys.map((key, i) => ({
        path: [...path, key],
        message: `unknown key "${key}"${i < SUGGESTED_KEYS ? didYouMean(key, known) : ''}`,
        atKey: true,
      }));
    }
    case 'invalid_union':
      if (input === undefined) return [{ path, message: 'is required', atKey: true }];
      return fromUnion(iss, path, knownKeys);
    case 'invalid_type':
      if (input === undefined) return [{ path, message: 'is required', atKey: true }];
      return [{ path, message: `expected ${typeName(iss.expected)}, got ${describeValue(input)}` }];
    case 'invalid_value': {
      const values = iss.values.map(String);
      const hint = typeof input === 'string' ? didYouMean(input, values) : '';
      return [{ path, message: `must be ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}, got ${describeValue(input)}${hint}` }];
    }
    case 'too_small':
      return [{ path, message: tooSmall(iss) }];
    case 'too_big':
      return [{ path, message: tooBig(iss) }];
    default:
      return [{ path, message: iss.message }];
  }
}

/**
 * A union failed: report the branch the value was most likely meant for (a map for the map form,
 * a string for the name form), not every branch's complaint.
 */
function fromUnion(iss: z.core.$ZodIssueInvalidUnion, path: KeyPath, knownKeys: KnownKeys): Issue[] {
  const branches = iss.errors.filter((errs) => !(errs.length === 1 && errs[0].code === 'invalid_type' && errs[0].path.length === 0));
  if (branches.length > 0) {
    const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
    return fromZodIssues(best, path, knownKeys);
  }
  // Every branch refused the value's type outright.
  if (iss.message && iss.message !== 'Invalid input') return [{ path, message: iss.message }];
  const expected = iss.errors.map((errs) => typeName((errs[0] as z.core.$ZodIssueInvalidType).expected));
  return [{ path, message: `expected ${[...new Set(expected)].join(' or ')}, got ${describeValue((iss as { input?: unknown }).input)}` }];
}

function typeName(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a map';
    case 'array':
      return 'a list';
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

function tooSmall(iss: z.core.$ZodIssueTooSmall): string {
  const min = Number(iss.minimum);
  if (iss.origin === 'array') return `needs at least ${min} item${min === 1 ? '' : 's'}`;
  if (iss.origin === 'string') return 'must not be empty';
  return iss.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
}

function tooBig(iss: z.core.$ZodIssueTooBig): string {
  const max = Number(iss.maximum);
  if (iss.origin === 'array') return `may have at most ${max} items`;
  if (iss.origin === 'string') return `must be at most ${max} characters long`;
  return iss.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
}

