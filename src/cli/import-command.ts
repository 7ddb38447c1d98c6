/** `headroom import <manifests or terraform json>... --out scenario.yaml`: a scenario from a team's manifests or Terraform. */
import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { formatError, HeadroomError } from '../errors.ts';
import { ABSOLUTE_INCLUDES_NOTE, importManifests } from '../import/manifests.ts';
import { looksLikeTerraform } from '../import/terraform/index.ts';
import { runTerraformImport } from './import-terraform.ts';
import { writeFileAtomic } from '../report/write.ts';
import { formatWarning } from '../input/warnings.ts';
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
      for (const w of result.warnings) process.stderr.write(`headroom import: warning: ${formatWarning(w)}\n`);
      if (opts.out === undefined) {
        process.stdout.write(result.text);
        process.stderr.write(`headroom import: ${ABSOLUTE_INCLUDES_NOTE.slice(2)}\n`);
      } else writeFileAtomic(opts.out, result.text);
      const s = result.scenario;
      if (s === undefined) {
        // Written all the same: the problems point at what the planner has to fix.
        for (const e of result.problems) process.stderr.write(`headroom import: ${formatError(e)}\n`);
        process.stderr.write(`headroom import: the scenario${opts.out ? ` (${opts.out})` : ''} does not load yet; fix the problems above\n`);
        setExit(EXIT.badInput);
        return;
      }
      if (opts.out !== undefined) {
        process.stderr.write(
          `wrote ${opts.out}: ${s.workloads.length} workloads, ${s.priorityClasses.length} priority classes, ` +
            `${s.podDisruptionBudgets.length} PodDisruptionBudgets; fill in its TODOs\n`,
        );
      }
      setExit(EXIT.ok);
    });
}
