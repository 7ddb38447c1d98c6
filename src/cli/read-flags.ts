/**
 * The flags that say what a scenario may read besides its own folder (input/files.ts), shared by
 * every command that loads one. Only the command line widens the reach, never the scenario.
 */
import { Option, type Command } from 'commander';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { HeadroomError, isHeadroomError } from '../errors.ts';
import type { ReadScope } from '../input/files.ts';
import { parseMemoryBytes } from '../quantity.ts';

export interface ReadFlags {
  allowRead?: string[];
  loadRestrictor?: 'root-only' | 'none';
  maxInputSize?: number;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function parseSize(value: string): number {
  try {
    const n = parseMemoryBytes(value, '--max-input-size');
    if (n < 1) throw new HeadroomError('usage', 'at least one byte');
    return n;
  } catch (e) {
    if (!isHeadroomError(e)) throw e;
    throw new HeadroomError('usage', `--max-input-size ${value}: a size such as 64Mi or 8Gi`);
  }
}

export function addReadOptions(cmd: Command): Command {
  return cmd
    .option('--allow-read <dir>', "also let the scenario's traces, includes and Helm values come from this folder (repeatable)", collect)
    .addOption(
      new Option('--load-restrictor <mode>', "root-only: files below the scenario's folder and --allow-read folders; none: any file").choices(['root-only', 'none']),
    )
    .option('--max-input-size <size>', 'largest file read (default 32Mi for YAML, 4Gi for traces)', parseSize);
}

export function readScopeOf(flags: ReadFlags): ReadScope {
  const allow = (flags.allowRead ?? []).map((dir) => {
    const abs = resolve(dir);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      // said below
    }
    if (!isDir) throw new HeadroomError('usage', `--allow-read ${dir}: no such folder`);
    return abs;
  });
  return { allow, unrestricted: flags.loadRestrictor === 'none', ...(flags.maxInputSize !== undefined ? { maxBytes: flags.maxInputSize } : {}) };
}

/** The read flags as given, for a command printed back to the user (the report's recommend line). */
export function readFlagsOf(flags: ReadFlags): string[] {
  return [
    ...(flags.allowRead ?? []).flatMap((dir) => ['--allow-read', dir]),
    ...(flags.loadRestrictor ? ['--load-restrictor', flags.loadRestrictor] : []),
    ...(flags.maxInputSize !== undefined ? ['--max-input-size', String(flags.maxInputSize)] : []),
  ];
}
