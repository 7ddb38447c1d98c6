/**
 * Runs `headroom baseline|check` in-process through commander, as src/cli/main.ts does: a
 * HeadroomError is exit 2, and stdout is captured. Spawning tsx per test would cost seconds.
 */
import { Command, CommanderError } from 'commander';
import { vi } from 'vitest';
import { formatError, isHeadroomError } from '../../src/errors.ts';
import { registerCheckCommands } from '../../src/cli/check-commands.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliResult> {
  let code = 0;
  const program = new Command('headroom').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerCheckCommands(program, (c) => {
    code = c;
  });
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
    await program.parseAsync(['node', 'headroom', ...args]);
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
    else if (isHeadroomError(e)) {
      stderr += `headroom: ${formatError(e)}\n`;
      code = 2;
    } else throw e;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { code, stdout, stderr };
}
