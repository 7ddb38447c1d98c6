/** `headroom import <manifests or terraform json>... --out scenario.yaml`: a scenario from a team's manifests or Terraform. */
import { Option, type Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { confinePath } from '../input/files.ts';
import { capLines, formatError, HeadroomError } from '../errors.ts';
import { ABSOLUTE_INCLUDES_NOTE, importManifests } from '../import/manifests.ts';
import { looksLikeTerraform } from '../import/terraform/index.ts';
import { checkOutputFile } from '../report/output-paths.ts';
import { runTerraformImport } from './import-terraform.ts';
import { writeFileAtomic } from '../report/write.ts';
import { printWarnings } from './run-commands.ts';
import { EXIT } from './io.ts';
import { describe } from './descriptions.ts';

interface ImportFlags {
  out?: string;
  overprovisionerValues?: string;
  name?: string;
  force?: boolean;
  format?: 'manifests' | 'terraform';
}

export function registerImportCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('import')
    .description(describe('import'))
    .argument('<inputs...>', 'manifest files or folders (Deployments, HPAs, PriorityClasses, PDBs), or terraform show -json files')
    .option('--out <file>', 'scenario file to write (default: print it)')
    .option('--overprovisioner-values <file>', "the cluster-overprovisioner Helm chart's values file")
    .option('--name <name>', 'scenario name (default: the output file name)')
    .option('--force', 'overwrite --out if it exists')
    .addOption(new Option('--format <format>', 'what the inputs are (default: terraform when every input is terraform show -json output)').choices(['manifests', 'terraform']))
    .action((paths: string[], opts: ImportFlags) => {
      if (opts.out !== undefined) checkOutputFile(opts.out);
      if ((opts.format ?? (paths.length > 0 && paths.every((p) => looksLikeTerraform(p)) ? 'terraform' : 'manifests')) === 'terraform') {
        runTerraformImport(paths, opts, setExit);
        return;
      }
      if (opts.out !== undefined && existsSync(opts.out) && !opts.force) {
        throw new HeadroomError('usage', `${opts.out} exists; pass --force to overwrite it`);
      }
      const result = importManifests({
        paths,
        outFile: opts.out,
        overprovisionerValues: opts.overprovisionerValues,
        name: opts.name,
      });
      printWarnings(result.warnings, 'headroom import');
      if (opts.out === undefined) {
        process.stdout.write(result.text);
        process.stderr.write(`headroom import: ${ABSOLUTE_INCLUDES_NOTE.slice(2)}\n`);
      } else writeFileAtomic(opts.out, result.text);
      const s = result.scenario;
      if (s === undefined) {
        // Written all the same: the problems point at what the planner has to fix.
        for (const line of capLines(result.problems, formatError)) process.stderr.write(`headroom import: ${line}\n`);
        process.stderr.write(`headroom import: the scenario${opts.out ? ` (${opts.out})` : ''} does not load yet; fix the problems above\n`);
        setExit(EXIT.badInput);
        return;
      }
      if (opts.out !== undefined) {
        for (const line of outsideNotes(paths, opts)) process.stderr.write(`headroom import: note: ${line}\n`);
        process.stderr.write(
          `wrote ${opts.out}: ${s.workloads.length} workloads, ${s.priorityClasses.length} priority classes, ` +
            `${s.podDisruptionBudgets.length} PodDisruptionBudgets; fill in its TODOs\n`,
        );
      }
      setExit(EXIT.ok);
    });
}

/** The manifests a scenario includes from outside its folder need --allow-read when it runs. */
function outsideNotes(paths: readonly string[], opts: ImportFlags): string[] {
  const base = dirname(resolve(opts.out as string));
  const named = [...paths, ...(opts.overprovisionerValues === undefined ? [] : [opts.overprovisionerValues])];
  const outside = named.filter((p) => !confinePath(resolve(p), base).ok);
  if (outside.length === 0) return [];
  const folderOf = (p: string) => (existsSync(p) && statSync(p).isDirectory() ? resolve(p) : dirname(resolve(p)));
  const folders = [...new Set(outside.map((p) => relative(process.cwd(), folderOf(p)) || '.'))];
  return [`${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside the scenario's folder: run it with ${folders.map((f) => `--allow-read ${f}`).join(' ')}`];
}
