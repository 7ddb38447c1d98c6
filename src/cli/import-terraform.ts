/**
 * `headroom import plan.json --out scenario.yaml` for Terraform's output. Over an existing
 * scenario it prints what the import would change in its node groups; it writes only with --force.
 */
import { existsSync, readFileSync } from 'node:fs';
import { formatError } from '../errors.ts';
import { diffNodeGroups, importTerraform } from '../import/terraform/index.ts';
import { formatWarning } from '../input/warnings.ts';
import { writeFileAtomic } from '../report/write.ts';
import { EXIT } from './io.ts';

export interface TerraformImportFlags {
  out?: string;
  name?: string;
  force?: boolean;
}

export function runTerraformImport(paths: string[], opts: TerraformImportFlags, setExit: (code: number) => void): void {
  const result = importTerraform({ paths, outFile: opts.out ?? 'scenario.yaml', name: opts.name });
  const say = (line: string) => process.stderr.write(`headroom import: ${line}\n`);
  for (const u of result.unknown) say(u);
  for (const w of result.warnings) say(`warning: ${formatWarning(w)}`);

  if (opts.out !== undefined && existsSync(opts.out)) {
    const changes = diffNodeGroups(readFileSync(opts.out, 'utf8'), result.text);
    process.stdout.write(changes.length === 0 ? `${opts.out}: its node groups are as ${paths.join(', ')} has them\n` : `${opts.out} against ${paths.join(', ')}:\n${changes.map((c) => `  ${c}\n`).join('')}`);
    if (!opts.force) {
      if (changes.length > 0) say(`${opts.out} is left as it is; pass --force to write the import over it`);
      // like diff(1): 1 when they differ
      setExit(changes.length === 0 ? EXIT.ok : EXIT.regression);
      return;
    }
  }
  if (opts.out === undefined) process.stdout.write(result.text);
  else writeFileAtomic(opts.out, result.text);

  if (result.scenario === undefined) {
    // Written all the same: the problems point at the TODOs the planner has to fill in.
    for (const e of result.problems) say(formatError(e));
    say(`the scenario${opts.out ? ` (${opts.out})` : ''} does not load yet; fill in the values above`);
    setExit(EXIT.badInput);
    return;
  }
  if (opts.out !== undefined) {
    const clusters = result.scenario.clusters.length;
    say(`wrote ${opts.out}: ${result.groups.length} node groups in ${clusters} cluster${clusters === 1 ? '' : 's'}; fill in its TODOs`);
  }
  setExit(EXIT.ok);
}
