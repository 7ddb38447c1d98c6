/** `headroom rightsize <usage export>...`: each policy's requests and limits per workload and container. */
import type { Command } from 'commander';
import { readTextFile, MAX_TRACE_BYTES } from '../input/files.ts';
import { readUsageExport, type UsageSeries } from '../rightsize/usage-export.ts';
import { rightsize } from '../rightsize/rightsize.ts';
import { rightsizeJson, rightsizeMarkdown } from '../rightsize/format.ts';
import { checkOutputFolder } from '../report/output-paths.ts';
import { writeFilesAtomic } from '../report/write.ts';
import { describe, type SetExit } from './descriptions.ts';
import { EXIT } from './io.ts';

export function registerRightsizeCommand(program: Command, setExit: SetExit): void {
  program
    .command('rightsize')
    .description(describe('rightsize'))
    .argument('<exports...>', 'Prometheus query_range JSON or CSV files of rate(container_cpu_usage_seconds_total) and container_memory_working_set_bytes')
    .option('--by <label>', 'group pods into workloads by this label (default: the pod name less its ReplicaSet or StatefulSet suffix)')
    .option('--out <dir>', 'write recommendations.json and recommendations.md there (default: print the Markdown)')
    .action((files: string[], opts: { by?: string; out?: string }) => {
      if (opts.out !== undefined) checkOutputFolder(opts.out);
      const series: UsageSeries = new Map();
      for (const f of files) readUsageExport(readTextFile(f, f, { maxBytes: MAX_TRACE_BYTES, code: 'input', what: 'the usage export' }), f, series);
      const result = rightsize(series, opts.by);
      // Everything is computed before anything is written: a bad export leaves no half a folder.
      if (opts.out === undefined) process.stdout.write(rightsizeMarkdown(result));
      else {
        writeFilesAtomic(opts.out, { 'recommendations.json': rightsizeJson(result), 'recommendations.md': rightsizeMarkdown(result) });
        process.stderr.write(`wrote ${opts.out}/recommendations.json and recommendations.md: ${result.containers.length} containers\n`);
      }
      setExit(EXIT.ok);
    });
}
