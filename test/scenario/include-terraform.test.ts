/**
 * `include:` of `terraform show -json` output: the plan's node groups become the scenario's, named
 * and derived as `headroom import` would write them, with the scenario's own keys winning; what
 * Terraform cannot say (how long a node takes, values known only after apply) is asked of the
 * scenario at the include entry, never guessed; the plan's bytes are part of the run's identity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadScenario, scenarioHash } from '../../src/scenario/index.ts';
import { importTerraform } from '../../src/import/terraform/index.ts';
import { ValidationError } from '../../src/errors.ts';

const FIXTURES = resolve('test/fixtures/terraform');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-tf-include-'));
  copyFileSync(join(FIXTURES, 'eks-plan.json'), join(dir, 'plan.json'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DELAY = '{dist: lognormal, median: 90s, p95: 180s}';
const WORKLOAD = `
workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 50ms
    replicas: 4
    traffic: {generator: {base: 100}}
`;

function scenario(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `name: tf\nduration: 30m\nclusters: [prod]\ninclude: [plan.json]\n${body}${WORKLOAD}`);
  return file;
}

function problems(file: string): string[] {
  try {
    loadScenario(file);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => `${i.file}:${i.line}: ${i.message}`);
    throw e;
  }
  return [];
}

const GROUPS = `nodeGroups:
  - {name: general, provisioningDelay: ${DELAY}}
  - {name: batch, initial: 1, provisioningDelay: ${DELAY}}
`;

describe('include: a terraform show -json plan', () => {
  it('gives the node groups the import writes: instance type, region, scaling bounds and what they derive', () => {
    const s = loadScenario(scenario('ok.yaml', GROUPS));
    const imported = importTerraform({ paths: [join(FIXTURES, 'eks-plan.json')], outFile: join(dir, 'imported.yaml') });
    const pick = (g: { name: string; min: number; max: number; allocatable: unknown; pricePerHour: number }) => ({ name: g.name, min: g.min, max: g.max, allocatable: g.allocatable, pricePerHour: g.pricePerHour });
    expect(s.clusters[0].nodeGroups.map(pick)).toEqual(
      imported.groups.map((g) => {
        const twin = s.clusters[0].nodeGroups.find((n) => n.name === g.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-'))!;
        return { ...pick(twin), min: g.min, max: g.max };
      }),
    );
    const general = s.clusters[0].nodeGroups.find((g) => g.name === 'general')!;
    // m5.2xlarge with the EKS reservation for 58 pods: 7910m cpu (docs/terraform.md)
    expect(general.allocatable.cpuMilli).toBe(7910);
    expect(general).toMatchObject({ min: 3, max: 40 });
    expect(general.initial).toBe(6);
  });

  it("carries the groups' labels and taints, as the import writes them", () => {
    const s = loadScenario(scenario('placement.yaml', GROUPS));
    const batch = s.clusters[0].nodeGroups.find((g) => g.name === 'batch')!;
    expect(batch.labels).toEqual({ role: 'batch' });
    expect(batch.taints).toEqual([{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }]);
    const text = importTerraform({ paths: [join(FIXTURES, 'eks-plan.json')], outFile: join(dir, 'imported.yaml') }).text;
    expect(text).toContain('    labels: {role: batch}\n    taints: [{key: dedicated, value: batch, effect: NoSchedule}]\n');
  });

  it("lets the scenario's own keys win", () => {
    const s = loadScenario(scenario('override.yaml', GROUPS.replace('{name: general,', '{name: general, max: 10,')));
    expect(s.clusters[0].nodeGroups.find((g) => g.name === 'general')).toMatchObject({ min: 3, max: 10 });
  });

  it('asks for how long a node takes, at the include entry, naming the resource', () => {
    const out = problems(scenario('no-delay.yaml', 'nodeGroups:\n  - {name: batch, initial: 1, provisioningDelay: 60s}\n'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/no-delay\.yaml:4: \S*plan\.json: module\.eks\.module\.node_groups\.aws_eks_node_group\.this\["general"\]: Terraform does not say how long a new node takes to be Ready: give provisioningDelay in the scenario's node group "general"/);
  });

  it('never stands in for a value known only after apply', () => {
    const out = problems(scenario('unknown.yaml', GROUPS.replace('{name: batch, initial: 1,', '{name: batch,')));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/unknown\.yaml:4: .*aws_eks_node_group\.this\["batch"\]: scaling_config\[0\]\.desired_size known only after apply, so initial must come from the scenario: give them in its node group "batch"/);
  });

  it('holds the plan in the run identity: a changed plan is a changed scenario', () => {
    const file = scenario('hash.yaml', GROUPS);
    const before = scenarioHash(loadScenario(file));
    const plan = readFileSync(join(dir, 'plan.json'), 'utf8');
    writeFileSync(join(dir, 'plan.json'), plan.replace('"max_size": 40', '"max_size": 41'));
    try {
      const after = loadScenario(file);
      expect(after.clusters[0].nodeGroups.find((g) => g.name === 'general')!.max).toBe(41);
      expect(scenarioHash(after)).not.toBe(before);
    } finally {
      writeFileSync(join(dir, 'plan.json'), plan);
    }
  });

  it("refuses a plan of several Kubernetes clusters: a scenario's node groups are one cluster's", () => {
    const doc = JSON.parse(readFileSync(join(FIXTURES, 'eks-plan.json'), 'utf8'));
    const text = JSON.stringify(doc).replace(/"cluster_name":\s*"prod"/, '"cluster_name": "staging"');
    writeFileSync(join(dir, 'two.json'), text);
    const file = join(dir, 'two.yaml');
    writeFileSync(file, `name: tf\nduration: 30m\nclusters: [prod]\ninclude: [two.json]\n${GROUPS}${WORKLOAD}`);
    const out = problems(file);
    expect(out.join('\n')).toMatch(/holds node groups of 2 Kubernetes clusters \(staging, prod\)/);
  });

  it('reports a broken plan in the plan, with nothing run', () => {
    copyFileSync(join(FIXTURES, 'format-2.json'), join(dir, 'bad.json'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, `name: tf\nduration: 30m\nclusters: [prod]\ninclude: [bad.json]\n${GROUPS}${WORKLOAD}`);
    expect(() => loadScenario(file)).toThrow(/bad\.json.*not a format headroom reads/);
  });
});

describe('docs/terraform.md, "Including a plan"', () => {
  const doc = readFileSync(resolve('docs/terraform.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Including a plan'), doc.indexOf('## What is read'));
  const example = resolve('docs/examples/terraform-include.yaml');

  it("shows the example file's node groups as they are", () => {
    const shown = /```yaml\n# docs\/examples\/terraform-include\.yaml[^\n]*\n([\s\S]*?)```/.exec(section)![1];
    expect(readFileSync(example, 'utf8')).toContain(shown);
  });

  it('gives general what the prose says, from the plan alone', () => {
    const general = loadScenario(example).clusters[0].nodeGroups.find((g) => g.name === 'general')!;
    expect(section).toContain('m5.2xlarge with 7910m cpu allocatable, min 3,\nmax 40 and 6 nodes at the start');
    expect(general).toMatchObject({ min: 3, max: 40, initial: 6 });
    expect(general.allocatable.cpuMilli).toBe(7910);
  });

  it('is an error at the include line without the delay, as it says', () => {
    const text = readFileSync(example, 'utf8').replace(/    provisioningDelay: [^\n]*\n/g, '');
    const file = join(dir, 'docs-no-delay.yaml');
    copyFileSync(resolve('docs/examples/eks-plan.json'), join(dir, 'eks-plan.json'));
    writeFileSync(file, text);
    const out = problems(file);
    expect(out).toHaveLength(2);
    for (const line of out) expect(line).toMatch(/docs-no-delay\.yaml:6: .*Terraform does not say how long a new node takes/);
  });
});
