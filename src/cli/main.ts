/**
 * The `headroom` command. Commander parses; each command calls a library function and prints.
 * Errors are caught once here: a user's mistake is one line on stderr and exit code 2, anything
 * else is a bug and keeps its stack.
 */
import { Command, CommanderError, Option } from 'commander';
import { formatError, isHeadroomError } from '../errors.ts';
import { EXIT, exitCodeOf, readStdin } from './io.ts';
import { DECISIONS, isDecisionKind, runDecide } from './decide.ts';
import { registerRunCommands } from './run-commands.ts';
import { registerReportCommands } from './report-commands.ts';
import { registerCheckCommands } from './check-commands.ts';
import { registerSweepCommands } from './sweep-commands.ts';
import { registerImportCommand } from './import-command.ts';

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('headroom')
    .description('Simulate Kubernetes cluster scaling under real traffic: latency, errors and cost of headroom.')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('decide')
    .description('answer one Kubernetes decision from JSON on stdin (schedule, scale-up, scale-down, hpa)')
    .addArgument(program.createArgument('<decision>', 'the decision').choices(Object.keys(DECISIONS)))
    .addOption(new Option('--batch', 'one JSON input per line on stdin, one decision per line on stdout'))
    .action(async (decision: string, opts: { batch?: boolean }) => {
      if (!isDecisionKind(decision)) throw new Error(`unknown decision ${decision}`);
      const { stdout, errors } = runDecide(decision, await readStdin(), Boolean(opts.batch));
      process.stdout.write(stdout);
      for (const e of errors) process.stderr.write(`headroom decide ${decision}: ${e}\n`);
      if (errors.length) setExit(EXIT.badInput);
    });

  registerRunCommands(program, setExit);
  registerReportCommands(program);
  registerSweepCommands(program, setExit);
  registerCheckCommands(program, setExit);
  registerImportCommand(program, setExit);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => {
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
