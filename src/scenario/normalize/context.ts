/** What every normalizer shares: where its input sits in the file, and where problems go. */
import { parseCpuMilli, parseDurationSec, parseMemoryBytes, parseQuantity, parseRatio } from '../../quantity.ts';
import type { KeyPath } from '../../input/document.ts';
import type { Issue } from '../issues.ts';
import type { ReadScope } from '../../input/files.ts';
import type { InputFile } from '../types.ts';

/** Maps a path inside the value being normalized to its path in the document. */
export type At = (sub?: KeyPath) => KeyPath;

export const under =
  (base: KeyPath): At =>
  (sub = []) => [...base, ...sub];

export class IssueSink {
  readonly issues: Issue[] = [];
  /** things worth saying that do not stop the scenario (placed in the file like issues) */
  readonly warnings: Issue[] = [];

  add(path: KeyPath, message: string, atKey = false): void {
    this.issues.push({ path, message, atKey });
  }

  warn(path: KeyPath, message: string, atKey = false): void {
    this.warnings.push({ path, message, atKey });
  }
}

export interface NormalizeContext {
  sink: IssueSink;
  /** folder that trace paths are relative to */
  baseDir: string;
  /** check that trace files exist (and read them for their digests) */
  checkFiles: boolean;
  durationSec: number;
  /** where traces may be read from */
  reads: ReadScope;
  /** the files the scenario reads, by how they are shown */
  inputs: Map<string, InputFile>;
}

// The schema has already checked every quantity with these same parsers, so they cannot throw here.
export const sec = (v: string | number): number => parseDurationSec(v);
export const milli = (v: string | number): number => parseCpuMilli(v);
export const bytes = (v: string | number): number => parseMemoryBytes(v);
export const ratio = (v: string | number): number => parseRatio(v);
export const rate = (v: string | number): number => parseQuantity(v);

/** Names used twice in a list: each later use is an issue at its `name`. */
export function checkUnique(items: readonly { name: string }[], at: At, what: string, sink: IssueSink): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const j = first.get(item.name);
    if (j === undefined) first.set(item.name, i);
    else sink.add(at([i, 'name']), `${what} "${item.name}" is already defined at index ${j}`);
  });
}
