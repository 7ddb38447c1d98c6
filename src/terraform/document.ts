/**
 * `terraform show -json` output, of a plan or of a state, read as resources with their addresses:
 * every managed resource of the module tree (root and child modules, however deep), its values,
 * and for a plan which of them stay unknown until apply. The format is Terraform's documented JSON
 * output (developer.hashicorp.com/terraform/internals/json-format): a major format_version is a
 * breaking change, a minor one only adds keys, so 1.x is read and anything else refused.
 */
import { statSync } from 'node:fs';
import { HeadroomError } from '../errors.ts';
import { MAX_TERRAFORM_BYTES, readTextFile } from '../input/files.ts';

export interface TerraformResource {
  /** full address, module path included: `module.eks.aws_eks_node_group.general` */
  address: string;
  type: string;
  name: string;
  values: Record<string, unknown>;
  /** plan only: attribute paths that are known only after apply (after_unknown), as a tree of `true` leaves */
  unknown: unknown;
}

export interface TerraformDocument {
  /** the file as the user named it */
  file: string;
  kind: 'plan' | 'state';
  formatVersion: string;
  terraformVersion?: string;
  resources: TerraformResource[];
  /** plan only: the providers' configured regions (`aws` -> `us-east-1`), where given as constants */
  providerRegions: Record<string, string>;
}

const KNOWN_MAJOR = '1';

export function readTerraformFile(path: string, file: string): TerraformDocument {
  if (isFolder(path)) throw new HeadroomError('io', 'cannot read it: a folder (name the `terraform show -json` file)', { file });
  // only a regular file, and at most so much of it (input/files.ts): not /dev/zero or a pipe
  const text = readTextFile(path, file, { maxBytes: MAX_TERRAFORM_BYTES, what: 'it' });
  // A saved plan is a zip archive: `terraform show -json` turns it into what is read here.
  if (text.startsWith('PK')) {
    throw new HeadroomError('input', 'a binary plan file: import the output of `terraform show -json <plan file>` instead', { file });
  }
  return parseTerraformJson(text, file);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function parseTerraformJson(text: string, file: string): TerraformDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new HeadroomError('input', `not JSON (${(e as Error).message}): import the output of \`terraform show -json\``, { file, line: lineOf(text, e as Error) });
  }
  if (!isObject(doc)) throw notTerraform(file);
  if (doc.format_version === undefined) {
    // terraform.tfstate itself has a `version` and `resources`, in a format Terraform keeps to itself
    if (doc.version !== undefined && Array.isArray(doc.resources)) {
      throw new HeadroomError('input', `a raw state file (version ${String(doc.version)}): import the output of \`terraform show -json\` instead`, { file });
    }
    throw notTerraform(file);
  }
  const formatVersion = String(doc.format_version);
  if (formatVersion.split('.')[0] !== KNOWN_MAJOR) {
    throw new HeadroomError('input', `${JSON.stringify(formatVersion)} is not a format headroom reads (it reads ${KNOWN_MAJOR}.x, what Terraform 0.12 and later write)`, {
      file,
      path: 'format_version',
    });
  }
  const kind = doc.planned_values !== undefined || doc.resource_changes !== undefined ? 'plan' : 'state';
  const root = kind === 'plan' ? field(doc, 'planned_values', 'root_module') : field(doc, 'values', 'root_module');
  const unknownByAddress = kind === 'plan' ? afterUnknown(doc.resource_changes) : new Map<string, unknown>();
  const resources: TerraformResource[] = [];
  walkModule(root, (r) => resources.push({ ...r, unknown: unknownByAddress.get(r.address) }), file, 'root_module');
  return {
    file,
    kind,
    formatVersion,
    terraformVersion: typeof doc.terraform_version === 'string' ? doc.terraform_version : undefined,
    resources,
    providerRegions: kind === 'plan' ? providerRegions(doc.configuration) : {},
  };
}

function notTerraform(file: string): HeadroomError {
  return new HeadroomError('input', 'not `terraform show -json` output (it has no format_version): run `terraform show -json <plan or state> > file.json` and import that', { file });
}

/** Node's JSON.parse says "at position N" (or "line L column C"): the line of it, where it says. */
function lineOf(text: string, e: Error): number | undefined {
  const line = /line (\d+)/.exec(e.message);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(e.message);
  return pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
}

function walkModule(module: unknown, visit: (r: Omit<TerraformResource, 'unknown'>) => void, file: string, where: string): void {
  if (module === undefined) return;
  if (!isObject(module)) throw new HeadroomError('input', `${where} is not a module object`, { file });
  for (const r of asArray(module.resources)) {
    if (!isObject(r) || r.mode !== 'managed' || typeof r.address !== 'string' || typeof r.type !== 'string') continue;
    visit({ address: r.address, type: r.type, name: String(r.name ?? ''), values: isObject(r.values) ? r.values : {} });
  }
  for (const child of asArray(module.child_modules)) {
    walkModule(child, visit, file, isObject(child) && typeof child.address === 'string' ? child.address : `${where}.child_modules`);
  }
}

function afterUnknown(changes: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const c of asArray(changes)) {
    if (isObject(c) && typeof c.address === 'string' && isObject(c.change)) out.set(c.address, c.change.after_unknown);
  }
  return out;
}

/** `configuration.provider_config.<key>.expressions.region.constant_value`, for providers that set a region. */
function providerRegions(configuration: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const providers = isObject(configuration) && isObject(configuration.provider_config) ? configuration.provider_config : {};
  for (const [key, p] of Object.entries(providers)) {
    const region = isObject(p) ? field(p, 'expressions', 'region', 'constant_value') : undefined;
    const name = isObject(p) && typeof p.name === 'string' ? p.name : key;
    if (typeof region === 'string' && out[name] === undefined) out[name] = region;
  }
  return out;
}

function field(o: unknown, ...keys: string[]): unknown {
  let v = o;
  for (const k of keys) v = isObject(v) ? v[k] : undefined;
  return v;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
