/**
 * aws_eks_node_group (hashicorp/aws): scaling_config, instance_types, capacity_type, labels, taint,
 * subnet_ids. Zones come from the aws_subnet resources of the same document; the region from the
 * group's ARN, its subnets' zones or the provider's configured region.
 */
import type { TerraformDocument, TerraformResource } from './document.ts';
import { Attributes } from './attributes.ts';
import { describeGroup, type ImportedGroup, resourceName, taintText } from './node-group.ts';

export function readEksNodeGroup(r: TerraformResource, doc: TerraformDocument): ImportedGroup {
  const a = new Attributes(r);
  const cluster = a.string(['cluster_name']);
  const name = a.string(['node_group_name']) ?? resourceName(r.address);
  const types = a.strings(['instance_types']);
  const notes: string[] = [];
  if (types.length === 0 && a.get(['launch_template', 0]) !== undefined && !a.unknown.includes('instance_types')) {
    notes.push('the instance type is set in its launch template, which is not read: give instanceType');
  }
  const subnets = a.strings(['subnet_ids']);
  const zones = subnetZones(subnets, doc);
  if (subnets.length > zones.length && !a.unknown.includes('subnet_ids')) notes.push(`zones of ${subnets.length - zones.length} subnet(s) not found in ${doc.file}`);
  const arn = a.peek(['arn']);
  const arnRegion = typeof arn === 'string' ? /^arn:aws[\w-]*:eks:([a-z0-9-]+):/.exec(arn)?.[1] : undefined;
  const region = arnRegion ?? (zones[0] ? zones[0].replace(/[a-z]$/, '') : doc.providerRegions.aws);
  return {
    address: r.address,
    provider: 'aws',
    describe: describeGroup('EKS node group', name, cluster),
    cluster,
    name,
    instanceType: types[0],
    otherInstanceTypes: types.slice(1),
    region,
    min: a.number(['scaling_config', 0, 'min_size']),
    max: a.number(['scaling_config', 0, 'max_size']),
    initial: a.number(['scaling_config', 0, 'desired_size']),
    spot: a.string(['capacity_type']) === 'SPOT',
    zones,
    labels: a.map(['labels']),
    taints: a.list(['taint']).map((t) => taintText(t.key, t.value, t.effect)),
    notes,
    unknown: a.unknown,
  };
}

function subnetZones(ids: readonly string[], doc: TerraformDocument): string[] {
  const zoneOf = new Map<string, string>();
  for (const s of doc.resources) {
    if (s.type === 'aws_subnet' && typeof s.values.id === 'string' && typeof s.values.availability_zone === 'string') zoneOf.set(s.values.id, s.values.availability_zone);
  }
  return [...new Set(ids.map((id) => zoneOf.get(id)).filter((z): z is string => z !== undefined))].sort();
}
