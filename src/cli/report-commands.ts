/** `headroom report` and `headroom compare`. */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { buildReport, compareRuns } from '../report/index.ts';
import { describe } from './descriptions.ts';
import { HeadroomError } from '../errors.ts';
import { lockFolder } from '../report/folder-lock.ts';
import { checkOutputFile, checkOutputFolder } from '../report/output-paths.ts';
import { verifyRunFolder } from '../report/run-folder.ts';

export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description(describe('report'))
    .argument('<run>', 'run folder (as written by headroom run)')
    .option('--out <file>', 'write the page here instead of <run>/report.html')
    .action(async (run: string, opts: { out?: string }) => {
      const outFile = opts.out === undefined ? undefined : checkOutputFile(opts.out);
      const dir = resolve(run);
      verifyRunFolder(dir);
      // Rewriting the folder's own page: no run may replace the folder meanwhile.
      const lock = outFile === undefined ? lockFolder(dir) : undefined;
      try {
        const path = await buildReport(dir, { outFile });
        process.stderr.write(`wrote ${path}\n`);
      } finally {
        lock?.release();
      }
    });

  program
    .command('compare')
    .description(describe('compare'))
    .argument('<runs...>', 'run folders: the first is the baseline, each later one is compared with it')
    .option('--out <dir>', 'output folder', 'reports/compare')
    .action(async (runs: string[], opts: { out: string }) => {
      if (runs.length < 2) throw new HeadroomError('usage', `compare needs at least two run folders, got ${runs.length}`);
      const out = checkOutputFolder(opts.out);
      for (const run of runs) verifyRunFolder(resolve(run));
      // As given: the page names the folders as the user wrote them, not where they sit on this machine.
      const r = await compareRuns(runs, out);
      process.stderr.write(`wrote ${r.html}, ${r.markdown}\n`);
    });
}
