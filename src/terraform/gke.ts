/**
 * google_container_node_pool (hashicorp/google): autoscaling (per-zone or total counts),
 * node_config (machine_type, spot, preemptible, labels, taint), node_locations, max_pods_per_node.
 * GKE's min/max_node_count and node_count are per zone: the scenario's group counts the whole pool.
 */
import type { TerraformDocument, TerraformResource } from './document.ts';
import { Attributes } from './attributes.ts';
import { describeGroup, type ImportedGroup, resourceName, taintText } from './node-group.ts';

const ZONE = /^([a-z]+-[a-z]+\d+)-[a-z]$/;

export function readGkeNodePool(r: TerraformResource, doc: TerraformDocument): ImportedGroup {
  const a = new Attributes(r);
  const name = a.string(['name']) ?? resourceName(r.address);
  const cluster = lastSegment(a.string(['cluster']));
  const location = a.string(['location']);
  const notes: string[] = [];
  let zones = a.strings(['node_locations']).sort();
  // Unset, a pool's zones are its cluster's; known only after apply, they may be anything: not guessed.
  const zonesUnknown = a.unknown.includes('node_locations');
  if (zones.length === 0 && !zonesUnknown && location && ZONE.test(location)) zones = [location];
  if (zones.length === 0 && !zonesUnknown && location) zones = clusterZones(doc, a.string(['cluster']));
  const region = location ? (ZONE.exec(location)?.[1] ?? location) : undefined;
  const perZone = zones.length;
  const known = (n: number | undefined) => (n === undefined || perZone === 0 ? undefined : n * perZone);
  if (perZone === 0 && !a.unknown.includes('node_locations')) notes.push('its zones are not in the document (a regional pool without node_locations): give min, max and initial for the whole pool');

  const autoscaling = a.get(['autoscaling', 0]) !== undefined;
  const totalMin = autoscaling ? a.number(['autoscaling', 0, 'total_min_node_count']) : undefined;
  const totalMax = autoscaling ? a.number(['autoscaling', 0, 'total_max_node_count']) : undefined;
  const nodes = known(a.number(['node_count']));
  const nodesUnknown = a.unknown.includes('node_count');
  const min = autoscaling ? (totalMin ?? known(a.number(['autoscaling', 0, 'min_node_count']))) : nodes;
  const max = autoscaling ? (totalMax ?? known(a.number(['autoscaling', 0, 'max_node_count']))) : nodes;
  if (perZone > 1 && autoscaling && totalMax === undefined) notes.push(`min and max are per zone in GKE: ${perZone} zones x the pool's counts`);
  const spot = a.boolean(['node_config', 0, 'spot']) === true || a.boolean(['node_config', 0, 'preemptible']) === true;
  return {
    address: r.address,
    provider: 'gcp',
    describe: describeGroup('GKE node pool', name, cluster),
    cluster,
    name,
    instanceType: a.string(['node_config', 0, 'machine_type']),
    otherInstanceTypes: [],
    region,
    min,
    max,
    // initial_node_count serves a pool whose node_count is not set, not one whose node_count is still to come
    initial: nodes ?? (nodesUnknown ? undefined : known(a.number(['initial_node_count']))),
    maxPods: a.number(['max_pods_per_node']),
    spot,
    zones,
    labels: a.map(['node_config', 0, 'labels']),
    taints: a.list(['node_config', 0, 'taint']).map((t) => taintText(t.key, t.value, t.effect)),
    notes,
    unknown: a.unknown,
  };
}

/** `projects/p/locations/l/clusters/prod` or `prod` -> `prod` */
function lastSegment(id: string | undefined): string | undefined {
  return id?.split('/').pop();
}

/** A pool without node_locations runs in its cluster's: the google_container_cluster's, when the document has it. */
function clusterZones(doc: TerraformDocument, cluster: string | undefined): string[] {
  const c = doc.resources.find((r) => r.type === 'google_container_cluster' && (r.values.name === lastSegment(cluster) || r.values.id === cluster));
  const zones = c && Array.isArray(c.values.node_locations) ? c.values.node_locations.filter((z): z is string => typeof z === 'string') : [];
  return zones.sort();
}
