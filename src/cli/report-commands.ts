/** `headroom report` and `headroom compare`. */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { buildReport, compareRuns } from '../report/index.ts';
import { describe } from './descriptions.ts';

export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description(describe('report'))
    .argument('<run>', 'run folder (as written by headroom run)')
    .option('--out <file>', 'write the page here instead of <run>/report.html')
    .action(async (run: string, opts: { out?: string }) => {
      const path = await buildReport(resolve(run), { outFile: opts.out ? resolve(opts.out) : undefined });
      process.stderr.write(`wrote ${path}\n`);
    });

  program
    .command('compare')
    .description(describe('compare'))
    .argument('<runA>', 'first run folder (the baseline)')
    .argument('<runB>', 'second run folder (the change)')
    .option('--out <dir>', 'output folder', 'reports/compare')
    .action(async (a: string, b: string, opts: { out: string }) => {
      const r = await compareRuns(resolve(a), resolve(b), resolve(opts.out));
      process.stderr.write(`wrote ${r.html}, ${r.markdown}\n`);
    });
}
