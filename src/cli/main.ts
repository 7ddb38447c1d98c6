/**
 * The `headroom` command. Commander parses; each command calls a library function and prints.
 * Errors are caught once here: a user's mistake is one line on stderr and exit code 2, anything
 * else is a bug and keeps its stack.
 */
import { Command, CommanderError } from 'commander';
import { formatError, isHeadroomError } from '../errors.ts';
import { headroomVersion } from '../version.ts';
import { COMMAND_GROUPS, groupOf } from './commands.ts';
import { describe, type SetExit } from './descriptions.ts';
import { EXIT, exitCodeOf } from './io.ts';

/**
 * The program with the commands `argv` needs: a named command's full definition (loaded on
 * demand), or, for the overview (`--help`, `--version`, a mistyped name), every command by name
 * and description only, which is all commander shows or suggests from there.
 */
export async function buildProgram(argv: readonly string[], setExit: SetExit): Promise<Command> {
  const program = new Command('headroom')
    .description('Simulate Kubernetes cluster scaling under real traffic: latency, errors and cost of headroom.')
    .version(headroomVersion())
    .configureOutput({ outputError: (message, write) => write(oneLine(message, argv)) })
    .exitOverride();
  const [first, second] = argv.slice(2);
  const named = groupOf(first) ?? (first === 'help' ? groupOf(second) : undefined);
  for (const group of COMMAND_GROUPS) {
    if (group === named) (await group.load())(program, setExit);
    else for (const name of group.names) program.command(name).description(describe(name));
  }
  return program;
}

/**
 * commander's `error: unknown command 'rn'` and `(Did you mean run?)` as one line, with where to
 * look instead of the whole help: a typo should not scroll the terminal.
 */
export function oneLine(message: string, argv: readonly string[]): string {
  const [what, ...rest] = message.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  const hint = rest.map((l) => l.replace(/^\((.*)\)$/, '$1')).join(' ');
  const command = groupOf(argv[2]) ? ` ${argv[2]}` : '';
  const text = what.replace(/^error: /, '').replace(/\.$/, '');
  return `headroom: ${text}${hint ? ` (${hint.charAt(0).toLowerCase()}${hint.slice(1)})` : ''}; see headroom${command} --help\n`;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = await buildProgram(argv, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander already printed its message; --help and --version end here with code 0
      return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (isHeadroomError(e)) {
      process.stderr.write(`headroom: ${formatError(e)}\n`);
      return exitCodeOf(e);
    }
    process.stderr.write(`headroom: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}
