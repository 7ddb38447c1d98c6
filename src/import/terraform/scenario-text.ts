/**
 * Imported node groups -> the scenario's text: one scenario cluster per Kubernetes cluster, each
 * group with a comment naming the resource it came from, what the scenario cannot hold (zones, spot)
 * and what it derives from the instance type; its labels and taints become keys. A value known only
 * after apply is left out with a TODO in its place, never filled in with a guess.
 */
import { stringify } from 'yaml';
import { findInstanceType, nodeShape, onDemandPrice } from '../../cloud/index.ts';
import { formatCpu, formatMemory } from '../../quantity.ts';
import { clusterGroups, DEFAULT_CLUSTER, type ImportedGroup, type NamedGroup, placementKeys } from '../../terraform/index.ts';

export interface TextOptions {
  name: string;
  /** how the sources are described in the header: `plan.json (a Terraform plan, format 1.2)` */
  sources: string[];
}

const PROVISIONING_DELAY = '{dist: lognormal, median: 90s, p95: 180s}';

export function scenarioText(groups: readonly ImportedGroup[], o: TextOptions): string {
  const byCluster = clusterGroups(groups);
  const clusters = [...byCluster.keys()];
  const lines: string[] = [];
  const add = (...l: string[]) => lines.push(...l);
  add(
    `# Written by \`headroom import\` from ${o.sources.join(', ')}.`,
    '# Each node group names the Terraform resource it came from; import again after a Terraform change',
    '# to see what changed. Allocatable and price are derived from instanceType (`headroom validate --json`',
    '# shows them and their sources); an allocatable or pricePerHour given here wins. Replace each TODO.',
    `name: ${yamlScalar(o.name)}`,
    'duration: 6h',
    '',
    '# One scenario cluster per Kubernetes cluster. The simulator scales a cluster as one zone: split a',
    '# cluster into one per zone (each with its share of the groups) where the zones scale on their own.',
  );
  const [first, ...rest] = clusters;
  if (rest.length === 0) add(`clusters: [${yamlScalar(first)}]`, '');
  else {
    add('clusters:', `  - ${yamlScalar(first)}`);
    const fleetNames = new Set(byCluster.get(first)!.map((g) => g.scenarioName));
    for (const c of rest) {
      add(`  - name: ${yamlScalar(c)}`, '    overrides:', '      nodeGroups:');
      const own = byCluster.get(c)!;
      for (const g of own) add(...groupLines(g, '        '));
      for (const missing of [...fleetNames].filter((n) => !own.some((g) => g.scenarioName === n))) {
        add(`        - {name: ${yamlScalar(missing)}, min: 0, max: 0, initial: 0}   # not in cluster ${c}`);
      }
    }
    add('');
  }
  add('nodeGroups:');
  for (const g of byCluster.get(first)!) add(...groupLines(g, '  '));
  add(
    '',
    '# TODO workloads: include the team\'s manifests (include: [deploy/], see docs/manifests.md) or write them,',
    '# with their traffic.',
  );
  return `${lines.join('\n')}\n`;
}

type Named = NamedGroup;

function groupLines(g: Named, indent: string): string[] {
  const at = `${indent}  `;
  const lines = [`${indent}# ${g.file ? `${g.file}: ` : ''}${g.address}: ${g.describe}`];
  const facts = [
    g.zones.length > 0 ? `zones ${g.zones.join(', ')}` : '',
    g.spot ? 'spot capacity' : '',
  ].filter((s) => s !== '');
  if (facts.length > 0) lines.push(`${indent}#   ${facts.join('; ')}`);
  const derived = derivedSummary(g);
  if (derived) lines.push(`${indent}#   ${derived}`);
  for (const n of g.notes) lines.push(`${indent}#   ${n}`);
  if (g.otherInstanceTypes.length > 0) lines.push(`${indent}#   also ${g.otherInstanceTypes.join(', ')}: the cluster-autoscaler plans with the first type`);
  for (const u of g.unknown) lines.push(`${indent}#   TODO ${u} is known only after apply: the key it sets is left out until you fill it in`);

  lines.push(`${indent}- name: ${yamlScalar(g.scenarioName)}`);
  if (g.instanceType !== undefined) lines.push(`${at}instanceType: ${yamlScalar(g.instanceType)}`);
  if (g.region !== undefined) lines.push(`${at}region: ${yamlScalar(g.region)}`);
  else lines.push(`${at}# TODO region: not in the document; give it for the on-demand price (or give pricePerHour)`);
  if (g.maxPods !== undefined) lines.push(`${at}allocatable: {pods: ${g.maxPods}}`);
  const placement = placementKeys(g);
  if (placement.labels) lines.push(`${at}labels: ${flow(placement.labels)}`);
  if (placement.taints) lines.push(`${at}taints: ${flow(placement.taints)}`);
  if (g.spot) lines.push(`${at}# TODO pricePerHour: spot capacity; the on-demand list price is used until you give the spot price`);
  for (const [key, v] of [['min', g.min], ['max', g.max], ['initial', g.initial]] as const) {
    if (v !== undefined) lines.push(`${at}${key}: ${v}`);
  }
  lines.push(`${at}provisioningDelay: ${PROVISIONING_DELAY}   # TODO: not in Terraform; how long a new node takes to be Ready`);
  return lines;
}

/** `m5.2xlarge: 7910m cpu, 31775Mi memory, 58 pods allocatable; 0.384/h on demand in us-east-1` */
function derivedSummary(g: ImportedGroup): string | undefined {
  const type = g.instanceType === undefined ? undefined : findInstanceType(g.instanceType);
  if (type === undefined) return undefined;
  const a = nodeShape(type, g.maxPods).allocatable;
  const price = g.region === undefined ? undefined : onDemandPrice(type, g.region);
  const priced = price && 'pricePerHour' in price ? `; ${price.pricePerHour}/h on demand in ${g.region}` : '';
  return `${type.name}: ${formatCpu(a.cpuMilli)} cpu, ${formatMemory(a.memoryBytes)} memory, ${a.pods} pods allocatable${priced}`;
}

/** One line of YAML flow style: `{team: ml}`, `[{key: gpu, value: "true", effect: NoSchedule}]`. */
function flow(v: unknown): string {
  return stringify(v, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim();
}

function yamlScalar(v: string): string {
  return stringify(v).trim();
}
