/**
 * `headroom` in-process, through src/cli/main.ts as bin/headroom.mjs calls it: the same exit codes
 * (70 and a stack for a bug), stdout and stderr captured. Spawning a process costs a second a
 * call; this costs what the command does. `spawnHeadroom` is the real process, for what only a
 * process shows (a kill, stdin, a hang).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin/headroom.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function headroomIn(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'headroom', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

export function spawnHeadroom(args: string[], opts: { input?: string | Buffer; cwd?: string; timeoutMs?: number } = {}): CliResult & { signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, input: opts.input, encoding: 'utf8', timeout: opts.timeoutMs ?? 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', signal: r.signal };
}

/** A user's mistake as headroom reports one: a line or a few, and no stack. */
export function expectNoStack(stderr: string): void {
  if (/\n\s+at |internal error/.test(stderr)) throw new Error(`a stack trace or an internal error on stderr:\n${stderr}`);
}
