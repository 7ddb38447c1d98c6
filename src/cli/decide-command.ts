/** `headroom decide <decision>`: the command around runDecide (decide.ts). */
import { Option, type Command } from 'commander';
import { describe, type SetExit } from './descriptions.ts';
import { DECISIONS, isDecisionKind, runDecide } from './decide.ts';
import { EXIT, readStdin } from './io.ts';

export function registerDecideCommand(program: Command, setExit: SetExit): void {
  program
    .command('decide')
    .description(describe('decide'))
    .addArgument(program.createArgument('<decision>', 'the decision').choices(Object.keys(DECISIONS)))
    .addOption(new Option('--batch', 'one JSON input per line on stdin, one decision per line on stdout'))
    .action(async (decision: string, opts: { batch?: boolean }) => {
      if (!isDecisionKind(decision)) throw new Error(`unknown decision ${decision}`);
      const { stdout, errors } = runDecide(decision, await readStdin(), Boolean(opts.batch));
      process.stdout.write(stdout);
      for (const e of errors) process.stderr.write(`headroom decide ${decision}: ${e}\n`);
      if (errors.length) setExit(EXIT.badInput);
    });
}
