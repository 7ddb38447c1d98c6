/**
 * A node group's instanceType and region in place of allocatable and pricePerHour: what it fills
 * in, what the group's own keys still decide, and the errors at the group's keys.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioResult } from '../../src/scenario/index.ts';
import { stringify } from 'yaml';
import { FILE, load, minimal, problems, problemsOf } from './fixture.ts';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

function withGroup(group: Record<string, unknown>): Record<string, any> {
  const s = minimal();
  s.nodeGroups = [{ name: 'general', max: 10, initial: 2, provisioningDelay: { fixed: '60s' }, ...group }];
  return s;
}

describe('instanceType', () => {
  it('fills in allocatable and the on-demand price: m5.2xlarge in us-east-1', () => {
    const g = load(withGroup({ instanceType: 'm5.2xlarge', region: 'us-east-1' })).clusters[0].nodeGroups[0];
    // 8000m - 90m; 32768Mi - (11 x 58 + 255)Mi - 100Mi; the ENI limit 4 x (15 - 1) + 2
    expect(g.allocatable).toEqual({ cpuMilli: 7910, memoryBytes: 31775 * MiB, pods: 58 });
    expect(g.pricePerHour).toBe(0.384);
    expect(g.instance).toMatchObject({
      type: 'm5.2xlarge',
      provider: 'aws',
      region: 'us-east-1',
      capacity: { cpuMilli: 8000, memoryBytes: 32 * GiB },
      reserved: { kubeCpuMilli: 90, kubeMemoryBytes: 893 * MiB, evictionMemoryBytes: 100 * MiB },
    });
    expect(g.instance!.from.cpuMilli).toMatch(/^m5\.2xlarge: 8 vCPU less 90m \(EKS AMI kube-reserved cpu/);
    expect(g.instance!.from.pricePerHour).toMatch(/us-east-1.*recorded 2026-01-19/);
  });

  it('lets every key the group gives win, and says so', () => {
    const g = load(withGroup({ instanceType: 'n2-standard-8', region: 'us-central1', allocatable: { memory: '28Gi', pods: 64 }, pricePerHour: 0.12 }))
      .clusters[0].nodeGroups[0];
    expect(g.allocatable).toEqual({ cpuMilli: 7910, memoryBytes: 28 * GiB, pods: 64 });
    expect(g.pricePerHour).toBe(0.12);
    expect(g.instance!.from).toMatchObject({ memoryBytes: 'scenario', pods: 'scenario', pricePerHour: 'scenario' });
    expect(g.instance!.from.cpuMilli).toMatch(/GKE kube-reserved cpu/);
  });

  it('needs no region when the price is given (spot, or a negotiated rate)', () => {
    const g = load(withGroup({ instanceType: 'Standard_D8s_v5', pricePerHour: 0.08 })).clusters[0].nodeGroups[0];
    expect(g.allocatable.cpuMilli).toBe(7820);
    expect(g.instance!.region).toBeUndefined();
  });

  it('adds the key only to groups that name a type', () => {
    const g = load(minimal()).clusters[0].nodeGroups[0];
    expect('instance' in g).toBe(false);
  });

  it('works through a cluster override and --set', () => {
    const s = withGroup({ instanceType: 'm5.2xlarge', region: 'us-east-1' });
    s.clusters = ['az-a', { name: 'az-b', overrides: { nodeGroups: [{ name: 'general', instanceType: 'm5.4xlarge' }] } }];
    const loaded = load(s, { sets: ['nodeGroups.0.region=us-east-1'] });
    expect(loaded.clusters.map((c) => c.nodeGroups[0].pricePerHour)).toEqual([0.384, 0.768]);
    // 16 cores: 80 + 12000 x 0.0025 = 110m
    expect(loaded.clusters[1].nodeGroups[0].allocatable.cpuMilli).toBe(15890);
  });
});

describe('instanceType errors, at the group key that needs fixing', () => {
  it('a type not in the catalogue, with a suggestion', () => {
    expect(problemsOf(withGroup({ instanceType: 'm5.2xlarg', region: 'us-east-1' }))).toEqual([
      `${FILE}:7:19: nodeGroups.0.instanceType: "m5.2xlarg" is not in the instance catalogue (did you mean "m5.2xlarge"?); give allocatable {cpu, memory, pods} and pricePerHour instead`,
    ]);
  });

  it('no region for the price', () => {
    expect(problemsOf(withGroup({ instanceType: 'm5.2xlarge' }))).toEqual([
      expect.stringMatching(/nodeGroups\.0\.region: is required to look up the on-demand price of m5\.2xlarge \(or give pricePerHour\)$/),
    ]);
  });

  it('a region the price table lacks', () => {
    expect(problemsOf(withGroup({ instanceType: 'e2-standard-4', region: 'europe-west4' }))).toEqual([
      expect.stringMatching(/nodeGroups\.0\.region: the price table has no gcp region europe-west4 \(it has us-central1\); give pricePerHour$/),
    ]);
  });

  it('neither an instance type nor an allocatable', () => {
    const text = `nodeGroups:
  - name: general
    pricePerHour: 0.2
    max: 10
    provisioningDelay: 60s
`;
    expect(problems(text)).toEqual([`${FILE}:2:5: nodeGroups.0.allocatable: is required: {cpu, memory, pods?} (or give an instanceType to derive it from)`]);
  });

  it('a new group in a cluster override must be complete too', () => {
    const s = minimal();
    s.clusters = ['az-a', { name: 'az-b', overrides: { nodeGroups: [{ name: 'large', max: 5, provisioningDelay: '2m', instanceType: 'r5.large' }] } }];
    expect(problemsOf(s)).toEqual([expect.stringMatching(/clusters\.1\.overrides\.nodeGroups\.0\.region: is required to look up the on-demand price of r5\.large/)]);
  });

  it('warns when the type is given but nothing is left to derive', () => {
    const s = withGroup({ instanceType: 'm5.2xlarge', allocatable: { cpu: 4, memory: '16Gi', pods: 20 }, pricePerHour: 0.2 });
    const { warnings } = parseScenarioResult(stringify(s), FILE, { checkFiles: false });
    expect(warnings.map((w) => w.message)).toEqual(['m5.2xlarge is not used: allocatable cpu, memory, pods and pricePerHour are all given']);
  });
});
