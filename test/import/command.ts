/** `headroom import` run in-process for tests: its output captured, its exit code returned. */
import { Command } from 'commander';
import { afterEach, beforeEach, vi } from 'vitest';
import { registerImportCommand } from '../../src/cli/import-command.ts';

/** Call inside a describe: each test starts with empty stdout and stderr. */
export function importCommand(): { stdout: string[]; stderr: string[]; run: (args: string[]) => Promise<number> } {
  const out = { stdout: [] as string[], stderr: [] as string[] };
  beforeEach(() => {
    out.stdout.length = 0;
    out.stderr.length = 0;
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (out.stderr.push(String(s)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.stdout.push(String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  const run = async (args: string[]): Promise<number> => {
    let code = -1;
    const program = new Command('headroom').exitOverride();
    registerImportCommand(program, (c) => (code = c));
    await program.parseAsync(['node', 'headroom', 'import', ...args]);
    return code;
  };
  return { ...out, run };
}
