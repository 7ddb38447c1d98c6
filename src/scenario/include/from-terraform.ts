/**
 * Node groups from included `terraform show -json` files, merged into the scenario's `nodeGroups`
 * by name as `headroom import` would name them (the scenario's own keys win). Terraform does not
 * say how long a node takes to be Ready, and a plan may hold values known only after apply: the
 * scenario must give those itself, and is told so at the include entry, never given a guess.
 */
import { clusterGroups, type ImportedGroup, placementKeys } from '../../terraform/index.ts';
import type { Issue } from '../issues.ts';
import type { TerraformInclude } from './read.ts';
import type { IncludedEntry } from './from-manifests.ts';
import { isObject, mergeByName } from './merge.ts';
import type { Origins, Target } from './origins.ts';

/** The keys a Terraform node group gives, when it knows them. */
const GIVEN_KEYS = ['instanceType', 'min', 'max', 'initial'] as const;

export interface TerraformMergeOut {
  issues: Issue[];
  warningIssues: Issue[];
}

export function mergeTerraformGroups(merged: Record<string, unknown>, included: readonly TerraformInclude[], origins: Origins, out: TerraformMergeOut): void {
  const found = included.flatMap((inc) => inc.groups.map((group) => ({ group, index: inc.index, file: inc.file })));
  if (found.length === 0) {
    for (const inc of included) out.warningIssues.push({ path: ['include', inc.index], message: `${inc.file}: no node groups in it (looked for EKS node groups, GKE node pools and AKS node pools in every module)` });
    return;
  }
  const byCluster = clusterGroups(found.map((f) => f.group));
  if (byCluster.size > 1) {
    out.issues.push({
      path: ['include', found[0].index],
      message:
        `the included Terraform holds node groups of ${byCluster.size} Kubernetes clusters (${[...byCluster.keys()].join(', ')}), ` +
        "and a scenario's nodeGroups are one cluster's: include one cluster's plan, or write the scenario with `headroom import`, which gives each cluster its own groups",
    });
    return;
  }
  // One cluster: its groups are in input order, so they line up with `found`.
  const named = [...byCluster.values()][0];
  const entries = named.map((g, k) => nodeGroupEntry(g.scenarioName, g, found[k].file));
  const result = mergeByName(merged.nodeGroups, entries, ['nodeGroups'], origins);
  merged.nodeGroups = result.list;

  const fromTerraform = new Map<number, number>(); // list index -> index into `found`
  for (const [i, e] of result.matched) fromTerraform.set(i, entries.indexOf(e));
  for (const a of result.appended) fromTerraform.set(a.index, entries.indexOf(a.entry));
  for (const [i, k] of fromTerraform) {
    const entry = result.list[i];
    if (!isObject(entry)) continue;
    const { group, index, file } = found[k];
    const where = `${file}: ${group.address}`;
    const missing = GIVEN_KEYS.filter((key) => group[key] === undefined && entry[key] === undefined);
    if (group.unknown.length > 0 && missing.length > 0) {
      out.issues.push({
        path: ['include', index],
        message: `${where}: ${group.unknown.join(', ')} known only after apply, so ${missing.join(', ')} must come from the scenario: give them in its node group "${entry.name}" (or include the state after apply)`,
      });
    }
    if (entry.provisioningDelay === undefined) {
      out.issues.push({
        path: ['include', index],
        message: `${where}: Terraform does not say how long a new node takes to be Ready: give provisioningDelay in the scenario's node group "${entry.name}" (e.g. {dist: lognormal, median: 90s, p95: 180s})`,
      });
      entry.provisioningDelay = '0s'; // keeps validation from repeating the same problem as "required"
    }
    for (const note of group.notes) out.warningIssues.push({ path: ['include', index], message: `${where}: ${note}` });
  }
}

function nodeGroupEntry(name: string, g: ImportedGroup, file: string): IncludedEntry {
  const raw: Record<string, unknown> = { name };
  if (g.instanceType !== undefined) raw.instanceType = g.instanceType;
  if (g.region !== undefined) raw.region = g.region;
  if (g.maxPods !== undefined) raw.allocatable = { pods: g.maxPods };
  for (const key of ['min', 'max', 'initial'] as const) if (g[key] !== undefined) raw[key] = g[key];
  Object.assign(raw, placementKeys(g));
  const target: Target = { kind: 'elsewhere', where: { file, path: g.address }, code: 'input' };
  return { name, raw, locate: () => target };
}
