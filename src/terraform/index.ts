/**
 * Node groups from `terraform show -json` output: the documents (document.ts), the three
 * providers' managed node group resources (eks.ts, gke.ts, aks.ts), and the names they take in a
 * scenario. `headroom import` writes them out as a scenario; a scenario's `include:` merges them
 * into its node groups. Both name a group the same way, so an include and an import agree.
 */
import { readAksNodePool } from './aks.ts';
import type { TerraformDocument, TerraformResource } from './document.ts';
import { readEksNodeGroup } from './eks.ts';
import { readGkeNodePool } from './gke.ts';
import { type ImportedGroup, NODE_GROUP_TYPES } from './node-group.ts';

export { looksLikeTerraform } from './detect.ts';
export { parseTerraformJson, readTerraformFile, type TerraformDocument, type TerraformResource } from './document.ts';
export { type ImportedGroup, NODE_GROUP_TYPES, placementKeys, taintObject, type TaintObject } from './node-group.ts';

const READERS: Readonly<Record<string, (r: TerraformResource, doc: TerraformDocument) => ImportedGroup>> = {
  aws_eks_node_group: readEksNodeGroup,
  google_container_node_pool: readGkeNodePool,
  azurerm_kubernetes_cluster_node_pool: readAksNodePool,
};

/** Every managed node group of the document, in document order, each with the file it came from. */
export function readNodeGroups(doc: TerraformDocument): ImportedGroup[] {
  return doc.resources.filter((r) => r.type in NODE_GROUP_TYPES).map((r) => ({ ...READERS[r.type](r, doc), file: doc.file }));
}

export const DEFAULT_CLUSTER = 'default';

export interface NamedGroup extends ImportedGroup {
  /** the group's name in the scenario: unique within its cluster */
  scenarioName: string;
}

/** Groups by their Kubernetes cluster (scenario-named), in document order. */
export function clusterGroups(groups: readonly ImportedGroup[]): Map<string, NamedGroup[]> {
  const out = new Map<string, NamedGroup[]>();
  const clusterNames = new Map<string, string>();
  for (const g of groups) {
    const key = g.cluster ?? DEFAULT_CLUSTER;
    if (!clusterNames.has(key)) clusterNames.set(key, unique(toName(key, DEFAULT_CLUSTER), [...clusterNames.values()]));
    const cluster = clusterNames.get(key)!;
    const list = out.get(cluster) ?? [];
    list.push({ ...g, scenarioName: unique(toName(g.name, 'group'), list.map((x) => x.scenarioName)) });
    out.set(cluster, list);
  }
  return out;
}

/** A DNS-1123 label from a provider's name: `General_Workers` -> `general-workers`. */
function toName(s: string, fallback: string): string {
  const n = s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 63)
    .replace(/-$/, '');
  return n.length > 0 ? n : fallback;
}

function unique(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  let i = 2;
  while (taken.includes(`${name}-${i}`)) i++;
  return `${name}-${i}`;
}
