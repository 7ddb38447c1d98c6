/**
 * `headroom import plan.json --out scenario.yaml`: a scenario's clusters and node groups from
 * `terraform show -json` output (plan or state). Terraform stays the source of truth: each group
 * names the resource it came from, its allocatable and price are derived from its instance type,
 * and what Terraform does not know (how long a node takes, the workloads) is marked TODO. Bad
 * input throws before anything is written; values known only after apply are reported.
 */
import { basename, extname, resolve } from 'node:path';
import { HeadroomError, isHeadroomError, ValidationError } from '../../errors.ts';
import { findInstanceType, sameFamily } from '../../cloud/index.ts';
import { didYouMean } from '../../input/suggest.ts';
import type { ScenarioWarning } from '../../input/warnings.ts';
import { parseScenarioResult } from '../../scenario/load.ts';
import { NO_WORKLOADS } from '../../scenario/normalize/index.ts';
import type { Scenario } from '../../scenario/types.ts';
import { type ImportedGroup, NODE_GROUP_TYPES, readNodeGroups, readTerraformFile, type TerraformDocument } from '../../terraform/index.ts';
import { scenarioText } from './scenario-text.ts';
import { relativeTo } from '../relative.ts';

export { diffNodeGroups } from './diff.ts';
export { looksLikeTerraform, parseTerraformJson, type ImportedGroup } from '../../terraform/index.ts';

export interface TerraformImportOptions {
  /** `terraform show -json` files, as the user named them */
  paths: readonly string[];
  /** the scenario file to be written (names the scenario and places its messages) */
  outFile: string;
  name?: string;
  cwd?: string;
}

export interface TerraformImportResult {
  text: string;
  groups: ImportedGroup[];
  /** the scenario as it loads; undefined while a value it needs is unknown or missing */
  scenario?: Scenario;
  /** why it does not load yet: the TODOs the planner has to fill in */
  problems: HeadroomError[];
  warnings: ScenarioWarning[];
  /** `file: address: attribute is known only after apply`, one per unknown value read */
  unknown: string[];
}

export function importTerraform(opts: TerraformImportOptions): TerraformImportResult {
  const cwd = opts.cwd ?? process.cwd();
  if (opts.paths.length === 0) throw new HeadroomError('usage', 'name at least one `terraform show -json` file');
  return importDocuments(opts.paths.map((p) => readTerraformFile(resolve(cwd, p), p)), { ...opts, cwd });
}

/** The same from documents already read (`parseTerraformJson`). */
export function importDocuments(docs: readonly TerraformDocument[], opts: Omit<TerraformImportOptions, 'paths'>): TerraformImportResult {
  const cwd = opts.cwd ?? process.cwd();
  const groups = docs.flatMap((doc) => readNodeGroups(doc).map((group) => ({ doc, group })));
  if (groups.length === 0) {
    throw new HeadroomError('input', `no node groups found (looked for ${Object.keys(NODE_GROUP_TYPES).join(', ')} in every module)`, { file: docs.map((d) => d.file).join(', ') });
  }
  checkInstanceTypes(groups);

  const name = opts.name ?? (basename(opts.outFile, extname(opts.outFile)) || 'imported');
  const text = scenarioText(
    groups.map((g) => g.group),
    { name, sources: docs.map(describeDocument) },
  );
  const unknown = groups.flatMap(({ doc, group }) => group.unknown.map((a) => `${doc.file}: ${group.address}: ${a} is known only after apply`));
  const base = { text, groups: groups.map((g) => g.group), unknown };
  const outAbs = resolve(cwd, opts.outFile);
  try {
    const loaded = parseScenarioResult(text, outAbs, { checkFiles: false });
    // the workloads are a TODO of the text, not news
    const warnings = loaded.warnings.filter((w) => w.message !== NO_WORKLOADS);
    return { ...base, scenario: loaded.scenario, problems: [], warnings: warnings.map((w) => relativeTo(w, cwd)) };
  } catch (e) {
    if (e instanceof ValidationError) return { ...base, problems: e.issues.map((x) => relativeTo(x, cwd)), warnings: [] };
    if (isHeadroomError(e)) return { ...base, problems: [relativeTo(e, cwd)], warnings: [] };
    throw e;
  }
}

/** A type the catalogue lacks is an error naming the resource: the import would derive nothing for it. */
function checkInstanceTypes(groups: readonly { doc: TerraformDocument; group: ImportedGroup }[]): void {
  const errors = groups
    .filter(({ group }) => group.instanceType !== undefined && findInstanceType(group.instanceType) === undefined)
    .map(
      ({ doc, group }) =>
        new HeadroomError(
          'input',
          `instance type "${group.instanceType}" is not in the instance catalogue${didYouMean(group.instanceType!, sameFamily(group.instanceType!))}; ` +
            'write that group by hand with its allocatable and pricePerHour (docs/terraform.md lists the catalogue)',
          { file: doc.file, path: group.address },
        ),
    );
  if (errors.length > 0) throw new ValidationError(errors);
}

function describeDocument(doc: TerraformDocument): string {
  const tf = doc.terraformVersion ? `, Terraform ${doc.terraformVersion}` : '';
  return `${doc.file} (a Terraform ${doc.kind}, format ${doc.formatVersion}${tf})`;
}
