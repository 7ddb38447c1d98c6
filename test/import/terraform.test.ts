/**
 * `headroom import` of `terraform show -json` output: realistic plan and state documents of each
 * provider (test/fixtures/terraform/, shaped as Terraform's documented JSON output), with node
 * groups nested in modules, values known only after apply, and bad input.
 */
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCommand } from './command.ts';
import { main } from '../../src/cli/main.ts';
import { formatError, isHeadroomError, ValidationError } from '../../src/errors.ts';
import { diffNodeGroups, importDocuments, importTerraform, looksLikeTerraform, parseTerraformJson } from '../../src/import/terraform/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const DIR = resolve('test/fixtures/terraform');
const MiB = 2 ** 20;
const fixture = (name: string) => join(DIR, name);
const importOf = (name: string, outFile = 'scenario.yaml') => importTerraform({ paths: [name], outFile, cwd: DIR });
const EKS_GENERAL = 'module.eks.module.node_groups.aws_eks_node_group.this["general"]';
const EKS_BATCH = 'module.eks.module.node_groups.aws_eks_node_group.this["batch"]';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'headroom-tf-'));
}

function errorsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map(formatError);
    if (isHeadroomError(e)) return [formatError(e)];
    throw e;
  }
  throw new Error('expected an error');
}

describe('EKS: aws_eks_node_group in a plan, two modules deep', () => {
  const r = importOf('eks-plan.json');

  it('finds both groups wherever they sit in the module tree, with their addresses', () => {
    expect(r.groups.map((g) => g.address)).toEqual([EKS_GENERAL, EKS_BATCH]);
    expect(r.text).toContain(`  # eks-plan.json: ${EKS_GENERAL}: EKS node group "general" of cluster "prod"`);
    expect(r.text).toMatch(/^# Written by `headroom import` from eks-plan\.json \(a Terraform plan, format 1\.2, Terraform 1\.9\.5\)\./);
  });

  it('reads scaling, instance types, capacity type, labels, taints and the subnets\' zones', () => {
    const [general, batch] = r.groups;
    // the planned values: this update raises max_size from 30 to 40
    expect(general).toMatchObject({ cluster: 'prod', name: 'general', instanceType: 'm5.2xlarge', region: 'us-east-1', min: 3, max: 40, initial: 6, spot: false });
    expect(general.zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(batch).toMatchObject({ instanceType: 'c5.4xlarge', otherInstanceTypes: ['c5a.4xlarge'], spot: true, labels: { role: 'batch' }, taints: ['dedicated=batch:NoSchedule'] });
    expect(batch.zones).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('reports a value known only after apply and leaves its key out rather than guess', () => {
    expect(r.unknown).toEqual([`eks-plan.json: ${EKS_BATCH}: scaling_config[0].desired_size is known only after apply`]);
    expect(r.groups[1].initial).toBeUndefined();
    expect(r.text).toContain('#   TODO scaling_config[0].desired_size is known only after apply');
    // the ARN of a new group is unknown too, but the region comes from its subnets: nothing to report
    expect(r.unknown.join()).not.toMatch(/arn/);
  });

  it('loads as written, allocatable and price derived from the instance type', () => {
    expect(r.problems).toEqual([]);
    const [general, batch] = r.scenario!.clusters[0].nodeGroups;
    expect(r.scenario!.clusters.map((c) => c.name)).toEqual(['prod']);
    // 8 vCPU less 90m; 32768Mi less 11 x 58 + 255 and 100Mi; the ENI limit
    expect(general.allocatable).toEqual({ cpuMilli: 7910, memoryBytes: 31775 * MiB, pods: 58 });
    expect(general.pricePerHour).toBe(0.384);
    // initial falls to min (0) until the planner gives it
    expect(batch).toMatchObject({ min: 0, max: 20, initial: 0, pricePerHour: 0.68 });
    expect(r.text).toContain('    # TODO pricePerHour: spot capacity; the on-demand list price is used until you give the spot price');
  });

  it('written to disk, `headroom validate` loads the same scenario', () => {
    const out = join(tempDir(), 'fleet.yaml');
    const w = importTerraform({ paths: [fixture('eks-plan.json')], outFile: out });
    writeFileSync(out, w.text);
    expect(loadScenario(out)).toEqual({ ...w.scenario, file: out });
  });
});

describe('EKS: a size known only after apply', () => {
  const r = importOf('eks-plan-unknown.json');

  it('is reported, left out, and the scenario says what to fill in', () => {
    expect(r.unknown).toEqual([
      `eks-plan-unknown.json: ${EKS_BATCH}: scaling_config[0].max_size is known only after apply`,
      `eks-plan-unknown.json: ${EKS_BATCH}: scaling_config[0].desired_size is known only after apply`,
    ]);
    expect(r.scenario).toBeUndefined();
    expect(r.problems.map(formatError)).toEqual([expect.stringMatching(/^scenario\.yaml:\d+:\d+: nodeGroups\.1\.max: is required$/)]);
  });
});

describe('GKE: google_container_node_pool in a state', () => {
  const r = importOf('gke-state.json');

  it('counts a regional pool over its cluster\'s zones: GKE\'s counts are per zone', () => {
    const general = r.groups[0];
    expect(general.zones).toEqual(['us-central1-a', 'us-central1-b', 'us-central1-c']);
    // min 1, max 10, node_count 2 per zone x 3 zones
    expect(general).toMatchObject({ cluster: 'prod', region: 'us-central1', min: 3, max: 30, initial: 6, maxPods: 110 });
  });

  it('takes total counts as they are, and spot and taints from node_config', () => {
    expect(r.groups[1]).toMatchObject({ instanceType: 'n2-standard-16', min: 0, max: 20, initial: 0, maxPods: 64, spot: true, taints: ['cloud.google.com/gke-spot=true:NoSchedule'] });
  });

  it('loads, with the GKE reservations and the series\' rates', () => {
    const [general, spot] = r.scenario!.clusters[0].nodeGroups;
    // e2-standard-8: 7910m; 32768 - 3645 - 100 Mi; 8 x 0.021811 + 32 x 0.002923
    expect(general.allocatable).toEqual({ cpuMilli: 7910, memoryBytes: 29023 * MiB, pods: 110 });
    expect(general.pricePerHour).toBe(0.268024);
    expect(spot.allocatable.pods).toBe(64);
    expect(spot.instance!.from.pods).toBe('scenario');
    expect(r.unknown).toEqual([]);
  });
});

describe('GKE: google_container_node_pool in a plan, for_each pools in a module, two of them new', () => {
  const r = importOf('gke-plan.json');
  const pool = (key: string) => `module.gke.google_container_node_pool.pools["${key}"]`;

  it('finds every instance of the for_each pool by its address', () => {
    expect(r.groups.map((g) => g.address)).toEqual([pool('general'), pool('highmem'), pool('spot')]);
    expect(r.groups.map((g) => g.name)).toEqual(['general', 'highmem', 'spot']);
  });

  it('reads the planned values of the pool it updates: max 10 -> 15 per zone, over 3 zones', () => {
    expect(r.groups[0]).toMatchObject({ instanceType: 'e2-standard-8', region: 'us-central1', min: 3, max: 45, initial: 6 });
  });

  it('reports what the new pools learn only on apply, and guesses none of it', () => {
    expect(r.unknown).toEqual([
      `gke-plan.json: ${pool('highmem')}: node_count is known only after apply`,
      `gke-plan.json: ${pool('spot')}: node_locations is known only after apply`,
      `gke-plan.json: ${pool('spot')}: node_count is known only after apply`,
      `gke-plan.json: ${pool('spot')}: max_pods_per_node is known only after apply`,
    ]);
    const [, highmem, spot] = r.groups;
    // its own zones are known: 2 x min 0, 2 x max 4; node_count unknown, so not initial_node_count either
    expect(highmem).toMatchObject({ zones: ['us-central1-a', 'us-central1-b'], min: 0, max: 8, maxPods: 64 });
    expect(highmem.initial).toBeUndefined();
    // the cluster's zones are not taken for zones still to come; total counts need none
    expect(spot).toMatchObject({ zones: [], min: 0, max: 20, spot: true });
    expect(spot.initial).toBeUndefined();
    expect(spot.maxPods).toBeUndefined();
    expect(r.text).toContain('  #   TODO max_pods_per_node is known only after apply');
  });

  it('loads, the unknown max pods left to the GKE default until given', () => {
    expect(r.problems).toEqual([]);
    const [, highmem, spot] = r.scenario!.clusters[0].nodeGroups;
    // n2-highmem-8: 65536Mi - (1024 + 819 + 819 + 6% of 49152 = 2949) - 100 = 59825Mi
    expect(highmem).toMatchObject({ initial: 0, allocatable: { cpuMilli: 7910, memoryBytes: 59825 * MiB, pods: 64 } });
    expect(spot.allocatable.pods).toBe(110);
    expect(spot.instance!.from.pods).toBe('GKE Standard default max pods per node');
  });
});

describe('AKS: azurerm_kubernetes_cluster_node_pool in a module, in a plan that creates the cluster', () => {
  const r = importOf('aks-plan.json');

  it('takes the region from the cluster\'s location, and zones, labels, taints, spot', () => {
    expect(r.groups.map((g) => g.address)).toEqual(['module.aks.azurerm_kubernetes_cluster_node_pool.user', 'module.aks.azurerm_kubernetes_cluster_node_pool.spot']);
    expect(r.groups[0]).toMatchObject({ cluster: 'shop', region: 'eastus', instanceType: 'Standard_D8s_v5', min: 2, max: 20, initial: 3, maxPods: 30 });
    expect(r.groups[0].zones).toEqual(['eastus-1', 'eastus-2', 'eastus-3']);
    expect(r.groups[1]).toMatchObject({ spot: true, taints: ['kubernetes.azure.com/scalesetpriority=spot:NoSchedule'] });
  });

  it('reports the spot pool\'s node count, known only after apply, and leaves initial to min', () => {
    // the cluster's id is unknown until apply too, but it is the plan's only cluster: nothing to report
    expect(r.unknown).toEqual(['aks-plan.json: module.aks.azurerm_kubernetes_cluster_node_pool.spot: node_count is known only after apply']);
    expect(r.groups[1].initial).toBeUndefined();
    expect(r.scenario!.clusters[0].nodeGroups[1]).toMatchObject({ min: 0, max: 10, initial: 0 });
  });

  it('uses the pool\'s max pods in the AKS memory rule', () => {
    const g = r.scenario!.clusters[0].nodeGroups[0];
    // 7820m; 32768Mi - (20 x 30 + 50) - 100
    expect(g.allocatable).toEqual({ cpuMilli: 7820, memoryBytes: 32018 * MiB, pods: 30 });
    expect(g.pricePerHour).toBe(0.384);
  });
});

describe('several Kubernetes clusters', () => {
  it('become scenario clusters; a group one cluster lacks is sized to nothing there', () => {
    const doc = JSON.parse(readFileSync(fixture('eks-plan.json'), 'utf8'));
    const groups = doc.planned_values.root_module.child_modules[0].child_modules[0].resources;
    const staging = structuredClone(groups[0]);
    staging.address = 'module.staging.aws_eks_node_group.general';
    staging.values.cluster_name = 'staging';
    staging.values.scaling_config = [{ desired_size: 1, max_size: 5, min_size: 1 }];
    doc.planned_values.root_module.child_modules.push({ address: 'module.staging', resources: [staging] });
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(doc));
    const r = importTerraform({ paths: ['plan.json'], outFile: 'fleet.yaml', cwd: dir });
    expect(r.problems).toEqual([]);
    const [prod, stg] = r.scenario!.clusters;
    expect(prod.nodeGroups.map((g) => [g.name, g.max])).toEqual([['general', 40], ['batch', 20]]);
    expect(stg.nodeGroups.map((g) => [g.name, g.max])).toEqual([['general', 5], ['batch', 0]]);
    expect(r.text).toContain('        - {name: batch, min: 0, max: 0, initial: 0}   # not in cluster staging');
  });
});

describe('bad input: one clear error naming the file (and resource), nothing imported', () => {
  it.each([
    ['eks-plan-gpu.json', `eks-plan-gpu.json: ${EKS_GENERAL}: instance type "p4d.24xlarge" is not in the instance catalogue; write that group by hand with its allocatable and pricePerHour (docs/terraform.md lists the catalogue)`],
    ['format-2.json', 'format-2.json: format_version: "2.0" is not a format headroom reads (it reads 1.x, what Terraform 0.12 and later write)'],
    ['terraform.tfstate', 'terraform.tfstate: a raw state file (version 4): import the output of `terraform show -json` instead'],
    ['not-json.json', expect.stringMatching(/^not-json\.json:4: not JSON \(.*\): import the output of `terraform show -json`$/)],
  ])('%s', (file, message) => {
    expect(errorsOf(() => importOf(file))).toEqual([message]);
  });

  it('JSON that is not Terraform\'s, and a saved binary plan', () => {
    expect(errorsOf(() => parseTerraformJson('{"apiVersion": "v1", "kind": "List"}', 'list.json'))).toEqual([
      'list.json: not `terraform show -json` output (it has no format_version): run `terraform show -json <plan or state> > file.json` and import that',
    ]);
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.tfplan'), Buffer.from('PK\u0003\u0004rest-of-zip'));
    expect(errorsOf(() => importTerraform({ paths: ['plan.tfplan'], outFile: 'x.yaml', cwd: dir }))).toEqual([
      'plan.tfplan: a binary plan file: import the output of `terraform show -json <plan file>` instead',
    ]);
  });

  it('a document without node groups says what it looked for', () => {
    expect(errorsOf(() => parseAndImport({ format_version: '1.0', values: { root_module: { resources: [] } } }))).toEqual([
      'state.json: no node groups found (looked for aws_eks_node_group, google_container_node_pool, azurerm_kubernetes_cluster_node_pool in every module)',
    ]);
  });

  it('never fails with anything but a HeadroomError, whatever the attributes hold', () => {
    const types = ['aws_eks_node_group', 'google_container_node_pool', 'azurerm_kubernetes_cluster_node_pool'];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }), fc.jsonValue({ maxDepth: 3 }), (type, values, unknown) => {
        const doc = {
          format_version: '1.2',
          planned_values: { root_module: { resources: [{ address: `${type}.x`, mode: 'managed', type, name: 'x', values }] } },
          resource_changes: [{ address: `${type}.x`, change: { after_unknown: unknown } }],
        };
        try {
          parseAndImport(doc);
        } catch (e) {
          if (!isHeadroomError(e)) throw e;
        }
      }),
      { numRuns: 150 },
    );
  });
});

function parseAndImport(doc: unknown) {
  return importDocuments([parseTerraformJson(JSON.stringify(doc), 'state.json')], { outFile: 'x.yaml' });
}

describe('re-import: what changed', () => {
  it('lists the node-group keys that differ, group by group', () => {
    const before = importOf('eks-plan.json').text;
    const after = importOf('gke-state.json').text;
    expect(diffNodeGroups(before, before)).toEqual([]);
    expect(diffNodeGroups(before, after)).toEqual([
      'general: instanceType m5.2xlarge -> e2-standard-8, region us-east-1 -> us-central1, max 40 -> 30, allocatable.pods (none) -> 110',
      'batch: no longer in the import',
      'spot: new (n2-standard-16, max 20)',
    ]);
  });

  it('ignores what the planner added, and shows a key the import would drop', () => {
    const before = importOf('eks-plan.json').text.replace('    max: 40\n', '    max: 40\n    pricePerHour: 0.31\n').replace(/TODO: not in Terraform.*/g, '');
    expect(diffNodeGroups(before, importOf('eks-plan.json').text)).toEqual(['general: pricePerHour 0.31 -> (none)']);
  });
});

describe('headroom import (the command) with Terraform', () => {
  const { stdout, stderr, run } = importCommand();

  it('knows Terraform\'s output from manifests', () => {
    expect(looksLikeTerraform(fixture('eks-plan.json'))).toBe(true);
    expect(looksLikeTerraform(fixture('not-json.json'))).toBe(true);
    expect(looksLikeTerraform(resolve('test/fixtures/manifests/fleet'))).toBe(false);
    expect(looksLikeTerraform(resolve('scenarios/default.yaml'))).toBe(false);
  });

  it('writes --out, reports the unknown values and what it wrote', async () => {
    const out = join(tempDir(), 'fleet.yaml');
    expect(await run([fixture('eks-plan.json'), '--out', out])).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(EKS_GENERAL);
    expect(stderr.join('')).toMatch(/scaling_config\[0\]\.desired_size is known only after apply/);
    expect(stderr.join('')).toMatch(/wrote .*fleet\.yaml: 2 node groups in 1 cluster; fill in its TODOs/);
  });

  it('over an existing scenario shows the diff, exits 1 and writes only with --force', async () => {
    const out = join(tempDir(), 'fleet.yaml');
    expect(await run([fixture('eks-plan.json'), '--out', out])).toBe(0);
    const written = readFileSync(out, 'utf8');
    stdout.length = 0;
    expect(await run([fixture('eks-plan.json'), '--out', out])).toBe(0);
    expect(stdout.join('')).toMatch(/its node groups are as .*eks-plan\.json has them/);

    stdout.length = 0;
    expect(await run([fixture('eks-plan-unknown.json'), '--out', out])).toBe(1);
    expect(stdout.join('')).toMatch(/fleet\.yaml against .*eks-plan-unknown\.json:\n {2}batch: max 20 -> \(none\)\n$/);
    expect(readFileSync(out, 'utf8')).toBe(written);

    expect(await run([fixture('eks-plan-unknown.json'), '--out', out, '--force'])).toBe(2);
    expect(readFileSync(out, 'utf8')).not.toBe(written);
    expect(stderr.join('')).toMatch(/does not load yet; fill in the values above/);
  });

  it.each([
    ['eks-plan-gpu.json', /p4d\.24xlarge" is not in the instance catalogue/],
    ['format-2.json', /"2\.0" is not a format headroom reads/],
    ['not-json.json', /not JSON/],
    ['terraform.tfstate', /a raw state file/],
  ])('writes nothing on bad input (%s), neither a new file nor over an existing one', async (file, message) => {
    const out = join(tempDir(), 'fleet.yaml');
    await expect(run([fixture(file), '--out', out])).rejects.toThrow(message);
    expect(existsSync(out)).toBe(false);
    expect(await run([fixture('eks-plan.json'), '--out', out])).toBe(0);
    const written = readFileSync(out, 'utf8');
    await expect(run([fixture(file), '--out', out, '--force'])).rejects.toThrow(message);
    expect(readFileSync(out, 'utf8')).toBe(written);
  });

  it.each([
    // 8 vCPU less 90m; 32 GiB less 11 x 58 + 255 and 100Mi; 4 ENIs x (15 - 1) + 2
    ['eks-plan.json', { cpuMilli: 7910, memoryBytes: 31775 * MiB, pods: 58 }, 0.384, /EKS AMI kube-reserved memory: 11Mi x 58 pods/, /4 ENIs x \(15 IPv4 - 1\) \+ 2/],
    // GKE bands: 32768 - 3645 - 100; the pool's max_pods_per_node
    ['gke-state.json', { cpuMilli: 7910, memoryBytes: 29023 * MiB, pods: 110 }, 0.268024, /GKE kube-reserved memory: 25% of the first 4 GiB/, /^scenario$/],
    // AKS table: 180m of 8 cores; 32768 - (20 x 30 + 50) - 100; the pool's max_pods
    ['aks-plan.json', { cpuMilli: 7820, memoryBytes: 32018 * MiB, pods: 30 }, 0.384, /AKS 1\.29\+ kube-reserved memory: 20Mi x 30 pods \+ 50Mi/, /^scenario$/],
  ])('headroom validate --json on the import of %s shows the derived figures and their sources', async (file, allocatable, price, memoryFrom, podsFrom) => {
    const out = join(tempDir(), 'fleet.yaml');
    expect(await run([fixture(file), '--out', out])).toBe(0);
    stdout.length = 0;
    expect(await main(['node', 'headroom', 'validate', out, '--json'])).toBe(0);
    const group = JSON.parse(stdout.join('')).clusters[0].nodeGroups[0];
    expect(group).toMatchObject({ allocatable, pricePerHour: price });
    expect(group.instance.from.cpuMilli).toMatch(/ vCPU less \d+m \(/);
    expect(group.instance.from.memoryBytes).toMatch(memoryFrom);
    expect(group.instance.from.pods).toMatch(podsFrom);
    expect(group.instance.from.pricePerHour).toMatch(/^on-demand list price of .*recorded \d{4}-\d{2}(-\d{2})?$/);
  });

  it('--format terraform makes any input Terraform\'s', async () => {
    await expect(run(['--format', 'terraform', resolve('scenarios/default.yaml')])).rejects.toThrow(/not JSON/);
  });
});
