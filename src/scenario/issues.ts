/**
 * Problems as data: zod's issues and the cross-checks' findings become HeadroomErrors that name
 * the file, line, column and key path, sorted in the order they appear in the file.
 */
import type { z } from 'zod';
import { HeadroomError } from '../errors.ts';
import { describeValue } from './describe.ts';
import { formatPath, type KeyPath, type ScenarioDocument } from './document.ts';
import { knownKeysAt } from './paths.ts';
import type { Origins } from './include/origins.ts';
import type { SetAssignment } from './sets.ts';
import { didYouMean } from './suggest.ts';

/** One problem found while checking a scenario, before it is placed in the file. */
export interface Issue {
  path: KeyPath;
  message: string;
  /** point at the key rather than its value (an unknown key) */
  atKey?: boolean;
}

type ZodIssue = z.core.$ZodIssue;

export function fromZodIssues(issues: readonly ZodIssue[], prefix: KeyPath = []): Issue[] {
  return issues.flatMap((iss) => fromZodIssue(iss, [...prefix, ...(iss.path as (string | number)[])]));
}

function fromZodIssue(iss: ZodIssue, path: KeyPath): Issue[] {
  const input = (iss as { input?: unknown }).input;
  switch (iss.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(path);
      return iss.keys.map((key) => ({
        path: [...path, key],
        message: `unknown key "${key}"${didYouMean(key, known)}`,
        atKey: true,
      }));
    }
    case 'invalid_union':
      if (input === undefined) return [{ path, message: 'is required', atKey: true }];
      return fromUnion(iss, path);
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
function fromUnion(iss: z.core.$ZodIssueInvalidUnion, path: KeyPath): Issue[] {
  const branches = iss.errors.filter((errs) => !(errs.length === 1 && errs[0].code === 'invalid_type' && errs[0].path.length === 0));
  if (branches.length > 0) {
    const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
    return fromZodIssues(best, path);
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

/**
 * Place issues in the file. A path that a `--set` wrote says so, since the file's line shows the
 * value it replaced. With `origins`, a path that came from elsewhere (an included manifest, a Helm
 * values file, a cluster-autoscaler flag) is placed where it was written. Problems are ordered by
 * file (the scenario's first) and then as they appear in it.
 */
export function toErrors(issues: readonly Issue[], doc: ScenarioDocument, sets: readonly SetAssignment[] = [], origins?: Origins): HeadroomError[] {
  const seen = new Set<string>();
  const placed = issues.flatMap((issue) => {
    const target = origins?.locate(issue.path);
    if (target?.kind === 'elsewhere') {
      const e = new HeadroomError(target.code, issue.message, target.where);
      const key = `${e.file}\u0000${e.line}\u0000${e.path}\u0000${issue.message}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [e];
    }
    const path = target?.path ?? issue.path;
    const atKey = target ? target.atKey ?? issue.atKey : issue.atKey;
    const pathText = formatPath(path);
    const key = `${doc.file}\u0000${pathText}\u0000${issue.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const set = [...sets].reverse().find((s) => isPrefix(s.path, path));
    const message = set ? `${issue.message} (from --set ${set.text})` : issue.message;
    const pos = doc.locate(path, { key: atKey });
    return [new HeadroomError('scenario', message, { file: doc.file, line: pos?.line, column: pos?.column, path: pathText || undefined })];
  });
  return sortByPlace(placed, doc.file);
}

/** The scenario file first, then other files in the order first met; within a file, by position. */
export function sortByPlace<T extends { file?: string; line?: number; column?: number }>(items: readonly T[], scenarioFile: string): T[] {
  const rank = new Map<string, number>([[scenarioFile, 0]]);
  for (const e of items) if (e.file !== undefined && !rank.has(e.file)) rank.set(e.file, rank.size);
  const fileRank = (e: T) => (e.file === undefined ? 0 : rank.get(e.file)!);
  return items
    .map((e, i) => ({ e, i }))
    .sort((a, b) => fileRank(a.e) - fileRank(b.e) || (a.e.line ?? 0) - (b.e.line ?? 0) || (a.e.column ?? 0) - (b.e.column ?? 0) || a.i - b.i)
    .map(({ e }) => e);
}

function isPrefix(prefix: KeyPath, path: KeyPath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => String(seg) === String(path[i]));
}
