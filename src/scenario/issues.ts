/**
 * Problems as data: zod's issues and the cross-checks' findings become HeadroomErrors that name
 * the file, line, column and key path, sorted in the order they appear in the file.
 */
import type { z } from 'zod';
import { HeadroomError } from '../errors.ts';
import { formatPath, type KeyPath, type ScenarioDocument } from '../input/document.ts';
import { fromZodIssues as fromZod, type Issue } from '../input/zod-issues.ts';
import { knownKeysAt } from './paths.ts';
import type { Origins } from './include/origins.ts';
import type { SetAssignment } from './sets.ts';

export type { Issue };

/** zod's issues against the scenario schema, with the scenario's keys for suggestions. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: KeyPath = []): Issue[] {
  return fromZod(issues, prefix, knownKeysAt);
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
    const message = set ? `${issue.message} (from ${set.flag} ${set.text})` : issue.message;
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
