/**
 * azurerm_kubernetes_cluster_node_pool (hashicorp/azurerm): vm_size, auto_scaling_enabled (v4; v3
 * called it enable_auto_scaling), min_count, max_count, node_count, zones, node_labels,
 * node_taints, priority, max_pods. The region is the cluster's location, from the
 * azurerm_kubernetes_cluster resource it names (or the only one in the document).
 */
import type { TerraformDocument, TerraformResource } from './document.ts';
import { Attributes } from './attributes.ts';
import { describeGroup, type ImportedGroup, resourceName } from './node-group.ts';

export function readAksNodePool(r: TerraformResource, doc: TerraformDocument): ImportedGroup {
  const a = new Attributes(r);
  const name = a.string(['name']) ?? resourceName(r.address);
  // Only a way to the cluster's name and location: unknown for a cluster the plan creates, which is
  // then the document's only cluster, or said in a note.
  const id = a.peek(['kubernetes_cluster_id']);
  const clusterId = typeof id === 'string' ? id : undefined;
  const clusters = doc.resources.filter((c) => c.type === 'azurerm_kubernetes_cluster');
  const cluster = clusters.find((c) => clusterId !== undefined && c.values.id === clusterId) ?? (clusters.length === 1 ? clusters[0] : undefined);
  const clusterName = typeof cluster?.values.name === 'string' ? cluster.values.name : clusterId?.split('/').pop();
  const location = typeof cluster?.values.location === 'string' ? cluster.values.location.toLowerCase().replace(/\s+/g, '') : undefined;
  const autoscaling = a.boolean(['auto_scaling_enabled']) ?? a.boolean(['enable_auto_scaling']) ?? false;
  const nodes = a.number(['node_count']);
  return {
    address: r.address,
    provider: 'azure',
    describe: describeGroup('AKS node pool', name, clusterName),
    cluster: clusterName,
    name,
    instanceType: a.string(['vm_size']),
    otherInstanceTypes: [],
    region: location,
    min: autoscaling ? a.number(['min_count']) : nodes,
    max: autoscaling ? a.number(['max_count']) : nodes,
    // without a known node_count the scenario's default for initial, min, stands (and an unknown one is reported)
    initial: nodes,
    maxPods: a.number(['max_pods']),
    spot: a.string(['priority']) === 'Spot',
    zones: a.strings(['zones']).map((z) => (location ? `${location}-${z}` : z)),
    labels: a.map(['node_labels']),
    taints: a.strings(['node_taints']),
    notes: cluster === undefined ? [`its cluster is not found in ${doc.file} (known only after apply, or elsewhere): give region`] : [],
    unknown: a.unknown,
  };
}
